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
import { groupWarnings } from '../../workflows/export/data-warnings.js';
import { decimalSeparatorFor } from '../../workflows/export/clean-values.js';
import { answerEntry, buildQuestions, questionId, type Question } from '../../workflows/export/questions.js';
import { themeWord } from '../../workflows/export/formats.js';
import type { ToolContext } from '../../core/tool.js';
import { identifierProblem } from '../../lib/gtin.js';

/** The mapping-memory column under which the seller's answers are remembered. */
export const SELLER_ANSWER = 'seller answer';

const columnMapping = z
  .object({
    attribute: z.string().min(1).max(100),
    column: z
      .union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(5)])
      .describe('The source column, or several whose values are joined into one (e.g. ["Title","Size","Color"]).'),
    join: z.string().max(5).optional().describe('Between joined columns (default ", ").'),
    translate: z.record(z.string(), z.string()).optional().describe('Source value → Amazon value, e.g. {"Navy Blue":"navy"}.'),
    template: z
      .json()
      .optional()
      .describe(
        'One entry (an object; a one-entry array is accepted too) for nested attributes, with "{{value}}", "{{number}}", "{{integer}}", "{{gtin}}", "{{gtin_type}}" placeholders.',
      ),
    split: z.string().min(1).max(5).optional().describe('Split the cell into several entries, e.g. "|".'),
    note: z.string().max(300).optional().describe('Ignored: lets a proposedMapping from export_load be passed as is.'),
  })
  .strict();

// Attribute → entries; one entry object is taken as a one-entry array (assistants give either shape).
const entries = z.record(z.string(), z.union([z.array(z.json()).min(1), z.record(z.string(), z.json())]));

function asEntries(values: Record<string, unknown> | undefined): Record<string, unknown[]> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
}

const EDITABLE_STATES = new Set(['loaded', 'invalid', 'valid', 'confirmed', 'failed', 'unresolvable', 'skipped']);
const answer = z.union([z.string().max(2000), z.number(), z.boolean(), z.record(z.string(), z.json())]);

