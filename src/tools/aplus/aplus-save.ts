import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';

const text = z.string().min(1).max(10_000);
const imageArg = z
  .object({
    uploadDestinationId: z.string().min(1).max(500).describe('From an earlier upload (or an image of an existing document, see aplus_get).'),
    altText: z.string().min(1).max(100),
    width: z.number().int().min(1).max(10_000).optional(),
    height: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
const body = z.array(text).min(1).max(20).describe('Paragraphs.');

const moduleArg = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('header_image_text'), headline: text.max(150), image: imageArg, imageHeadline: text.max(150).optional(), body })
    .strict(),
  z
    .object({
      kind: z.literal('image_text'),
      imagePosition: z.enum(['LEFT', 'RIGHT']).default('LEFT'),
      image: imageArg,
      headline: text.max(160).optional(),
      body,
    })
    .strict(),
  z.object({ kind: z.literal('text'), headline: text.max(160).optional(), body }).strict(),
  z
    .object({
      kind: z.literal('comparison_table'),
      metricLabels: z.array(z.string().min(1).max(250)).min(1).max(10),
      products: z
        .array(
          z
            .object({
              title: z.string().min(1).max(80),
              asin: z
                .string()
                .regex(/^[A-Z0-9]{10}$/)
                .optional(),
              image: imageArg.optional(),
              highlight: z.boolean().optional(),
              values: z.array(z.string().min(1).max(250)).max(10).describe('One value per metric label, in order.'),
            })
            .strict(),
        )
        .min(2)
        .max(6),
    })
    .strict(),
]);
type ModuleArg = z.infer<typeof moduleArg>;

const t = (value: string) => ({ value, decoratorSet: [] as unknown[] });
const paragraph = (lines: string[]) => ({ textList: lines.map(t) });
const image = (i: z.infer<typeof imageArg>, w: number, h: number) => ({
  uploadDestinationId: i.uploadDestinationId,
  altText: i.altText,
  imageCropSpecification: { size: { width: { value: i.width ?? w, units: 'pixels' }, height: { value: i.height ?? h, units: 'pixels' } } },
});

/** Our structured modules → Amazon's module objects (sizes default to Amazon's recommended image sizes per module). */
export function toAmazonModule(m: ModuleArg): Record<string, unknown> {
  switch (m.kind) {
    case 'header_image_text':
      return {
        contentModuleType: 'STANDARD_HEADER_IMAGE_TEXT',
        standardHeaderImageText: {
          headline: t(m.headline),
          block: { image: image(m.image, 970, 600), ...(m.imageHeadline ? { headline: t(m.imageHeadline) } : {}), body: paragraph(m.body) },
        },
      };
    case 'image_text':
      return {
        contentModuleType: 'STANDARD_SINGLE_SIDE_IMAGE',
        standardSingleSideImage: {
          imagePositionType: m.imagePosition,
          block: { image: image(m.image, 300, 300), ...(m.headline ? { headline: t(m.headline) } : {}), body: paragraph(m.body) },
        },
      };
    case 'text':
      return { contentModuleType: 'STANDARD_TEXT', standardText: { ...(m.headline ? { headline: t(m.headline) } : {}), body: paragraph(m.body) } };
    case 'comparison_table':
      return {
        contentModuleType: 'STANDARD_COMPARISON_TABLE',
        standardComparisonTable: {
          productColumns: m.products.map((p, i) => ({
            position: i + 1,
            title: p.title,
            ...(p.asin ? { asin: p.asin } : {}),
            ...(p.image ? { image: image(p.image, 150, 300) } : {}),
            ...(p.highlight !== undefined ? { highlight: p.highlight } : {}),
            metrics: p.values.map((value, j) => ({ position: j + 1, value })),
          })),
          metricRowLabels: m.metricLabels.map((value, i) => ({ position: i + 1, value })),
        },
      };
  }
}

