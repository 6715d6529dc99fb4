// Memory of one compiled validator for Amazon's real PRODUCT schema: sets the bound of the validator cache.
// Compiles N copies (distinct objects, as distinct cache entries would be), uses each on a valid and an invalid
// listing (V8 compiles code lazily), and prints heap after GC and RSS growth per validator.
//   node --expose-gc dist/cli/bench/validator-memory.js [N]   (SP_API_MODELS_DIR overrides ../shared/sp-api-models)
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileValidator } from '../../validation/index.js';

const MP = 'ATVPDKIKX0DER';
const text = (value: string) => [{ value, language_tag: 'en_US', marketplace_id: MP }];
const invalid = { item_name: text('x'), brand: text('Acme'), condition_type: [{ value: 'brand_new', marketplace_id: MP }], fake_attribute: [{}] };

function main(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const file = resolve(process.env.SP_API_MODELS_DIR ?? resolve(process.cwd(), '../shared/sp-api-models'), 'product-type-samples/Product.json');
  if (!existsSync(file)) {
    console.log(`skipped: ${file} not found (set SP_API_MODELS_DIR)`);
    return;
  }
  const n = Number(process.argv[2] ?? 10);
  const raw = readFileSync(file, 'utf8');
  const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);
  compileValidator(JSON.parse(raw) as object)(invalid); // warm up Ajv itself (formats, keywords, meta-schema)

  let h0 = heap();
  const schemas = Array.from({ length: n }, () => JSON.parse(raw) as object);
  const schemaBytes = (heap() - h0) / n;

  h0 = heap();
  const rss0 = process.memoryUsage().rss;
  const validators = [];
  let compileMs = 0;
  while (schemas.length > 0) {
    const t = performance.now();
    const v = compileValidator(schemas.pop()!);
    compileMs += performance.now() - t;
    v(invalid);
    v({});
    validators.push(v);
  }
  const perValidator = (heap() - h0) / n;
  const rss = (process.memoryUsage().rss - rss0) / n;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  console.log(`schema: ${file} (${Math.round(raw.length / 1024)} KB); parsed: ${mb(schemaBytes)} of heap`);
  console.log(
    `${n} validators: compile ${(compileMs / n).toFixed(0)} ms each; per validator with its schema: ${mb(schemaBytes + perValidator)} of heap, ${mb(rss)} of RSS`,
  );
  void validators;
}

main();
