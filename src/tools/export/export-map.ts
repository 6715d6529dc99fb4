import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { loadBatch } from './batch.js';
import { productTypeArg } from '../listings/listings-validate.js';
import { buildAttributes, type ValueOrigin } from '../../workflows/export/mapping.js';
import { loadProductTypeSchema } from '../../product-types/schema-cache.js';
import { loadValidator } from '../../validation/load.js';
import type { AttributesValidator } from '../../validation/index.js';
import { resolveMarketplace } from '../../lib/marketplaces.js';
import type { ExportProduct, StoredIssue } from '../../store/export-store.js';

const columnMapping = z
  .object({
    attribute: z.string().min(1).max(100),
    column: z.string().min(1).max(200),
    translate: z.record(z.string(), z.string()).optional().describe('Source value → Amazon value, e.g. {"Navy Blue":"navy"}.'),
    template: z.json().optional().describe('Entry template for nested attributes with "{{value}}", "{{number}}", "{{integer}}" placeholders.'),
    split: z.string().min(1).max(5).optional().describe('Split the cell into several entries, e.g. "|".'),
  })
  .strict();

const entries = z.record(z.string(), z.array(z.json()).min(1));

const EDITABLE_STATES = new Set(['loaded', 'invalid', 'valid', 'confirmed', 'failed', 'unresolvable']);

