// Amazon's real PRODUCT product type schema (471 KB) from ../shared/sp-api-models.
import Ajv2019Module from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { getValidator, type SchemaIssue } from '../../src/validation/index.js';
import { invalidProductListing, validProductListing } from './fixtures/product-listings.js';
import { META_SCHEMA_PATH, PRODUCT_SCHEMA_PATH, available, readJson } from './fixtures/shared-models.js';

const haveFiles = available(PRODUCT_SCHEMA_PATH) && available(META_SCHEMA_PATH);
const MP = 'ATVPDKIKX0DER';

describe.skipIf(!haveFiles)("Amazon's PRODUCT schema (../shared/sp-api-models)", () => {
  const schema = haveFiles ? readJson(PRODUCT_SCHEMA_PATH) : {};
  const validate = () => getValidator(schema, 'test:amazon:PRODUCT');

  it("is valid under Amazon's meta-schema and compiles with our offline stand-in", () => {
    const ajv = new Ajv2019Module.default({ strict: false });
    ajv.addMetaSchema(readJson(META_SCHEMA_PATH));
    expect(ajv.validateSchema(schema), ajv.errorsText()).toBe(true);
    expect(typeof validate()).toBe('function');
  });

  it('a realistic minimal listing has no issues', () => {
    expect(validate()(validProductListing())).toEqual([]);
  });

  it('an invalid listing gets exactly the expected issues', () => {
    const issues = validate()(invalidProductListing());
    const by = (attr: string): SchemaIssue | undefined => issues.find((i) => i.attributeNames[0] === attr);
    expect(issues.map((i) => `${i.code} ${i.attributeNames.join(',')}`)).toEqual([
      // allOf/if/then: with no ASIN and no exemption Amazon's schema requires both of these
      '90220 externally_assigned_product_identifier',
      '90220 merchant_suggested_asin',
      '90220 brand',
      '90000900 fake_attribute',
      '99016 item_name',
      '4000001 condition_type',
      '4000001 generic_keyword',
    ]);
    expect(by('brand')!.message).toBe("'brand' is required but not supplied.");
    expect(by('brand')!.categories).toEqual(['MISSING_ATTRIBUTE']);
    expect(by('fake_attribute')!.message).toMatch(/^The attributes are invalid\. 'fake_attribute' is not an attribute of product type PRODUCT/);
    expect(by('item_name')!.message).toContain('per combination of marketplace_id, language_tag but it currently occurs 2 times');
    expect(by('condition_type')!.message).toContain("'new_new' (New)");
    expect(by('condition_type')!.message).toContain('(13 allowed values in total)');
    expect(by('generic_keyword')!.message).toContain('is 400 bytes in UTF-8; it must be at most 250 bytes');
    for (const i of issues) expect(i.severity).toBe('ERROR');
  });

  it('honours the identifier exemption and the battery chain conditions', () => {
    const l = validProductListing();
    delete l.externally_assigned_product_identifier;
    l.supplier_declared_has_product_identifier_exemption = [{ value: true, marketplace_id: MP }];
    expect(validate()(l)).toEqual([]);
    l.batteries_required = [{ value: true, marketplace_id: MP }];
    expect(validate()(l).map((i) => i.message)).toEqual(["'batteries_included' is required but not supplied."]);
  });

  it('folds oneOf date/date-time and names nested fields', () => {
    const l = validProductListing();
    (l.purchasable_offer as Record<string, unknown>[])[0]!.start_at = { value: 'next week' };
    (l.country_of_origin as Record<string, unknown>[])[0]!.value = 'china';
    expect(validate()(l).map((i) => i.message)).toEqual([
      "The provided value for 'purchasable_offer' is invalid. 'purchasable_offer[0].start_at.value' is 'next week'; it must be a valid date or must be a valid date-time.",
      "The provided value for 'country_of_origin' is invalid. 'country_of_origin[0].value' is 'china'; it must be one of the allowed values; did you mean 'CN' (China)?",
    ]);
  });

  it('folds the item errors of a conditional `contains` into one issue (hazmat after dg_hz = transportation)', () => {
    const l = validProductListing();
    l.supplier_declared_dg_hz_regulation = [{ value: 'transportation', marketplace_id: MP }];
    l.hazmat = [{ aspect: 'other', value: 'UN1993', marketplace_id: MP }];
    expect(validate()(l).map((i) => i.message)).toEqual([
      "The provided value for 'hazmat' is invalid. 'hazmat' must contain at least one entry in which 'aspect' must be 'united_nations_regulatory_id'.",
      "The provided value for 'hazmat' is invalid. 'hazmat[0].aspect' is 'other'; it must be 'united_nations_regulatory_id' (UN Regulatory Id).",
    ]);
    l.hazmat = [{ aspect: 'united_nations_regulatory_id', value: 'UN1993', marketplace_id: MP }];
    expect(validate()(l)).toEqual([]);
  });
});
