// The store behind audit log, confirmations and export batches: one interface, two implementations. SQLite in the
// data directory is the default (one machine, nothing to run); PostgreSQL (SP_API_MCP_DATABASE_URL, postgres.ts)
// lets several replicas share jobs and the audit log. Each backend keeps its SQL in its own files.
import type { AuditLog } from './audit.js';
import type { ExportStore } from './export-store.js';
import { SqliteAuditLog } from './audit.js';
import { SqliteExportStore } from './export-store.js';
import { openDatabase, type Db } from './db.js';
import { randomBytes } from 'node:crypto';

/** Single-use confirmation token ids. */
export interface ConfirmationLedger {
  /** Records the token id as used; false when it already was (a replay), on any replica. */
  use(tokenId: string, usedAt: string): Promise<boolean>;
  /** The key confirmation tokens are signed with: per process (SQLite), or one per database (PostgreSQL). */
  secret(): Promise<Buffer>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly audit: AuditLog;
  readonly exports: ExportStore;
  readonly confirmations: ConfirmationLedger;
  close(): Promise<void>;
}

class SqliteLedger implements ConfirmationLedger {
  readonly #insert;
  // Per process, as before: each process answers its own MCP client, and a restart invalidates old tokens.
  readonly #secret = randomBytes(32);
  constructor(db: Db) {
    this.#insert = db.prepare('INSERT OR IGNORE INTO used_confirmations (token_id, used_at) VALUES (?, ?)');
  }
  async use(tokenId: string, usedAt: string): Promise<boolean> {
    return this.#insert.run(tokenId, usedAt).changes > 0;
  }
  async secret(): Promise<Buffer> {
    return this.#secret;
  }
}

/** The data directory's SQLite (one connection per file per process; migrations in db.ts). */
export function openSqliteStore(dataDir: string): Store {
  const db = openDatabase(dataDir);
  return {
    kind: 'sqlite',
    audit: new SqliteAuditLog(db),
    exports: new SqliteExportStore(db),
    confirmations: new SqliteLedger(db),
    // The connection is shared per file within the process (openDatabase), so it is not closed here.
    close: () => Promise.resolve(),
  };
}