export const exportMap = defineTool({
  name: 'export_map',
  title: 'Map products to Amazon product types and attributes',
  summary:
    'set product types and attribute values per group or product (mapped from a column, or generated), skip products, validate; returns data warnings and the questions for the seller, one per missing fact and product type (form or chat)',
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
    'affected, the data warnings per kind, and questions for the seller: each missing fact once per product type with ' +
    "the schema's allowed values and the SKUs an answer fills. Ask the seller (askSeller: true shows them in one form " +
    'where the client supports it) and pass the answers as answers [{question, value}]; never invent facts. Skip ' +
    'products the seller does not want listed with skip [{skus, reason}] (they are reported as skipped, never failed). ' +
    'Repeat until every product is valid or skipped. Next: export_preview.',
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
      skip: z
        .array(z.object({ skus: z.array(z.string().min(1).max(40)).min(1).max(25000), reason: z.string().min(3).max(300) }).strict())
        .max(100)
        .optional()
        .describe(
          'Products the seller chose not to list (e.g. proposedSkips of export_load), with the reason. Listing a skipped SKU in products brings it back.',
        ),
      answers: z
        .array(
          z
            .object({
              question: z.string().min(3).max(200).describe('A question id from questions, e.g. "SHIRT/country_of_origin".'),
              value: answer.describe(
                'The seller\'s answer: one of allowedValues (value or label), text, a number, a value with its unit ("350 ml"), or an entry object.',
              ),
              skus: z.array(z.string().min(1).max(40)).min(1).max(25000).optional().describe('Only these products (required for per-product facts).'),
            })
            .strict(),
        )
        .max(200)
        .optional()
        .describe("The seller's answers to questions; each fills the products the question names and joins the mapping memory."),
      askSeller: z
        .boolean()
        .default(false)
        .describe('Show the remaining group questions to the seller in one form (clients with form elicitation) and apply the answers.'),
    })
    .strict(),
  output: z.object({
    batchId: z.string(),
    updated: z.number(),
    counts: z.object({
      total: z.number(),
      categorized: z.number(),
      valid: z.number(),
      invalid: z.number(),
      unmapped: z.number(),
      skipped: z.number(),
    }),
    byState: z.record(z.string(), z.number()).describe('Products per state; always sums to counts.total.'),
    issues: z.array(
      z.object({ code: z.string(), message: z.string(), attributeNames: z.array(z.string()), count: z.number(), skus: z.array(z.string()) }),
    ),
    dataWarnings: z.array(
      z.object({ kind: z.string(), title: z.string(), count: z.number(), skus: z.array(z.string()), examples: z.array(z.string()) }),
    ),
    questions: z.array(
      z.object({
        id: z.string(),
        productType: z.string(),
        attribute: z.string(),
        title: z.string(),
        question: z.string(),
        count: z.number(),
        skus: z.array(z.string()),
        kind: z.enum(['choice', 'text', 'number', 'boolean', 'structured']),
        perProduct: z.boolean(),
        allowedValues: z.array(z.object({ value: z.union([z.string(), z.number(), z.boolean()]), label: z.string() })).optional(),
        moreAllowedValues: z.number().optional(),
        description: z.string().optional(),
        previousAnswer: z.string().optional(),
      }),
    ),
    asked: z.object({ action: z.string(), answered: z.number() }).optional(),
    problems: z.array(z.string()),
    next: z.string(),
  }),
  // Writes only our local batch store, never Amazon.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, ctx) {
    const args = {
      ...input,
      groups: input.groups?.map((g) => ({ ...g, values: asEntries(g.values) })),
      products: input.products?.map((p) => ({ ...p, values: asEntries(p.values) })),
    };
    const first = await mapOnce(args, ctx);
    if (!args.askSeller) return first;
    if (!ctx.askForm) {
      return {
        ...first,
        next: `This client cannot show forms: ask the seller the questions in chat and pass their answers as answers. ${first.next}`,
      };
    }
    const group = first.questions.filter((q) => !q.perProduct && q.kind !== 'structured').slice(0, 20);
    if (group.length === 0) return first;
    const properties: Record<string, Record<string, unknown>> = {};
    const keys = new Map<string, Question>();
    group.forEach((q, i) => {
      const key = `q${i + 1}`;
      keys.set(key, q);
      const description = `${q.question}. ${q.description ?? ''}`.trim();
      properties[key] =
        q.kind === 'choice' && q.allowedValues
          ? {
              type: 'string',
              title: `${q.title} (${q.productType})`,
              description,
              oneOf: q.allowedValues.map((c) => ({ const: String(c.value), title: c.label })),
            }
          : q.kind === 'number'
            ? { type: 'number', title: `${q.title} (${q.productType})`, description }
            : q.kind === 'boolean'
              ? { type: 'boolean', title: `${q.title} (${q.productType})`, description }
              : { type: 'string', title: `${q.title} (${q.productType})`, description };
    });
    const res = await ctx.askForm(
      `Amazon needs ${group.length} fact(s) your product data does not have. Each answer fills every product named; leave a field empty if you do not know.`,
      properties,
    );
    if (res.action !== 'accept' || !res.content) return { ...first, asked: { action: res.action, answered: 0 } };
    const answers = [...keys.entries()]
      .filter(([k]) => res.content![k] !== undefined && res.content![k] !== '')
      .map(([k, q]) => ({ question: q.id, value: res.content![k] as string | number | boolean }));
    if (answers.length === 0) return { ...first, asked: { action: 'accept', answered: 0 } };
    const second = await mapOnce({ batchId: args.batchId, answers, askSeller: false }, ctx);
    return { ...second, updated: first.updated + second.updated, asked: { action: 'accept', answered: answers.length } };
  },
});

type MapArgs = {
  batchId: string;
  groups?: Array<{
    skus?: string[] | undefined;
    where?: { column: string; equals: string[] } | undefined;
    productType: string;
    columns?: Array<Record<string, unknown> & { attribute: string; column: string | string[] }> | undefined;
    values?: Record<string, unknown[]> | undefined;
  }>;
  products?: Array<{
    sku: string;
    productType?: string | undefined;
    values?: Record<string, unknown[]> | undefined;
    origins?: Record<string, string> | undefined;
    remove?: string[] | undefined;
    unresolvable?: string | undefined;
  }>;
  skip?: Array<{ skus: string[]; reason: string }> | undefined;
  answers?: Array<{ question: string; value: unknown; skus?: string[] | undefined }> | undefined;
  askSeller?: boolean;
};