export const exportMap = defineTool({
  name: 'export_map',
  title: 'Map products to Amazon product types and attributes',
  summary: 'set product types and attribute values per group or product (mapped from a column, or generated), validate, report what is missing',
  description:
    "Set, for a batch from export_load, each product's Amazon product type and attribute values, then validate them " +
    'against the product type schema. Give groups (several SKUs or all products sharing a product type) with column ' +
    'mappings — {attribute, column, translate?, template?, split?}: the value is taken from that spreadsheet column ' +
    '(marked "mapped"); marketplace_id and language_tag are added for you; use template for nested attributes, e.g. ' +
    'purchasable_offer: [{"currency":"USD","our_price":[{"schedule":[{"value_with_tax":"{{number}}"}]}]}] or ' +
    'fulfillment_availability: [{"fulfillment_channel_code":"DEFAULT","quantity":"{{integer}}"}] — and constant values ' +
    'for the whole group (marked "generated"). Give products for per-SKU values (gap-filling: marked "generated" unless ' +
    'origins names a source column) or removals. Calls merge into earlier ones, so call again with only the fixes. Only ' +
    "generate values you can justify from the seller's data; ask the seller for facts you cannot know (identifiers, " +
    'materials, certifications). Returns per-issue lists (what is missing or wrong, allowed values, limits) with the SKUs ' +
    'affected. Repeat until every product is valid. Next: export_preview.',
  toolset: 'listings',
  capability: 'listings.read',
  input: z
    .object({
      batchId: z.string().min(3).max(40),
      groups: z
        .array(
          z
            .object({
              skus: z.array(z.string().min(1).max(40)).min(1).max(25000).optional().describe('SKUs of the group.'),
              where: z
                .object({ column: z.string().min(1).max(200), equals: z.array(z.string()).min(1).max(100) })
                .strict()
                .optional()
                .describe(
                  'Products whose source column has one of these values, e.g. {"column":"Category","equals":["Shirts"]}. Without skus and where: every product.',
                ),
              productType: productTypeArg,
              columns: z.array(columnMapping).max(200).optional(),
              values: entries.optional().describe('Attribute → entries for every product of the group (generated).'),
            })
            .strict(),
        )
        .max(100)
        .optional(),
      products: z
        .array(
          z
            .object({
              sku: z.string().min(1).max(40),
              productType: productTypeArg.optional(),
              values: entries.optional(),
              origins: z.record(z.string(), z.string()).optional().describe('Attribute → source column it came from, or "generated" (default).'),
              remove: z.array(z.string()).max(100).optional().describe('Attributes to drop.'),
              unresolvable: z
                .string()
                .min(3)
                .max(500)
                .optional()
                .describe('Give up on this product with this reason (e.g. the seller has no barcode); it is reported, never submitted.'),
            })
            .strict(),
        )
        .max(2000)
        .optional(),
    })
    .strict(),
  output: z.object({
    batchId: z.string(),
    updated: z.number(),
    counts: z.object({ total: z.number(), categorized: z.number(), valid: z.number(), invalid: z.number(), unmapped: z.number() }),
    issues: z.array(
      z.object({ code: z.string(), message: z.string(), attributeNames: z.array(z.string()), count: z.number(), skus: z.array(z.string()) }),
    ),
    problems: z.array(z.string()),
    next: z.string(),
  }),
  // Writes only our local batch store, never Amazon.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    if (!args.groups?.length && !args.products?.length) throw new ToolError('INVALID_REQUEST', 'Give groups and/or products to map.');
    const batch = await loadBatch(ctx, args.batchId);
    const marketplace = resolveMarketplace(batch.marketplaceId);
    const all = await ctx.exports.products(batch.id);
    const bySku = new Map(all.map((p) => [p.sku, p]));
    const problems: string[] = [];
    const unknown = new Set<string>();
    const pick = (skus?: string[]) =>
      skus ? skus.map((s) => bySku.get(s) ?? (unknown.add(s), undefined)).filter((p): p is ExportProduct => !!p) : all;

    // Work out, per product, what this call changes.
    interface Pending {
      product: ExportProduct;
      productType?: string;
      groups: NonNullable<typeof args.groups>;
      own?: NonNullable<typeof args.products>[number];
    }
    const pending = new Map<string, Pending>();
    const entry = (p: ExportProduct) => pending.get(p.sku) ?? (pending.set(p.sku, { product: p, groups: [] }), pending.get(p.sku)!);
    for (const g of args.groups ?? []) {
      const members = pick(g.skus).filter((p) => !g.where || g.where.equals.includes((p.source[g.where.column] ?? '').trim()));
      if (g.where && !batch.columns.includes(g.where.column)) problems.push(`Column "${g.where.column}" is not in the source.`);
      for (const p of members) {
        const e = entry(p);
        e.productType = g.productType;
        e.groups.push(g);
      }
    }
    for (const own of args.products ?? []) {
      const p = bySku.get(own.sku);
      if (!p) {
        unknown.add(own.sku);
        continue;
      }
      const e = entry(p);
      e.own = own;
      if (own.productType) e.productType = own.productType;
    }
    if (unknown.size)
      problems.push(
        `Unknown SKUs (not in this batch): ${[...unknown].slice(0, 20).join(', ')}${unknown.size > 20 ? ` and ${unknown.size - 20} more` : ''}.`,
      );

    const schemas = new Map<string, { schema: Record<string, unknown>; validate: AttributesValidator }>();
    const schemaFor = async (productType: string) => {
      let s = schemas.get(productType);
      if (!s) {
        const loaded = await loadProductTypeSchema(
          ctx.client,
          ctx.resources,
          { productType, marketplaceId: batch.marketplaceId, sellerId: ctx.sellerId },
          { signal: ctx.signal, onWait: ctx.onWait },
        );
        s = { schema: loaded.schema, validate: await loadValidator(loaded.schema, loaded.resource.uri) };
        schemas.set(productType, s);
      }
      return s;
    };

    let updated = 0;
    const writes: Array<() => Promise<void>> = [];
    for (const { product, own } of pending.values()) {
      if (!own?.unresolvable) continue;
      writes.push(() => ctx.exports.updateProduct(batch.id, product.sku, { state: 'unresolvable', reason: own.unresolvable }));
      pending.delete(product.sku);
      updated++;
    }
    for (const { product, productType: newType, groups, own } of pending.values()) {
      if (!EDITABLE_STATES.has(product.state)) {
        problems.push(`${product.sku} is ${product.state} at Amazon; its mapping can no longer change in this batch.`);
        continue;
      }
      const productType = newType ?? product.productType;
      if (!productType) {
        problems.push(`${product.sku}: give a productType first.`);
        continue;
      }
      const { schema, validate } = await schemaFor(productType);
      // A new product type starts from scratch; otherwise merge into earlier mappings.
      const keep = productType === product.productType;
      const attributes: Record<string, unknown> = keep ? { ...(product.attributes ?? {}) } : {};
      const origins: Record<string, ValueOrigin> = keep ? { ...((product.origins as Record<string, ValueOrigin>) ?? {}) } : {};
      for (const g of groups) {
        const built = buildAttributes({
          schema,
          marketplaceId: batch.marketplaceId,
          languageTag: marketplace.language,
          row: product.source,
          columns: g.columns,
          values: g.values,
        });
        Object.assign(attributes, built.attributes);
        Object.assign(origins, built.origins);
        for (const p of built.problems) if (!problems.includes(p)) problems.push(p);
      }
      if (own) {
        const built = buildAttributes({
          schema,
          marketplaceId: batch.marketplaceId,
          languageTag: marketplace.language,
          row: product.source,
          productValues: own.values as Record<string, unknown[]> | undefined,
          productOrigins: own.origins,
        });
        Object.assign(attributes, built.attributes);
        Object.assign(origins, built.origins);
        for (const p of built.problems) problems.push(`${own.sku}: ${p}`);
        for (const r of own.remove ?? []) {
          delete attributes[r];
          delete origins[r];
        }
      }
      const issues: StoredIssue[] = validate(attributes).map((i) => ({ ...i, source: 'local' }));
      const valid = !issues.some((i) => i.severity === 'ERROR');
      const parent = (attributes.child_parent_sku_relationship as Array<{ parent_sku?: string }> | undefined)?.[0]?.parent_sku;
      writes.push(() =>
        ctx.exports.updateProduct(batch.id, product.sku, {
          productType,
          attributes,
          origins,
          issues,
          parentSku: parent,
          state: valid ? 'valid' : 'invalid',
          reason: undefined,
        }),
      );
      updated++;
    }
    await ctx.exports.transaction(async () => {
      for (const w of writes) await w();
    });

    // Group identical issues across products so 200 products with the same gap cost one line.
    const after = await ctx.exports.products(batch.id);
    const grouped = new Map<string, { code: string; message: string; attributeNames: string[]; count: number; skus: string[] }>();
    for (const p of after) {
      if (p.state !== 'invalid') continue;
      for (const i of p.issues.filter((x) => x.severity === 'ERROR')) {
        const k = `${i.code}|${i.message}`;
        const g = grouped.get(k) ?? { code: i.code, message: i.message, attributeNames: i.attributeNames ?? [], count: 0, skus: [] };
        g.count++;
        if (g.skus.length < 10) g.skus.push(p.sku);
        grouped.set(k, g);
      }
    }
    const counts = {
      total: after.length,
      categorized: after.filter((p) => p.productType).length,
      valid: after.filter((p) => p.state === 'valid').length,
      invalid: after.filter((p) => p.state === 'invalid').length,
      unmapped: after.filter((p) => p.state === 'loaded').length,
    };
    const issues = [...grouped.values()].sort((a, b) => b.count - a.count).slice(0, 40);
    return {
      batchId: batch.id,
      updated,
      counts,
      issues,
      problems: problems.slice(0, 40),
      next:
        counts.invalid + counts.unmapped > 0
          ? 'Fix the listed issues (fill required attributes, use allowed values) with another export_map call, then check again.'
          : 'Every mapped product is valid. Next: export_preview to show the seller what will be submitted.',
    };
  },
});
