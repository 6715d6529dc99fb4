// JSON_LISTINGS_FEED: our own compact check of the feed envelope (facts §8), applying messages
// through the shared listings state, and the processing report (listings-feed-processing-report v2 shape).
import type { ListingSubmissionResult, ListingsService } from '../types.js';
import { renderItem } from '../listings.js';

const OPERATIONS = ['UPDATE', 'PARTIAL_UPDATE', 'PATCH', 'DELETE'] as const;
const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'];
const PATCH_OPS = ['add', 'replace', 'merge', 'delete'];
export const INCLUDED_DATA = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;
const MAX_MESSAGES = 25_000;
const MAX_MESSAGE_ID = 2_147_483_647;

type Operation = (typeof OPERATIONS)[number];
type Patch = { op: string; path: string; value?: unknown[] };

interface FeedMessage {
  messageId: number;
  sku: string;
  operationType: Operation;
  productType?: string;
  requirements?: string;
  attributes?: Record<string, unknown>;
  patches?: Patch[];
}

export interface ListingsFeed {
  header: { sellerId: string; version: '2.0'; issueLocale?: string; report?: { includedData: string[]; apiVersion: string } };
  messages: FeedMessage[];
}

interface ReportIssue {
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

export interface ProcessingReport {
  header: { sellerId: string; version: '2.0'; feedId: string; report?: { includedData: string[]; apiVersion: string } };
  issues: ReportIssue[];
  summary: {
    errors: number;
    warnings: number;
    messagesProcessed: number;
    messagesAccepted: number;
    messagesInvalid: number;
    itemSummary?: { items: number; errors: number; warnings: number };
  };
  items?: Array<Record<string, unknown>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Returns the feed when the envelope is valid, else the list of problems (the feed then fails as FATAL). */
export function checkListingsFeed(doc: unknown, tokenSellerId: string): ListingsFeed | string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return ['The feed document must be a JSON object with "header" and "messages".'];
  const header = doc['header'];
  if (!isObject(header)) {
    problems.push('"header" is required and must be an object.');
  } else {
    if (typeof header['sellerId'] !== 'string') problems.push('"header.sellerId" is required and must be a string.');
    else if (header['sellerId'] !== tokenSellerId) {
      problems.push(`"header.sellerId" (${header['sellerId']}) does not match the selling partner that submitted the feed.`);
    }
    if (header['version'] !== '2.0') problems.push('"header.version" must be "2.0".');
    if (header['issueLocale'] !== undefined && typeof header['issueLocale'] !== 'string') problems.push('"header.issueLocale" must be a string.');
    const report = header['report'];
    if (report !== undefined) {
      const inc = isObject(report) ? report['includedData'] : undefined;
      if (
        !isObject(report) ||
        !Array.isArray(inc) ||
        inc.length < 1 ||
        inc.some((d) => !(INCLUDED_DATA as readonly unknown[]).includes(d)) ||
        report['apiVersion'] !== '2021-08-01'
      ) {
        problems.push(`"header.report" needs "includedData" (1+ of ${INCLUDED_DATA.join(', ')}) and "apiVersion": "2021-08-01".`);
      }
    }
  }
  const messages = doc['messages'];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > MAX_MESSAGES) {
    problems.push(`"messages" must be an array of 1 to ${MAX_MESSAGES} messages.`);
  } else {
    const seen = new Set<number>();
    messages.forEach((m, i) => {
      const where = `messages[${i}]`;
      if (!isObject(m)) return problems.push(`${where} must be an object.`);
      const id = m['messageId'];
      if (!Number.isInteger(id) || (id as number) < 1 || (id as number) > MAX_MESSAGE_ID) {
        problems.push(`${where}.messageId must be an integer from 1 to ${MAX_MESSAGE_ID}.`);
      } else if (seen.has(id as number)) {
        problems.push(`${where}.messageId ${String(id)} is not unique within the feed.`);
      } else {
        seen.add(id as number);
      }
      if (typeof m['sku'] !== 'string' || m['sku'] === '') problems.push(`${where}.sku must be a non-empty string.`);
      for (const p of checkOperation(m)) problems.push(`${where}: ${p}`);
      return undefined;
    });
  }
  return problems.length > 0 ? problems : (doc as unknown as ListingsFeed);
}

