// inventory_update: stock/price/handling time only, through the one write flow, by the Listings API or one feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let dir: string;
const saved = process.env.SP_API_MCP_EXPORT_ROOTS;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inv-update-'));
  process.env.SP_API_MCP_EXPORT_ROOTS = dir;
  h = await startHarness({ emulator: { jobStepMs: 30 } });
});
afterAll(async () => {
  if (saved === undefined) delete process.env.SP_API_MCP_EXPORT_ROOTS;
  else process.env.SP_API_MCP_EXPORT_ROOTS = saved;
  await h?.close();
});

type Attrs = Record<string, any>;
const attrs = (sku: string): Attrs => h.emulator.context.listings.get(h.sellerId, sku)!.attributes as Attrs;
const qty = (sku: string) => attrs(sku).fulfillment_availability[0].quantity as number;
const price = (sku: string) => attrs(sku).purchasable_offer[0].our_price[0].schedule[0].value_with_tax as number;

describe('inventory_update', () => {
  it('inline rows: previews counts and before → after, leaves out bad rows, then patches only what changes (Listings API)', async () => {
    const args = {
      rows: [
        { sku: 'NW-TEE-NAVY-M', quantity: 100, price: '18.49' },
        { sku: 'NW-TEE-GREY-L', quantity: 85 }, // already 85: skipped
        { sku: 'HL-KNIT-PILLOW-18', handlingTime: 3 },
        { sku: 'NOPE-1', quantity: 5 },
        { sku: 'CL-SKILLET-10', quantity: -2 },
      ],
    };
    const before = h.emulator.stats().byOperation.patchListingsItem?.requests ?? 0;
    const preview = await h.call('inventory_update', args);
    expect(preview.isError, preview.text).toBe(false);
    expect(preview.data.phase).toBe('preview');
    const d = preview.data.confirm.diff_preview;
    expect(d.counts).toEqual({ rows: 5, changes: 2, quantity: 1, price: 1, handlingTime: 1, unchanged: 1, leftOut: 2 });
    expect(d.via).toBe('api');
    expect(d.table).toEqual([
      { sku: 'NW-TEE-NAVY-M', quantity: '120 → 100', price: '19.99 → 18.49' },
      { sku: 'HL-KNIT-PILLOW-18', handlingTime: '(none) → 3' },
    ]);
    expect(d.leftOut.map((r: { sku: string; problem: string }) => `${r.sku}: ${r.problem}`)).toEqual([
      'NOPE-1: no listing in ATVPDKIKX0DER',
      'CL-SKILLET-10: quantity "-2" is not a whole number ≥ 0',
    ]);
    expect(qty('NW-TEE-NAVY-M')).toBe(120);
    expect(h.emulator.stats().byOperation.patchListingsItem?.requests ?? 0).toBe(before);

    const done = await h.call('inventory_update', { ...args, confirmationToken: preview.data.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(done.data.result).toMatchObject({ status: 'ACCEPTED', via: 'api', accepted: 2, failed: 0 });
    expect(qty('NW-TEE-NAVY-M')).toBe(100);
    expect(price('NW-TEE-NAVY-M')).toBe(18.49);
    expect(attrs('NW-TEE-NAVY-M').purchasable_offer[0].currency).toBe('USD');
    // merge keeps the quantity when only the handling time changes
    expect(attrs('HL-KNIT-PILLOW-18').fulfillment_availability[0]).toEqual({
      fulfillment_channel_code: 'DEFAULT',
      quantity: 60,
      lead_time_to_ship_max_days: 3,
    });
    expect((h.emulator.stats().byOperation.patchListingsItem?.requests ?? 0) - before).toBe(2);
  });

  it('a spreadsheet through one JSON_LISTINGS_FEED of PATCH messages, followed to the processing report', async () => {
    const file = join(dir, 'stock.csv');
    writeFileSync(file, 'Seller SKU,Qty,Price\nCL-SKILLET-10,9,"54,95"\nSS-BOARD-SET3,70,\nQH-CURTAIN-CHAR-84,,41.00\n');
    const args = { path: file, via: 'feed', diffLimit: 2 };
    const preview = await h.call('inventory_update', args);
    expect(preview.isError, preview.text).toBe(false);
    const d = preview.data.confirm.diff_preview;
    expect(d.counts.changes).toBe(3);
    expect(d.via).toBe('feed');
    expect(d.shown).toBe('1–2 of 3');
    expect(d.nextDiffOffset).toBe(2);
    const page2 = await h.call('inventory_update', { ...args, diffOffset: 2 });
    expect(page2.data.confirm.diff_preview.table).toEqual([{ sku: 'QH-CURTAIN-CHAR-84', price: '39.99 → 41' }]);

    const feedsBefore = h.emulator.stats().byOperation.createFeed?.requests ?? 0;
    const done = await h.call('inventory_update', { ...args, confirmationToken: preview.data.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(done.data.result).toMatchObject({ status: 'ACCEPTED', via: 'feed', accepted: 3, failed: 0 });
    expect(done.data.result.feedId).toBeTruthy();
    expect(done.data.result.processingReport).toMatch(/^sp-api-mcp:\/\/feeds\//);
    expect((h.emulator.stats().byOperation.createFeed?.requests ?? 0) - feedsBefore).toBe(1);
    expect(qty('CL-SKILLET-10')).toBe(9);
    expect(price('CL-SKILLET-10')).toBe(54.95);
    expect(qty('SS-BOARD-SET3')).toBe(70);
    expect(price('QH-CURTAIN-CHAR-84')).toBe(41);
  });

  it('a confirmation no longer matches when the live stock changed after the preview', async () => {
    const args = { rows: [{ sku: 'SS-BOARD-SET3', quantity: 1 }] };
    const preview = await h.call('inventory_update', args);
    attrs('SS-BOARD-SET3').fulfillment_availability[0].quantity = 1; // someone else set it meanwhile
    const r = await h.call('inventory_update', { ...args, confirmationToken: preview.data.confirmationToken });
    expect(r.data.error.code).toBe('CONFIRMATION_MISMATCH');
  });

  it('refuses a source without a SKU column, and blocks when nothing changes', async () => {
    const noSku = await h.call('inventory_update', { rows: [{ item: 'x', quantity: 1 }] });
    expect(noSku.data.error.code).toBe('INVALID_REQUEST');
    expect(noSku.data.error.message).toMatch(/No SKU column/);
    const same = await h.call('inventory_update', { rows: [{ sku: 'NW-TEE-GREY-L', quantity: 85 }] });
    expect(same.data.phase).toBe('blocked');
    expect(same.data.confirmationToken).toBeUndefined();
  });
});
