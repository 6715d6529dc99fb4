// Argument shapes shared by several tools, so the same thing is asked the same way everywhere.
import { z } from 'zod';

export const marketplaceArg = z
  .string()
  .min(2)
  .max(20)
  .optional()
  .describe('Marketplace id (e.g. ATVPDKIKX0DER) or country code (e.g. US, DE, JP). Defaults to the server\'s default marketplace.');

export const skuArg = z
  .string()
  .min(1, 'SKU must not be empty')
  .max(40, 'Amazon SKUs are at most 40 characters')
  .describe('Seller SKU exactly as in Seller Central (spaces, slashes and unicode are fine).');

export const pageTokenArg = z.string().min(1).max(2048).optional().describe('nextPageToken from the previous page.');

export const issueSchema = z.object({
  code: z.string(),
  message: z.string(),
  severity: z.string(),
  attributeNames: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
});

/** Keeps the fields an assistant needs from Amazon's Issue shape. */
export function trimIssues(issues: unknown): z.infer<typeof issueSchema>[] {
  if (!Array.isArray(issues)) return [];
  return issues.map((raw) => {
    const i = raw as Record<string, unknown>;
    return {
      code: String(i.code ?? ''),
      message: String(i.message ?? ''),
      severity: String(i.severity ?? 'ERROR'),
      ...(Array.isArray(i.attributeNames) ? { attributeNames: i.attributeNames.map(String) } : {}),
      ...(Array.isArray(i.categories) ? { categories: i.categories.map(String) } : {}),
    };
  });
}

/** Amazon returns localized values as [{value, language_tag, marketplace_id}]; the first value is enough for a summary. */
export function firstValue(attr: unknown): string | undefined {
  if (!Array.isArray(attr) || attr.length === 0) return undefined;
  const v = (attr[0] as Record<string, unknown>)?.value;
  return v === undefined || v === null ? undefined : String(v);
}

/** Listing/catalog attributes: Amazon's attribute name → array of entries (any JSON). */
export const attributesSchema = z.record(z.string(), z.array(z.json()));
