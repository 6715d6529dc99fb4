// Recognises the exports sellers actually have — Shopify and WooCommerce product CSVs, Amazon's own inventory
// file and listings report — and turns their rows into products: variant rows inherit their product's fields,
// option names become variation families, and each format proposes the column mappings it implies.
// Anything else is read as a generic table (one row per product).
import type { NewProduct, Reject } from '../../store/export-store.js';
import { checkProducts, findColumn } from './check-products.js';
import { productWarnings, sellableProblem, type ColumnRoles, type DataWarning } from './data-warnings.js';
import type { SourceRow, SourceTable } from './table.js';
import { htmlToText } from './clean-values.js';

export type SourceFormat = 'shopify' | 'woocommerce' | 'amazon_inventory_file' | 'amazon_listings_report' | 'generic';

export const FORMAT_NAMES: Record<SourceFormat, string> = {
  shopify: 'Shopify product CSV',
  woocommerce: 'WooCommerce product CSV',
  amazon_inventory_file: 'Amazon inventory file (category listing template)',
  amazon_listings_report: 'Amazon listings report',
  generic: 'a generic table (one row per product)',
};

export interface FamilyInfo {
  role: 'parent' | 'child';
  parentSku?: string;
  /** Derived columns holding the variation dimensions, e.g. ["Size", "Color"], in option order. */
  dimensions: string[];
}

export interface LoadedProduct extends NewProduct {
  warnings: DataWarning[];
  family?: FamilyInfo | undefined;
}

/** A mapping export_map accepts as is (column may name several columns joined into one value). */
export interface ProposedMapping {
  attribute: string;
  column: string | string[];
  template?: unknown;
  join?: string;
  split?: string;
  note?: string;
}

export interface Recognized {
  format: SourceFormat;
  grouping: string;
  skuColumn: string;
  nameColumn: string;
  /** Source columns plus the ones derived here (variation dimensions, first image). */
  columns: string[];
  products: LoadedProduct[];
  rejects: Reject[];
  roles: ColumnRoles;
  /** The column whose values sort products into kinds (Shopify Type, WooCommerce Categories), if any. */
  groupBy?: string | undefined;
  proposedColumns: ProposedMapping[];
  proposedValues: Record<string, unknown[]>;
  families: number;
}

export interface RecognizeOptions {
  skuColumn?: string | undefined;
  nameColumn?: string | undefined;
  minAttributes?: number | undefined;
  currency: string;
  decimal: '.' | ',';
}

const has = (columns: string[], ...names: string[]) => names.every((n) => columns.includes(n));

export function detectFormat(columns: string[]): SourceFormat {
  if (has(columns, 'Handle', 'Title') && (columns.includes('Variant SKU') || columns.includes('Variant Price'))) return 'shopify';
  if (has(columns, 'Type', 'SKU', 'Name') && (columns.includes('Regular price') || columns.includes('Parent'))) return 'woocommerce';
  if (has(columns, 'seller-sku', 'item-name') && (columns.includes('asin1') || columns.includes('price'))) return 'amazon_listings_report';
  if (has(columns, 'item_sku') && (columns.includes('feed_product_type') || columns.includes('item_name'))) return 'amazon_inventory_file';
  return 'generic';
}

/** Canonical name of a variation dimension ("Colour" → "Color"). */
function dimensionName(option: string): string {
  const o = option.trim();
  const k = o.toLowerCase();
  if (k === 'colour' || k === 'color' || k === 'farbe' || k === 'couleur') return 'Color';
  if (k === 'size' || k === 'größe' || k === 'taille' || k === 'talla') return 'Size';
  return o.charAt(0).toUpperCase() + o.slice(1);
}

