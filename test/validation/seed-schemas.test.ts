import Ajv2019Module from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { PRODUCT_TYPES, PRODUCT_TYPE_MARKETPLACE_IDS, productTypeSchema, productTypeSchemaKey } from '../../src/emulator/seed/product-types/index.js';
import { getValidator, type SchemaIssue } from '../../src/validation/index.js';
import { META_SCHEMA_PATH, available, readJson } from './fixtures/shared-models.js';
import { US, validSeedListing } from './fixtures/seed-listings.js';

const NAMES = ['SHIRT', 'HOME', 'KITCHEN', 'LUGGAGE'];
/** The four hand-written seeds plus the table-driven ones (catalog-types.ts). */
const ALL = Object.keys(PRODUCT_TYPES);
const MP = US.marketplaceId;
const one = (value: unknown) => [{ value, marketplace_id: MP }];
const text = (value: string) => [{ value, language_tag: 'en_US', marketplace_id: MP }];

function check(name: string, attributes: Record<string, unknown>): SchemaIssue[] {
  return getValidator(PRODUCT_TYPES[name]!.schema, `test-seed:${name}`)(attributes);
}
const brief = (issues: SchemaIssue[]) => issues.map((i) => `${i.code} ${i.attributeNames.join(',')}`);

describe('seed product types: catalogue shape', () => {
  it('has SHIRT, HOME, KITCHEN, LUGGAGE and 30+ more under Amazon names, with keywords and groups covering every property once', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(34);
    expect(ALL).toEqual(
      expect.arrayContaining([
        ...NAMES,
        'SOCKS',
        'SHOES',
        'BACKPACK',
        'PILLOW',
        'SKIN_MOISTURIZER',
        'TOY_FIGURE',
        'PET_SUPPLIES',
        'HEADPHONES',
        'OFFICE_PRODUCTS',
      ]),
    );
    for (const name of ALL) {
      const pt = PRODUCT_TYPES[name]!;
      expect(pt.displayName).toBeTruthy();
      expect(pt.keywords.length).toBeGreaterThan(3);
      const props = Object.keys((pt.schema as { properties: object }).properties);
      expect(props.length).toBeGreaterThanOrEqual(30);
      const grouped = Object.values(pt.propertyGroups).flatMap((g) => g.propertyNames);
      expect([...grouped].sort()).toEqual([...props].sort());
      for (const g of Object.values(pt.propertyGroups)) expect(g.title && g.description).toBeTruthy();
    }
  });

  it('uses Amazon schema structure: $schema, $id, $defs selectors, attribute arrays with selectors', () => {
    const s = PRODUCT_TYPES.SHIRT!.schema as Record<string, any>;
    expect(s.$schema).toBe('https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1');
    expect(s.$id).toBe('https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/SHIRT');
    expect(Object.keys(s.$defs)).toEqual(['marketplace_id', 'language_tag']);
    expect(s.properties.item_name).toMatchObject({ type: 'array', selectors: ['marketplace_id', 'language_tag'], maxUniqueItems: 1 });
    expect(s.properties.variation_theme.items.properties.name.enum).toEqual(['COLOR', 'SIZE', 'SIZE_COLOR']);
    expect(s.additionalProperties).toBe(false);
    expect(s.allOf.length).toBeGreaterThan(5);
  });
});

describe.skipIf(!available(META_SCHEMA_PATH))("seed schemas against Amazon's meta-schema (../shared)", () => {
  it('every seed schema, for every marketplace, is valid under meta-schema.json', () => {
    const ajv = new Ajv2019Module.default({ strict: false, allErrors: true });
    ajv.addMetaSchema(readJson(META_SCHEMA_PATH));
    for (const name of ALL) {
      for (const mp of NAMES.includes(name) ? PRODUCT_TYPE_MARKETPLACE_IDS : [MP]) {
        const ok = ajv.validateSchema(productTypeSchema(name, mp)!);
        expect(ok, `${name} ${mp}: ${ajv.errorsText()}`).toBe(true);
      }
    }
  });
});

