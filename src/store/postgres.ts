// The store in PostgreSQL (SP_API_MCP_DATABASE_URL), for replicas that share export jobs, confirmations and the
// audit log. Same tables and the same behaviour as the SQLite store (db.ts, export-store.ts, audit.ts); all the
// PostgreSQL SQL is in this file. Migrations run once per database under an advisory lock, so replicas starting
// together do not race. A transaction holds one pooled connection; store calls made inside it (through
// AsyncLocalStorage) use that connection.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { auditDetail, toAuditRow, type AuditEntry, type AuditEvent, type AuditLog, type AuditRow } from './audit.js';
import {
  json,
  parse,
  toProduct,
  type Batch,
  type BatchClaim,
  type BatchCounts,
  type ExportProduct,
  type ExportStore,
  type MemoryEntry,
  type NewProduct,
  type ProductPatch,
  type ProductQuery,
  type ProductState,
  type Reject,
} from './export-store.js';
import type { ConfirmationLedger, Store } from './index.js';

const MIGRATIONS: string[] = [
  `CREATE TABLE audit (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     ts TEXT NOT NULL,
     event TEXT NOT NULL,
     tool TEXT NOT NULL,
     seller_id TEXT NOT NULL,
     marketplace_id TEXT,
     sku TEXT,
     payload_hash TEXT,
     confirmed_by TEXT,
     request_id TEXT,
     status TEXT,
     detail TEXT
   );
   CREATE INDEX audit_ts ON audit(ts);
   CREATE INDEX audit_hash ON audit(payload_hash);
   CREATE INDEX audit_sku ON audit(sku);
   CREATE TABLE used_confirmations (
     token_id TEXT PRIMARY KEY,
     used_at TEXT NOT NULL
   );
   CREATE TABLE export_batches (
     id TEXT PRIMARY KEY,
     seller_id TEXT NOT NULL,
     marketplace_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     source TEXT NOT NULL,
     columns TEXT NOT NULL,
     confirmed_hash TEXT,
     status TEXT NOT NULL DEFAULT 'loaded',
     lease_owner TEXT,
     lease_until BIGINT
   );
   CREATE TABLE export_products (
     batch_id TEXT NOT NULL REFERENCES export_batches(id),
     sku TEXT NOT NULL,
     row_index INTEGER NOT NULL,
     name TEXT,
     source TEXT NOT NULL,
     product_type TEXT,
     attributes TEXT,
     origins TEXT,
     parent_sku TEXT,
     state TEXT NOT NULL,
     issues TEXT,
     submission TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     reason TEXT,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (batch_id, sku)
   );
   CREATE INDEX export_products_state ON export_products(batch_id, state);
   CREATE TABLE export_rejects (
     batch_id TEXT NOT NULL REFERENCES export_batches(id),
     row_index INTEGER NOT NULL,
     sku TEXT,
     problems TEXT NOT NULL
   );
   CREATE TABLE export_feeds (
     feed_id TEXT PRIMARY KEY,
     batch_id TEXT NOT NULL REFERENCES export_batches(id),
     skus TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE mapping_memory (
     seller_id TEXT NOT NULL,
     product_type TEXT NOT NULL,
     source_column TEXT NOT NULL,
     attribute TEXT NOT NULL,
     translations TEXT NOT NULL DEFAULT '{}',
     accepted INTEGER NOT NULL DEFAULT 0,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (seller_id, product_type, source_column, attribute)
   );`,
  `CREATE TABLE server_secret (
     id INTEGER PRIMARY KEY,
     secret TEXT NOT NULL
   );`,
  // Data warnings and variation family per product; the recognised source format per batch; a batch write's batch.
  `ALTER TABLE export_products ADD COLUMN warnings TEXT;
   ALTER TABLE export_products ADD COLUMN family TEXT;
   ALTER TABLE export_batches ADD COLUMN format TEXT;
   ALTER TABLE audit ADD COLUMN batch TEXT;`,
];

type Row = Record<string, unknown>;
type Queryable = Pick<pg.PoolClient, 'query'>;
const now = () => new Date().toISOString();
/** The database's clock in epoch ms: leases are judged by one clock, whichever host a replica runs on. */
const DB_NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

class Db {
  readonly #tx = new AsyncLocalStorage<pg.PoolClient>();
  #ready: Promise<void> | undefined;

  constructor(readonly pool: pg.Pool) {}

  /** Migrations on first use (createServer stays synchronous; the first store call waits for them). */
  ready(): Promise<void> {
    this.#ready ??= this.#migrate();
    return this.#ready;
  }