/** The variation theme of the schema whose words are exactly these dimensions, e.g. SIZE_COLOR for Size + Color. */
function matchTheme(schema: Record<string, unknown>, dimensions: string[]): { theme?: string; allowed: string[] } {
  const leaf = ((((schema.properties as Record<string, any> | undefined)?.variation_theme?.items?.properties?.name ?? {}) as Record<string, unknown>)
    .enum ?? []) as string[];
  const want = new Set(dimensions.map(themeWord));
  const words = (t: string) => (t.includes('/') ? t.split('/').map((w) => w.replace(/_NAME$/, '')) : t.split('_'));
  const theme = leaf.find((t) => {
    const w = words(t);
    return w.length === want.size && w.every((x) => want.has(x));
  });
  return { ...(theme ? { theme } : {}), allowed: leaf };
}

async function mapOnce(args: MapArgs, ctx: ToolContext) {
  if (!args.groups?.length && !args.products?.length && !args.skip?.length && !args.answers?.length && !args.askSeller)
    throw new ToolError('INVALID_REQUEST', 'Give groups, products, skip or answers to map (or askSeller: true).');
  const batch = await loadBatch(ctx, args.batchId);
  const marketplace = resolveMarketplace(batch.marketplaceId);
  const decimal = decimalSeparatorFor(marketplace.language);
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
    groups: NonNullable<MapArgs['groups']>;
    own?: NonNullable<MapArgs['products']>[number];
    answers: Record<string, unknown[]>;
  }
  const pending = new Map<string, Pending>();
  const entry = (p: ExportProduct) => pending.get(p.sku) ?? (pending.set(p.sku, { product: p, groups: [], answers: {} }), pending.get(p.sku)!);
  const skipped = new Map<string, string>();
  for (const s of args.skip ?? []) for (const p of pick(s.skus)) skipped.set(p.sku, s.reason);
  for (const g of args.groups ?? []) {
    // A group never brings back a product the seller chose to skip; naming it in products does.
    const members = pick(g.skus).filter(
      (p) => p.state !== 'skipped' && !skipped.has(p.sku) && (!g.where || g.where.equals.includes((p.source[g.where.column] ?? '').trim())),
    );
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

  // Answers: each fills the products its question names (those still missing the fact), or the SKUs given.
  let answered = 0;
  for (const a of args.answers ?? []) {
    const [productType, attribute] = a.question.split('/') as [string, string | undefined];
    if (!attribute) {
      problems.push(`Question "${a.question}" is not a question id (productType/attribute, as in questions).`);
      continue;
    }
    const targets = a.skus
      ? pick(a.skus)
      : all.filter(
          (p) =>
            p.productType === productType &&
            p.state === 'invalid' &&
            p.issues.some((i) => i.code === '90220' && (i.attributeNames ?? []).includes(attribute)),
        );
    if (targets.length === 0) {
      problems.push(`No product needs an answer to ${a.question} any more.`);
      continue;
    }
    const { schema } = await schemaFor(productType);
    const built = answerEntry(schema, attribute, a.value);
    if (!built.entry) {
      problems.push(`${a.question}: ${built.problem}`);
      continue;
    }
    for (const p of targets) entry(p).answers[attribute] = [built.entry];
    answered++;
    await ctx.exports.remember(
      ctx.sellerId,
      {
        productType,
        sourceColumn: SELLER_ANSWER,
        attribute,
        translations: { answer: typeof a.value === 'object' ? JSON.stringify(a.value) : String(a.value) },
      },
      0,
    );
  }
  if (unknown.size)
    problems.push(
      `Unknown SKUs (not in this batch): ${[...unknown].slice(0, 20).join(', ')}${unknown.size > 20 ? ` and ${unknown.size - 20} more` : ''}.`,
    );

  let updated = 0;
  const writes: Array<() => Promise<void>> = [];
  for (const [sku, reason] of skipped) {
    const p = bySku.get(sku)!;
    if (!EDITABLE_STATES.has(p.state)) {
      problems.push(`${sku} is ${p.state} at Amazon; it can no longer be skipped.`);
      continue;
    }
    writes.push(() => ctx.exports.updateProduct(batch.id, sku, { state: 'skipped', reason }));
    pending.delete(sku);
    updated++;
  }
  for (const { product, own } of pending.values()) {
    if (!own?.unresolvable) continue;
    writes.push(() => ctx.exports.updateProduct(batch.id, product.sku, { state: 'unresolvable', reason: own.unresolvable }));
    pending.delete(product.sku);
    updated++;
  }
  const empties = new Map<string, string[]>();
  const noPrice: string[] = [];
  for (const { product, productType: newType, groups, own, answers } of pending.values()) {
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
    const localIssues: StoredIssue[] = keep ? product.issues.filter((i) => i.code === BARCODE_CODE) : [];
    const common = {
      schema,
      marketplaceId: batch.marketplaceId,
      languageTag: marketplace.language,
      row: product.source,
      knownColumns: batch.columns,
      decimal,
    };
    for (const g of groups) {
      const built = buildAttributes({ ...common, columns: g.columns as never, values: g.values as Record<string, unknown[]> | undefined });
      Object.assign(attributes, built.attributes);
      Object.assign(origins, built.origins);
      for (const p of built.problems) if (!problems.includes(p)) problems.push(p);
      for (const e of built.empty) {
        const k = `${e.column}|${e.attribute}`;
        empties.set(k, [...(empties.get(k) ?? []), product.sku]);
      }
      for (const w of built.withheld) {
        delete attributes[w.attribute];
        delete origins[w.attribute];
        localIssues.splice(0, localIssues.length, {
          code: BARCODE_CODE,
          message: `Invalid StandardProductID value for SKU [${product.sku}]: ${w.problem}. It was not sent; ask the seller for the real barcode.`,
          severity: 'ERROR',
          attributeNames: [w.attribute],
          source: 'local',
        });
      }
    }
    if (own || Object.keys(answers).length) {
      const built = buildAttributes({
        ...common,
        productValues: { ...(own?.values as Record<string, unknown[]> | undefined), ...answers },
        productOrigins: { ...own?.origins, ...Object.fromEntries(Object.keys(answers).map((a) => [a, SELLER_ANSWER])) },
      });
      Object.assign(attributes, built.attributes);
      Object.assign(origins, built.origins);
      for (const p of built.problems) problems.push(`${product.sku}: ${p}`);
      for (const r of own?.remove ?? []) {
        delete attributes[r];
        delete origins[r];
      }
      // A barcode given now replaces the one withheld.
      if ('externally_assigned_product_identifier' in (own?.values ?? {}) || 'externally_assigned_product_identifier' in answers)
        localIssues.length = 0;
    }
    // Variation families from the source (Shopify options, WooCommerce variations) become Amazon parent/child.
    const family = product.family;
    if (family && schema.properties && 'parentage_level' in (schema.properties as object)) {
      const cols = family.dimensions;
      const origin: ValueOrigin = { origin: 'mapped', column: cols.join(' + ') || 'family', ...(cols.length > 1 ? { columns: cols } : {}) };
      if (!attributes.parentage_level) {
        attributes.parentage_level = [{ value: family.role, marketplace_id: batch.marketplaceId }];
        origins.parentage_level = origin;
      }
      if (!attributes.child_parent_sku_relationship) {
        attributes.child_parent_sku_relationship = [
          {
            child_relationship_type: 'variation',
            ...(family.role === 'child' && family.parentSku ? { parent_sku: family.parentSku } : {}),
            marketplace_id: batch.marketplaceId,
          },
        ];
        origins.child_parent_sku_relationship = origin;
      }
      if (!attributes.variation_theme) {
        const m = matchTheme(schema, cols);
        if (m.theme) {
          attributes.variation_theme = [{ name: m.theme }];
          origins.variation_theme = origin;
        } else {
          const msg = `${productType} offers no variation theme for ${cols.join(' + ') || 'this family'} (allowed: ${m.allowed.join(', ')}); answer ${questionId(productType, 'variation_theme')} or choose another product type.`;
          if (!problems.includes(msg)) problems.push(msg);
        }
      }
    }
    // Whatever gave the barcode (a column, the assistant, the seller), a wrong one is withheld, never sent.
    const ids = attributes.externally_assigned_product_identifier as Array<{ type?: unknown; value?: unknown }> | undefined;
    for (const e of Array.isArray(ids) ? ids : []) {
      const why = typeof e?.type === 'string' && typeof e?.value === 'string' ? identifierProblem(e.type, e.value) : undefined;
      if (!why) continue;
      delete attributes.externally_assigned_product_identifier;
      delete origins.externally_assigned_product_identifier;
      localIssues.splice(0, localIssues.length, {
        code: BARCODE_CODE,
        message: `Invalid StandardProductID value for SKU [${product.sku}]: ${why}. It was not sent; ask the seller for the real barcode.`,
        severity: 'ERROR',
        attributeNames: ['externally_assigned_product_identifier'],
        source: 'local',
      });
      break;
    }
    const issues: StoredIssue[] = [...localIssues, ...validate(attributes).map((i) => ({ ...i, source: 'local' }))];
    const valid = !issues.some((i) => i.severity === 'ERROR');
    if (family?.role !== 'parent' && !attributes.purchasable_offer) noPrice.push(product.sku);
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
  const list = (skus: string[]) => `${skus.slice(0, 15).join(', ')}${skus.length > 15 ? ` and ${skus.length - 15} more` : ''}`;
  for (const [k, skus] of empties) {
    const [column, attribute] = k.split('|');
    problems.push(`Column "${column}" (for ${attribute}) is empty for SKUs ${list(skus)}: fill the gap or ask the seller.`);
  }
  if (noPrice.length)
    problems.push(
      `${noPrice.length} product(s) would be listed with no price and could not be bought: ${list(noPrice)}. Map a price column or ask the seller.`,
    );

  // Group identical issues across products so 200 products with the same gap cost one line.
  const after = await ctx.exports.products(batch.id);
  const grouped = new Map<string, { code: string; message: string; attributeNames: string[]; count: number; skus: string[] }>();
  for (const p of after) {
    if (p.state !== 'invalid') continue;
    for (const i of p.issues.filter((x) => x.severity === 'ERROR')) {
      const k = `${i.code}|${i.code === BARCODE_CODE ? 'barcode' : i.message}`;
      const g = grouped.get(k) ?? {
        code: i.code,
        message:
          i.code === BARCODE_CODE ? 'Invalid StandardProductID value: the barcode in the file is damaged or wrong; it was not sent.' : i.message,
        attributeNames: i.attributeNames ?? [],
        count: 0,
        skus: [],
      };
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
    skipped: after.filter((p) => p.state === 'skipped').length,
  };
  const memory = await ctx.exports.suggestions(ctx.sellerId, [SELLER_ANSWER]);
  const questions = buildQuestions(
    after,
    (t) => schemas.get(t)?.schema,
    (t, a) => memory.find((m) => m.productType === t && m.attribute === a)?.translations.answer,
  );
  // Schemas of product types mapped in earlier calls are loaded for their questions too.
  const missingSchemas = [
    ...new Set(after.filter((p) => p.state === 'invalid' && p.productType && !schemas.has(p.productType)).map((p) => p.productType!)),
  ];
  for (const t of missingSchemas) await schemaFor(t);
  const allQuestions = missingSchemas.length
    ? buildQuestions(
        after,
        (t) => schemas.get(t)?.schema,
        (t, a) => memory.find((m) => m.productType === t && m.attribute === a)?.translations.answer,
      )
    : questions;
  const issues = [...grouped.values()].sort((a, b) => b.count - a.count).slice(0, 40);
  return {
    batchId: batch.id,
    updated,
    counts,
    byState: after.reduce<Record<string, number>>((m, p) => ((m[p.state] = (m[p.state] ?? 0) + 1), m), {}),
    issues,
    dataWarnings: groupWarnings(after.filter((p) => p.state !== 'skipped')),
    questions: allQuestions.slice(0, 40),
    problems: problems.slice(0, 40),
    next:
      counts.invalid + counts.unmapped > 0
        ? (allQuestions.length
            ? `Ask the seller the ${allQuestions.length} question(s) (one answer per group question; per-product ones SKU by SKU), then pass their answers as answers. `
            : '') +
          "Fix what the data allows (fill required attributes from the seller's columns, use allowed values) with another export_map call, then check again. Products you cannot complete stay unsent." +
          (answered ? ` ${answered} answer(s) applied and remembered.` : '')
        : 'Every mapped product is valid' +
          (counts.skipped ? ` (${counts.skipped} skipped)` : '') +
          '. Next: export_preview to show the seller what will be submitted.',
  };
}

/** Amazon's code for an invalid product identifier (Seller Central error 8106). */
const BARCODE_CODE = '8106';
