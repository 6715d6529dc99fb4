// pricing_insight: FOEP and competitive summary batches beside our price, through the MCP client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  // rateScale: the emulator announces 1000× the published rate, and the client adopts announced rates.
  h = await startHarness({ emulator: { rateScale: 1000 } });
});
afterAll(async () => h?.close());

describe('pricing_insight', () => {
  it('gives our price, the featured offer expected price, the gap and the competition per SKU', async () => {
    const skus = ['NW-TEE-NAVY-M', 'CL-SKILLET-10', 'HL-KNIT-PILLOW-18', 'NO-SUCH-SKU'];
    const r = await h.call('pricing_insight', { skus });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.counts.rows).toBe(4);
    expect(r.data.calls).toEqual({ foep: 1, summary: 1 });
    const bySku = new Map(r.data.rows.map((x: { sku: string }) => [x.sku, x]));
    const tee = bySku.get('NW-TEE-NAVY-M') as Record<string, any>;
    expect(tee.ourPrice).toBe(19.99);
    expect(tee.asin).toBe('B0DEMO0001');
    expect(tee.currency).toBe('USD');
    if (tee.foepStatus === 'VALID_FOEP') {
      expect(tee.gap).toBeCloseTo(tee.ourPrice - tee.featuredOfferExpectedPrice, 2);
      expect(typeof tee.lowestPrice).toBe('number');
    } else {
      expect(tee.foepStatus).toBe('NO_COMPETING_OFFER');
    }
    expect((bySku.get('NO-SUCH-SKU') as Record<string, any>).problem).toMatch(/no listing/);
    // sorted by gap, largest first
    const gaps = r.data.rows.map((x: { gap?: number }) => x.gap).filter((g: number | undefined) => g !== undefined);
    expect(gaps).toEqual([...gaps].sort((a: number, b: number) => b - a));
    expect(r.data.resourceUri).toMatch(/^sp-api-mcp:\/\/pricing\//);
    const csv = await h.mcp.readResource({ uri: r.data.resourceUri });
    const text = (csv.contents[0] as { text: string }).text;
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFF?sku,asin,currency,ourPrice,featuredOfferExpectedPrice,gap/);
    expect(text).toContain('NW-TEE-NAVY-M');
  });

  it('an ASIN we do not sell still gets the competitive summary; an unknown one a problem', async () => {
    const r = await h.call('pricing_insight', { asins: ['B0DEMO0017', 'B000000000'] });
    expect(r.isError, r.text).toBe(false);
    const byAsin = new Map(r.data.rows.map((x: { asin: string }) => [x.asin, x]));
    const skillet = byAsin.get('B0DEMO0017') as Record<string, any>;
    expect(skillet.sku).toBe('CL-SKILLET-10'); // our listing of it was found
    expect((byAsin.get('B000000000') as Record<string, any>).problem).toMatch(/not found/);
  });

  it('packs 40 SKUs per FOEP call and 20 ASINs per summary call, and pages rows', async () => {
    const skus = Array.from({ length: 45 }, (_, i) => `NOPE-${i}`).concat(['NW-TEE-NAVY-M']);
    const r = await h.call('pricing_insight', { skus, competitiveSummary: false, limit: 10 });
    expect(r.data.calls).toEqual({ foep: 1, summary: 0 }); // unknown SKUs are never sent
    expect(r.data.rows).toHaveLength(10);
    expect(r.data.nextOffset).toBe(10);
    expect(r.data.counts.problems).toBe(45);
  });

  it('refuses an empty request', async () => {
    const r = await h.call('pricing_insight', {});
    expect(r.data.error.code).toBe('INVALID_REQUEST');
  });
});
