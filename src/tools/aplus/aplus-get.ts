import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';

const MAX_TEXT = 400;

/** The texts and image ids of a module, whatever its type: enough to read it back to the user. */
function outline(module: Record<string, unknown>): { texts: string[]; images: string[] } {
  const texts: string[] = [];
  const images: string[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key));
    if (!v || typeof v !== 'object') {
      if (key === 'value' && typeof v === 'string' && texts.length < 40) texts.push(v.slice(0, MAX_TEXT));
      if (key === 'uploadDestinationId' && typeof v === 'string') images.push(v);
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(module);
  return { texts, images };
}

export const aplusGet = defineTool({
  name: 'aplus_get',
  title: 'Read an A+ Content document',
  summary: 'one A+ Content document: status, modules (type, texts, image ids) and the ASINs it applies to',
  description:
    'Read one A+ Content document by contentReferenceKey (from aplus_list): name, status (DRAFT, SUBMITTED, APPROVED, ' +
    'REJECTED) and badges, locale, each module with its type, its texts and its image upload ids, and the ASINs the ' +
    'document is applied to (published or not). Set includeRaw for the modules exactly as Amazon returns them.',
  toolset: 'aplus',
  capability: 'aplus.read',
  input: z
    .object({
      contentReferenceKey: z.string().min(1).max(200),
      includeRaw: z.boolean().default(false),
      marketplace: marketplaceArg,
    })
    .strict(),
  output: z.object({
    contentReferenceKey: z.string(),
    marketplaceId: z.string(),
    name: z.string().optional(),
    status: z.string().optional(),
    badges: z.array(z.string()).optional(),
    updateTime: z.string().optional(),
    locale: z.string().optional(),
    contentType: z.string().optional(),
    modules: z.array(z.object({ type: z.string(), texts: z.array(z.string()), images: z.array(z.string()) })),
    raw: z.array(z.record(z.string(), z.json())).optional(),
    asins: z.array(z.object({ asin: z.string(), badges: z.array(z.string()).optional() })),
    moreAsins: z.boolean().optional(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const opts = { signal: ctx.signal, onWait: ctx.onWait };
    const res = await ctx.client.getContentDocument(
      { contentReferenceKey: args.contentReferenceKey, marketplaceId, includedDataSet: ['CONTENTS', 'METADATA'] },
      opts,
    );
    const rel = await ctx.client.listContentDocumentAsinRelations(
      { contentReferenceKey: args.contentReferenceKey, marketplaceId, includedDataSet: ['METADATA'] },
      opts,
    );
    const meta = res.contentRecord.contentMetadata;
    const doc = res.contentRecord.contentDocument;
    const modules = (doc?.contentModuleList ?? []).map((m) => ({ type: m.contentModuleType, ...outline(m) }));
    return {
      contentReferenceKey: res.contentRecord.contentReferenceKey,
      marketplaceId,
      ...(meta ? { name: meta.name, status: meta.status, badges: meta.badgeSet, updateTime: meta.updateTime } : {}),
      ...(doc ? { locale: doc.locale, contentType: doc.contentType } : {}),
      modules,
      ...(args.includeRaw && doc ? { raw: doc.contentModuleList as Array<Record<string, z.infer<ReturnType<typeof z.json>>>> } : {}),
      asins: rel.asinMetadataSet.map((a) => ({ asin: a.asin, ...(a.badgeSet ? { badges: a.badgeSet } : {}) })),
      ...(rel.nextPageToken ? { moreAsins: true } : {}),
    };
  },
});
