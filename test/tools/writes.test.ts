// Safe writes: preview → human confirmation (elicitation or single-use token) → exactly the preview → audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let shirt: Record<string, unknown>;

beforeAll(async () => {
  h = await startHarness();
  const r = await h.call('listings_get', { sku: 'NW-TEE-NAVY-M', includeAttributes: true });
  shirt = r.data.listing.attributes;
});
afterAll(async () => h?.close());

const stored = (x: Harness, sku: string) => x.emulator.context.listings.get(x.sellerId, sku);

async function previewThenConfirm(x: Harness, tool: string, args: Record<string, unknown>) {
  const preview = await x.call(tool, args);
  expect(preview.isError, preview.text).toBe(false);
  expect(preview.data.phase).toBe('preview');
  expect(preview.data.confirmationToken).toBeTruthy();
  const done = await x.call(tool, { ...args, confirmationToken: preview.data.confirmationToken });
  return { preview, done };
}

describe('listings_put', () => {
  it('previews a new listing without writing, then writes exactly it after confirmation', async () => {
    const args = { sku: 'NEW TEE/1', productType: 'SHIRT', attributes: shirt };
    const preview = await h.call('listings_put', args);
    expect(preview.data.phase).toBe('preview');
    expect(preview.data.confirm.summary).toMatch(/create a NEW listing.*"NEW TEE\/1".*SHIRT.*ATVPDKIKX0DER/);
    expect(preview.data.confirm.diff_preview.listing).toBe('new listing');
    expect(preview.data.confirm.diff_preview.validationPreview).toBe('VALID');
    expect(preview.data.confirm.diff_preview.changes.every((c: { change: string }) => c.change === 'added')).toBe(true);
    expect(stored(h, 'NEW TEE/1')).toBeUndefined();

    const done = await h.call('listings_put', { ...args, confirmationToken: preview.data.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(done.data.phase).toBe('executed');
    expect(done.data.confirmedBy).toBe('token');
    expect(done.data.result.status).toBe('ACCEPTED');
    expect(done.data.next).toMatch(/queued, not live/);
    expect(stored(h, 'NEW TEE/1')?.attributes).toEqual(shirt);
  });

  it('shows attribute-level before/after when replacing an existing listing', async () => {
    const changed = { ...shirt, item_name: [{ value: 'Renamed tee', language_tag: 'en_US', marketplace_id: 'ATVPDKIKX0DER' }] };
    const { preview, done } = await previewThenConfirm(h, 'listings_put', { sku: 'NW-TEE-GREY-L', productType: 'SHIRT', attributes: changed });
    expect(preview.data.confirm.diff_preview.listing).toBe('existing');
    const itemName = preview.data.confirm.diff_preview.changes.find((c: { attribute: string }) => c.attribute === 'item_name');
    expect(itemName).toMatchObject({ change: 'changed' });
    expect(itemName.after).toContain('Renamed tee');
    expect(done.data.result.status).toBe('ACCEPTED');
    expect((stored(h, 'NW-TEE-GREY-L')?.attributes.item_name as Array<{ value: string }>)[0]!.value).toBe('Renamed tee');
  });

  it("is blocked (no token) when Amazon's validation preview says INVALID, and nothing is written", async () => {
    const { brand: _b, item_name: _n, ...missing } = shirt;
    const r = await h.call('listings_put', { sku: 'BROKEN-1', productType: 'SHIRT', attributes: missing });
    expect(r.isError).toBe(false);
    expect(r.data.phase).toBe('blocked');
    expect(r.data.confirmationToken).toBeUndefined();
    const issues = r.data.confirm.diff_preview.issues as Array<{ source: string; attributeNames?: string[] }>;
    expect(issues.some((i) => i.source === 'local' && i.attributeNames?.includes('item_name'))).toBe(true);
    expect(issues.some((i) => i.source === 'amazon')).toBe(true);
    expect(stored(h, 'BROKEN-1')).toBeUndefined();
  });
});

describe('listings_patch', () => {
  const mp = 'ATVPDKIKX0DER';
  it('replace: price and quantity', async () => {
    const { preview, done } = await previewThenConfirm(h, 'listings_patch', {
      sku: 'CL-SKILLET-10',
      productType: 'KITCHEN',
      patches: [
        {
          op: 'replace',
          attribute: 'purchasable_offer',
          value: [{ marketplace_id: mp, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 49.95 }] }] }],
        },
        { op: 'replace', attribute: 'fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }] },
      ],
    });
    const effects = preview.data.confirm.diff_preview.effects;
    expect(effects.map((e: { op: string; attribute: string }) => `${e.op} ${e.attribute}`)).toEqual([
      'replace purchasable_offer',
      'replace fulfillment_availability',
    ]);
    expect(effects[0].before).toContain('59.95');
    expect(effects[0].after).toContain('49.95');
    expect(done.data.result.status).toBe('ACCEPTED');
    expect((stored(h, 'CL-SKILLET-10')?.attributes.fulfillment_availability as Array<{ quantity: number }>)[0]!.quantity).toBe(7);
  });

  it('add, merge and delete with selectors', async () => {
    const sku = 'SS-BOARD-SET3';
    await previewThenConfirm(h, 'listings_patch', {
      sku,
      productType: 'KITCHEN',
      patches: [{ op: 'add', attribute: 'generic_keyword', value: [{ value: 'bamboo board', language_tag: 'en_US', marketplace_id: mp }] }],
    });
    expect(stored(h, sku)?.attributes.generic_keyword).toEqual([{ value: 'bamboo board', language_tag: 'en_US', marketplace_id: mp }]);

    const merge = await previewThenConfirm(h, 'listings_patch', {
      sku,
      productType: 'KITCHEN',
      patches: [{ op: 'merge', attribute: 'fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] }],
    });
    expect(merge.preview.data.confirm.diff_preview.effects[0].selectors).toEqual([{ fulfillment_channel_code: 'DEFAULT' }]);
    expect((stored(h, sku)?.attributes.fulfillment_availability as Array<{ quantity: number }>)[0]!.quantity).toBe(3);

    const del = await previewThenConfirm(h, 'listings_patch', {
      sku,
      productType: 'KITCHEN',
      patches: [{ op: 'delete', attribute: 'generic_keyword', value: [{ language_tag: 'en_US', marketplace_id: mp }] }],
    });
    expect(del.preview.data.confirm.diff_preview.effects[0].after).toBe('(none)');
    expect(stored(h, sku)?.attributes.generic_keyword).toBeUndefined();
  });

  it('refuses to patch a SKU that does not exist', async () => {
    const r = await h.call('listings_patch', {
      sku: 'NOPE-404',
      productType: 'SHIRT',
      patches: [{ op: 'replace', attribute: 'item_name', value: [{ value: 'x' }] }],
    });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('NOT_FOUND');
  });
});

describe('listings_delete', () => {
  it('previews what disappears, then deletes', async () => {
    const { preview, done } = await previewThenConfirm(h, 'listings_delete', { sku: 'BH-POUROVER-34' });
    expect(preview.data.confirm.summary).toMatch(/DELETE the listing for SKU "BH-POUROVER-34"/);
    expect(preview.data.confirm.diff_preview.removed.length).toBeGreaterThan(3);
    expect(done.data.result.status).toBe('ACCEPTED');
    expect(stored(h, 'BH-POUROVER-34')).toBeUndefined();
  });
});

describe('bypass attempts are refused and say what to do', () => {
  const args = () => ({ sku: 'BYPASS-1', productType: 'SHIRT', attributes: shirt });

  it('payload changed after preview', async () => {
    const p = await h.call('listings_put', args());
    const changed = { ...args(), attributes: { ...shirt, brand: [{ value: 'Other', language_tag: 'en_US', marketplace_id: 'ATVPDKIKX0DER' }] } };
    const r = await h.call('listings_put', { ...changed, confirmationToken: p.data.confirmationToken });
    expect(r.data.error.code).toBe('CONFIRMATION_MISMATCH');
    expect(r.data.error.message).toMatch(/differs from the one that was previewed.*Nothing was written/);
    const sku = await h.call('listings_put', { ...args(), sku: 'BYPASS-2', confirmationToken: p.data.confirmationToken });
    expect(sku.data.error.code).toBe('CONFIRMATION_MISMATCH');
    expect(stored(h, 'BYPASS-1')).toBeUndefined();
    expect(stored(h, 'BYPASS-2')).toBeUndefined();
  });

  it('replayed token', async () => {
    const { preview, done } = await previewThenConfirm(h, 'listings_put', args());
    expect(done.data.phase).toBe('executed');
    const again = await h.call('listings_put', { ...args(), confirmationToken: preview.data.confirmationToken });
    expect(again.data.error.code).toBe('CONFIRMATION_MISMATCH');
    expect(again.data.error.message).toMatch(/already used/);
  });

  it('tampered and forged tokens', async () => {
    const p = await h.call('listings_put', { ...args(), sku: 'BYPASS-3' });
    const token = p.data.confirmationToken as string;
    const [body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const tamperedBody = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3_600_000 })).toString('base64url');
    for (const bad of [`${tamperedBody}.${sig}`, 'forged-token-value.abc', `${body}.${'A'.repeat(sig!.length)}`]) {
      const r = await h.call('listings_put', { ...args(), sku: 'BYPASS-3', confirmationToken: bad });
      expect(r.isError).toBe(true);
      expect(r.data.error.code).toBe('CONFIRMATION_MISMATCH');
    }
    expect(stored(h, 'BYPASS-3')).toBeUndefined();
  });

  it('expired token', async () => {
    const x = await startHarness({ config: { confirmTtlSeconds: 1 } });
    try {
      const p = await x.call('listings_put', { ...args(), sku: 'BYPASS-4' });
      await new Promise((r) => setTimeout(r, 1200));
      const r = await x.call('listings_put', { ...args(), sku: 'BYPASS-4', confirmationToken: p.data.confirmationToken });
      expect(r.data.error.code).toBe('CONFIRMATION_EXPIRED');
      expect(r.data.error.message).toMatch(/Preview again/);
      expect(stored(x, 'BYPASS-4')).toBeUndefined();
    } finally {
      await x.close();
    }
  });

  it('write budget exceeded names the setting', async () => {
    const x = await startHarness({ config: { writeBudgetRun: 1 } });
    try {
      await previewThenConfirm(x, 'listings_put', { ...args(), sku: 'BUDGET-1' });
      const r = await x.call('listings_put', { ...args(), sku: 'BUDGET-2' });
      expect(r.data.error.code).toBe('WRITE_BUDGET_EXCEEDED');
      expect(r.data.error.message).toMatch(/--write-budget-run/);
    } finally {
      await x.close();
    }
  });

  it('a client without elicitation is refused when the setting requires it', async () => {
    const x = await startHarness({ config: { requireElicitation: true } });
    try {
      const r = await x.call('listings_put', { ...args(), sku: 'ELICIT-REQ' });
      expect(r.data.error.code).toBe('CONFIRMATION_REQUIRED');
      expect(r.data.error.message).toMatch(/--require-elicitation/);
    } finally {
      await x.close();
    }
  });
});

