// Where the last order import stopped, per seller, marketplace and import name, as the Kornit X and X-Cart imports
// keep it: the next import asks Amazon for orders updated after it.
import type { Db } from './db.js';

export class ImportCursors {
  constructor(private readonly db: Db) {}

  get(sellerId: string, marketplaceId: string, name: string): { cursor: string; updatedAt: string } | undefined {
    const row = this.db
      .prepare('SELECT cursor, updated_at AS updatedAt FROM import_cursors WHERE seller_id = ? AND marketplace_id = ? AND name = ?')
      .get(sellerId, marketplaceId, name) as { cursor: string; updatedAt: string } | undefined;
    return row;
  }

  set(sellerId: string, marketplaceId: string, name: string, cursor: string): void {
    this.db
      .prepare(
        `INSERT INTO import_cursors (seller_id, marketplace_id, name, cursor, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (seller_id, marketplace_id, name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      )
      .run(sellerId, marketplaceId, name, cursor, new Date().toISOString());
  }
}
