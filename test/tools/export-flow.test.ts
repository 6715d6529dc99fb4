// The export retry loop, cancellation and human confirmation through a form, against the emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { generatedRows } from '../../src/cli/bench/products.js';
import { groupMappings, productValues } from '../../src/cli/demo-assistant.js';
import { openDatabase } from '../../src/store/db.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function loadAndMap(x: Harness, rows: Array<Record<string, string>>): Promise<string> {
  const loaded = await x.call('export_load', { rows });
  expect(loaded.isError, loaded.text).toBe(false);
  const batchId = loaded.data.batchId as string;
  const mapped = await x.call('export_map', { batchId, groups: groupMappings(rows, 'USD'), products: productValues(rows) });
  expect(mapped.data.counts.valid, mapped.text).toBe(rows.length);
  return batchId;
}

const writes = (x: Harness) => x.emulator.context.listings as unknown as { writeCounts(s: string): Record<string, number> };

describe('export retry loop', () => {
  it('retries only the failed product after the assistant fixed it', async () => {
    h = await startHarness({ emulator: { lateIssueMs: 100 } });
    const rows = generatedRows(3, 'RETRY');
    rows[1]!.Price = '0.00'; // Amazon accepts, then raises INVALID_PRICE
    const batchId = await loadAndMap(h, rows);

    const p1 = await h.call('export_preview', { batchId });
    const s1 = await h.call('export_submit', { batchId, confirmationToken: p1.data.confirmationToken, recheckAfterSeconds: 0.3 });
    expect(s1.isError, s1.text).toBe(false);
    expect(s1.data.result.counts).toMatchObject({ accepted: 2, failed: 1 });
    expect(s1.data.result.failed[0].sku).toBe('RETRY-TEE-00002');
    expect(s1.data.result.failed[0].issues.join()).toMatch(/90244/);

    const failed = await h.call('export_status', { batchId, state: 'failed' });
    expect(failed.data.products.map((p: { sku: string }) => p.sku)).toEqual(['RETRY-TEE-00002']);

    // The fix: a real price, marked as mapped from the seller's corrected column.
    const fix = await h.call('export_map', {
      batchId,
      products: [
        {
          sku: 'RETRY-TEE-00002',
          values: { purchasable_offer: [{ currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 21 }] }] }] },
          origins: { purchasable_offer: 'Price' },
        },
      ],
    });
    expect(fix.data.counts.valid).toBe(1);

    const p2 = await h.call('export_preview', { batchId });
    expect(p2.data.confirm.summary).toMatch(/send 1 product/);
    // The old token does not cover the new payload.
    const stale = await h.call('export_submit', { batchId, confirmationToken: p1.data.confirmationToken });
    expect(stale.data.error.code).toBe('CONFIRMATION_MISMATCH');
    const s2 = await h.call('export_submit', { batchId, confirmationToken: p2.data.confirmationToken, recheckAfterSeconds: 0.3 });
    expect(s2.data.result.counts).toMatchObject({ accepted: 3, failed: 0 });
    const counts = writes(h).writeCounts(h.sellerId);
    expect(counts['RETRY-TEE-00001']).toBe(1);
    expect(counts['RETRY-TEE-00002']).toBe(2);
    expect(counts['RETRY-TEE-00003']).toBe(1);

    // Mapping memory: the next load of a sheet with the same columns proposes what was accepted.
    const next = await h.call('export_load', { rows: generatedRows(2, 'AGAIN') });
    const suggestions = next.data.suggestions as Array<{ column: string; productType: string; attribute: string }>;
    expect(suggestions).toEqual(expect.arrayContaining([expect.objectContaining({ column: 'Title', productType: 'SHIRT', attribute: 'item_name' })]));
    expect(suggestions.some((x) => x.column === 'Country of Origin' && x.attribute === 'country_of_origin')).toBe(true);
  });

  it('a product can be given up as unresolvable with a reason; it is never submitted', async () => {
    h = await startHarness();
    const rows = generatedRows(2, 'GIVEUP');
    const batchId = await loadAndMap(h, rows);
    const r = await h.call('export_map', {
      batchId,
      products: [{ sku: 'GIVEUP-TEE-00002', unresolvable: 'The seller has no barcode for this product yet.' }],
    });
    expect(r.isError, r.text).toBe(false);
    const p = await h.call('export_preview', { batchId });
    expect(p.data.confirm.summary).toMatch(/send 1 product/);
    await h.call('export_submit', { batchId, confirmationToken: p.data.confirmationToken, recheckAfterSeconds: 0 });
    const status = await h.call('export_status', { batchId, state: 'unresolvable' });
    expect(status.data.products).toEqual([
      expect.objectContaining({ sku: 'GIVEUP-TEE-00002', reason: 'The seller has no barcode for this product yet.' }),
    ]);
    expect(writes(h).writeCounts(h.sellerId)['GIVEUP-TEE-00002']).toBeUndefined();
  });

  it('refuses to submit before anything is valid, and says what to do', async () => {
    h = await startHarness();
    const loaded = await h.call('export_load', { rows: generatedRows(2, 'EMPTY') });
    const r = await h.call('export_submit', { batchId: loaded.data.batchId });
    expect(r.data.error.code).toBe('INVALID_REQUEST');
    expect(r.data.error.message).toMatch(/export_map/);
    const unknown = await h.call('export_status', { batchId: 'b_nope' });
    expect(unknown.data.error.code).toBe('NOT_FOUND');
  });
});