describe('seed schemas: sample listings', () => {
  for (const name of NAMES) {
    it(`${name}: a valid sample listing has no issues`, () => {
      expect(check(name, validSeedListing(name))).toEqual([]);
    });

    it(`${name}: missing brand, unknown attribute, duplicate title and a too long keyword are reported`, () => {
      const l = validSeedListing(name);
      delete l.brand;
      l.fake_attribute = one('x');
      l.item_name = [...text('One'), ...text('Two')];
      l.generic_keyword = text('ß'.repeat(126)); // 252 bytes > 250
      expect(brief(check(name, l))).toEqual(['90220 brand', '90000900 fake_attribute', '99016 item_name', '4000001 generic_keyword']);
    });
  }

  it('common rules: barcode unless exempt; offer needs condition and channel; seller stock needs quantity', () => {
    const l = validSeedListing('HOME');
    delete l.externally_assigned_product_identifier;
    delete l.condition_type;
    l.fulfillment_availability = [{ fulfillment_channel_code: 'DEFAULT' }];
    expect(check('HOME', l).map((i) => i.message)).toEqual([
      "'externally_assigned_product_identifier' is required but not supplied.",
      "'condition_type' is required but not supplied.",
      "'fulfillment_availability[0].quantity' is required but not supplied.",
    ]);
    l.supplier_declared_has_product_identifier_exemption = one(true);
    l.condition_type = one('used_good');
    l.condition_note = text('Small scratch on the base');
    l.fulfillment_availability = [{ fulfillment_channel_code: 'AMAZON_NA' }];
    expect(check('HOME', l)).toEqual([]);
  });

  it('SHIRT: department enum with labels, size/color required unless parent, variation rules', () => {
    const l = validSeedListing('SHIRT');
    l.department = one('men');
    delete l.size;
    const issues = check('SHIRT', l);
    // Ajv reports allOf (conditional) issues before property issues.
    expect(brief(issues)).toEqual(['90220 size', '4000001 department']);
    expect(issues[1]!.message).toContain("'mens' (Mens)");

    const child: Record<string, any> = {
      ...validSeedListing('SHIRT'),
      parentage_level: one('child'),
      child_parent_sku_relationship: [{ child_relationship_type: 'variation', marketplace_id: MP }],
    };
    expect(check('SHIRT', child).map((i) => i.message)).toEqual([
      "'variation_theme' is required but not supplied.",
      "'child_parent_sku_relationship[0].parent_sku' is required but not supplied.",
    ]);
    child.variation_theme = [{ name: 'SIZE_COLOR' }];
    (child.child_parent_sku_relationship[0] as Record<string, unknown>).parent_sku = 'SHIRT-OXFORD-PARENT';
    expect(check('SHIRT', child)).toEqual([]);

    const parent: Record<string, unknown> = {
      ...validSeedListing('SHIRT'),
      parentage_level: one('parent'),
      child_parent_sku_relationship: [{ child_relationship_type: 'variation', marketplace_id: MP }],
      variation_theme: [{ name: 'SIZE_COLOR' }],
    };
    delete parent.size;
    delete parent.color;
    expect(check('SHIRT', parent)).toEqual([]);

    const tooManyCare = {
      ...validSeedListing('SHIRT'),
      care_instructions: ['machine_wash', 'tumble_dry', 'hand_wash_only', 'dry_clean_only'].map((v) => ({ value: v, marketplace_id: MP })),
    };
    expect(check('SHIRT', tooManyCare)[0]!.message).toContain(
      'A maximum of 3 occurrence(s) is/are allowed for the attribute care_instructions per combination of marketplace_id',
    );
  });

  it('KITCHEN: battery chain and capacity units', () => {
    const l = validSeedListing('KITCHEN');
    l.power_source_type = one('battery_powered');
    expect(brief(check('KITCHEN', l))).toEqual(['90220 batteries_required']);
    l.batteries_required = one(true);
    expect(brief(check('KITCHEN', l))).toEqual(['90220 batteries_included']);
    l.batteries_included = one(true);
    expect(brief(check('KITCHEN', l))).toEqual(['90220 battery', '90220 num_batteries']);
    l.battery = [{ marketplace_id: MP }];
    l.num_batteries = one(2);
    expect(check('KITCHEN', l).map((i) => i.message)).toEqual(["'battery[0].cell_composition' is required but not supplied."]);
    l.battery = [{ cell_composition: [{ value: 'alkaline' }], size: '1_5v_aa', marketplace_id: MP }];
    expect(check('KITCHEN', l)).toEqual([]);

    l.capacity = [{ value: 750, unit: 'ml', marketplace_id: MP }];
    const [issue] = check('KITCHEN', l);
    expect(issue!.message).toContain("'capacity[0].unit' is 'ml'; it must be one of 'cups' (Cups)");
  });

  it('HOME: assembly requires assembled dimensions', () => {
    const l = { ...validSeedListing('HOME'), assembly_required: one(true) };
    expect(brief(check('HOME', l))).toEqual(['90220 assembled_dimensions']);
  });

  it('LUGGAGE: wheels range, lock type label suggestion, carry-on needs dimensions', () => {
    const l = validSeedListing('LUGGAGE');
    l.number_of_wheels = one(9);
    l.lock_type = one('TSA Lock');
    l.luggage_size = one('carry_on');
    const issues = check('LUGGAGE', l);
    expect(brief(issues)).toEqual(['90220 item_dimensions', '4000001 number_of_wheels', '4000001 lock_type']);
    expect(issues[1]!.message).toContain("'number_of_wheels[0].value' is 9; it must be <= 8");
    expect(issues[2]!.message).toContain("did you mean 'tsa_lock' (TSA Lock)?");
  });
});

