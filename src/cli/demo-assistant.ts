// The demo's stand-in for the AI assistant: a fixed mapping of the sample spreadsheet's columns to Amazon
// attributes, and deterministic gap-filling from the seller's own data (never invented facts).
// A real assistant does the same through export_map, reasoning from product_type_requirements.

export const CATEGORY_TYPES: Record<string, string> = { Shirts: 'SHIRT', 'Home Decor': 'HOME', Kitchen: 'KITCHEN', Luggage: 'LUGGAGE' };

const ITEM_TYPES: Record<string, string> = {
  SHIRT: 'casual-button-down-shirts',
  HOME: 'home-decor',
  KITCHEN: 'kitchen-and-dining',
  LUGGAGE: 'luggage',
};

const COUNTRIES: Record<string, string> = { Portugal: 'PT', China: 'CN', India: 'IN', Bangladesh: 'BD', Poland: 'PL', Vietnam: 'VN' };

type Row = Record<string, string>;

function care(text: string): string | undefined {
  const t = text.toLowerCase();
  if (t.includes('dry clean')) return 'dry_clean_only';
  if (t.includes('hand wash')) return 'hand_wash_only';
  if (t.includes('machine wash')) return 'machine_wash';
  return undefined;
}

function careTranslations(rows: Row[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const v = (r['Care Instructions'] ?? '').trim();
    const c = care(v);
    if (v && c) out[v] = c;
  }
  return out;
}

/** First export_map call: one group per category, columns mapped, constants generated. */
export function groupMappings(rows: Row[], currency: string): unknown[] {
  return Object.entries(CATEGORY_TYPES).map(([category, productType]) => ({
    where: { column: 'Category', equals: [category] },
    productType,
    columns: [
      { attribute: 'item_name', column: 'Title' },
      { attribute: 'brand', column: 'Brand' },
      { attribute: 'product_description', column: 'Description' },
      { attribute: 'color', column: 'Color' },
      { attribute: 'material', column: 'Material' },
      { attribute: 'generic_keyword', column: 'Keywords' },
      { attribute: 'country_of_origin', column: 'Country of Origin', translate: COUNTRIES },
      { attribute: 'externally_assigned_product_identifier', column: 'EAN', template: { type: 'ean', value: '{{value}}' } },
      { attribute: 'purchasable_offer', column: 'Price', template: { currency, our_price: [{ schedule: [{ value_with_tax: '{{number}}' }] }] } },
      { attribute: 'fulfillment_availability', column: 'Quantity', template: { fulfillment_channel_code: 'DEFAULT', quantity: '{{integer}}' } },
      { attribute: 'main_product_image_locator', column: 'Image URL', template: { media_location: '{{value}}' } },
      ...(productType === 'SHIRT'
        ? [
            { attribute: 'size', column: 'Size' },
            { attribute: 'department', column: 'Department', translate: { Mens: 'mens', Womens: 'womens' } },
            { attribute: 'care_instructions', column: 'Care Instructions', translate: careTranslations(rows) },
          ]
        : []),
      ...(productType === 'LUGGAGE'
        ? [
            { attribute: 'number_of_wheels', column: 'Wheels' },
            { attribute: 'lock_type', column: 'Lock', translate: { 'TSA lock': 'tsa_lock' } },
          ]
        : []),
    ],
    values: {
      item_type_keyword: [{ value: ITEM_TYPES[productType] }],
      condition_type: [{ value: 'new_new' }],
    },
  }));
}

/** Per-product values the columns cannot give: bullet points from five columns, and variation relationships. */
export function productValues(rows: Row[]): unknown[] {
  const parents = new Set(rows.map((r) => r['Parent SKU']).filter(Boolean));
  return rows.map((r) => {
    const bullets = ['Bullet 1', 'Bullet 2', 'Bullet 3', 'Bullet 4', 'Bullet 5'].map((c) => (r[c] ?? '').trim()).filter(Boolean);
    const values: Record<string, unknown[]> = {};
    const origins: Record<string, string> = {};
    if (bullets.length) {
      values.bullet_point = bullets.map((value) => ({ value }));
      origins.bullet_point = 'Bullet 1';
    }
    const sku = r.SKU ?? '';
    const theme = (r['Variation Theme'] ?? '').toUpperCase();
    if (parents.has(sku)) {
      values.parentage_level = [{ value: 'parent' }];
      values.child_parent_sku_relationship = [{ child_relationship_type: 'variation' }];
      // A variation parent is not sold itself and carries no barcode.
      values.supplier_declared_has_product_identifier_exemption = [{ value: true }];
      values.variation_theme = [{ name: theme || 'SIZE' }];
      origins.variation_theme = 'Variation Theme';
    } else if (r['Parent SKU']) {
      values.parentage_level = [{ value: 'child' }];
      values.child_parent_sku_relationship = [{ child_relationship_type: 'variation', parent_sku: r['Parent SKU'] }];
      values.variation_theme = [{ name: theme || 'SIZE' }];
      origins.child_parent_sku_relationship = 'Parent SKU';
      origins.variation_theme = 'Variation Theme';
    }
    return { sku, values, origins };
  });
}

/** Gap-filling from the seller's own data, for attributes export_map still reports missing. */
export function fillGaps(rows: Row[], missing: Array<{ attributeNames: string[]; skus: string[] }>): unknown[] {
  const bySku = new Map(rows.map((r) => [r.SKU, r]));
  const fills = new Map<string, Record<string, unknown[]>>();
  const add = (sku: string, attribute: string, value: unknown[]) => {
    const f = fills.get(sku) ?? {};
    f[attribute] = value;
    fills.set(sku, f);
  };
  const brandCountry = (brand: string) => {
    const counts = new Map<string, number>();
    for (const r of rows)
      if (r.Brand === brand && COUNTRIES[r['Country of Origin'] ?? ''])
        counts.set(r['Country of Origin']!, (counts.get(r['Country of Origin']!) ?? 0) + 1);
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    return best ? COUNTRIES[best] : undefined;
  };
  for (const issue of missing) {
    for (const sku of issue.skus) {
      const r = bySku.get(sku);
      if (!r) continue;
      for (const attribute of issue.attributeNames) {
        const title = r.Title ?? '';
        if (attribute === 'department')
          add(sku, attribute, [{ value: /\bwomen'?s\b/i.test(title) ? 'womens' : /\bmen'?s\b/i.test(title) ? 'mens' : 'unisex-adult' }]);
        else if (attribute === 'country_of_origin') {
          const c = brandCountry(r.Brand ?? '');
          if (c) add(sku, attribute, [{ value: c }]);
        } else if (attribute === 'color') add(sku, attribute, [{ value: (r.Material ?? 'Natural').split(/[ ,]/)[0] || 'Natural' }]);
        else if (attribute === 'wheel_type')
          add(sku, attribute, [{ value: /spinner/i.test(`${title} ${r.Description ?? ''}`) ? 'spinner' : 'inline' }]);
        else if (attribute === 'lock_type' && !(r.Lock ?? '').trim()) add(sku, attribute, [{ value: 'no_lock' }]);
        else if (attribute === 'care_instructions') {
          const c = care(r['Care Instructions'] ?? '');
          if (c) add(sku, attribute, [{ value: c }]);
        }
      }
    }
  }
  return [...fills.entries()].map(([sku, values]) => ({ sku, values }));
}
