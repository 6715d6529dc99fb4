// Reports API 2021-06-30: report lifecycle (IN_QUEUE → IN_PROGRESS → DONE/FATAL/CANCELLED) and documents.
//
// Emulator-only reportOptions, for deterministic tests of client download handling:
//   emulatorQuirk: "GZIP_LABEL_NOT_GZIPPED"    compressionAlgorithm GZIP, but the bytes are not compressed
//                  "GZIP_UNLABELLED"           gzipped bytes, no compressionAlgorithm
//                  "FATAL_WITH_ERROR_DOCUMENT" FATAL, with a reportDocumentId whose JSON explains the error
//                  "NO_DATA"                   CANCELLED without a document (Amazon's "no data" cancellation)
//   emulatorRows: "N"                          exactly N data rows (listing reports) or ASIN rows (sales and traffic)
// They are stripped before a report's content is generated and never appear in reportSpecification.
import { gzipSync } from 'node:zlib';
import type { EmulatorContext, HandlerTable } from '../types.js';
import { badRequest, checkMarketplaceIds, iso, JobBook, isStringMap, jsonBody, notFound, parseIsoTime, type Job } from './jobs.js';
import { generateReport, REPORT_TYPES } from './report-content.js';

const QUIRKS = ['GZIP_LABEL_NOT_GZIPPED', 'GZIP_UNLABELLED', 'FATAL_WITH_ERROR_DOCUMENT', 'NO_DATA'] as const;
const MAX_EMULATOR_ROWS = 500_000;

interface ReportJob extends Job {
  dataStart: number;
  dataEnd: number;
  options: Record<string, string>;
  quirk?: (typeof QUIRKS)[number];
  rows?: number;
}