describe('seed schemas per marketplace', () => {
  const DE = { marketplaceId: 'A1PA6795UKMFR9', languageTag: 'de_DE', currency: 'EUR' };
  const JP = { marketplaceId: 'A1VC38T7YXB528', languageTag: 'ja_JP', currency: 'JPY' };

  it('builds the same structure with the marketplace currency and language tags, memoized', () => {
    const de = productTypeSchema('SHIRT', DE.marketplaceId, 'de_DE') as Record<string, any>;
    expect(de).toBe(productTypeSchema('SHIRT', DE.marketplaceId, 'de-DE'));
    expect(de.$defs.language_tag.anyOf[1].enum).toEqual(['de_DE', 'en_GB']);
    expect(de.properties.list_price.items.properties.currency.enum).toEqual(['EUR']);
    expect(Object.keys(de.properties)).toEqual(Object.keys((PRODUCT_TYPES.SHIRT!.schema as any).properties));
    expect(productTypeSchema('SHIRT', 'NOPE')).toBeUndefined();
    expect(productTypeSchema('NOPE')).toBeUndefined();
    expect(productTypeSchemaKey('SHIRT', DE.marketplaceId, 'de_DE')).toBe('seed:SHIRT|A1PA6795UKMFR9|de_DE');
  });

  it('DE: EUR listing passes, USD price fails; JP: prices in whole yen', () => {
    const de = getValidator(productTypeSchema('SHIRT', DE.marketplaceId, 'de_DE')!);
    expect(de(validSeedListing('SHIRT', DE))).toEqual([]);
    const usd = validSeedListing('SHIRT', { ...DE, currency: 'USD' });
    expect(de(usd).map((i) => i.message)).toContain(
      "The provided value for 'list_price' is invalid. 'list_price[0].currency' is 'USD'; it must be 'EUR'.",
    );

    const jp = getValidator(productTypeSchema('KITCHEN', JP.marketplaceId)!);
    const l = validSeedListing('KITCHEN', JP);
    expect(jp(l)).toEqual([]);
    l.list_price = [{ value: 3980.5, currency: 'JPY', marketplace_id: JP.marketplaceId }];
    expect(jp(l)[0]!.message).toContain('must be a multiple of 1');
  });
});
