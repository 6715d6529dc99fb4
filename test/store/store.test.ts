// One suite, both stores: the data directory's SQLite and PostgreSQL (a schema of its own per run; skipped with a
// message when scripts/ci-system-deps.sh could not start PostgreSQL).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { databaseUrl } from '../helpers/services.js';

const PG = databaseUrl('the PostgreSQL store suite');
const sqliteDir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-store-'));
const stores: Array<[string, () => Store]> = [['SQLite', () => openSqliteStore(sqliteDir)]];
const schema = `t_${randomBytes(4).toString('hex')}`;
if (PG) stores.push(['PostgreSQL', () => openPostgresStore(PG, { schema })]);

const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
  if (PG) {
    const cleanup = openPostgresStore(PG);
    // Drop the test schema through a plain connection.
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: PG });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
    await cleanup.close();
  }
});

function newBatch(store: Store, n = 3) {
  return store.exports.createBatch({
    sellerId: 'S1',
    marketplaceId: 'ATVPDKIKX0DER',
    source: 'products.csv',
    columns: ['SKU', 'Title'],
    products: Array.from({ length: n }, (_, i) => ({
      sku: `SKU-${i}`,
      rowIndex: i + 2,
      name: `Item ${i}`,
      source: { SKU: `SKU-${i}`, Title: `Item ${i}` },
    })),
    rejects: [{ rowIndex: 9, sku: 'BAD', problems: ['no title'] }],
  });
}