describe('export_submit with a confirmation form', () => {
  it('asks the human, then submits; a decline sends nothing', async () => {
    const asked: string[] = [];
    let answer: 'accept' | 'decline' = 'decline';
    h = await startHarness({
      onElicit: (p) => (asked.push(p.message), answer === 'accept' ? { action: 'accept', content: { approve: true } } : { action: 'decline' }),
    });
    const rows = generatedRows(2, 'FORM');
    const batchId = await loadAndMap(h, rows);
    const declined = await h.call('export_submit', { batchId });
    expect(declined.data.phase).toBe('declined');
    expect(asked[0]).toMatch(/export_submit will send 2 product/);
    expect(writes(h).writeCounts(h.sellerId)['FORM-TEE-00001']).toBeUndefined();
    answer = 'accept';
    const done = await h.call('export_submit', { batchId, recheckAfterSeconds: 0 });
    expect(done.data.phase).toBe('executed');
    expect(done.data.confirmedBy).toBe('elicitation');
    expect(done.data.result.counts.submitted).toBe(2);
  });
});

describe('cancellation', () => {
  it('stops a long submit cleanly; export_status tells the truth and a resume finishes the rest once', async () => {
    h = await startHarness();
    const rows = generatedRows(40, 'CANCEL');
    const batchId = await loadAndMap(h, rows);
    const preview = await h.call('export_preview', { batchId });
    const controller = new AbortController();
    const running = h.mcp.callTool(
      { name: 'export_submit', arguments: { batchId, confirmationToken: preview.data.confirmationToken, recheckAfterSeconds: 0 } },
      { signal: controller.signal, onprogress: () => {}, timeout: 120_000 },
    );
    setTimeout(() => controller.abort(), 2500);
    await expect(running).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    const status = await h.call('export_status', { batchId, limit: 50 });
    const amazon = writes(h).writeCounts(h.sellerId);
    const sentByUs = status.data.products
      .filter((p: { state: string }) => ['submitted', 'accepted'].includes(p.state))
      .map((p: { sku: string }) => p.sku);
    expect(sentByUs.length).toBeGreaterThan(0);
    expect(sentByUs.length).toBeLessThan(40);
    for (const sku of sentByUs) expect(amazon[sku]).toBe(1);
    // Whatever reached Amazon is known as sent, or marked uncertain when the cancel caught it in flight.
    const sentOrUncertain = status.data.products
      .filter((p: { state: string }) => ['submitting', 'submitted', 'accepted'].includes(p.state))
      .map((p: { sku: string }) => p.sku);
    for (const sku of Object.keys(amazon).filter((s) => s.startsWith('CANCEL-'))) expect(sentOrUncertain).toContain(sku);

    const resumed = await h.call('export_submit', { batchId, recheckAfterSeconds: 0 });
    expect(resumed.isError, resumed.text).toBe(false);
    expect(resumed.data.result.counts.accepted).toBe(40);
    const after = writes(h).writeCounts(h.sellerId);
    expect(
      Object.keys(after)
        .filter((s) => s.startsWith('CANCEL-'))
        .every((s) => after[s] === 1),
    ).toBe(true);
  });
});

describe('batch lease', () => {
  it('a server that finds its lease taken by another stops sending; nothing is sent twice', async () => {
    h = await startHarness({ config: { batchLeaseSeconds: 1 } });
    const rows = generatedRows(40, 'LEASE');
    const batchId = await loadAndMap(h, rows);
    const preview = await h.call('export_preview', { batchId });
    const running = h.call('export_submit', { batchId, confirmationToken: preview.data.confirmationToken, recheckAfterSeconds: 0 });
    // Another replica takes the batch over (as if this one had stalled past its lease).
    await new Promise((r) => setTimeout(r, 1500));
    openDatabase(h.dataDir)
      .prepare('UPDATE export_batches SET lease_owner = ?, lease_until = ? WHERE id = ?')
      .run('other-replica', Date.now() + 60_000, batchId);
    const stopped = await running;
    expect(stopped.isError).toBe(true);
    const sent = Object.keys(writes(h).writeCounts(h.sellerId)).filter((s) => s.startsWith('LEASE-'));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(40);
    // The lease still belongs to the other replica: this server did not release it on the way out.
    const row = openDatabase(h.dataDir).prepare('SELECT lease_owner FROM export_batches WHERE id = ?').get(batchId) as { lease_owner: string };
    expect(row.lease_owner).toBe('other-replica');
    await new Promise((r) => setTimeout(r, 1000));
    expect(Object.keys(writes(h).writeCounts(h.sellerId)).filter((s) => s.startsWith('LEASE-')).length).toBe(sent.length);
  });
});
