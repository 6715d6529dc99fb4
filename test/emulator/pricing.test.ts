// Product Pricing 2022-05-01 batches over HTTP: per-entry statuses, batch-level 400s and the 0.033/s usage plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, US, type Session } from './sp-http.js';

const FOEP = '/batches/products/pricing/2022-05-01/offer/featuredOfferExpectedPrice';
const SUMMARY = '/batches/products/pricing/2022-05-01/items/competitiveSummary';
const foepEntry = (sku: string) => ({ uri: '/products/pricing/2022-05-01/offer/featuredOfferExpectedPrice', method: 'GET', marketplaceId: US, sku });
const summaryEntry = (asin: string) => ({
  uri: '/products/pricing/2022-05-01/items/competitiveSummary',
  method: 'GET',
  marketplaceId: US,
  asin,
  includedData: ['featuredBuyingOptions', 'lowestPricedOffers', 'referencePrices'],
  lowestPricedOffersInputs: [{ itemCondition: 'New', offerType: 'Consumer' }],
});

describe('pricing batches over HTTP', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    expect(s.modelIssues).toEqual([]);
    await s.close();
  });

  it('FOEP: one response per request, in order, with a 404 entry for an unknown SKU inside a 200', async () => {
    const r = await s.call('POST', FOEP, { body: { requests: [foepEntry('CL-SKILLET-10'), foepEntry('NOPE'), foepEntry('NW-TEE-NAVY-M')] } });
    expect(r.status).toBe(200);
    expect(r.body.responses.map((x: any) => [x.request.sku, x.status.statusCode])).toEqual([
      ['CL-SKILLET-10', 200],
      ['NOPE', 404],
      ['NW-TEE-NAVY-M', 200],
    ]);
    const skillet = r.body.responses[0].body;
    expect(skillet.offerIdentifier).toMatchObject({ asin: 'B0DEMO0017', sku: 'CL-SKILLET-10', sellerId: s.sellerId });
    const result = skillet.featuredOfferExpectedPriceResults[0];
    expect(['VALID_FOEP', 'NO_COMPETING_OFFER']).toContain(result.resultStatus);
    if (result.resultStatus === 'VALID_FOEP') {
      expect(result.featuredOfferExpectedPrice.listingPrice.amount).toBeCloseTo(result.competingFeaturedOffer.price.listingPrice.amount - 0.01, 2);
    }
    // deterministic: the same question gives the same answer
    const again = await s.call('POST', FOEP, { body: { requests: [foepEntry('CL-SKILLET-10')] } });
    expect(again.body.responses[0].body).toEqual(skillet);
  });

  it('competitive summary: featured offer, lowest offers sorted by price, reference price; 404 entry for an unknown ASIN', async () => {
    const r = await s.call('POST', SUMMARY, { body: { requests: [summaryEntry('B0DEMO0017'), summaryEntry('B000000000')] } });
    expect(r.status).toBe(200);
    const [known, unknown] = r.body.responses;
    expect(unknown.status.statusCode).toBe(404);
    expect(unknown.body.errors[0].code).toBe('NOT_FOUND');
    const offers = known.body.lowestPricedOffers[0].offers as Array<{ sellerId: string; listingPrice: { amount: number } }>;
    expect(offers.some((o) => o.sellerId === s.sellerId)).toBe(true);
    expect(offers.map((o) => o.listingPrice.amount)).toEqual([...offers.map((o) => o.listingPrice.amount)].sort((a, b) => a - b));
    expect(known.body.featuredBuyingOptions[0].segmentedFeaturedOffers[0].listingPrice.amount).toBe(offers[0]!.listingPrice.amount);
    expect(known.body.referencePrices[0].name).toBe('CompetitivePriceThreshold');
  });

  it('a malformed batch is a 400 for the whole call: too many entries, wrong uri, bad marketplace, bad includedData', async () => {
    const tooMany = await s.call('POST', FOEP, { body: { requests: Array.from({ length: 41 }, (_, i) => foepEntry(`S${i}`)) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].message).toMatch(/at most 40/);
    const twentyOne = await s.call('POST', SUMMARY, { body: { requests: Array.from({ length: 21 }, () => summaryEntry('B0DEMO0001')) } });
    expect(twentyOne.status).toBe(400);
    const wrongUri = await s.call('POST', FOEP, { body: { requests: [{ ...foepEntry('X'), uri: '/other' }] } });
    expect(wrongUri.status).toBe(400);
    const badMp = await s.call('POST', FOEP, { body: { requests: [{ ...foepEntry('X'), marketplaceId: 'NOPE' }] } });
    expect(badMp.status).toBe(400);
    const badInc = await s.call('POST', SUMMARY, { body: { requests: [{ ...summaryEntry('B0DEMO0001'), includedData: ['everything'] }] } });
    expect(badInc.status).toBe(400);
  });

  it("enforces Amazon's usage plan: burst 1, then 429 until ~30 s have passed", async () => {
    const t = await openSession({ enforceRateLimits: true });
    try {
      const first = await t.call('POST', FOEP, { body: { requests: [foepEntry('CL-SKILLET-10')] } });
      expect(first.status).toBe(200);
      expect(first.headers.get('x-amzn-ratelimit-limit')).toBe('0.033');
      const second = await t.call('POST', FOEP, { body: { requests: [foepEntry('CL-SKILLET-10')] } });
      expect(second.status).toBe(429);
      expect(second.body.errors[0].code).toBe('QuotaExceeded');
      // the other operation has its own bucket
      const summary = await t.call('POST', SUMMARY, { body: { requests: [summaryEntry('B0DEMO0017')] } });
      expect(summary.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
