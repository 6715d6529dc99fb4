// Plain HTTP helpers for the emulator's async-area tests: LWA token, SP-API calls, document up/downloads.
import { startEmulator } from '../../src/emulator/index.js';
import type { Clock, EmulatorOptions, RunningEmulator } from '../../src/emulator/types.js';
import { matchOperation, type OperationName } from '../../src/sp-api/operations.js';
import { ContractChecker, modelsAvailable } from '../contract/openapi.js';
import { readModel } from '../helpers/models.js';

export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const UK = 'A1F83G8C2ARO7P';
export const DE = 'A1PA6795UKMFR9';
export const JP = 'A1VC38T7YXB528';
export const FR = 'A13V1IB3VIYZZH';

/** Official model/schema files, or undefined (with a visible note) when the shared folder is absent. */
export function loadModelFile(relative: string): unknown {
  return readModel(relative, 'checks against this official schema are');
}

export class FakeClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

// Every reply of these operations is checked against Amazon's official model (when the models folder exists).
const CHECKED: ReadonlySet<OperationName> = new Set<OperationName>([
  'createFeedDocument',
  'createFeed',
  'getFeed',
  'getFeeds',
  'cancelFeed',
  'getFeedDocument',
  'createReport',
  'getReport',
  'getReports',
  'cancelReport',
  'getReportDocument',
  'getSolicitationActionsForOrder',
  'createProductReviewAndSellerFeedbackSolicitation',
  'getOrderMetrics',
  'getFeaturedOfferExpectedPriceBatch',
  'getCompetitiveSummary',
  'getInventorySummaries',
  'getOrders',
  'getOrderItems',
  'searchContentDocuments',
  'getContentDocument',
  'listContentDocumentAsinRelations',
  'validateContentDocumentAsinRelations',
  'createContentDocument',
  'updateContentDocument',
  'postContentDocumentAsinRelations',
  'postContentDocumentApprovalSubmission',
  'createUploadDestinationForResource',
]);
let checker: ContractChecker | null | undefined;
function modelIssues(method: string, path: string, status: number, body: unknown): string[] {
  const op = matchOperation(method, path)?.spec.name;
  if (!op || !CHECKED.has(op)) return [];
  if (checker === undefined) {
    checker = modelsAvailable ? new ContractChecker() : null;
    if (!checker) console.warn('[skip] official models not found: response shapes are not checked against them');
  }
  return checker ? checker.validateResponse(op, status, body).map((m) => `${method} ${path} → ${m}`) : [];
}

export interface Session {
  emu: RunningEmulator;
  sellerId: string;
  /** Differences between replies and Amazon's models, collected across calls. */
  modelIssues: string[];
  call(method: string, path: string, opts?: { query?: Record<string, string | string[]>; body?: unknown }): Promise<Reply>;
  close(): Promise<void>;
}

export async function openSession(opts: EmulatorOptions = {}): Promise<Session> {
  const emu = await startEmulator({ enforceRateLimits: false, jobStepMs: 20, ...opts });
  const c = emu.credentials;
  const tokenRes = await fetch(emu.lwaEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: c.refreshToken,
      client_id: c.clientId,
      client_secret: c.clientSecret,
    }).toString(),
  });
  if (tokenRes.status !== 200) throw new Error(`LWA token request failed: ${tokenRes.status} ${await tokenRes.text()}`);
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;

  const issues: string[] = [];
  return {
    emu,
    sellerId: c.sellerId,
    modelIssues: issues,
    async call(method, path, { query, body } = {}) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query ?? {})) qs.set(k, Array.isArray(v) ? v.join(',') : v);
      const url = `${emu.endpoint}${path}${qs.size ? `?${qs.toString()}` : ''}`;
      const res = await fetch(url, {
        method,
        headers: { 'x-amz-access-token': token, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      issues.push(...modelIssues(method, path, res.status, parsed));
      return { status: res.status, headers: res.headers, body: parsed };
    },
    close: () => emu.close(),
  };
}

export async function putDocument(url: string, contentType: string, bytes: Buffer | string): Promise<number> {
  const res = await fetch(url, { method: 'PUT', headers: { 'Content-Type': contentType }, body: bytes });
  await res.arrayBuffer();
  return res.status;
}

export async function getDocument(url: string): Promise<{ status: number; contentType: string; bytes: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Polls `get` until `done` holds (real time; the tests use a short jobStepMs). */
export async function pollUntil<T>(get: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`pollUntil timed out; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}