/** The oneOf rules per operationType, plus the shapes of the optional fields. */
function checkOperation(m: Record<string, unknown>): string[] {
  const op = m['operationType'];
  if (!(OPERATIONS as readonly unknown[]).includes(op)) return [`operationType must be one of ${OPERATIONS.join(', ')}.`];
  const out: string[] = [];
  const has = (k: string): boolean => m[k] !== undefined;
  const need = (k: string): void => void (!has(k) && out.push(`${String(op)} requires "${k}".`));
  const forbid = (k: string): void => void (has(k) && out.push(`"${k}" is not allowed with ${String(op)}.`));
  const rules: Record<string, { need: string[]; forbid: string[] }> = {
    UPDATE: { need: ['productType', 'attributes'], forbid: ['patches'] },
    PARTIAL_UPDATE: { need: ['productType', 'attributes'], forbid: ['requirements', 'patches'] },
    PATCH: { need: ['productType', 'patches'], forbid: ['requirements', 'attributes'] },
  };
  const rule = rules[String(op)];
  if (rule) {
    rule.need.forEach(need);
    rule.forbid.forEach(forbid);
  }
  if (op === 'DELETE') ['requirements', 'attributes', 'productType', 'patches'].forEach(forbid);
  if (has('productType') && (typeof m['productType'] !== 'string' || m['productType'] === '')) out.push('productType must be a non-empty string.');
  if (has('requirements') && !REQUIREMENTS.includes(m['requirements'] as string)) out.push(`requirements must be one of ${REQUIREMENTS.join(', ')}.`);
  if (has('attributes') && (!isObject(m['attributes']) || Object.keys(m['attributes']).length === 0)) {
    out.push('attributes must be an object with at least one attribute.');
  }
  if (has('patches')) {
    const patches = m['patches'];
    const ok =
      Array.isArray(patches) &&
      patches.length > 0 &&
      patches.every(
        (p) =>
          isObject(p) &&
          PATCH_OPS.includes(p['op'] as string) &&
          typeof p['path'] === 'string' &&
          (p['value'] === undefined || (Array.isArray(p['value']) && p['value'].every(isObject))),
      );
    if (!ok) out.push(`patches must be a non-empty array of {op: ${PATCH_OPS.join('|')}, path, value?: object[]}.`);
  }
  return out;
}

/** Report for a feed that could not be processed at all (FATAL). */
export function fatalReport(sellerId: string, feedId: string, code: string, problems: string[]): ProcessingReport {
  return {
    header: { sellerId, version: '2.0', feedId },
    issues: problems.slice(0, 100).map((message) => ({ code, severity: 'ERROR', message })),
    summary: { errors: Math.min(problems.length, 100), warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
  };
}

/** Applies every message, in order, and builds the processing report. */
export function applyListingsFeed(
  listings: ListingsService,
  feed: ListingsFeed,
  feedId: string,
  sellerId: string,
  marketplaceIds: string[],
): ProcessingReport {
  const issues: ReportIssue[] = [];
  let accepted = 0;
  let invalid = 0;
  for (const msg of feed.messages) {
    const result = applyMessage(listings, sellerId, marketplaceIds, msg);
    if (result.status === 'INVALID') invalid++;
    else accepted++;
    for (const issue of result.issues) {
      issues.push({
        messageId: msg.messageId,
        sku: msg.sku,
        code: issue.code,
        severity: issue.severity,
        message: issue.message,
        ...(issue.attributeNames?.[0] ? { attributeName: issue.attributeNames[0] } : {}),
      });
    }
  }
  const report: ProcessingReport = {
    header: { sellerId, version: '2.0', feedId, ...(feed.header.report ? { report: feed.header.report } : {}) },
    issues,
    summary: {
      errors: issues.filter((i) => i.severity === 'ERROR').length,
      warnings: issues.filter((i) => i.severity === 'WARNING').length,
      messagesProcessed: feed.messages.length,
      messagesAccepted: accepted,
      messagesInvalid: invalid,
    },
  };
  const included = feed.header.report?.includedData;
  if (included) {
    const skus = [...new Set(feed.messages.map((m) => m.sku))];
    const items = skus.flatMap((sku) => {
      const l = listings.get(sellerId, sku);
      return l ? [renderItem(l, marketplaceIds, new Set(included))] : [];
    });
    const itemIssues = skus.flatMap((sku) => listings.get(sellerId, sku)?.issues ?? []);
    report.items = items;
    report.summary.itemSummary = {
      items: items.length,
      errors: itemIssues.filter((i) => i.severity === 'ERROR').length,
      warnings: itemIssues.filter((i) => i.severity === 'WARNING').length,
    };
  }
  return report;
}

function applyMessage(listings: ListingsService, sellerId: string, marketplaceIds: string[], m: FeedMessage): ListingSubmissionResult {
  try {
    switch (m.operationType) {
      case 'UPDATE':
        return listings.put(sellerId, m.sku, {
          productType: m.productType!,
          attributes: m.attributes!,
          marketplaceIds,
          ...(m.requirements ? { requirements: m.requirements } : {}),
        });
      case 'PARTIAL_UPDATE': {
        // "equivalent to using PATCH with the replace op" per attribute (facts §8).
        const patches = Object.entries(m.attributes!).map(([name, value]) => ({
          op: 'replace',
          path: `/attributes/${name}`,
          value: Array.isArray(value) ? value : [value],
        }));
        return listings.patch(sellerId, m.sku, { productType: m.productType!, patches, marketplaceIds });
      }
      case 'PATCH':
        return listings.patch(sellerId, m.sku, { productType: m.productType!, patches: m.patches!, marketplaceIds });
      case 'DELETE':
        return listings.delete(sellerId, m.sku, marketplaceIds);
    }
  } catch (err) {
    // The listings service throws for requests the Listings API would refuse outright (e.g. unknown SKU).
    const message = err instanceof Error ? err.message : String(err);
    return { sku: m.sku, status: 'INVALID', submissionId: '', issues: [{ code: 'SUBMISSION_FAILED', message, severity: 'ERROR', categories: [] }] };
  }
}
