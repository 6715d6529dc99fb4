// Feed result documents: downloaded once (getFeedDocument allows about one call a minute), saved as an MCP resource,
// and parsed once: feeds_status pages from the parsed form, held in a bounded cache. Expired download links are
// re-requested.
import { readFileSync, statSync } from 'node:fs';
import type { ToolContext } from '../core/tool.js';
import { ResourceStore, type StoredResource } from '../core/resources.js';
import type { Feed } from '../sp-api/schemas.js';
import { DocumentUrlExpiredError } from '../sp-api/errors.js';
import { ParsedFiles } from '../lib/parsed-files.js';
import { issuesBySku } from './listings-feed.js';

const KIND = 'feeds';

/**
 * A JSON processing report parsed, with its issues grouped per SKU (grouping 10,000 issues costs more than parsing
 * them, so it is kept too; the text is not), or any other result as text.
 */
type FeedContent =
  | { json: Record<string, unknown>; issues: ReturnType<typeof issuesBySku>; text?: undefined }
  | { json?: undefined; issues?: undefined; text: string };
/** Shared with the cache: read it, never change it. */
export type FeedResult = { resource: StoredResource } & FeedContent;

// As for reports (workflows/reports.ts); a 10,000-message processing report is a few MB of JSON.
const parsedResults = new ParsedFiles<FeedContent>({ maxEntries: 8, maxBytes: 32 * 1024 * 1024 });

export async function loadFeedResult(ctx: ToolContext, feed: Feed): Promise<FeedResult> {
  const key = ResourceStore.fileKey([ctx.sellerId, feed.feedId, 'result']);
  const title = `${feed.feedType} feed ${feed.feedId} processing report`;
  for (const [ext, mimeType] of [
    ['json', 'application/json'],
    ['txt', 'text/plain'],
  ] as const) {
    if (!ctx.resources.has(KIND, key, ext)) continue;
    const path = ctx.resources.pathFor(KIND, key, ext);
    const content = parsedResults.get([path], () => {
      const text = readFileSync(path, 'utf8');
      return withIssues(asJson(text), text);
    });
    // put() without content reads the whole file for its size: only when the registered entry differs.
    const known = ctx.resources.get(ctx.resources.uriFor(KIND, key));
    const same = known && known.path === path && known.title === title && known.mimeType === mimeType && known.size === statSync(path).size;
    return { resource: same ? known : ctx.resources.put(KIND, key, { ext, mimeType, title }), ...content };
  }
  const documentId = feed.resultFeedDocumentId!;
  let text: string;
  for (let attempt = 1; ; attempt++) {
    const descriptor = await ctx.client.getFeedDocument({ feedDocumentId: documentId }, { signal: ctx.signal, onWait: ctx.onWait });
    try {
      text = (await ctx.client.downloadDocument(descriptor, { signal: ctx.signal })).text;
      break;
    } catch (err) {
      if (!(err instanceof DocumentUrlExpiredError) || attempt >= 3) throw err;
    }
  }
  const json = asJson(text);
  const resource = json
    ? ctx.resources.put(KIND, key, { ext: 'json', mimeType: 'application/json', title, content: text })
    : ctx.resources.put(KIND, key, { ext: 'txt', mimeType: 'text/plain', title, content: text });
  const content = withIssues(json, text);
  parsedResults.set([resource.path], content);
  return { resource, ...content };
}

function asJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function withIssues(json: Record<string, unknown> | undefined, text: string): FeedContent {
  return json ? { json, issues: issuesBySku(json) } : { text };
}