export function createReportsHandlers(ctx: EmulatorContext): HandlerTable {
  // Report document id → owner and whether getReportDocument says GZIP.
  const documents = new Map<string, { sellerId: string; gzipLabel: boolean }>();
  const book = new JobBook<ReportJob>(
    () => ctx.clock.now(),
    () => ctx.jobStepMs,
    runReport,
    90_000_200_000,
  );

  function store(report: ReportJob, bytes: Buffer, contentType: string, gzipped: boolean, gzipLabel: boolean): string {
    const id = ctx.documents.putDownload(gzipped ? gzipSync(bytes) : bytes, { contentType, compressed: gzipped });
    documents.set(id, { sellerId: report.sellerId, gzipLabel });
    return id;
  }

  function runReport(report: ReportJob): NonNullable<Job['outcome']> {
    if (report.quirk === 'NO_DATA') return { status: 'CANCELLED' };
    if (report.quirk === 'FATAL_WITH_ERROR_DOCUMENT') {
      const error = { errorDetails: `Report ${report.id} failed: the emulator was asked to fail it (emulatorQuirk).` };
      return { status: 'FATAL', documentId: store(report, Buffer.from(JSON.stringify(error)), 'application/json', false, false) };
    }
    const content = generateReport({
      sellerId: report.sellerId,
      reportType: report.type,
      marketplaceIds: report.marketplaceIds,
      dataStart: report.dataStart,
      dataEnd: report.dataEnd,
      options: report.options,
      now: ctx.clock.now(),
      listings: ctx.listings.all(report.sellerId),
      orders: ctx.orders,
      ...(report.rows !== undefined ? { rows: report.rows } : {}),
    });
    let gzipped = content.gzip;
    let label = content.gzip;
    if (report.quirk === 'GZIP_LABEL_NOT_GZIPPED') [gzipped, label] = [false, true];
    if (report.quirk === 'GZIP_UNLABELLED') [gzipped, label] = [true, false];
    return { status: 'DONE', documentId: store(report, content.bytes, content.contentType, gzipped, label) };
  }

  function view(r: ReportJob): Record<string, unknown> {
    const started = book.startedAt(r);
    const ended = book.endedAt(r);
    return {
      reportId: r.id,
      reportType: r.type,
      dataStartTime: iso(r.dataStart),
      dataEndTime: iso(r.dataEnd),
      marketplaceIds: r.marketplaceIds,
      createdTime: iso(r.createdAt),
      processingStatus: book.status(r),
      ...(started !== undefined ? { processingStartTime: iso(started) } : {}),
      ...(ended !== undefined ? { processingEndTime: iso(ended) } : {}),
      ...(r.outcome?.documentId ? { reportDocumentId: r.outcome.documentId } : {}),
    };
  }

  return {
    createReport(req) {
      const body = jsonBody(req.body);
      if (!body) return badRequest('The request body must be a JSON CreateReportSpecification.');
      const { reportType, marketplaceIds, dataStartTime, dataEndTime, reportOptions } = body;
      if (typeof reportType !== 'string' || reportType === '') return badRequest('reportType is required.');
      if (!(REPORT_TYPES as readonly string[]).includes(reportType)) return badRequest(`Invalid reportType: ${reportType}.`);
      const mpError = checkMarketplaceIds(marketplaceIds, 25);
      if (mpError) return badRequest(mpError);
      const seller = ctx.sellers.find((s) => s.sellerId === req.sellerId);
      const foreign = seller && (marketplaceIds as string[]).find((m) => !seller.marketplaceIds.includes(m));
      if (foreign) return badRequest(`The seller does not participate in marketplace ${foreign}.`);

      const now = ctx.clock.now();
      const times: number[] = [];
      for (const [name, value] of [
        ['dataStartTime', dataStartTime],
        ['dataEndTime', dataEndTime],
      ] as const) {
        if (value === undefined) {
          times.push(now); // Amazon's default for both is "now".
          continue;
        }
        const t = typeof value === 'string' ? parseIsoTime(value) : undefined;
        if (t === undefined) return badRequest(`${name} must be an ISO 8601 date-time.`);
        if (t > now) return badRequest(`${name} must be prior to or equal to the current date and time.`);
        times.push(t);
      }
      const [dataStart, dataEnd] = times as [number, number];
      if (dataStart > dataEnd) return badRequest('dataStartTime must be prior to or equal to dataEndTime.');

      if (reportOptions !== undefined && !isStringMap(reportOptions)) return badRequest('reportOptions must be a map of strings.');
      const { emulatorQuirk, emulatorRows, ...options } = (reportOptions ?? {}) as Record<string, string>;
      if (emulatorQuirk !== undefined && !(QUIRKS as readonly string[]).includes(emulatorQuirk)) {
        return badRequest(`Unknown emulatorQuirk ${emulatorQuirk}; known: ${QUIRKS.join(', ')}.`);
      }
      const optionError = checkOptions(reportType, options);
      if (optionError) return badRequest(optionError);
      let rows: number | undefined;
      if (emulatorRows !== undefined) {
        rows = /^\d+$/.test(emulatorRows) ? Number(emulatorRows) : NaN;
        if (!(rows >= 0 && rows <= MAX_EMULATOR_ROWS)) return badRequest(`emulatorRows must be an integer from 0 to ${MAX_EMULATOR_ROWS}.`);
      }

      const report: ReportJob = {
        id: book.newId(),
        sellerId: req.sellerId,
        type: reportType,
        marketplaceIds: marketplaceIds as string[],
        createdAt: now,
        dataStart,
        dataEnd,
        options,
        ...(emulatorQuirk !== undefined ? { quirk: emulatorQuirk as ReportJob['quirk'] } : {}),
        ...(rows !== undefined ? { rows } : {}),
      };
      book.add(report);
      return { status: 202, body: { reportId: report.id } };
    },

    getReport(req) {
      const r = book.get(req.sellerId, req.params['reportId'] ?? '');
      return r ? { status: 200, body: view(r) } : notFound(`Report ${req.params['reportId']} not found.`);
    },

    getReports(req) {
      const page = book.list(req.sellerId, req.query, 'reportTypes');
      if ('status' in page) return page;
      return { status: 200, body: { reports: page.items.map(view), ...(page.nextToken ? { nextToken: page.nextToken } : {}) } };
    },

    cancelReport(req) {
      const r = book.get(req.sellerId, req.params['reportId'] ?? '');
      if (!r) return notFound(`Report ${req.params['reportId']} not found.`);
      if (!book.cancel(r)) {
        return badRequest(`Only reports with processingStatus IN_QUEUE can be cancelled; report ${r.id} is ${book.status(r)}.`);
      }
      return { status: 200 };
    },

    getReportDocument(req) {
      book.settle();
      const id = req.params['reportDocumentId'] ?? '';
      const doc = documents.get(id);
      // A fresh presigned URL on every call: Amazon's expire after 5 minutes.
      const url = doc?.sellerId === req.sellerId ? ctx.documents.downloadUrl(id) : undefined;
      if (!doc || !url) return notFound(`Report document ${id} not found.`);
      return { status: 200, body: { reportDocumentId: id, url, ...(doc.gzipLabel ? { compressionAlgorithm: 'GZIP' } : {}) } };
    },
  };
}

// Report options Amazon documents for the generated types; other keys are ignored as Amazon ignores them.
const OPTION_VALUES: Record<string, Record<string, string[]>> = {
  GET_SALES_AND_TRAFFIC_REPORT: { dateGranularity: ['DAY', 'WEEK', 'MONTH'], asinGranularity: ['PARENT', 'CHILD', 'SKU'] },
};

function checkOptions(reportType: string, options: Record<string, string>): string | undefined {
  for (const [key, allowed] of Object.entries(OPTION_VALUES[reportType] ?? {})) {
    const v = options[key];
    if (v !== undefined && !allowed.includes(v)) return `reportOptions.${key} must be one of ${allowed.join(', ')}.`;
  }
  return undefined;
}
