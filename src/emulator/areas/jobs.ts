// Shared machinery for the asynchronous areas (feeds, reports): job lifecycle, list paging, small reply helpers.
import type { EmuReply } from '../types.js';
import { findMarketplace } from '../../lib/marketplaces.js';
import { errorReply } from '../http.js';

export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';
export const PROCESSING_STATUSES: readonly ProcessingStatus[] = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'];

export interface Job {
  id: string;
  sellerId: string;
  type: string;
  marketplaceIds: string[];
  createdAt: number;
  /** Time spent in each of IN_QUEUE and IN_PROGRESS; fixed when the job is added. */
  stepMs?: number;
  cancelledAt?: number;
  /** Set exactly once, when the job's work has been done. */
  outcome?: { status: 'DONE' | 'FATAL' | 'CANCELLED'; documentId?: string };
}

export const badRequest = (message: string, details?: string): EmuReply => errorReply(400, 'InvalidInput', message, details);
export const notFound = (message: string): EmuReply => errorReply(404, 'NotFound', message);

/** Parses a JSON request body; undefined when it is not a JSON object. */
export function jsonBody(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function isStringMap(v: unknown): v is Record<string, string> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

/** Array query parameters arrive comma-separated (Amazon's clients) or repeated; accept both. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  if (!query.has(name)) return undefined;
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Strict ISO 8601 date-time (date-only allowed); returns epoch ms or undefined. */
export function parseIsoTime(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Checks marketplaceIds: an array of 1..max known marketplace ids. Returns an error message or undefined. */
export function checkMarketplaceIds(value: unknown, max: number): string | undefined {
  if (!Array.isArray(value) || value.length < 1 || value.length > max) {
    return `marketplaceIds must be an array of 1 to ${max} marketplace identifiers.`;
  }
  for (const id of value) {
    if (typeof id !== 'string' || findMarketplace(id)?.id !== id) return `Invalid marketplaceId: ${String(id)}.`;
  }
  return undefined;
}

/**
 * Holds one seller-scoped collection of jobs. Status is computed from the clock (so fake clocks work);
 * a job's work runs exactly once, the first time anything observes it past its processing window,
 * or from a timer so effects (listings changed by a feed) appear even if nobody polls.
 */
export class JobBook<J extends Job> {
  private readonly jobs: J[] = [];
  private nextNumber: number;

  constructor(
    private readonly now: () => number,
    private readonly stepMs: () => number,
    private readonly work: (job: J) => NonNullable<Job['outcome']>,
    firstId: number,
  ) {
    this.nextNumber = firstId;
  }

  newId(): string {
    return String(this.nextNumber++);
  }

  add(job: J): void {
    job.stepMs = this.stepMs();
    this.jobs.push(job);
    // A real-time nudge; harmless with fake clocks (settle checks the clock) and never keeps the process alive.
    const t = setTimeout(() => this.settle(), 2 * job.stepMs + 5);
    t.unref?.();
  }

  /** Runs the work of every job whose processing window has passed, oldest first (Amazon processes sequentially). */
  settle(): void {
    const now = this.now();
    for (const job of this.jobs) {
      if (job.outcome || job.cancelledAt !== undefined) continue;
      if (now >= job.createdAt + 2 * step(job)) job.outcome = this.work(job);
    }
  }

  status(job: J): ProcessingStatus {
    if (job.cancelledAt !== undefined) return 'CANCELLED';
    if (job.outcome) return job.outcome.status;
    const now = this.now();
    if (now < job.createdAt + step(job)) return 'IN_QUEUE';
    return 'IN_PROGRESS';
  }

  startedAt(job: J): number | undefined {
    if (job.cancelledAt !== undefined) return undefined;
    const t = job.createdAt + step(job);
    return this.now() >= t ? t : undefined;
  }

  endedAt(job: J): number | undefined {
    if (job.cancelledAt !== undefined) return job.cancelledAt;
    return job.outcome ? job.createdAt + 2 * step(job) : undefined;
  }

  get(sellerId: string, id: string): J | undefined {
    this.settle();
    return this.jobs.find((j) => j.id === id && j.sellerId === sellerId);
  }

  /** Cancels an IN_QUEUE job; returns false when the job has moved on. */
  cancel(job: J): boolean {
    if (this.status(job) !== 'IN_QUEUE') return false;
    job.cancelledAt = this.now();
    return true;
  }

  /** getFeeds/getReports semantics: filters on first call, opaque nextToken afterwards. */
  list(sellerId: string, query: URLSearchParams, typesParam: 'feedTypes' | 'reportTypes'): { items: J[]; nextToken?: string } | EmuReply {
    this.settle();
    let filter: ListFilter;
    let offset = 0;
    if (query.has('nextToken')) {
      if ([...query.keys()].some((k) => k !== 'nextToken')) {
        return badRequest('nextToken must be the only parameter when it is provided.');
      }
      const decoded = decodeToken(query.get('nextToken') ?? '');
      if (!decoded || decoded.sellerId !== sellerId) return badRequest('Invalid nextToken.');
      ({ filter, offset } = decoded);
    } else {
      const parsed = parseFilter(query, typesParam, this.now());
      if (typeof parsed === 'string') return badRequest(parsed);
      filter = parsed;
    }
    const matching = this.jobs
      .filter(
        (j) =>
          j.sellerId === sellerId &&
          filter.types.includes(j.type) &&
          j.createdAt >= filter.since &&
          j.createdAt <= filter.until &&
          (!filter.statuses || filter.statuses.includes(this.status(j))) &&
          (!filter.marketplaceIds || j.marketplaceIds.some((m) => filter.marketplaceIds!.includes(m))),
      )
      .sort((a, b) => b.createdAt - a.createdAt || Number(b.id) - Number(a.id));
    const items = matching.slice(offset, offset + filter.pageSize);
    const next = offset + filter.pageSize;
    return next < matching.length ? { items, nextToken: encodeToken({ sellerId, filter, offset: next }) } : { items };
  }
}

const step = (job: Job): number => job.stepMs ?? 0;

interface ListFilter {
  types: string[];
  statuses?: string[];
  marketplaceIds?: string[];
  since: number;
  until: number;
  pageSize: number;
}

const RETENTION_MS = 90 * 24 * 3600 * 1000;

function parseFilter(query: URLSearchParams, typesParam: string, now: number): ListFilter | string {
  const types = listParam(query, typesParam);
  if (!types) return `Either ${typesParam} or nextToken is required.`;
  if (types.length < 1 || types.length > 10) return `${typesParam} must contain 1 to 10 values.`;
  const statuses = listParam(query, 'processingStatuses');
  if (statuses && (statuses.length < 1 || statuses.some((s) => !PROCESSING_STATUSES.includes(s as ProcessingStatus)))) {
    return `processingStatuses must contain values from ${PROCESSING_STATUSES.join(', ')}.`;
  }
  const marketplaceIds = listParam(query, 'marketplaceIds');
  if (marketplaceIds) {
    const err = checkMarketplaceIds(marketplaceIds, 10);
    if (err) return err;
  }
  let pageSize = 10;
  if (query.has('pageSize')) {
    const raw = query.get('pageSize') ?? '';
    pageSize = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(pageSize >= 1 && pageSize <= 100)) return 'pageSize must be an integer from 1 to 100.';
  }
  let since = now - RETENTION_MS;
  let until = now;
  if (query.has('createdSince')) {
    const t = parseIsoTime(query.get('createdSince') ?? '');
    if (t === undefined) return 'createdSince must be an ISO 8601 date-time.';
    since = t;
  }
  if (query.has('createdUntil')) {
    const t = parseIsoTime(query.get('createdUntil') ?? '');
    if (t === undefined) return 'createdUntil must be an ISO 8601 date-time.';
    until = t;
  }
  if (since > until) return 'createdSince must be before createdUntil.';
  return {
    types,
    ...(statuses ? { statuses } : {}),
    ...(marketplaceIds ? { marketplaceIds } : {}),
    since,
    until,
    pageSize,
  };
}

interface PageToken {
  sellerId: string;
  filter: ListFilter;
  offset: number;
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(raw: string): PageToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PageToken;
    return typeof t.sellerId === 'string' && typeof t.offset === 'number' && Array.isArray(t.filter?.types) ? t : undefined;
  } catch {
    return undefined;
  }
}