describe('human confirmation through elicitation', () => {
  it('writes on accept, with the summary and diff shown to the human', async () => {
    const seen: string[] = [];
    const x = await startHarness({
      onElicit: (p) => {
        seen.push(p.message);
        return { action: 'accept', content: { approve: true } };
      },
    });
    try {
      const r = await x.call('listings_put', { sku: 'ELICIT-OK', productType: 'SHIRT', attributes: shirt });
      expect(r.isError, r.text).toBe(false);
      expect(r.data.phase).toBe('executed');
      expect(r.data.confirmedBy).toBe('elicitation');
      expect(r.data.confirmationToken).toBeUndefined();
      expect(seen[0]).toMatch(/create a NEW listing/);
      expect(seen[0]).toContain('item_name');
      expect(stored(x, 'ELICIT-OK')).toBeTruthy();
    } finally {
      await x.close();
    }
  });

  it('writes nothing on decline, or when the form comes back unchecked', async () => {
    for (const answer of [{ action: 'decline' as const }, { action: 'accept' as const, content: { approve: false } }]) {
      const x = await startHarness({ onElicit: () => answer });
      try {
        const r = await x.call('listings_put', { sku: 'ELICIT-NO', productType: 'SHIRT', attributes: shirt });
        expect(r.data.phase).toBe('declined');
        expect(stored(x, 'ELICIT-NO')).toBeUndefined();
      } finally {
        await x.close();
      }
    }
  });
});

describe('audit log', () => {
  it('records every step and survives a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-audit-'));
    const first = await startHarness({ dataDir });
    await previewThenConfirm(first, 'listings_put', { sku: 'AUDIT-1', productType: 'SHIRT', attributes: shirt });
    await first.close();
    const second = await startHarness({ dataDir });
    try {
      const r = await second.call('audit_recent', { sku: 'AUDIT-1' });
      const events = r.data.entries.map((e: { event: string }) => e.event);
      expect(events).toEqual(['result', 'execute', 'confirmed', 'preview']);
      const result = r.data.entries[0];
      expect(result.status).toBe('ACCEPTED');
      expect(result.requestId).toBeTruthy();
      expect(result.payloadHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.data.entries[2].confirmedBy).toBe('token');
      expect(r.text).not.toMatch(/Atz[ar]\||client_secret/);
    } finally {
      await second.close();
    }
  });
});
