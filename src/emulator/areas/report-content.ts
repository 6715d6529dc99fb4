// Report documents generated from emulator state: the report types the emulator knows and their generators.
import type { StoredListing, StoredOrder } from '../types.js';
import { merchantListingsReport, openListingsReport } from './report-listings.js';
import { salesAndTrafficReport, sellerPerformanceReport } from './report-sales.js';

export interface ReportInput {
  sellerId: string;
  reportType: string;
  marketplaceIds: string[];
  dataStart: number;
  dataEnd: number;
  options: Record<string, string>;
  now: number;
  listings: StoredListing[];
  orders: StoredOrder[];
  /** emulatorRows: pad or cut the data rows to exactly this many. */
  rows?: number;
}

export interface ReportDocumentContent {
  /** Encoded bytes, not compressed. */
  bytes: Buffer;
  contentType: string;
  /** Amazon serves these types gzipped. */
  gzip: boolean;
}

export const REPORT_TYPES = [
  'GET_MERCHANT_LISTINGS_ALL_DATA',
  'GET_FLAT_FILE_OPEN_LISTINGS_DATA',
  'GET_SALES_AND_TRAFFIC_REPORT',
  'GET_V2_SELLER_PERFORMANCE_REPORT',
] as const;

export function generateReport(input: ReportInput): ReportDocumentContent {
  switch (input.reportType) {
    case 'GET_MERCHANT_LISTINGS_ALL_DATA':
      return merchantListingsReport(input);
    case 'GET_FLAT_FILE_OPEN_LISTINGS_DATA':
      return openListingsReport(input);
    case 'GET_SALES_AND_TRAFFIC_REPORT':
      return json(salesAndTrafficReport(input));
    case 'GET_V2_SELLER_PERFORMANCE_REPORT':
      return json(sellerPerformanceReport(input));
    default:
      throw new Error(`No generator for ${input.reportType}`);
  }
}

function json(value: unknown): ReportDocumentContent {
  return { bytes: Buffer.from(JSON.stringify(value)), contentType: 'application/json', gzip: true };
}
