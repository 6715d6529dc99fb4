// Durable state of export batches: products, their mapping and submission state, feeds in flight, and the
// seller's mapping memory. Every state change is one SQLite write, so a killed server loses nothing.
import { randomBytes } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './db.js';

/** The connection whose hand-made transaction the current async call runs inside (see transaction()). */
const inSqliteTx = new AsyncLocalStorage<Db>();
/** Transactions wait their turn per connection (one connection per file per process: openDatabase). */
const txQueue = new WeakMap<Db, Promise<void>>();

export type ProductState =
  | 'loaded' // minimum data present, not mapped yet
  | 'invalid' // mapped, local validation found errors
  | 'valid' // mapped and locally valid
  | 'confirmed' // approved by the human for submission with exactly these attributes
  | 'submitting' // sent (or about to be) — uncertain after a crash
  | 'submitted' // Amazon accepted it for processing; issues may still appear
  | 'accepted' // processed without ERROR issues
  | 'failed' // Amazon reported ERROR issues; can be fixed and retried
  | 'unresolvable' // given up, with a reason
  | 'skipped'; // the seller chose not to list it (gift card, draft…), with a reason; never failed

export interface ValueOrigin {
  origin: 'mapped' | 'generated';
  column?: string;
  /** Every source column of a value built from several (column then reads "A + B"). */
  columns?: string[];
}

export interface ProductWarning {
  kind: string;
  message: string;
}

export interface ProductFamily {
  role: 'parent' | 'child';
  parentSku?: string | undefined;
  dimensions: string[];
}

export interface StoredIssue {
  code: string;
  message: string;
  severity: string;
  attributeNames?: string[];
  source?: string;
}

export interface Submission {
  path: 'api' | 'feed';
  submissionId?: string;
  feedId?: string;
  messageId?: number;
  requestId?: string;
  status?: string;
  at: string;
}

export interface ExportProduct {
  batchId: string;
  sku: string;
  rowIndex: number;
  name: string | undefined;
  source: Record<string, string>;
  productType: string | undefined;
  attributes: Record<string, unknown> | undefined;
  origins: Record<string, ValueOrigin> | undefined;
  parentSku: string | undefined;
  state: ProductState;
  issues: StoredIssue[];
  submission: Submission | undefined;
  attempts: number;
  reason: string | undefined;
  warnings: ProductWarning[];
  family: ProductFamily | undefined;
  updatedAt: string;
}

export interface Batch {
  id: string;
  sellerId: string;
  marketplaceId: string;
  createdAt: string;
  source: string;
  columns: string[];
  confirmedHash: string | undefined;
  status: string;
  format: string | undefined;
}

export interface BatchCounts {
  total: number;
  categorized: number;
  submitted: number;
  accepted: number;
  failed: number;
  skipped: number;
  rejected: number;
  byState: Partial<Record<ProductState, number>>;
}

export interface NewProduct {
  sku: string;
  rowIndex: number;
  name?: string | undefined;
  source: Record<string, string>;
  warnings?: ProductWarning[] | undefined;
  family?: ProductFamily | undefined;
}

export interface Reject {
  rowIndex: number;
  sku?: string | undefined;
  problems: string[];
}

export interface MemoryEntry {
  productType: string;
  sourceColumn: string;
  attribute: string;
  translations: Record<string, string>;
  accepted: number;
}

/** Export batches, products, feeds in flight and mapping memory: SQLite (this file) or PostgreSQL (postgres.ts). */
export interface ExportStore {
  createBatch(input: {
    sellerId: string;
    marketplaceId: string;
    source: string;
    columns: string[];
    products: NewProduct[];
    rejects: Reject[];
    format?: string;
  }): Promise<Batch>;
  getBatch(id: string): Promise<Batch | undefined>;
  /** Removes a batch with its products, rejects and feed records (the mapping memory stays). */
  deleteBatch(batchId: string): Promise<void>;
  /** Batches of a seller, newest first. */
  batches(sellerId: string): Promise<Batch[]>;
  setBatch(id: string, patch: { confirmedHash?: string | null; status?: string }): Promise<void>;
  products(batchId: string, opts?: ProductQuery): Promise<ExportProduct[]>;
  product(batchId: string, sku: string): Promise<ExportProduct | undefined>;
  updateProduct(batchId: string, sku: string, patch: ProductPatch): Promise<void>;
  /** Several updates as one transaction (a feed's results, a page of mappings). */
  transaction(fn: () => Promise<void>): Promise<void>;
  counts(batchId: string): Promise<BatchCounts>;
  rejects(batchId: string): Promise<Reject[]>;
  addFeed(batchId: string, feedId: string, skus: string[]): Promise<void>;
  openFeeds(batchId: string): Promise<Array<{ feedId: string; skus: string[] }>>;
  setFeedStatus(feedId: string, status: string): Promise<void>;
  remember(sellerId: string, e: Omit<MemoryEntry, 'accepted'>, times?: number): Promise<void>;
  suggestions(sellerId: string, columns: string[]): Promise<MemoryEntry[]>;
  /**
   * Claims the batch's submission for `owner` for leaseMs (or renews the owner's claim). Another replica's live
   * claim wins: the answer then says whose it is and until when (epoch ms). A dead replica's claim lapses.
   */
  claimBatch(batchId: string, owner: string, leaseMs: number): Promise<BatchClaim>;
  releaseBatch(batchId: string, owner: string): Promise<void>;
}