export const aplusSave = defineTool({
  name: 'aplus_save',
  title: 'Create or update an A+ Content document',
  summary: "create or update an A+ document from structured modules; Amazon's validation runs in the preview; confirmed; saved as a draft",
  description:
    'Create an A+ Content document, or replace the content of one (contentReferenceKey from aplus_list), from modules: ' +
    'header_image_text (headline, image, body: the standard header image with text), image_text (image left or right ' +
    'with headline and body), text (headline and body), comparison_table (2–6 products with title, optional ASIN, image ' +
    'and one value per metric label). Images are referenced by uploadDestinationId (an earlier upload, or an image of an ' +
    "existing document shown by aplus_get). The preview runs Amazon's validateContentDocumentAsinRelations with the " +
    'ASINs you plan to apply it to and blocks on its errors (missing images, claims A+ does not allow such as "#1" or ' +
    '"guarantee", unknown ASINs). Two steps with human approval as for listings: the first call writes nothing; then ' +
    'the user approves in a form, or you call again with the same arguments plus confirmationToken. The document is ' +
    'saved as a DRAFT (an update also returns it to DRAFT); it is not published until it is applied to ASINs and approved.',
  toolset: 'aplus',
  capability: 'aplus.write',
  input: z
    .object({
      name: z.string().min(1).max(100).describe('Internal name, shown in Seller Central.'),
      locale: z
        .string()
        .regex(/^[a-z]{2,}-[A-Z0-9]{2,}$/)
        .default('en-US'),
      modules: z.array(moduleArg).min(1).max(7),
      asins: z
        .array(z.string().regex(/^[A-Z0-9]{10}$/))
        .max(100)
        .default([])
        .describe('ASINs it will be applied to, for validation.'),
      contentReferenceKey: z.string().min(1).max(200).optional().describe('Update this document instead of creating one.'),
      marketplace: marketplaceArg,
      confirmationToken: confirmationTokenArg,
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const contentDocument = {
      name: args.name,
      contentType: 'EBC' as const,
      locale: args.locale,
      contentModuleList: args.modules.map(toAmazonModule),
    };
    const opts = { signal: ctx.signal, onWait: ctx.onWait };
    const key = args.contentReferenceKey;
    return runWrite(
      ctx,
      {
        request: {
          tool: 'aplus_save',
          sellerId: ctx.sellerId,
          marketplaceId,
          sku: key ?? `new A+ document "${args.name}"`,
          payload: { contentReferenceKey: key ?? null, contentDocument },
        },
        async preview() {
          const v = await ctx.client.validateContentDocumentAsinRelations(
            { marketplaceId, contentDocument, ...(args.asins.length ? { asinSet: args.asins } : {}) },
            opts,
          );
          let current: string | undefined;
          if (key) {
            const doc = await ctx.client.getContentDocument({ contentReferenceKey: key, marketplaceId, includedDataSet: ['METADATA'] }, opts);
            current = doc.contentRecord.contentMetadata?.status;
          }
          const errors = v.errors.map((e) => ({ code: e.code, message: e.message.slice(0, 300) }));
          return {
            summary:
              `aplus_save will ${key ? `replace the content of A+ document ${key}${current ? ` (now ${current}; it returns to DRAFT)` : ''}` : 'create a new A+ document'} ` +
              `"${args.name}" (${args.locale}) with ${args.modules.length} module(s) in marketplace ${marketplaceId}.`,
            diffPreview: {
              modules: args.modules.map((m) => m.kind),
              validatedAsins: args.asins,
              validation: errors.length ? 'ERRORS' : 'VALID',
              errors,
              ...(v.warnings?.length ? { warnings: v.warnings.map((w) => w.message.slice(0, 300)) } : {}),
            },
            ...(errors.length ? { blocked: `Amazon's validation found ${errors.length} problem(s).` } : {}),
          };
        },
        async execute() {
          let requestId: string | undefined;
          const onMeta = (m: { requestId?: string | undefined }) => (requestId = m.requestId);
          const res = key
            ? await ctx.client.updateContentDocument({ contentReferenceKey: key, marketplaceId, contentDocument }, { ...opts, onMeta })
            : await ctx.client.createContentDocument({ marketplaceId, contentDocument }, { ...opts, onMeta });
          return {
            ok: true,
            status: 'DRAFT',
            requestId,
            result: { contentReferenceKey: res.contentReferenceKey },
            next: `Saved as a DRAFT (${res.contentReferenceKey}). It is published only after it is applied to ASINs and submitted for Amazon's approval; check its status with aplus_list.`,
          };
        },
      },
      args.confirmationToken,
    );
  },
});
