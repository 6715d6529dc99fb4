import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { explainUnfinished, loadReport, waitForReport } from '../../workflows/reports.js';
import type { PerformanceMetric } from '../../workflows/seller-performance.js';
import { reportIdArg } from '../reports/reports-get.js';

const REPORT_TYPE = 'GET_V2_SELLER_PERFORMANCE_REPORT';

const metricSchema = z.object({
  metric: z.string(),
  status: z.string(),
  value: z.number().optional(),
  targetCondition: z.string().optional(),
  targetValue: z.number().optional(),
  basis: z.number().optional().describe('Orders or shipments the rate is computed over.'),
  from: z.string().optional(),
  to: z.string().optional(),
});

function view(m: PerformanceMetric): z.infer<typeof metricSchema> {
  return {
    metric: m.metric,
    status: m.status,
    ...(m.value !== null ? { value: m.value } : {}),
    ...(m.targetCondition !== null ? { targetCondition: m.targetCondition } : {}),
    ...(m.targetValue !== null ? { targetValue: m.targetValue } : {}),
    ...(m.basis !== null ? { basis: m.basis } : {}),
    ...(m.from !== null ? { from: m.from } : {}),
    ...(m.to !== null ? { to: m.to } : {}),
  };
}

export const accountHealth = defineTool({
  name: 'account_health',
  longRunning: true,
  title: 'Account health (seller performance)',
  summary: 'seller performance report summarised: account status, health rating, metrics at risk first',
  description:
    "Account health of the seller from Amazon's seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT), summarised " +
    'per marketplace: account status, Account Health Rating, then the metrics AT RISK first (status, value, target: e.g. ' +
    'late shipment rate, order defect rate, policy violations), then the others. Requests the report and waits for it ' +
    '(usually under a minute; progress is reported, cancellable), or summarises an existing one when reportId is given ' +
    '(find one with reports_list). Rates are fractions (0.04 = 4%). The full report is saved as an MCP resource. ' +
    'Next: for a metric at risk, look at the affected orders or listings in Seller Central; listings_search finds listing issues.',
  toolset: 'account',
  capability: 'reports.read',
  sellerOnly: true,
  input: z
    .object({
      marketplaces: z
        .array(z.string().min(2).max(20))
        .min(1)
        .max(25)
        .optional()
        .describe("Marketplace ids or country codes; default the server's default."),
      reportId: reportIdArg.optional().describe('Summarise this existing seller performance report instead of requesting a new one.'),
      maxWaitSeconds: z.number().int().min(5).max(1800).default(300),
    })
    .strict(),
  output: z.object({
    reportId: z.string(),
    status: z.string(),
    marketplaces: z.array(
      z.object({
        marketplaceId: z.string(),
        accountStatus: z.string().optional(),
        accountHealthRating: z.object({ status: z.string().nullable(), score: z.number().nullable() }).optional(),
        metricsAtRisk: z.array(metricSchema),
        otherMetrics: z.array(metricSchema),
      }),
    ),
    resourceUri: z.string().optional(),
    explanation: z.string().optional(),
    errorDetails: z.string().optional(),
    next: z.string(),
  }),
  annotations: { ...READ_HINTS, idempotentHint: false },
  async run(args, ctx) {
    let reportId = args.reportId;
    if (!reportId) {
      const marketplaceIds = [...new Set((args.marketplaces ?? [undefined]).map((m) => ctx.marketplace(m)))];
      reportId = (await ctx.client.createReport({ reportType: REPORT_TYPE, marketplaceIds }, { signal: ctx.signal, onWait: ctx.onWait })).reportId;
      await ctx.progress({ progress: 0, message: `Requested the seller performance report ${reportId}; waiting for Amazon` });
    }
    const { report, timedOut } = await waitForReport(ctx, reportId, args.maxWaitSeconds * 1000);
    if (report.reportType !== REPORT_TYPE) {
      throw new ToolError(
        'INVALID_REQUEST',
        `Report ${reportId} is a ${report.reportType}, not ${REPORT_TYPE}. Give a seller performance report id, or none.`,
      );
    }
    const status = String(report.processingStatus);
    if (status !== 'DONE' || !report.reportDocumentId) {
      const why = timedOut ? { explanation: `The report is still ${status}.` } : await explainUnfinished(ctx, report);
      return {
        reportId,
        status,
        marketplaces: [],
        ...why,
        next: timedOut
          ? `Call account_health again later with reportId "${reportId}".`
          : 'Try again later; if it keeps failing, check account health in Seller Central.',
      };
    }
    // The parsed form (cached), not the file again: the parser already read it as a seller performance report.
    const loaded = await loadReport(ctx, report);
    const perf = loaded.parsed.performance;
    if (!perf)
      throw new ToolError(
        'SP_API_ERROR',
        `Report ${reportId} is not in the expected seller performance format. Read it with reports_get to see its content.`,
      );
    const marketplaces = perf.map((p) => ({
      marketplaceId: p.marketplaceId,
      ...(p.accountStatus !== undefined ? { accountStatus: p.accountStatus } : {}),
      ...(p.accountHealthRating ? { accountHealthRating: p.accountHealthRating } : {}),
      metricsAtRisk: p.metrics.filter((m) => m.atRisk).map(view),
      otherMetrics: p.metrics.filter((m) => !m.atRisk).map(view),
    }));
    const atRisk = marketplaces.reduce((n, m) => n + m.metricsAtRisk.length, 0);
    return {
      reportId,
      status,
      marketplaces,
      resourceUri: loaded.resource.uri,
      next: atRisk
        ? `${atRisk} metric(s) at risk, listed first per marketplace. Tell the user which, with value vs target, and what usually fixes each.`
        : 'No metric is at risk.',
    };
  },
});