  async #migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('sp-api-mcp migrations'))`);
      await c.query('CREATE TABLE IF NOT EXISTS sp_api_mcp_schema (version INTEGER NOT NULL)');
      const r = await c.query<{ version: number }>('SELECT version FROM sp_api_mcp_schema');
      let version = r.rows[0]?.version ?? 0;
      if (r.rows.length === 0) await c.query('INSERT INTO sp_api_mcp_schema (version) VALUES (0)');
      for (; version < MIGRATIONS.length; version++) await c.query(MIGRATIONS[version]!);
      await c.query('UPDATE sp_api_mcp_schema SET version = $1', [version]);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      this.#ready = undefined;
      throw err;
    } finally {
      c.release();
    }
  }

  async query<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    await this.ready();
    const q: Queryable = this.#tx.getStore() ?? this.pool;
    return (await q.query<T>(sql, params)).rows;
  }

  /** Runs fn in one transaction (a nested call joins the open one). */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#tx.getStore()) return fn();
    await this.ready();
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await this.#tx.run(c, fn);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }
}

class PgExportStore implements ExportStore {
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
    await this.db.transaction(async () => {
      await this.db.query(
        `INSERT INTO export_batches (id, seller_id, marketplace_id, created_at, source, columns, format) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, input.sellerId, input.marketplaceId, createdAt, input.source, JSON.stringify(input.columns), input.format ?? null],
      );
      // Multi-row inserts of 500: a 25,000-row file is 50 statements, not 25,000.
      for (let i = 0; i < input.products.length; i += 500) {
        const chunk = input.products.slice(i, i + 500);
        const params: unknown[] = [];
        const values = chunk.map((p) => {
          params.push(
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
          const n = params.length;
          return `($${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, 'loaded', $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
        });
        await this.db.query(
          `INSERT INTO export_products (batch_id, sku, row_index, name, source, state, updated_at, warnings, family, parent_sku) VALUES ${values.join(', ')}`,
          params,
        );
      }
      for (const r of input.rejects) {
        await this.db.query(`INSERT INTO export_rejects (batch_id, row_index, sku, problems) VALUES ($1, $2, $3, $4)`, [
          id,
          r.rowIndex,
          r.sku ?? null,
          JSON.stringify(r.problems),
        ]);
      }
    });
    return (await this.getBatch(id))!;
  }

  async getBatch(id: string): Promise<Batch | undefined> {
    const [r] = await this.db.query('SELECT * FROM export_batches WHERE id = $1', [id]);
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

  async deleteBatch(batchId: string): Promise<void> {
    await this.db.transaction(async () => {
      for (const t of ['export_products', 'export_rejects', 'export_feeds']) await this.db.query(`DELETE FROM ${t} WHERE batch_id = $1`, [batchId]);
      await this.db.query('DELETE FROM export_batches WHERE id = $1', [batchId]);
    });
  }

  async batches(sellerId: string): Promise<Batch[]> {
    const rows = await this.db.query('SELECT id FROM export_batches WHERE seller_id = $1 ORDER BY created_at DESC', [sellerId]);
    const out: Batch[] = [];
    for (const r of rows) out.push((await this.getBatch(String(r.id)))!);
    return out;
  }

  async setBatch(id: string, patch: { confirmedHash?: string | null; status?: string }): Promise<void> {
    if (patch.confirmedHash !== undefined)
      await this.db.query('UPDATE export_batches SET confirmed_hash = $1 WHERE id = $2', [patch.confirmedHash, id]);
    if (patch.status !== undefined) await this.db.query('UPDATE export_batches SET status = $1 WHERE id = $2', [patch.status, id]);
  }

  async products(batchId: string, opts: ProductQuery = {}): Promise<ExportProduct[]> {
    const params: unknown[] = [batchId];
    const where = ['batch_id = $1'];
    if (opts.states?.length) {
      params.push(opts.states);
      where.push(`state = ANY($${params.length})`);
    }
    if (opts.skus?.length) {
      params.push(opts.skus);
      where.push(`sku = ANY($${params.length})`);
    }
    params.push(opts.limit ?? null, opts.offset ?? 0);
    const rows = await this.db.query(
      `SELECT * FROM export_products WHERE ${where.join(' AND ')} ORDER BY row_index LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map(toProduct);
  }

  async product(batchId: string, sku: string): Promise<ExportProduct | undefined> {
    const [r] = await this.db.query('SELECT * FROM export_products WHERE batch_id = $1 AND sku = $2', [batchId, sku]);
    return r ? toProduct(r) : undefined;
  }

  async updateProduct(batchId: string, sku: string, patch: ProductPatch): Promise<void> {
    const params: unknown[] = [batchId, sku, now()];
    const sets: string[] = ['updated_at = $3'];
    const col = (name: string, value: unknown) => {
      params.push(value);
      sets.push(`${name} = $${params.length}`);
    };
    if ('productType' in patch) col('product_type', patch.productType ?? null);
    if ('attributes' in patch) col('attributes', json(patch.attributes));
    if ('origins' in patch) col('origins', json(patch.origins));
    if ('parentSku' in patch) col('parent_sku', patch.parentSku ?? null);
    if ('state' in patch) col('state', patch.state);
    if ('issues' in patch) col('issues', json(patch.issues));
    if ('submission' in patch) col('submission', json(patch.submission));
    if ('reason' in patch) col('reason', patch.reason ?? null);
    if (patch.incrementAttempts) sets.push('attempts = attempts + 1');
    await this.db.query(`UPDATE export_products SET ${sets.join(', ')} WHERE batch_id = $1 AND sku = $2`, params);
  }

  transaction(fn: () => Promise<void>): Promise<void> {
    return this.db.transaction(fn);
  }

  async counts(batchId: string): Promise<BatchCounts> {
    const rows = await this.db.query<{ state: ProductState; n: string }>(
      'SELECT state, COUNT(*) AS n FROM export_products WHERE batch_id = $1 GROUP BY state',
      [batchId],
    );
    const byState: Partial<Record<ProductState, number>> = {};
    for (const r of rows) byState[r.state] = Number(r.n);
    const n = (...states: ProductState[]) => states.reduce((sum, s) => sum + (byState[s] ?? 0), 0);
    const [c] = await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM export_products WHERE batch_id = $1 AND product_type IS NOT NULL', [
      batchId,
    ]);
    const [rj] = await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM export_rejects WHERE batch_id = $1', [batchId]);
    return {
      total: rows.reduce((sum, r) => sum + Number(r.n), 0),
      categorized: Number(c?.n ?? 0),
      submitted: n('submitting', 'submitted', 'accepted', 'failed'),
      accepted: n('accepted'),
      failed: n('failed', 'unresolvable'),
      skipped: n('skipped'),
      rejected: Number(rj?.n ?? 0),
      byState,
    };
  }

  async rejects(batchId: string): Promise<Reject[]> {
    const rows = await this.db.query('SELECT * FROM export_rejects WHERE batch_id = $1 ORDER BY row_index', [batchId]);
    return rows.map((r) => ({
      rowIndex: Number(r.row_index),
      ...(r.sku !== null ? { sku: String(r.sku) } : {}),
      problems: parse<string[]>(r.problems) ?? [],
    }));
  }

  async addFeed(batchId: string, feedId: string, skus: string[]): Promise<void> {
    await this.db.query(`INSERT INTO export_feeds (feed_id, batch_id, skus, status, created_at) VALUES ($1, $2, $3, 'IN_QUEUE', $4)`, [
      feedId,
      batchId,
      JSON.stringify(skus),
      now(),
    ]);
  }

  async openFeeds(batchId: string): Promise<Array<{ feedId: string; skus: string[] }>> {
    const rows = await this.db.query(
      `SELECT * FROM export_feeds WHERE batch_id = $1 AND status NOT IN ('DONE', 'FATAL', 'CANCELLED') ORDER BY created_at`,
      [batchId],
    );
    return rows.map((r) => ({ feedId: String(r.feed_id), skus: parse<string[]>(r.skus) ?? [] }));
  }

  async setFeedStatus(feedId: string, status: string): Promise<void> {
    await this.db.query('UPDATE export_feeds SET status = $1 WHERE feed_id = $2', [status, feedId]);
  }

  async remember(sellerId: string, e: Omit<MemoryEntry, 'accepted'>, times = 1): Promise<void> {
    // jsonb || merges the flat translation maps as SQLite's json_patch does.
    await this.db.query(
      `INSERT INTO mapping_memory (seller_id, product_type, source_column, attribute, translations, accepted, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (seller_id, product_type, source_column, attribute) DO UPDATE SET
         accepted = mapping_memory.accepted + EXCLUDED.accepted, updated_at = EXCLUDED.updated_at,
         translations = (mapping_memory.translations::jsonb || EXCLUDED.translations::jsonb)::text`,
      [sellerId, e.productType, e.sourceColumn, e.attribute, JSON.stringify(e.translations), times, now()],
    );
  }

  async suggestions(sellerId: string, columns: string[]): Promise<MemoryEntry[]> {
    if (columns.length === 0) return [];
    const rows = await this.db.query(
      'SELECT * FROM mapping_memory WHERE seller_id = $1 AND source_column = ANY($2) ORDER BY accepted DESC, source_column COLLATE "C"',
      [sellerId, columns],
    );
    return rows.map((r) => ({
      productType: String(r.product_type),
      sourceColumn: String(r.source_column),
      attribute: String(r.attribute),
      translations: parse<Record<string, string>>(r.translations) ?? {},
      accepted: Number(r.accepted),
    }));
  }

  async claimBatch(batchId: string, owner: string, leaseMs: number): Promise<BatchClaim> {
    return this.db.transaction(async (): Promise<BatchClaim> => {
      // SKIP LOCKED: a replica that finds the row locked by another claimer does not queue behind it.
      const [r] = await this.db.query(
        `SELECT lease_owner, lease_until, ${DB_NOW_MS} AS now FROM export_batches WHERE id = $1 FOR UPDATE SKIP LOCKED`,
        [batchId],
      );
      if (!r) {
        const [t] = await this.db.query<{ now: string; found: boolean }>(
          `SELECT ${DB_NOW_MS} AS now, EXISTS (SELECT 1 FROM export_batches WHERE id = $1) AS found`,
          [batchId],
        );
        if (!t?.found) return { claimed: false, owner: '(no such batch)', until: 0 };
        return { claimed: false, owner: '(another replica, claiming now)', until: Number(t.now) + 1000 };
      }
      if (r.lease_owner !== null && r.lease_owner !== owner && Number(r.lease_until) > Number(r.now)) {
        return { claimed: false, owner: String(r.lease_owner), until: Number(r.lease_until) };
      }
      await this.db.query('UPDATE export_batches SET lease_owner = $1, lease_until = $2 WHERE id = $3', [owner, Number(r.now) + leaseMs, batchId]);
      return { claimed: true };
    });
  }

  async releaseBatch(batchId: string, owner: string): Promise<void> {
    await this.db.query('UPDATE export_batches SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [batchId, owner]);
  }
}

class PgAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async append(entry: AuditEntry): Promise<number> {
    const [r] = await this.db.query<{ id: string }>(
      `INSERT INTO audit (ts, event, tool, seller_id, marketplace_id, sku, payload_hash, confirmed_by, request_id, status, detail, batch)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        now(),
        entry.event,
        entry.tool,
        entry.sellerId,
        entry.marketplaceId ?? null,
        entry.sku ?? null,
        entry.payloadHash ?? null,
        entry.confirmedBy ?? null,
        entry.requestId ?? null,
        entry.status ?? null,
        auditDetail(entry),
        entry.batch ?? null,
      ],
    );
    return Number(r!.id);
  }

  async recent(opts: { limit?: number; sku?: string; batch?: string; event?: AuditEvent; beforeId?: number } = {}): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of [
      ['sku', 'sku ='],
      ['batch', 'batch ='],
      ['event', 'event ='],
      ['beforeId', 'id <'],
    ] as const) {
      if (!opts[key]) continue;
      params.push(opts[key]);
      where.push(`${column} $${params.length}`);
    }
    params.push(opts.limit ?? 20);
    const rows = await this.db.query<Record<string, string | number | null>>(
      `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toAuditRow);
  }

  async countExecutedSince(sinceIso: string, sellerId: string): Promise<number> {
    const [r] = await this.db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM audit WHERE event = 'execute' AND seller_id = $1 AND ts >= $2`, [
      sellerId,
      sinceIso,
    ]);
    return Number(r?.n ?? 0);
  }
}