export type BatchClaim = { claimed: true } | { claimed: false; owner: string; until: number };

export interface ProductQuery {
  states?: ProductState[];
  skus?: string[];
  offset?: number;
  limit?: number;
}

export type ProductPatch = Partial<
  Pick<ExportProduct, 'productType' | 'attributes' | 'origins' | 'parentSku' | 'state' | 'issues' | 'submission' | 'reason'>
> & {
  incrementAttempts?: boolean;
};

type Row = Record<string, unknown>;
export const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
export const parse = <T>(v: unknown): T | undefined => (typeof v === 'string' ? (JSON.parse(v) as T) : undefined);
const now = () => new Date().toISOString();

export function toProduct(r: Row): ExportProduct {
  return {
    batchId: String(r.batch_id),
    sku: String(r.sku),
    rowIndex: Number(r.row_index),
    name: r.name === null ? undefined : String(r.name),
    source: parse<Record<string, string>>(r.source) ?? {},
    productType: r.product_type === null ? undefined : String(r.product_type),
    attributes: parse(r.attributes),
    origins: parse(r.origins),
    parentSku: r.parent_sku === null ? undefined : String(r.parent_sku),
    state: r.state as ProductState,
    issues: parse<StoredIssue[]>(r.issues) ?? [],
    submission: parse(r.submission),
    attempts: Number(r.attempts),
    reason: r.reason === null ? undefined : String(r.reason),
    warnings: parse<ProductWarning[]>(r.warnings) ?? [],
    family: parse<ProductFamily>(r.family),
    updatedAt: String(r.updated_at),
  };
}

export class SqliteExportStore implements ExportStore {
  /** Prepared UPDATE statements by column set: a 2,000-product feed updates every product twice. */
  private readonly updates = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {}