/** Amazon variation theme words for our dimension names, joined in the schema's order by export_map. */
export function themeWord(dimension: string): string {
  return dimension.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

function priceTemplate(currency: string): unknown {
  return { currency, our_price: [{ schedule: [{ value_with_tax: '{{number}}' }] }] };
}

/** Mappings every shop format implies, from its column roles. */
function roleMappings(roles: ColumnRoles, currency: string, extra: { name: string | string[]; dimensions: string[] }): ProposedMapping[] {
  const out: ProposedMapping[] = [{ attribute: 'item_name', column: extra.name, ...(Array.isArray(extra.name) ? { join: ', ' } : {}) }];
  if (roles.brand) out.push({ attribute: 'brand', column: roles.brand });
  if (roles.description) out.push({ attribute: 'product_description', column: roles.description, note: 'HTML is turned into clean text' });
  out.push({ attribute: 'bullet_point', column: BULLETS, split: '|', note: "the list items of the seller's description" });
  if (roles.barcode)
    out.push({
      attribute: 'externally_assigned_product_identifier',
      column: roles.barcode,
      template: { type: '{{gtin_type}}', value: '{{gtin}}' },
      note: 'checked: a damaged or invalid barcode is left out and reported, never sent',
    });
  if (roles.price) out.push({ attribute: 'purchasable_offer', column: roles.price, template: priceTemplate(currency) });
  if (roles.quantity)
    out.push({
      attribute: 'fulfillment_availability',
      column: roles.quantity,
      template: { fulfillment_channel_code: 'DEFAULT', quantity: '{{integer}}' },
    });
  if (roles.image) out.push({ attribute: 'main_product_image_locator', column: roles.image, template: { media_location: '{{value}}' } });
  if (roles.weight) out.push({ attribute: 'item_weight', column: roles.weight.column, template: { value: '{{number}}', unit: roles.weight.unit } });
  for (const d of extra.dimensions) {
    const attribute = d === 'Color' ? 'color' : d === 'Size' ? 'size' : d === 'Material' ? 'material' : d === 'Style' ? 'style' : undefined;
    if (attribute) out.push({ attribute, column: d });
  }
  return out;
}

function finish(
  format: SourceFormat,
  table: SourceTable,
  base: Omit<Recognized, 'format' | 'columns' | 'proposedColumns' | 'proposedValues' | 'families'> & { derived: string[] },
  currency: string,
  decimal: '.' | ',',
  nameColumns: string | string[],
): Recognized {
  // List items of an HTML description are the seller's own feature bullets.
  const desc = base.roles.description;
  if (desc) {
    for (const p of base.products) {
      const items = [...(p.source[desc] ?? '').matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/gi)].map((m) => htmlToText(m[1]!)).filter(Boolean);
      if (items.length) p.source[BULLETS] = items.slice(0, 5).join(' | ');
    }
    if (base.products.some((p) => p.source[BULLETS])) base.derived.push(BULLETS);
  }
  const columns = [...table.columns, ...base.derived.filter((d) => !table.columns.includes(d))];
  const dimensions = base.derived.filter((d) => d !== MAIN_IMAGE && d !== BULLETS);
  for (const p of base.products) p.warnings.unshift(...productWarnings(p, base.roles, decimal));
  const { derived: _derived, ...rest } = base;
  return {
    ...rest,
    format,
    columns,
    proposedColumns: roleMappings(base.roles, currency, { name: nameColumns, dimensions }),
    proposedValues: { condition_type: [{ value: 'new_new' }] },
    families: base.products.filter((p) => p.family?.role === 'parent').length,
  };
}

const MAIN_IMAGE = 'Main Image';
const BULLETS = 'Bullet Points';
const MAX_SKU = 40;

/** A derived column name that does not clash with a source column. */
function derivedName(name: string, columns: string[]): string {
  return columns.some((c) => c.toLowerCase() === name.toLowerCase()) ? `Option: ${name}` : name;
}

function parentSkuFor(base: string, taken: Set<string>): string {
  let sku = base.slice(0, MAX_SKU);
  if (taken.has(sku)) sku = `${base.slice(0, MAX_SKU - 7)}-PARENT`;
  taken.add(sku);
  return sku;
}

