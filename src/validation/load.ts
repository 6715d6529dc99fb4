// Ajv and its formats take ~0.1 s to load; tools that validate import them on their first validation, so server
// start-up does not pay for them.
import type { AttributesValidator } from './index.js';

/** getValidator (compiled once per cacheKey or schema object), with the validator module loaded on first use. */
export async function loadValidator(schema: object, cacheKey?: string): Promise<AttributesValidator> {
  const { getValidator } = await import('./ajv.js');
  return getValidator(schema, cacheKey);
}
