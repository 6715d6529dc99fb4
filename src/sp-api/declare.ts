// An SP-API operation, declared once: the parameters we accept, the response we read, and how parameters map onto
// Amazon's path, query and body. Method, path and usage plan come from the operations table (operations.ts),
// which the emulator shares. The client turns every declaration into a typed method (client.ts).
import { z } from 'zod';

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface RequestParts {
  path?: Record<string, string>;
  query?: Query;
  body?: unknown;
}

/** What a declaration may ask of the client: its seller, and marketplaces resolved and checked against its region. */
export interface RequestScope {
  sellerId: string;
  /** Ids or country codes → ids; none given → the client's marketplace. */
  marketplaces(ids?: readonly string[]): string[];
}

export interface Operation<P extends z.ZodType = z.ZodType, R extends z.ZodType | undefined = z.ZodType | undefined> {
  params: P;
  /** undefined: the response body is not read (cancel operations). */
  result: R;
  request(params: z.output<P>, scope: RequestScope): RequestParts;
}

export function operation<P extends z.ZodType, R extends z.ZodType | undefined>(op: Operation<P, R>): Operation<P, R> {
  return op;
}

/** Amazon's list operations: when nextToken is given it must be the only parameter. */
export function listQuery(p: { nextToken?: string | undefined; marketplaceIds?: string[] | undefined } & Query, scope: RequestScope): Query {
  if (typeof p.nextToken === 'string') return { nextToken: p.nextToken };
  const { marketplaceIds, ...rest } = p;
  return { ...rest, marketplaceIds: marketplaceIds ? scope.marketplaces(marketplaceIds) : undefined };
}

// ---------- pieces several areas share ----------

/** Amazon SKUs are 1..40 characters; counted in code points so '日本' is 2. */
export const skuSchema = z
  .string()
  .min(1, 'SKU must not be empty')
  .refine((s) => [...s].length <= 40, { message: 'SKU must be at most 40 characters' })
  .refine((s) => s.trim() === s, { message: 'SKU must not start or end with whitespace' });

/** Marketplace ids or country codes; the client resolves codes to ids and defaults to the configured marketplace. */
export const marketplaceIds = z.array(z.string().min(1)).min(1).optional();
export const oneMarketplace = z.array(z.string().min(1)).length(1).optional();
export const isoDate = z.string().min(1);
export const issueLocale = z
  .string()
  .regex(/^[a-z]{2}_[A-Z]{2}$/, 'locale like en_US')
  .optional();
export const pagination = z.looseObject({ nextToken: z.string().optional(), previousToken: z.string().optional() });
export const requirementsEnum = z.enum(['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY']);

export const processingStatus = z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']);

/** Filters of getFeeds and getReports. */
export const listFilters = {
  processingStatuses: z.array(processingStatus).min(1).optional(),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(10).optional(),
  pageSize: z.number().int().min(1).max(100).optional(),
  createdSince: isoDate.optional(),
  createdUntil: isoDate.optional(),
  nextToken: z.string().optional(),
};

/** A presigned document URL, as getFeedDocument and getReportDocument return it. */
export const documentDescriptor = z.looseObject({
  url: z.string(),
  compressionAlgorithm: z.string().optional(),
});
