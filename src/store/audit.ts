// Append-only audit log of every write: preview, confirmation (and who confirmed), execution, result.
// Holds no secrets and no buyer data: SKUs, marketplaces, hashes, Amazon request ids, statuses, short details.
import type { Db } from './db.js';
import { redactText } from '../lib/log.js';

export type AuditEvent = 'preview' | 'confirmed' | 'declined' | 'refused' | 'execute' | 'result';

export interface AuditEntry {
  event: AuditEvent;
  tool: string;
  sellerId: string;
  marketplaceId?: string | undefined;
  sku?: string | undefined;
  /** The export batch of a batch write (export_submit). */
  batch?: string | undefined;
  payloadHash?: string | undefined;
  confirmedBy?: 'elicitation' | 'token' | undefined;
  requestId?: string | undefined;
  status?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

export interface AuditRow extends AuditEntry {
  id: number;
  ts: string;
}

export const MAX_DETAIL_CHARS = 4000;

/** The audit log: SQLite (this file) or PostgreSQL (postgres.ts). */
export interface AuditLog {
  append(entry: AuditEntry): Promise<number>;
  recent(opts?: { limit?: number; sku?: string; batch?: string; event?: AuditEvent; beforeId?: number }): Promise<AuditRow[]>;
  /** Executed writes since the given instant (for the daily write budget). */
  countExecutedSince(sinceIso: string, sellerId: string): Promise<number>;
}

/** The stored detail: redacted JSON, truncated. */
export function auditDetail(entry: AuditEntry): string | null {
  let detail = entry.detail ? redactText(JSON.stringify(entry.detail)) : null;
  if (detail && detail.length > MAX_DETAIL_CHARS) detail = JSON.stringify({ truncated: detail.slice(0, MAX_DETAIL_CHARS) });
  return detail;
}

/** A stored row (snake_case columns) as an AuditRow. */
export function toAuditRow(r: Record<string, string | number | null>): AuditRow {
  return {
    id: Number(r.id),
    ts: String(r.ts),
    event: r.event as AuditEvent,
    tool: String(r.tool),
    sellerId: String(r.seller_id),
    ...(r.marketplace_id ? { marketplaceId: String(r.marketplace_id) } : {}),
    ...(r.sku ? { sku: String(r.sku) } : {}),
    ...(r.batch ? { batch: String(r.batch) } : {}),
    ...(r.payload_hash ? { payloadHash: String(r.payload_hash) } : {}),
    ...(r.confirmed_by ? { confirmedBy: r.confirmed_by as 'elicitation' | 'token' } : {}),
    ...(r.request_id ? { requestId: String(r.request_id) } : {}),
    ...(r.status ? { status: String(r.status) } : {}),
    ...(r.detail ? { detail: JSON.parse(String(r.detail)) as Record<string, unknown> } : {}),
  };
}

export class SqliteAuditLog implements AuditLog {
  private readonly insert;
  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit (ts, event, tool, seller_id, marketplace_id, sku, batch, payload_hash, confirmed_by, request_id, status, detail)
       VALUES (@ts, @event, @tool, @sellerId, @marketplaceId, @sku, @batch, @payloadHash, @confirmedBy, @requestId, @status, @detail)`,
    );
  }

  async append(entry: AuditEntry): Promise<number> {
    const detail = auditDetail(entry);
    const res = this.insert.run({
      ts: new Date().toISOString(),
      event: entry.event,
      tool: entry.tool,
      sellerId: entry.sellerId,
      marketplaceId: entry.marketplaceId ?? null,
      sku: entry.sku ?? null,
      batch: entry.batch ?? null,
      payloadHash: entry.payloadHash ?? null,
      confirmedBy: entry.confirmedBy ?? null,
      requestId: entry.requestId ?? null,
      status: entry.status ?? null,
      detail,
    });
    return Number(res.lastInsertRowid);
  }

  async recent(opts: { limit?: number; sku?: string; batch?: string; event?: AuditEvent; beforeId?: number } = {}): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: opts.limit ?? 20 };
    for (const [key, clause] of [
      ['sku', 'sku = @sku'],
      ['batch', 'batch = @batch'],
      ['event', 'event = @event'],
      ['beforeId', 'id < @beforeId'],
    ] as const) {
      if (!opts[key]) continue;
      where.push(clause);
      params[key] = opts[key];
    }
    const rows = this.db
      .prepare(`SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`)
      .all(params) as Array<Record<string, string | number | null>>;
    return rows.map(toAuditRow);
  }

  async countExecutedSince(sinceIso: string, sellerId: string): Promise<number> {
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM audit WHERE event = 'execute' AND seller_id = ? AND ts >= ?`).get(sellerId, sinceIso) as {
      n: number;
    };
    return row.n;
  }
}