for (const [name, open] of stores) {
  describe(`${name} store`, () => {
    const store = open();
    opened.push(store);

    it('keeps the source format, data warnings, variation families, skipped products; lists and discards batches', async () => {
      const b = await store.exports.createBatch({
        sellerId: 'S-FMT',
        marketplaceId: 'ATVPDKIKX0DER',
        source: 'shopify.csv',
        columns: ['Handle', 'Variant SKU'],
        format: 'shopify',
        products: [
          { sku: 'TEE', rowIndex: 2, name: 'Tee', source: {}, family: { role: 'parent', dimensions: ['Size'] } },
          {
            sku: 'TEE-S',
            rowIndex: 3,
            name: 'Tee S',
            source: {},
            warnings: [{ kind: 'gtin', message: 'wrong check digit' }],
            family: { role: 'child', parentSku: 'TEE', dimensions: ['Size'] },
          },
          { sku: 'GIFT', rowIndex: 4, name: 'Gift card', source: {} },
        ],
        rejects: [],
      });
      expect(b.format).toBe('shopify');
      const child = await store.exports.product(b.id, 'TEE-S');
      expect(child?.warnings).toEqual([{ kind: 'gtin', message: 'wrong check digit' }]);
      expect(child?.family).toEqual({ role: 'child', parentSku: 'TEE', dimensions: ['Size'] });
      expect(child?.parentSku).toBe('TEE');
      await store.exports.updateProduct(b.id, 'GIFT', { state: 'skipped', reason: 'gift card' });
      const c = await store.exports.counts(b.id);
      expect(c).toMatchObject({ total: 3, skipped: 1, failed: 0 });
      const second = await store.exports.createBatch({
        sellerId: 'S-FMT',
        marketplaceId: 'ATVPDKIKX0DER',
        source: 'shopify.csv',
        columns: [],
        products: [],
        rejects: [],
      });
      expect((await store.exports.batches('S-FMT')).map((x) => x.id).sort()).toEqual([b.id, second.id].sort());
      await store.exports.deleteBatch(b.id);
      expect(await store.exports.getBatch(b.id)).toBeUndefined();
      expect(await store.exports.products(b.id)).toEqual([]);
      expect((await store.exports.batches('S-FMT')).map((x) => x.id)).toEqual([second.id]);
      await store.audit.append({ event: 'execute', tool: 'export_submit', sellerId: 'S-FMT', batch: second.id, confirmedBy: 'token' });
      const rows = await store.audit.recent({ batch: second.id });
      expect(rows.map((r) => [r.event, r.batch])).toEqual([['execute', second.id]]);
    });

    it('keeps batches, products and their states', async () => {
      const b = await newBatch(store);
      expect(b).toMatchObject({ sellerId: 'S1', columns: ['SKU', 'Title'], status: 'loaded', confirmedHash: undefined });
      await store.exports.setBatch(b.id, { confirmedHash: 'h1', status: 'submitting' });
      expect(await store.exports.getBatch(b.id)).toMatchObject({ confirmedHash: 'h1', status: 'submitting' });
      expect(await store.exports.getBatch('b_missing')).toBeUndefined();

      await store.exports.updateProduct(b.id, 'SKU-1', {
        productType: 'SHIRT',
        attributes: { item_name: [{ value: 'x' }] },
        state: 'submitting',
        submission: { path: 'api', at: '2026-01-01T00:00:00.000Z' },
        incrementAttempts: true,
      });
      await store.exports.updateProduct(b.id, 'SKU-1', { incrementAttempts: true, reason: 'r' });
      const p = await store.exports.product(b.id, 'SKU-1');
      expect(p).toMatchObject({ rowIndex: 3, name: 'Item 1', productType: 'SHIRT', state: 'submitting', attempts: 2, reason: 'r', issues: [] });
      expect(p?.attributes).toEqual({ item_name: [{ value: 'x' }] });
      expect(p?.source).toEqual({ SKU: 'SKU-1', Title: 'Item 1' });
      await store.exports.updateProduct(b.id, 'SKU-1', { reason: undefined });
      expect((await store.exports.product(b.id, 'SKU-1'))?.reason).toBeUndefined();

      expect((await store.exports.products(b.id)).map((x) => x.sku)).toEqual(['SKU-0', 'SKU-1', 'SKU-2']);
      expect((await store.exports.products(b.id, { states: ['submitting'] })).map((x) => x.sku)).toEqual(['SKU-1']);
      expect((await store.exports.products(b.id, { skus: ['SKU-2', 'SKU-0'] })).map((x) => x.sku)).toEqual(['SKU-0', 'SKU-2']);
      expect((await store.exports.products(b.id, { offset: 1, limit: 1 })).map((x) => x.sku)).toEqual(['SKU-1']);
      expect(await store.exports.counts(b.id)).toEqual({
        total: 3,
        categorized: 1,
        submitted: 1,
        accepted: 0,
        failed: 0,
        skipped: 0,
        rejected: 1,
        byState: { loaded: 2, submitting: 1 },
      });
      expect(await store.exports.rejects(b.id)).toEqual([{ rowIndex: 9, sku: 'BAD', problems: ['no title'] }]);
    });

    it('commits a transaction as a whole, and rolls it back as a whole', async () => {
      const b = await newBatch(store);
      await store.exports.transaction(async () => {
        await store.exports.updateProduct(b.id, 'SKU-0', { state: 'confirmed' });
        await store.exports.updateProduct(b.id, 'SKU-1', { state: 'confirmed' });
      });
      await expect(
        store.exports.transaction(async () => {
          await store.exports.updateProduct(b.id, 'SKU-2', { state: 'confirmed' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.exports.counts(b.id)).byState).toEqual({ confirmed: 2, loaded: 1 });
    });

    it('keeps concurrent transactions apart: each commits or rolls back on its own', async () => {
      const b = await newBatch(store);
      const other = open();
      opened.push(other);
      const failing = store.exports.transaction(async () => {
        await store.exports.updateProduct(b.id, 'SKU-0', { state: 'confirmed' });
        await new Promise((r) => setTimeout(r, 30));
        throw new Error('boom');
      });
      const passing = other.exports.transaction(async () => {
        await other.exports.updateProduct(b.id, 'SKU-1', { state: 'confirmed' });
      });
      await expect(failing).rejects.toThrow('boom');
      await passing;
      expect((await store.exports.counts(b.id)).byState).toEqual({ confirmed: 1, loaded: 2 });
      expect((await store.exports.product(b.id, 'SKU-1'))?.state).toBe('confirmed');
    });

    it('tracks feeds in flight', async () => {
      const b = await newBatch(store);
      const feedId = `F-${randomBytes(3).toString('hex')}`;
      await store.exports.addFeed(b.id, feedId, ['SKU-0', 'SKU-1']);
      expect(await store.exports.openFeeds(b.id)).toEqual([{ feedId, skus: ['SKU-0', 'SKU-1'] }]);
      await store.exports.setFeedStatus(feedId, 'DONE');
      expect(await store.exports.openFeeds(b.id)).toEqual([]);
    });

    it('remembers mappings per seller, merging translations, most used first', async () => {
      const seller = `S-${randomBytes(3).toString('hex')}`;
      await store.exports.remember(seller, { productType: 'SHIRT', sourceColumn: 'Colour', attribute: 'color', translations: { rot: 'Red' } });
      await store.exports.remember(seller, { productType: 'SHIRT', sourceColumn: 'Colour', attribute: 'color', translations: { blau: 'Blue' } }, 2);
      await store.exports.remember(seller, { productType: 'SHIRT', sourceColumn: 'Brand', attribute: 'brand', translations: {} });
      await store.exports.remember('OTHER', { productType: 'SHIRT', sourceColumn: 'Colour', attribute: 'color', translations: {} });
      expect(await store.exports.suggestions(seller, ['Colour', 'Brand', 'Size'])).toEqual([
        { productType: 'SHIRT', sourceColumn: 'Colour', attribute: 'color', translations: { rot: 'Red', blau: 'Blue' }, accepted: 3 },
        { productType: 'SHIRT', sourceColumn: 'Brand', attribute: 'brand', translations: {}, accepted: 1 },
      ]);
      expect(await store.exports.suggestions(seller, [])).toEqual([]);
    });

    it('keeps the audit log: newest first, filters, redacted detail, executed writes per day', async () => {
      const seller = `S-${randomBytes(3).toString('hex')}`;
      const since = new Date(Date.now() - 1000).toISOString();
      const first = await store.audit.append({ event: 'preview', tool: 'listings_put', sellerId: seller, sku: 'A', detail: { summary: 'put A' } });
      const second = await store.audit.append({
        event: 'execute',
        tool: 'listings_put',
        sellerId: seller,
        sku: 'A',
        confirmedBy: 'token',
        detail: { note: 'Atzr|secret-refresh-token' },
      });
      await store.audit.append({ event: 'execute', tool: 'listings_put', sellerId: seller, sku: 'B', detail: { big: 'x'.repeat(5000) } });
      expect(second).toBeGreaterThan(first);
      const rows = await store.audit.recent({ sku: 'A' });
      expect(rows.map((r) => r.event)).toEqual(['execute', 'preview']);
      expect(rows[0]).toMatchObject({ tool: 'listings_put', sellerId: seller, confirmedBy: 'token' });
      expect(JSON.stringify(rows[0]!.detail)).not.toContain('secret-refresh-token');
      expect((await store.audit.recent({ event: 'execute', limit: 1 }))[0]!.detail).toHaveProperty('truncated');
      expect((await store.audit.recent({ sku: 'A', beforeId: second })).map((r) => r.id)).toEqual([first]);
      expect(await store.audit.countExecutedSince(since, seller)).toBe(2);
    });

    it('uses a confirmation token once', async () => {
      const id = randomBytes(6).toString('hex');
      expect(await store.confirmations.use(id, new Date().toISOString())).toBe(true);
      expect(await store.confirmations.use(id, new Date().toISOString())).toBe(false);
    });

    it('signs confirmation tokens with one key per database (PostgreSQL) or per process (SQLite)', async () => {
      const key = await store.confirmations.secret();
      expect(key.length).toBe(32);
      expect((await store.confirmations.secret()).equals(key)).toBe(true);
      const other = open();
      opened.push(other);
      // Replicas of one PostgreSQL verify each other's tokens; SQLite processes each keep their own key.
      expect((await other.confirmations.secret()).equals(key)).toBe(store.kind === 'postgres');
    });

    it('leases a batch to one owner; another claims it only after the lease lapses', async () => {
      const b = await newBatch(store, 1);
      expect(await store.exports.claimBatch(b.id, 'A', 300)).toEqual({ claimed: true });
      const refused = await store.exports.claimBatch(b.id, 'B', 300);
      expect(refused).toMatchObject({ claimed: false, owner: 'A' });
      expect(await store.exports.claimBatch(b.id, 'A', 300)).toEqual({ claimed: true }); // renewal
      await new Promise((r) => setTimeout(r, 350));
      expect(await store.exports.claimBatch(b.id, 'B', 10_000)).toEqual({ claimed: true });
      await store.exports.releaseBatch(b.id, 'A'); // not A's any more: no effect
      expect((await store.exports.claimBatch(b.id, 'A', 300)).claimed).toBe(false);
      await store.exports.releaseBatch(b.id, 'B');
      expect(await store.exports.claimBatch(b.id, 'A', 300)).toEqual({ claimed: true });
    });

    it('gives a batch to exactly one of several owners claiming at once', async () => {
      const b = await newBatch(store, 1);
      const other = open();
      opened.push(other);
      const claims = await Promise.all(['A', 'B', 'C', 'D'].map((o, i) => (i % 2 ? other : store).exports.claimBatch(b.id, o, 10_000)));
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
      expect((await store.exports.claimBatch('b_missing', 'A', 1000)).claimed).toBe(false);
    });
  });
}