function shopify(table: SourceTable, opts: RecognizeOptions): Recognized {
  const handles = new Map<string, SourceRow[]>();
  for (const r of table.rows) {
    const h = r.values.Handle?.trim();
    if (!h) continue;
    const list = handles.get(h) ?? [];
    list.push(r);
    handles.set(h, list);
  }
  const roles: ColumnRoles = {
    price: 'Variant Price',
    compareAtPrice: table.columns.includes('Variant Compare At Price') ? 'Variant Compare At Price' : undefined,
    quantity: table.columns.includes('Variant Inventory Qty') ? 'Variant Inventory Qty' : undefined,
    barcode: table.columns.includes('Variant Barcode') ? 'Variant Barcode' : undefined,
    description: table.columns.includes('Body (HTML)') ? 'Body (HTML)' : undefined,
    image: MAIN_IMAGE,
    brand: table.columns.includes('Vendor') ? 'Vendor' : undefined,
    weight: table.columns.includes('Variant Grams') ? { column: 'Variant Grams', unit: 'grams' } : undefined,
    status: 'Status',
    giftCard: 'Gift Card',
  };
  const derived = new Set<string>([MAIN_IMAGE]);
  const products: LoadedProduct[] = [];
  const rejects: Reject[] = table.unreadable.map((u) => ({ rowIndex: u.row, problems: [u.problem] }));
  const seen = new Map<string, number>();
  const taken = new Set(table.rows.map((r) => r.values['Variant SKU']).filter((s): s is string => !!s));
  // Product-level fields: on the first row of a handle only; variant rows inherit them.
  const productFields = table.columns.filter((c) => !/^(Variant |Option\d (Value)$|Image )/.test(c) && c !== 'Handle');
  for (const [handle, rows] of handles) {
    const head = rows[0]!;
    const inherited: Record<string, string> = { Handle: handle };
    for (const c of productFields) if (head.values[c] !== undefined) inherited[c] = head.values[c];
    const optionNames = [1, 2, 3].map((i) => head.values[`Option${i} Name`]?.trim()).filter((n): n is string => !!n);
    const simple = optionNames.length === 0 || (optionNames.length === 1 && optionNames[0] === 'Title');
    const dims = simple ? [] : optionNames.map((n) => derivedName(dimensionName(n), table.columns));
    dims.forEach((d) => derived.add(d));
    const firstImage = rows.map((r) => r.values['Image Src']).find((v) => !!v);
    const variants = rows.filter((r) => r.values['Variant SKU'] || r.values['Option1 Value'] || r.values['Variant Price']);
    let parentSku: string | undefined;
    if (!simple && variants.length > 0) {
      parentSku = parentSkuFor(handle, taken);
      const source: Record<string, string> = { ...inherited };
      if (firstImage) source[MAIN_IMAGE] = firstImage;
      products.push({
        sku: parentSku,
        rowIndex: head.row,
        name: inherited.Title,
        source,
        family: { role: 'parent', dimensions: dims },
        warnings: [],
      });
    }
    for (const v of variants) {
      const source: Record<string, string> = { ...inherited, ...v.values };
      const image = v.values['Variant Image'] ?? firstImage;
      if (image) source[MAIN_IMAGE] = image;
      if (!simple)
        optionNames.forEach((_, i) => {
          const value = v.values[`Option${i + 1} Value`];
          if (value) source[dims[i]!] = value;
        });
      const sku = v.values['Variant SKU'];
      const problems: string[] = [];
      if (!sku) problems.push(`variant has no SKU (column "Variant SKU" is empty) — give it one in Shopify and export again`);
      else {
        if (sku !== sku.trim())
          problems.push('SKU has leading or trailing spaces; Amazon would treat it as a different SKU — remove them in the source');
        if (sku.length > MAX_SKU) problems.push(`SKU is ${sku.length} characters; Amazon allows at most ${MAX_SKU}`);
        const first = seen.get(sku);
        if (first !== undefined) problems.push(`duplicate SKU, first seen on row ${first}`);
        else seen.set(sku, v.row);
      }
      if (!inherited.Title) problems.push('the product has no Title');
      if (problems.length) {
        rejects.push({ rowIndex: v.row, ...(sku ? { sku } : {}), problems });
        continue;
      }
      products.push({
        sku: sku!,
        rowIndex: v.row,
        name: inherited.Title,
        source,
        ...(parentSku ? { family: { role: 'child', parentSku, dimensions: dims } } : {}),
        warnings: [],
      });
    }
  }
  rejects.sort((a, b) => a.rowIndex - b.rowIndex);
  const dims = [...derived].filter((d) => d !== MAIN_IMAGE);
  return finish(
    'shopify',
    table,
    {
      grouping: `rows grouped by Handle into ${handles.size} product(s); variant rows inherit Title, Body, Vendor and Type from their product's first row; Option1..3 names became variation dimensions (${dims.join(', ') || 'none'}) and products with options became Amazon variation families (a parent SKU from the Handle plus one child per variant)`,
      skuColumn: 'Variant SKU',
      nameColumn: 'Title',
      products,
      rejects,
      roles,
      groupBy: table.columns.includes('Type') ? 'Type' : undefined,
      derived: [...derived],
    },
    opts.currency,
    opts.decimal,
    ['Title', ...dims],
  );
}

