// The report workflow shared by reports_request, reports_get and account_health: wait for a report with back-off
// (inside getReport's 2 req/s), download its document at once (links expire after 5 minutes), keep the decoded
// text on disk as an MCP resource, and parse it once: pages come from the parsed form, held in a bounded cache.
// Decompression and charset decoding happen in the client.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { ToolContext } from '../core/tool.js';
import type { StoredResource } from '../core/resources.js';
import { ResourceStore } from '../core/resources.js';
import { ParsedFiles } from '../lib/parsed-files.js';
import type { Report } from '../sp-api/schemas.js';
import { DocumentUrlExpiredError } from '../sp-api/errors.js';
import { sleep } from '../lib/sleep.js';
import { parseReport } from './report-parse.js';
import type { ParsedReport } from './report-tables.js';

export const TERMINAL_STATUSES = ['DONE', 'CANCELLED', 'FATAL'];
const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 15_000;
const KIND = 'reports';

export interface WaitResult {
  report: Report;
  /** True when maxWaitMs passed before the report finished. */
  timedOut: boolean;
}

/** Polls getReport until DONE/CANCELLED/FATAL, doubling the pause up to 15 s; progress after every poll; abortable. */
export async function waitForReport(ctx: ToolContext, reportId: string, maxWaitMs: number): Promise<WaitResult> {
  const started = Date.now();
  let pause = POLL_FIRST_MS;
  for (let poll = 1; ; poll++) {
    const report = await ctx.client.getReport({ reportId }, { signal: ctx.signal, onWait: ctx.onWait });
    const status = String(report.processingStatus);
    const waited = Math.round((Date.now() - started) / 1000);
    if (TERMINAL_STATUSES.includes(status)) return { report, timedOut: false };
    if (Date.now() - started + pause > maxWaitMs) return { report, timedOut: true };
    await ctx.progress({
      progress: poll,
      message: `Report ${reportId} is ${status} (waited ${waited} s); checking again in ${(pause / 1000).toFixed(1)} s`,
    });
    await sleep(pause, ctx.signal);
    pause = Math.min(pause * 2, POLL_MAX_MS);
  }
}

export interface ReportDocumentText {
  text: string;
  charset: string;
  compressed: boolean;
  contentType?: string | undefined;
}

/** getReportDocument then download; an expired link is re-requested (a fresh descriptor carries a fresh URL). */
export async function downloadReportDocument(ctx: ToolContext, reportDocumentId: string): Promise<ReportDocumentText> {
  for (let attempt = 1; ; attempt++) {
    const descriptor = await ctx.client.getReportDocument({ reportDocumentId }, { signal: ctx.signal, onWait: ctx.onWait });
    try {
      const doc = await ctx.client.downloadDocument(descriptor, { signal: ctx.signal });
      return { text: doc.text, charset: doc.charset, compressed: doc.compressed, contentType: doc.contentType };
    } catch (err) {
      if (!(err instanceof DocumentUrlExpiredError) || attempt >= 3) throw err;
      ctx.log.info({ reportDocumentId, attempt }, 'report document URL expired; fetching a fresh one');
    }
  }
}

export interface LoadedReport {
  /** Shared with the cache: read it, never change it. */
  parsed: ParsedReport;
  resource: StoredResource;
  meta: { charset: string; compressed: boolean; contentType?: string | undefined; bytes: number };
}

const EXTENSIONS = {
  tsv: { ext: 'tsv', mimeType: 'text/tab-separated-values' },
  json: { ext: 'json', mimeType: 'application/json' },
  text: { ext: 'txt', mimeType: 'text/plain' },
};

// Parsed reports stay in memory so that paging neither re-reads nor re-parses the saved text (a 20,000-row report
// took ~0.2 s a page that way); an entry counts only while the text and meta files are unchanged. The budget counts
// the saved text's bytes: parsed tables take about 3.4 times that in heap, so 32 MB of text (a 200,000-row listings
// report) is ~110 MB at most. A report larger than the budget is not kept and is parsed per page, as before.
const parsedReports = new ParsedFiles<{ parsed: ParsedReport; meta: LoadedReport['meta'] }>({ maxEntries: 8, maxBytes: 32 * 1024 * 1024 });

