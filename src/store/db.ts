// The embedded SQLite database (audit log, confirmations, later export batches). WAL so readers never block
// the writer, and a crash loses at most the transaction in flight.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
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
   CREATE INDEX audit_hash ON audit(payload_hash);`,
  `CREATE TABLE used_confirmations (
     token_id TEXT PRIMARY KEY,
     used_at TEXT NOT NULL
   );`,
  `CREATE TABLE export_batches (
     id TEXT PRIMARY KEY,
     seller_id TEXT NOT NULL,
     marketplace_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     source TEXT NOT NULL,
     columns TEXT NOT NULL,
     confirmed_hash TEXT,
     status TEXT NOT NULL DEFAULT 'loaded'
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
  // Which process is submitting a batch, until when (epoch ms): another replica resumes after the lease lapses.
  `ALTER TABLE export_batches ADD COLUMN lease_owner TEXT;
   ALTER TABLE export_batches ADD COLUMN lease_until INTEGER;`,
  // Data warnings and variation family per product; the recognised source format per batch.
  `ALTER TABLE export_products ADD COLUMN warnings TEXT;
   ALTER TABLE export_products ADD COLUMN family TEXT;
   ALTER TABLE export_batches ADD COLUMN format TEXT;
   ALTER TABLE audit ADD COLUMN batch TEXT;`,
  // Where the last order import stopped, per seller, marketplace and import name (issue 16: "since the last import").
  `CREATE TABLE import_cursors (
     seller_id TEXT NOT NULL,
     marketplace_id TEXT NOT NULL,
     name TEXT NOT NULL,
     cursor TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (seller_id, marketplace_id, name)
   );`,
];

const open = new Map<string, Db>();

/** One connection per file per process; migrations run once, in order. */
export function openDatabase(dataDir: string, file = 'sp-api-mcp.db'): Db {
  const path = join(dataDir, file);
  const existing = open.get(path);
  if (existing?.open) return existing;
  // Private: the audit log and export batches are the seller's business data.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Two processes can open a new data directory at once (two MCP clients starting together): the version is read
  // inside an IMMEDIATE transaction, so the second waits for the first's migrations and then finds nothing to do.
  const migrate = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
    let version = row?.version ?? 0;
    for (; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]!);
    db.prepare('UPDATE schema_version SET version = ?').run(version);
  });
  migrate.immediate();
  open.set(path, db);
  return db;
}