const firstOf = (list: string | undefined) =>
  list
    ?.split(',')
    .map((s) => s.trim())
    .find(Boolean);

function woocommerce(table: SourceTable, opts: RecognizeOptions): Recognized {
  const col = (n: string) => (table.columns.includes(n) ? n : undefined);
  const weightCol = table.columns.find((c) => /^Weight \((kg|g|lbs|oz)\)$/.test(c));
  const weightUnit = weightCol ? { kg: 'kilograms', g: 'grams', lbs: 'pounds', oz: 'ounces' }[weightCol.slice(8, -1)]! : undefined;
  const roles: ColumnRoles = {
    price: 'Regular price',
    quantity: col('Stock'),
    barcode: col('GTIN, UPC, EAN, or ISBN') ?? findColumn(table.columns, ['gtin', 'ean', 'upc', 'barcode'], undefined, ''),
    description: col('Description') ?? col('Short description'),
    image: MAIN_IMAGE,
    brand: col('Brands') ?? col('Brand'),
    weight: weightCol && weightUnit ? { column: weightCol, unit: weightUnit } : undefined,
    status: 'Published',
    wooType: 'Type',
  };
  const attrIndexes = table.columns.map((c) => /^Attribute (\d+) name$/.exec(c)?.[1]).filter((n): n is string => !!n);
  const byId = new Map<string, SourceRow>();
  const bySku = new Map<string, SourceRow>();
  for (const r of table.rows) {
    if (r.values.ID) byId.set(r.values.ID.trim(), r);
    if (r.values.SKU) bySku.set(r.values.SKU.trim(), r);
  }
  const parentOf = (ref: string | undefined) => {
    if (!ref) return undefined;
    const t = ref.trim();
    return t.startsWith('id:') ? byId.get(t.slice(3)) : (bySku.get(t) ?? byId.get(t));
  };
  const derived = new Set<string>([MAIN_IMAGE]);
  const dimsOf = (r: SourceRow) =>
    attrIndexes
      .map((i) => r.values[`Attribute ${i} name`])
      .filter((n): n is string => !!n)
      .map((n) => derivedName(dimensionName(n), table.columns));
  const products: LoadedProduct[] = [];
  const rejects: Reject[] = table.unreadable.map((u) => ({ rowIndex: u.row, problems: [u.problem] }));
  const seen = new Map<string, number>();
  const taken = new Set(bySku.keys());
  const parentSkus = new Map<SourceRow, string>();
  const inheritable = ['Name', 'Description', 'Short description', 'Categories', 'Tags', 'Brands', 'Brand', 'Images', 'Published', weightCol].filter(
    (c): c is string => !!c && table.columns.includes(c),
  );
  for (const r of table.rows) {
    const type = (r.values.Type ?? '').toLowerCase();
    const isVariation = /\bvariation\b/.test(type);
    const parent = isVariation ? parentOf(r.values.Parent) : undefined;
    const source: Record<string, string> = {};
    if (parent) for (const c of inheritable) if (parent.values[c] !== undefined) source[c] = parent.values[c];
    Object.assign(source, r.values);
    const image = firstOf(r.values.Images) ?? firstOf(parent?.values.Images);
    if (image) source[MAIN_IMAGE] = image;
    let family: FamilyInfo | undefined;
    if (/\bvariable\b/.test(type)) {
      const dims = dimsOf(r);
      dims.forEach((d) => derived.add(d));
      let sku = r.values.SKU;
      if (!sku) sku = parentSkuFor(`P-${(r.values.Name ?? `row-${r.row}`).replace(/[^A-Za-z0-9]+/g, '-').toUpperCase()}`, taken);
      parentSkus.set(r, sku);
      source.SKU = sku;
      family = { role: 'parent', dimensions: dims };
    } else if (isVariation) {
      const dims = parent ? dimsOf(parent) : dimsOf(r);
      attrIndexes.forEach((i) => {
        const n = r.values[`Attribute ${i} name`] ?? parent?.values[`Attribute ${i} name`];
        const v = r.values[`Attribute ${i} value(s)`];
        if (n && v) source[derivedName(dimensionName(n), table.columns)] = v;
      });
      dims.forEach((d) => derived.add(d));
      if (parent) family = { role: 'child', parentSku: parentSkus.get(parent) ?? parent.values.SKU ?? '', dimensions: dims };
    }
    const sku = source.SKU;
    const problems: string[] = [];
    if (!sku) problems.push('missing SKU (column "SKU" is empty)');
    else {
      if (sku.length > MAX_SKU) problems.push(`SKU is ${sku.length} characters; Amazon allows at most ${MAX_SKU}`);
      const first = seen.get(sku);
      if (first !== undefined) problems.push(`duplicate SKU, first seen on row ${first}`);
      else seen.set(sku, r.row);
    }
    if (isVariation && !parent) problems.push(`variation whose Parent "${r.values.Parent ?? ''}" is not in the file`);
    if (!source.Name) problems.push('missing name (column "Name" is empty)');
    if (problems.length) {
      rejects.push({ rowIndex: r.row, ...(sku ? { sku } : {}), problems });
      continue;
    }
    products.push({ sku: sku!, rowIndex: r.row, name: source.Name, source, ...(family ? { family } : {}), warnings: [] });
  }
  // Children of a variable product whose SKU was generated after they were read.
  for (const p of products) {
    if (p.family?.role === 'child' && !p.family.parentSku) {
      const parent = parentOf(p.source.Parent);
      if (parent) p.family.parentSku = parentSkus.get(parent);
    }
  }
  rejects.sort((a, b) => a.rowIndex - b.rowIndex);
  const dims = [...derived].filter((d) => d !== MAIN_IMAGE);
  return finish(
    'woocommerce',
    table,
    {
      grouping: `one product per row by Type: simple products alone, each variable product a variation family (parent) with its variation rows as children (linked by Parent); variations inherit Name, Description, Categories and Images from their parent; Attribute N name/value(s) became variation dimensions (${dims.join(', ') || 'none'})`,
      skuColumn: 'SKU',
      nameColumn: 'Name',
      products,
      rejects,
      roles,
      groupBy: table.columns.includes('Categories') ? 'Categories' : undefined,
      derived: [...derived],
    },
    opts.currency,
    opts.decimal,
    table.columns.includes('Name') ? ['Name', ...dims] : 'Name',
  );
}

