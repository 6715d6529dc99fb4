// Benchmark: listings validated per second on one core against Amazon's real PRODUCT schema.
// Usage: node dist/cli/bench/validate.js [seconds]   (SP_API_MODELS_DIR overrides ../shared/sp-api-models)
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getValidator } from '../../validation/index.js';

const MP = 'ATVPDKIKX0DER';
const text = (value: string) => [{ value, language_tag: 'en_US', marketplace_id: MP }];

function validListing(): Record<string, unknown> {
  return {
    item_name: text('Acme Stainless Steel Water Bottle, 750 ml, Brushed Silver'),
    brand: text('Acme'),
    externally_assigned_product_identifier: [{ type: 'upc', value: '714532191586', marketplace_id: MP }],
    item_type_keyword: [{ value: 'water-bottles', marketplace_id: MP }],
    bullet_point: [...text('Keeps drinks cold for 24 hours'), ...text('Leak-proof screw cap')],
    product_description: text('A 750 ml insulated bottle made of 18/8 stainless steel.'),
    generic_keyword: text('insulated bottle flask'),
    color: text('Brushed Silver'),
    country_of_origin: [{ value: 'CN', marketplace_id: MP }],
    supplier_declared_dg_hz_regulation: [{ value: 'not_applicable', marketplace_id: MP }],
    condition_type: [{ value: 'new_new', marketplace_id: MP }],
    fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 25 }],
    merchant_shipping_group: [{ value: 'legacy-template-id', marketplace_id: MP }],
    purchasable_offer: [{ currency: 'USD', marketplace_id: MP, our_price: [{ schedule: [{ value_with_tax: 24.99 }] }] }],
    list_price: [{ value: 29.99, currency: 'USD', marketplace_id: MP }],
    main_product_image_locator: [{ media_location: 'https://example.com/images/bottle-main.jpg', marketplace_id: MP }],
  };
}

function invalidListing(): Record<string, unknown> {
  const l = validListing();
  delete l.brand;
  l.condition_type = [{ value: 'brand_new', marketplace_id: MP }];
  l.item_name = [...text('Bottle A'), ...text('Bottle B')];
  l.generic_keyword = text('ü'.repeat(200));
  l.fake_attribute = [{ value: 'x', marketplace_id: MP }];
  return l;
}

function main(): void {
  const dir = process.env.SP_API_MODELS_DIR ?? resolve(process.cwd(), '../shared/sp-api-models');
  const file = resolve(dir, 'product-type-samples/Product.json');
  if (!existsSync(file)) {
    console.log(`bench:validate skipped: ${file} not found (set SP_API_MODELS_DIR)`);
    return;
  }
  const seconds = Number(process.argv[2] ?? 5);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as object;

  const t0 = performance.now();
  const validate = getValidator(schema);
  const compileMs = performance.now() - t0;

  const valid = validListing();
  const invalid = invalidListing();
  if (validate(valid).length !== 0) throw new Error('bench: the valid listing has issues');
  const issuesPerInvalid = validate(invalid).length;

  // Alternate valid and invalid listings; check the clock every 1,000 validations.
  let count = 0;
  let issues = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 500; i++) {
      issues += validate(valid).length;
      issues += validate(invalid).length;
    }
    count += 1000;
  }
  const elapsed = (performance.now() - start) / 1000;
  const perSecond = Math.round(count / elapsed);

  console.log(`schema: ${file} (${Math.round(JSON.stringify(schema).length / 1024)} KB minified)`);
  console.log(`compile: ${compileMs.toFixed(0)} ms`);
  console.log(
    `validated: ${count} listings in ${elapsed.toFixed(2)} s (half valid, half invalid with ${issuesPerInvalid} issues each; ${issues} issues total)`,
  );
  console.log(`throughput: ${perSecond} listings/s on one core (target >= 5000)`);
}

main();