class PgLedger implements ConfirmationLedger {
  #secret: Promise<Buffer> | undefined;
  constructor(private readonly db: Db) {}

  /** One signing key for all replicas: created by the first, read by the others (the database is the trust root). */
  secret(): Promise<Buffer> {
    this.#secret ??= (async () => {
      await this.db.query('INSERT INTO server_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(32).toString('base64')]);
      const [r] = await this.db.query<{ secret: string }>('SELECT secret FROM server_secret WHERE id = 1');
      return Buffer.from(r!.secret, 'base64');
    })().catch((err: unknown) => {
      this.#secret = undefined;
      throw err;
    });
    return this.#secret;
  }
  async use(tokenId: string, usedAt: string): Promise<boolean> {
    const rows = await this.db.query('INSERT INTO used_confirmations (token_id, used_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING token_id', [
      tokenId,
      usedAt,
    ]);
    return rows.length > 0;
  }
}

export interface PostgresStoreOptions {
  /** A schema of its own (created if absent): tests run side by side in one database. */
  schema?: string;
  max?: number;
}

/** Connects lazily; the first store call runs the migrations. */
export function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Store {
  const schema = opts.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that drops (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Db(pool);
  if (schema) {
    const migrate = db.ready.bind(db);
    let created: Promise<void> | undefined;
    db.ready = () => (created ??= pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).then(() => undefined)).then(migrate);
  }
  return {
    kind: 'postgres',
    audit: new PgAuditLog(db),
    exports: new PgExportStore(db),
    confirmations: new PgLedger(db),
    close: () => pool.end(),
  };
}
