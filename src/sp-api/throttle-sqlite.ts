// Shared buckets for the processes of one machine: a small SQLite file in the data directory (its own file, so the
// store's writes never wait on a take). Each operation is one short IMMEDIATE transaction (read the row, apply the
// bucket arithmetic, write it back); WAL keeps readers and the single writer out of each other's way. Rows hold
// only the bucket's numbers, so a process that dies leaves nothing to release; idle rows are pruned on open.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyOp, newRow, type BackendStatus, type BucketOp, type OpResult, type SharedBucketStore, type SharedRow } from './throttle-shared.js';
import type { Plan } from './throttle.js';

const IDLE_PRUNE_MS = 24 * 3600_000;

interface DbRow {
  tokens: number;
  last: number;
  nominal: number;
  burst: number;
  anchor_since: number;
  anchor_gen: number;
}

export class SqliteBucketStore implements SharedBucketStore {
  readonly #db: Database.Database;
  readonly #apply: (key: string, plan: Plan, op: BucketOp, safety: number) => OpResult;
  readonly #path: string;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.#path = path;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#db = new Database(path, { timeout: 10_000 });
    this.#db.pragma('journal_mode = WAL');
    // The rows are disposable rate-limit state: a lost last write after a power cut costs at most a 429.
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS buckets (
      key TEXT PRIMARY KEY,
      tokens REAL NOT NULL,
      last REAL NOT NULL,
      nominal REAL NOT NULL,
      burst REAL NOT NULL,
      anchor_since REAL NOT NULL,
      anchor_gen INTEGER NOT NULL,
      touched REAL NOT NULL
    ) WITHOUT ROWID`);
    this.#db.prepare('DELETE FROM buckets WHERE touched < ?').run(this.now() - IDLE_PRUNE_MS);
    const get = this.#db.prepare<[string], DbRow>('SELECT tokens, last, nominal, burst, anchor_since, anchor_gen FROM buckets WHERE key = ?');
    const put = this.#db.prepare(
      `INSERT INTO buckets (key, tokens, last, nominal, burst, anchor_since, anchor_gen, touched)
       VALUES (@key, @tokens, @last, @nominal, @burst, @anchorSince, @anchorGen, @touched)
       ON CONFLICT(key) DO UPDATE SET tokens = excluded.tokens, last = excluded.last, nominal = excluded.nominal,
         burst = excluded.burst, anchor_since = excluded.anchor_since, anchor_gen = excluded.anchor_gen, touched = excluded.touched`,
    );
    const tx = this.#db.transaction((key: string, plan: Plan, op: BucketOp, safety: number): OpResult => {
      const now = this.now();
      const r = get.get(key);
      const row: SharedRow = r
        ? { tokens: r.tokens, last: r.last, nominal: r.nominal, burst: r.burst, anchorSince: r.anchor_since, anchorGen: r.anchor_gen }
        : newRow(plan, now);
      const out = applyOp(row, op, now, safety);
      if (op.op !== 'peek') put.run({ key, ...row, touched: now });
      return out;
    });
    // IMMEDIATE: take the write lock at BEGIN, so two processes never both read the same token count.
    this.#apply = (key, plan, op, safety) => tx.immediate(key, plan, op, safety);
  }

  apply(key: string, plan: Plan, op: BucketOp, safety: number): Promise<OpResult> {
    try {
      return Promise.resolve(this.#apply(key, plan, op, safety));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  status(): BackendStatus {
    return { backend: 'sqlite', shared: true, state: 'ok', safety: 1, message: `shared by the processes using ${this.#path}` };
  }

  close(): Promise<void> {
    if (this.#db.open) this.#db.close();
    return Promise.resolve();
  }
}
