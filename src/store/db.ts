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
];

const open = new Map<string, Db>();

/** One connection per file per process; migrations run once, in order. */
export function openDatabase(dataDir: string, file = 'sp-api-mcp.db'): Db {
  const path = join(dataDir, file);
  const existing = open.get(path);
  if (existing?.open) return existing;
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  const migrate = db.transaction(() => {
    for (; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]!);
    db.prepare('UPDATE schema_version SET version = ?').run(version);
  });
  migrate();
  open.set(path, db);
  return db;
}
