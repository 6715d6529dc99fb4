import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg, skuArg } from '../common.js';
import { productTypeArg } from './listings-validate.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';
import type { Patch } from '../../workflows/listing-diff.js';
import { patchListingPlan } from '../../workflows/listing-patch.js';
import { IMAGE_ATTRIBUTES, imageUrlProblem, imageUrls } from '../../workflows/image-urls.js';

const urlArg = z.string().min(1).max(2048).describe('Public https URL of a JPEG, PNG, GIF or TIFF image that Amazon downloads.');

export const listingsImages = defineTool({
  name: 'listings_images',
  title: "Set or replace a listing's images",
  summary: 'set, replace or remove the main and up to 8 other images by https URL; preview shows before/after URLs, same confirm flow',
  description:
    'Set or replace the images of an existing listing: the main image (main_product_image_locator) and the other images ' +
    '(other_product_image_locator_1..8), from public https URLs Amazon downloads itself (files are not uploaded). ' +
    '`main` sets the main image; `other` lists the other images by slot: other[0] is slot 1, null removes that slot, and ' +
    'slots after the list stay as they are. URLs are checked locally first (absolute, https, public host, no spaces). ' +
    'It is a listings_patch underneath, with the same two steps and human approval: the first call writes nothing and ' +
    'returns confirm.diff_preview.images (each slot before → after URL) plus validation; then the user approves in a form, ' +
    'or you call again with the same arguments plus confirmationToken. Amazon fetches the images after accepting: check ' +
    'listings_get later for image issues.',
  toolset: 'listings',
  capability: 'listings.write',
  input: z
    .object({
      sku: skuArg,
      productType: productTypeArg,
      main: urlArg.optional(),
      other: z
        .array(urlArg.nullable())
        .max(8)
        .optional()
        .describe('Other images by slot (index 0 = other_product_image_locator_1); null removes that slot.'),
      marketplace: marketplaceArg,
      confirmationToken: confirmationTokenArg,
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    if (args.main === undefined && (!args.other || args.other.length === 0)) {
      throw new ToolError('INVALID_REQUEST', 'Give `main` and/or `other` (a list of URLs by slot); nothing to change otherwise.');
    }
    const problems: string[] = [];
    const check = (slot: string, url: string) => {
      const why = imageUrlProblem(url);
      if (why) problems.push(`${slot} ${JSON.stringify(url.slice(0, 120))} ${why}`);
    };
    if (args.main !== undefined) check('main', args.main);
    args.other?.forEach((u, i) => u !== null && check(`other[${i}]`, u));
    if (problems.length) {
      throw new ToolError('INVALID_REQUEST', `Image URLs must be public https URLs; nothing was sent: ${problems.join('; ')}.`, { problems });
    }
    const patches: Patch[] = [];
    const slot = (attribute: string, url: string | null) =>
      patches.push(
        url === null
          ? { op: 'delete', path: `/attributes/${attribute}`, value: [{ marketplace_id: marketplaceId }] }
          : { op: 'replace', path: `/attributes/${attribute}`, value: [{ media_location: url, marketplace_id: marketplaceId }] },
      );
    if (args.main !== undefined) slot('main_product_image_locator', args.main);
    args.other?.forEach((u, i) => slot(`other_product_image_locator_${i + 1}`, u));
    const plan = patchListingPlan(ctx, {
      tool: 'listings_images',
      sku: args.sku,
      productType: args.productType,
      marketplaceId,
      patches,
      describe(before, after) {
        const b = imageUrls(before, marketplaceId);
        const a = imageUrls(after, marketplaceId);
        const images = IMAGE_ATTRIBUTES.filter((n) => b[n] !== undefined || a[n] !== undefined).map((n) => ({
          slot: n,
          before: b[n] ?? '(none)',
          after: a[n] ?? '(none)',
          change: b[n] === a[n] ? 'unchanged' : b[n] === undefined ? 'added' : a[n] === undefined ? 'removed' : 'replaced',
        }));
        return { images };
      },
    });
    return runWrite(ctx, plan, args.confirmationToken);
  },
});