function generic(table: SourceTable, opts: RecognizeOptions, format: SourceFormat): Recognized {
  const amazonReport = format === 'amazon_listings_report';
  const amazonFile = format === 'amazon_inventory_file';
  const checked = checkProducts(table, {
    skuColumn: opts.skuColumn ?? (amazonReport ? 'seller-sku' : amazonFile ? 'item_sku' : undefined),
    nameColumn: opts.nameColumn ?? (amazonReport ? 'item-name' : amazonFile ? 'item_name' : undefined),
    // Amazon's listings report has few columns by design, and variation parents in its inventory file few values.
    minAttributes: amazonReport || amazonFile ? Math.min(opts.minAttributes ?? 2, 2) : opts.minAttributes,
  });
  const c = table.columns;
  const find = (aliases: string[]) => findColumn(c, aliases, undefined, '');
  const roles: ColumnRoles = {
    price: find(['standardprice', 'price', 'yourprice', 'regularprice', 'preis', 'prix', 'precio', 'prezzo', 'sellingprice']),
    quantity: find(['quantity', 'qty', 'stock', 'inventory', 'menge', 'bestand', 'quantité', 'cantidad', 'quantita']),
    barcode: find(['externalproductid', 'productid', 'ean', 'upc', 'gtin', 'barcode', 'isbn', 'eancode', 'gtinupceanorisbn']),
    description: find(['productdescription', 'description', 'bodyhtml', 'beschreibung', 'descripcion']),
    image: find(['mainimageurl', 'imageurl', 'image', 'imagesrc', 'bild', 'mainimage']),
    brand: find(['brandname', 'brand', 'vendor', 'marke', 'marque', 'marca', 'manufacturer']),
    status: find(['status']),
  };
  if (amazonReport && roles.barcode === 'product-id') roles.barcode = undefined; // may be an ASIN
  const products: LoadedProduct[] = checked.products.map((p) => ({ ...p, warnings: [] }));
  // Amazon's inventory file names its variation relationships itself.
  if (amazonFile && c.includes('parent_child')) {
    for (const p of products) {
      const pc = p.source.parent_child?.toLowerCase();
      const dims = ['color_name', 'size_name'].filter((d) => c.includes(d)).map((d) => (d === 'color_name' ? 'Color' : 'Size'));
      if (pc === 'parent') p.family = { role: 'parent', dimensions: dims };
      else if (pc === 'child' && p.source.parent_sku) p.family = { role: 'child', parentSku: p.source.parent_sku, dimensions: dims };
      if (p.source.color_name) p.source.Color = p.source.color_name;
      if (p.source.size_name) p.source.Size = p.source.size_name;
    }
  }
  return finish(
    format,
    table,
    {
      grouping: amazonReport
        ? 'one listing per row (seller-sku); use it to update price and quantity of what is already listed'
        : 'one product per row',
      skuColumn: checked.skuColumn,
      nameColumn: checked.nameColumn,
      products,
      rejects: checked.rejects,
      roles,
      groupBy: find(['category', 'categories', 'producttype', 'type', 'feedproducttype', 'kategorie', 'categorie', 'categoria']),
      derived:
        amazonFile && c.includes('parent_child') ? ['Color', 'Size'].filter((d) => c.includes(d === 'Color' ? 'color_name' : 'size_name')) : [],
    },
    opts.currency,
    opts.decimal,
    checked.nameColumn,
  );
}

export function recognize(table: SourceTable, opts: RecognizeOptions): Recognized {
  const format = opts.skuColumn ? 'generic' : detectFormat(table.columns);
  const r = format === 'shopify' ? shopify(table, opts) : format === 'woocommerce' ? woocommerce(table, opts) : generic(table, opts, format);
  // A generic table with a proposal for image columns it never had is pointless; keep only real columns.
  r.proposedColumns = r.proposedColumns.filter((m) => (Array.isArray(m.column) ? m.column : [m.column]).every((x) => r.columns.includes(x)));
  for (const p of r.products) {
    const skip = sellableProblem(p.source, r.roles);
    if (skip) p.warnings.push({ kind: 'not_sellable', message: skip });
  }
  return r;
}