  async createBatch(input: {
    sellerId: string;
    marketplaceId: string;
    source: string;
    columns: string[];
    products: NewProduct[];
    rejects: Reject[];
    format?: string;
  }): Promise<Batch> {
    const id = `b_${randomBytes(6).toString('hex')}`;
    const createdAt = now();
    const insertProduct = this.db.prepare(
      `INSERT INTO export_products (batch_id, sku, row_index, name, source, state, updated_at, warnings, family, parent_sku) VALUES (?, ?, ?, ?, ?, 'loaded', ?, ?, ?, ?)`,
    );
    const insertReject = this.db.prepare(`INSERT INTO export_rejects (batch_id, row_index, sku, problems) VALUES (?, ?, ?, ?)`);
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO export_batches (id, seller_id, marketplace_id, created_at, source, columns, format) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(id, input.sellerId, input.marketplaceId, createdAt, input.source, JSON.stringify(input.columns), input.format ?? null);
      for (const p of input.products)
        insertProduct.run(
          id,
          p.sku,
          p.rowIndex,
          p.name ?? null,
          JSON.stringify(p.source),
          createdAt,
          p.warnings?.length ? JSON.stringify(p.warnings) : null,
          json(p.family),
          p.family?.parentSku ?? null,
        );
      for (const r of input.rejects) insertReject.run(id, r.rowIndex, r.sku ?? null, JSON.stringify(r.problems));
    })();
    return (await this.getBatch(id))!;
  }

  async getBatch(id: string): Promise<Batch | undefined> {
    const r = this.db.prepare('SELECT * FROM export_batches WHERE id = ?').get(id) as Row | undefined;
    if (!r) return undefined;
    return {
      id: String(r.id),
      sellerId: String(r.seller_id),
      marketplaceId: String(r.marketplace_id),
      createdAt: String(r.created_at),
      source: String(r.source),
      columns: parse<string[]>(r.columns) ?? [],
      confirmedHash: r.confirmed_hash === null ? undefined : String(r.confirmed_hash),
      status: String(r.status),
      format: r.format === null || r.format === undefined ? undefined : String(r.format),
    };
  }

  async setBatch(id: string, patch: { confirmedHash?: string | null; status?: string }): Promise<void> {
    if (patch.confirmedHash !== undefined) this.db.prepare('UPDATE export_batches SET confirmed_hash = ? WHERE id = ?').run(patch.confirmedHash, id);
    if (patch.status !== undefined) this.db.prepare('UPDATE export_batches SET status = ? WHERE id = ?').run(patch.status, id);
  }

  async products(batchId: string, opts: ProductQuery = {}): Promise<ExportProduct[]> {
    const where = ['batch_id = @batchId'];
    const params: Record<string, unknown> = { batchId, limit: opts.limit ?? -1, offset: opts.offset ?? 0 };
    if (opts.states?.length) {
      where.push(`state IN (${opts.states.map((_, i) => `@s${i}`).join(',')})`);
      opts.states.forEach((s, i) => (params[`s${i}`] = s));
    }
    if (opts.skus?.length) {
      where.push(`sku IN (${opts.skus.map((_, i) => `@k${i}`).join(',')})`);
      opts.skus.forEach((s, i) => (params[`k${i}`] = s));
    }
    const rows = this.db
      .prepare(`SELECT * FROM export_products WHERE ${where.join(' AND ')} ORDER BY row_index LIMIT @limit OFFSET @offset`)
      .all(params) as Row[];
    return rows.map(toProduct);
  }

  async product(batchId: string, sku: string): Promise<ExportProduct | undefined> {
    const r = this.db.prepare('SELECT * FROM export_products WHERE batch_id = ? AND sku = ?').get(batchId, sku) as Row | undefined;
    return r ? toProduct(r) : undefined;
  }

  async updateProduct(batchId: string, sku: string, patch: ProductPatch): Promise<void> {
    const sets: string[] = ['updated_at = @updatedAt'];
    const params: Record<string, unknown> = { batchId, sku, updatedAt: now() };
    const col = (name: string, key: string, value: unknown) => {
      sets.push(`${name} = @${key}`);
      params[key] = value;
    };
    if ('productType' in patch) col('product_type', 'productType', patch.productType ?? null);
    if ('attributes' in patch) col('attributes', 'attributes', json(patch.attributes));
    if ('origins' in patch) col('origins', 'origins', json(patch.origins));
    if ('parentSku' in patch) col('parent_sku', 'parentSku', patch.parentSku ?? null);
    if ('state' in patch) col('state', 'state', patch.state);
    if ('issues' in patch) col('issues', 'issues', json(patch.issues));
    if ('submission' in patch) col('submission', 'submission', json(patch.submission));
    if ('reason' in patch) col('reason', 'reason', patch.reason ?? null);
    if (patch.incrementAttempts) sets.push('attempts = attempts + 1');
    const sql = `UPDATE export_products SET ${sets.join(', ')} WHERE batch_id = @batchId AND sku = @sku`;
    let stmt = this.updates.get(sql);
    if (!stmt) this.updates.set(sql, (stmt = this.db.prepare(sql)));
    stmt.run(params);
  }

  /**
   * Several product updates as one transaction. better-sqlite3 cannot hold a transaction across an await, so this
   * is BEGIN … COMMIT by hand, one at a time per connection (a call from inside fn joins the open one; a concurrent
   * one waits its turn); the statements inside are synchronous, so the transaction stays short.
   */
  async transaction(fn: () => Promise<void>): Promise<void> {
    if (inSqliteTx.getStore() === this.db) return fn();
    const run = async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        await inSqliteTx.run(this.db, fn);
        this.db.exec('COMMIT');
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    };
    const next = (txQueue.get(this.db) ?? Promise.resolve()).then(run, run);
    txQueue.set(
      this.db,
      next.catch(() => undefined),
    );
    return next;
  }

  async counts(batchId: string): Promise<BatchCounts> {
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM export_products WHERE batch_id = ? GROUP BY state').all(batchId) as Array<{
      state: ProductState;
      n: number;
    }>;
    const byState: Partial<Record<ProductState, number>> = {};
    for (const r of rows) byState[r.state] = r.n;
    const n = (...states: ProductState[]) => states.reduce((sum, s) => sum + (byState[s] ?? 0), 0);
    const categorized = (
      this.db.prepare('SELECT COUNT(*) AS n FROM export_products WHERE batch_id = ? AND product_type IS NOT NULL').get(batchId) as { n: number }
    ).n;
    const rejected = (this.db.prepare('SELECT COUNT(*) AS n FROM export_rejects WHERE batch_id = ?').get(batchId) as { n: number }).n;
    return {
      total: rows.reduce((sum, r) => sum + r.n, 0),
      categorized,
      submitted: n('submitting', 'submitted', 'accepted', 'failed'),
      accepted: n('accepted'),
      failed: n('failed', 'unresolvable'),
      skipped: n('skipped'),
      rejected,
      byState,
    };
  }

  /** Removes a batch with its products, rejects and feed records (the mapping memory stays). */
  async deleteBatch(batchId: string): Promise<void> {
    this.db.transaction(() => {
      for (const t of ['export_products', 'export_rejects', 'export_feeds']) this.db.prepare(`DELETE FROM ${t} WHERE batch_id = ?`).run(batchId);
      this.db.prepare('DELETE FROM export_batches WHERE id = ?').run(batchId);
    })();
  }

  /** Batches of a seller, newest first. */
  async batches(sellerId: string): Promise<Batch[]> {
    const ids = this.db.prepare('SELECT id FROM export_batches WHERE seller_id = ? ORDER BY created_at DESC').all(sellerId) as Row[];
    const out: Batch[] = [];
    for (const r of ids) out.push((await this.getBatch(String(r.id)))!);
    return out;
  }

  async rejects(batchId: string): Promise<Reject[]> {
    const rows = this.db.prepare('SELECT * FROM export_rejects WHERE batch_id = ? ORDER BY row_index').all(batchId) as Row[];
    return rows.map((r) => ({
      rowIndex: Number(r.row_index),
      ...(r.sku !== null ? { sku: String(r.sku) } : {}),
      problems: parse<string[]>(r.problems) ?? [],
    }));
  }

  async addFeed(batchId: string, feedId: string, skus: string[]): Promise<void> {
    this.db
      .prepare(`INSERT INTO export_feeds (feed_id, batch_id, skus, status, created_at) VALUES (?, ?, ?, 'IN_QUEUE', ?)`)
      .run(feedId, batchId, JSON.stringify(skus), now());
  }

  async openFeeds(batchId: string): Promise<Array<{ feedId: string; skus: string[] }>> {
    const rows = this.db
      .prepare(`SELECT * FROM export_feeds WHERE batch_id = ? AND status NOT IN ('DONE', 'FATAL', 'CANCELLED')`)
      .all(batchId) as Row[];
    return rows.map((r) => ({ feedId: String(r.feed_id), skus: parse<string[]>(r.skus) ?? [] }));
  }

  async setFeedStatus(feedId: string, status: string): Promise<void> {
    this.db.prepare('UPDATE export_feeds SET status = ? WHERE feed_id = ?').run(status, feedId);
  }

  /** Remembers a column → attribute mapping (and value translations) that ended in an accepted listing. */
  async remember(sellerId: string, e: Omit<MemoryEntry, 'accepted'>, times = 1): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO mapping_memory (seller_id, product_type, source_column, attribute, translations, accepted, updated_at)
         VALUES (@sellerId, @productType, @sourceColumn, @attribute, @translations, @times, @now)
         ON CONFLICT (seller_id, product_type, source_column, attribute) DO UPDATE SET
           accepted = accepted + @times, updated_at = @now,
           translations = json_patch(translations, @translations)`,
      )
      .run({
        sellerId,
        productType: e.productType,
        sourceColumn: e.sourceColumn,
        attribute: e.attribute,
        translations: JSON.stringify(e.translations),
        times,
        now: now(),
      });
  }

  /** Mappings remembered for these source columns, most used first. */
  async suggestions(sellerId: string, columns: string[]): Promise<MemoryEntry[]> {
    if (columns.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT * FROM mapping_memory WHERE seller_id = ? AND source_column IN (${columns.map(() => '?').join(',')}) ORDER BY accepted DESC, source_column`,
      )
      .all(sellerId, ...columns) as Row[];
    return rows.map((r) => ({
      productType: String(r.product_type),
      sourceColumn: String(r.source_column),
      attribute: String(r.attribute),
      translations: parse<Record<string, string>>(r.translations) ?? {},
      accepted: Number(r.accepted),
    }));
  }

  async claimBatch(batchId: string, owner: string, leaseMs: number): Promise<BatchClaim> {
    // One IMMEDIATE transaction: the processes sharing this file take the write lock in turn.
    return this.db
      .transaction((): BatchClaim => {
        const now = Date.now();
        const r = this.db.prepare('SELECT lease_owner, lease_until FROM export_batches WHERE id = ?').get(batchId) as Row | undefined;
        if (!r) return { claimed: false, owner: '(no such batch)', until: 0 };
        if (r.lease_owner !== null && r.lease_owner !== owner && Number(r.lease_until) > now) {
          return { claimed: false, owner: String(r.lease_owner), until: Number(r.lease_until) };
        }
        this.db.prepare('UPDATE export_batches SET lease_owner = ?, lease_until = ? WHERE id = ?').run(owner, now + leaseMs, batchId);
        return { claimed: true };
      })
      .immediate();
  }

  async releaseBatch(batchId: string, owner: string): Promise<void> {
    this.db.prepare('UPDATE export_batches SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?').run(batchId, owner);
  }
}
