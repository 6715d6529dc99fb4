// Reports 2021-06-30: the parameters we accept, the responses we read (written from Amazon's models, not copied) and one
// declaration per operation. Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';
import { documentDescriptor, isoDate, listFilters, listQuery, operation, processingStatus } from '../declare.js';

export const createReportParams = z.object({
  reportType: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(25).optional(),
  dataStartTime: isoDate.optional(),
  dataEndTime: isoDate.optional(),
  reportOptions: z.record(z.string(), z.string()).optional(),
});
export const createReportResult = z.looseObject({ reportId: z.string() });

export const reportSchema = z.looseObject({
  reportId: z.string(),
  reportType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  dataStartTime: z.string().optional(),
  dataEndTime: z.string().optional(),
  reportScheduleId: z.string().optional(),
  createdTime: z.string(),
  processingStatus: processingStatus.or(z.string()),
  processingStartTime: z.string().optional(),
  processingEndTime: z.string().optional(),
  reportDocumentId: z.string().optional(),
});
export type Report = z.infer<typeof reportSchema>;

export const reportIdParams = z.object({ reportId: z.string().min(1) });
export const getReportsParams = z
  .object({ reportTypes: z.array(z.string().min(1)).min(1).max(10).optional(), ...listFilters })
  .refine((p) => p.reportTypes || p.nextToken, { message: 'reportTypes or nextToken is required' });
export const getReportsResult = z.looseObject({ reports: z.array(reportSchema), nextToken: z.string().optional() });

export const reportDocumentSchema = documentDescriptor.extend({ reportDocumentId: z.string() });
export type ReportDocument = z.infer<typeof reportDocumentSchema>;
export const getReportDocumentParams = z.object({
  reportDocumentId: z.string().min(1),
  enableContentEncodingUrlHeader: z.boolean().optional(),
});

export const reportsOperations = {
  createReport: operation({
    params: createReportParams,
    result: createReportResult,
    request: (p, s) => ({ body: { ...p, marketplaceIds: s.marketplaces(p.marketplaceIds) } }),
  }),
  getReport: operation({ params: reportIdParams, result: reportSchema, request: (p) => ({ path: { reportId: p.reportId } }) }),
  getReports: operation({ params: getReportsParams, result: getReportsResult, request: (p, s) => ({ query: listQuery(p, s) }) }),
  cancelReport: operation({ params: reportIdParams, result: undefined, request: (p) => ({ path: { reportId: p.reportId } }) }),
  getReportDocument: operation({
    params: getReportDocumentParams,
    result: reportDocumentSchema,
    request: (p) => ({ path: { reportDocumentId: p.reportDocumentId }, query: { enableContentEncodingUrlHeader: p.enableContentEncodingUrlHeader } }),
  }),
};
