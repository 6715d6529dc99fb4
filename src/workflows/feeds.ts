// Feed result documents: downloaded once (getFeedDocument allows about one call a minute), saved as an MCP resource,
// and read from disk when paging. Expired download links are re-requested.
import { readFileSync } from 'node:fs';
import type { ToolContext } from '../core/tool.js';
import { ResourceStore, type StoredResource } from '../core/resources.js';
import type { Feed } from '../sp-api/schemas.js';
import { DocumentUrlExpiredError } from '../sp-api/errors.js';

const KIND = 'feeds';

export async function loadFeedResult(ctx: ToolContext, feed: Feed): Promise<{ text: string; resource: StoredResource; json?: Record<string, unknown> }> {
  const key = ResourceStore.fileKey([ctx.sellerId, feed.feedId, 'result']);
  const title = `${feed.feedType} feed ${feed.feedId} processing report`;
  for (const [ext, mimeType] of [['json', 'application/json'], ['txt', 'text/plain']] as const) {
    if (!ctx.resources.has(KIND, key, ext)) continue;
    const resource = ctx.resources.put(KIND, key, { ext, mimeType, title });
    const text = readFileSync(resource.path, 'utf8');
    return { text, resource, ...asJson(text) };
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
  const parsed = asJson(text);
  const resource = parsed.json
    ? ctx.resources.put(KIND, key, { ext: 'json', mimeType: 'application/json', title, content: text })
    : ctx.resources.put(KIND, key, { ext: 'txt', mimeType: 'text/plain', title, content: text });
  return { text, resource, ...parsed };
}

function asJson(text: string): { json?: Record<string, unknown> } {
  try {
    const v = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? { json: v as Record<string, unknown> } : {};
  } catch {
    return {};
  }
}
