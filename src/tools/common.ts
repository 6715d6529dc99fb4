// Argument shapes shared by several tools, so the same thing is asked the same way everywhere.
import { z } from 'zod';

export const marketplaceArg = z
  .string()
  .min(2)
  .max(20)
  .optional()
  .describe("Marketplace id (e.g. ATVPDKIKX0DER) or country code (e.g. US, DE, JP). Defaults to the server's default marketplace.");

export const skuArg = z
  .string()
  .min(1, 'SKU must not be empty')
  .max(40, 'Amazon SKUs are at most 40 characters')
  .describe('Seller SKU exactly as in Seller Central (spaces, slashes and unicode are fine).');

export const pageTokenArg = z.string().min(1).max(2048).optional().describe('nextPageToken from the previous page.');

/** Amazon returns localized values as [{value, language_tag, marketplace_id}]; the first value is enough for a summary. */
export function firstValue(attr: unknown): string | undefined {
  if (!Array.isArray(attr) || attr.length === 0) return undefined;
  const v = (attr[0] as Record<string, unknown>)?.value;
  return v === undefined || v === null ? undefined : String(v);
}

/** Listing/catalog attributes: Amazon's attribute name → array of entries (any JSON). */
export const attributesSchema = z.record(z.string(), z.array(z.json()));
