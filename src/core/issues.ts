// Amazon's issue shape, and the one place that normalises issues from any source (listings, submissions, feed
// processing reports) into it.
import { z } from 'zod';

// Amazon's listings Issue (Listings Items 2021-08-01). Loose objects: Amazon adds fields over time, and an output
// schema that forbids them makes the MCP client reject the whole reply.
export const enforcementsSchema = z.looseObject({
  actions: z
    .array(z.looseObject({ action: z.string() }))
    .describe('e.g. LISTING_SUPPRESSED, ATTRIBUTE_SUPPRESSED, CATALOG_ITEM_REMOVED, SEARCH_SUPPRESSED.'),
  exemption: z
    .looseObject({ status: z.string().describe('EXEMPT, EXEMPT_UNTIL_EXPIRY_DATE or NOT_EXEMPT.'), expiryDate: z.string().optional() })
    .optional(),
});

export const issueSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  severity: z.string(),
  attributeNames: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
  enforcements: enforcementsSchema.optional().describe('What Amazon does about the issue (e.g. the listing is suppressed) and any exemption.'),
  marketplaceIds: z.array(z.string()).optional(),
});
export type Issue = z.infer<typeof issueSchema>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function trimEnforcements(raw: unknown): z.infer<typeof enforcementsSchema> | undefined {
  if (!isObj(raw)) return undefined;
  const actions = (Array.isArray(raw.actions) ? raw.actions : []).filter(isObj).map((a) => ({ action: String(a.action ?? '') }));
  const ex = isObj(raw.exemption) ? raw.exemption : undefined;
  return {
    actions,
    ...(ex ? { exemption: { status: String(ex.status ?? ''), ...(typeof ex.expiryDate === 'string' ? { expiryDate: ex.expiryDate } : {}) } } : {}),
  };
}

/** Keeps the fields an assistant needs from Amazon's Issue shape, each with the type the schema declares. */
export function trimIssues(issues: unknown): Issue[] {
  if (!Array.isArray(issues)) return [];
  return issues.map((raw) => {
    const i = (isObj(raw) ? raw : {}) as Obj;
    const enforcements = trimEnforcements(i.enforcements);
    // Feed processing reports name one attribute (attributeName); the Listings API names several.
    const names = Array.isArray(i.attributeNames)
      ? i.attributeNames.map(String)
      : typeof i.attributeName === 'string'
        ? [i.attributeName]
        : undefined;
    return {
      code: String(i.code ?? ''),
      message: String(i.message ?? ''),
      severity: String(i.severity ?? 'ERROR'),
      ...(names ? { attributeNames: names } : {}),
      ...(Array.isArray(i.categories) ? { categories: i.categories.map(String) } : {}),
      ...(enforcements ? { enforcements } : {}),
      ...(Array.isArray(i.marketplaceIds) ? { marketplaceIds: i.marketplaceIds.map(String) } : {}),
    };
  });
}