/**
 * The report's parsed content. Downloaded once, then read from the saved file (getReportDocument allows about
 * one call a minute, so pages must not re-download) and parsed once while it stays in the cache.
 * The file holds the decoded text in UTF-8.
 */
export async function loadReport(ctx: ToolContext, report: Report): Promise<LoadedReport> {
  const key = ResourceStore.fileKey([ctx.sellerId, report.reportId]);
  const metaPath = ctx.resources.pathFor(KIND, key, 'meta.json');
  for (const kind of Object.values(EXTENSIONS)) {
    if (!ctx.resources.has(KIND, key, kind.ext) || !ctx.resources.has(KIND, key, 'meta.json')) continue;
    const path = ctx.resources.pathFor(KIND, key, kind.ext);
    const { parsed, meta } = parsedReports.get(
      [path, metaPath],
      () => ({
        meta: JSON.parse(readFileSync(metaPath, 'utf8')) as LoadedReport['meta'],
        parsed: parseReport(report.reportType, readFileSync(path, 'utf8')),
      }),
      report.reportType,
    );
    return { parsed, resource: registered(ctx, key, kind, title(report)), meta };
  }
  const doc = await downloadReportDocument(ctx, report.reportDocumentId!);
  const parsed = parseReport(report.reportType, doc.text);
  const kind = EXTENSIONS[parsed.format];
  const resource = ctx.resources.put(KIND, key, { ext: kind.ext, mimeType: kind.mimeType, title: title(report), content: doc.text });
  const meta = { charset: doc.charset, compressed: doc.compressed, contentType: doc.contentType, bytes: resource.size };
  writeFileSync(metaPath, JSON.stringify(meta));
  parsedReports.set([resource.path, metaPath], { parsed, meta }, report.reportType);
  return { parsed, resource, meta };
}

/** The resource entry; re-registered only when it differs, since put() without content reads the whole file for its size. */
function registered(ctx: ToolContext, key: string, kind: { ext: string; mimeType: string }, title: string): StoredResource {
  const known = ctx.resources.get(ctx.resources.uriFor(KIND, key));
  const path = ctx.resources.pathFor(KIND, key, kind.ext);
  if (known && known.path === path && known.title === title && known.mimeType === kind.mimeType && known.size === statSync(path).size) return known;
  return ctx.resources.put(KIND, key, { ext: kind.ext, mimeType: kind.mimeType, title });
}

function title(report: Report): string {
  return `${report.reportType} report ${report.reportId} (${(report.marketplaceIds ?? []).join(', ')})`;
}

/** Why a report did not produce data, and for FATAL the error document's text when Amazon left one. */
export async function explainUnfinished(ctx: ToolContext, report: Report): Promise<{ explanation: string; errorDetails?: string }> {
  const status = String(report.processingStatus);
  if (status === 'CANCELLED') {
    return {
      explanation:
        'Amazon cancelled this report. Usually there was no data for the requested marketplaces and date range (Amazon cancels ' +
        'such reports automatically); otherwise it was cancelled by the seller or another app. Try a wider date range or another marketplace.',
    };
  }
  if (status === 'FATAL') {
    let errorDetails: string | undefined;
    if (report.reportDocumentId) {
      try {
        const doc = await downloadReportDocument(ctx, report.reportDocumentId);
        errorDetails = errorText(doc.text);
      } catch (err) {
        ctx.log.info({ reportId: report.reportId, err: (err as Error).name }, 'could not read the FATAL report error document');
      }
    }
    return {
      explanation:
        'Amazon could not produce this report (FATAL). ' +
        (errorDetails ? 'Its error document says why (errorDetails). ' : 'Amazon left no error document, so the reason is unknown. ') +
        'Fix what it names (date range, marketplaces, report options) and request the report again; retrying unchanged rarely helps.',
      ...(errorDetails ? { errorDetails } : {}),
    };
  }
  return { explanation: `The report is still ${status} at Amazon.` };
}

function errorText(text: string): string {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    if (typeof json.errorDetails === 'string') return json.errorDetails.slice(0, 2000);
  } catch {
    // Not JSON: use the text as is.
  }
  return text.trim().slice(0, 2000);
}
