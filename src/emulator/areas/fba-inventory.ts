// FBA Inventory v1 getInventorySummaries: one summary per FBA (AFN) listing of the seller, quantities made up
// deterministically from the SKU (or set by tests in ctx.fbaQuantities). Pages of 50; a nextToken lives 30 s, as
// Amazon documents; startDateTime more than 18 months back is refused.
import { createHash } from 'node:crypto';
import { findMarketplace } from '../../lib/marketplaces.js';
import { EmuError, csv } from '../http.js';
import type { EmulatorContext, HandlerTable, StoredListing } from '../types.js';

const BAD = 'InvalidInput';
const PAGE = 50;
const TOKEN_LIFETIME_MS = 30_000;
const MONTH_MS = 30.44 * 86_400_000;

export interface FbaQuantities {
  fulfillable: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  reserved: number;
  researching: number;
  unfulfillable: number;
}

/** Stable quantities per SKU: about one SKU in five is low (under 10) or out of stock. */
export function madeUpQuantities(sku: string): FbaQuantities {
  const h = createHash('sha256').update(`fba\n${sku}`).digest();
  const low = h[0]! % 5 === 0;
  return {
    fulfillable: low ? h[1]! % 10 : 10 + (h[1]! % 190),
    inboundWorking: h[2]! % 3 === 0 ? h[3]! % 50 : 0,
    inboundShipped: h[4]! % 4 === 0 ? h[5]! % 40 : 0,
    inboundReceiving: h[6]! % 6 === 0 ? h[7]! % 20 : 0,
    reserved: h[8]! % 8,
    researching: h[9]! % 10 === 0 ? 1 : 0,
    unfulfillable: h[10]! % 7 === 0 ? h[11]! % 5 : 0,
  };
}

export function isFba(l: StoredListing): boolean {
  const fa = (l.attributes['fulfillment_availability'] ?? []) as Array<Record<string, unknown>>;
  return fa.some((e) => typeof e['fulfillment_channel_code'] === 'string' && e['fulfillment_channel_code'] !== 'DEFAULT');
}

export function createFbaInventoryHandlers(ctx: EmulatorContext): HandlerTable {
  return {
    getInventorySummaries(req) {
      const q = req.query;
      if (q.get('granularityType') !== 'Marketplace') throw new EmuError(400, BAD, "'granularityType' is required and must be Marketplace.");
      const granularityId = q.get('granularityId');
      if (!granularityId) throw new EmuError(400, BAD, "'granularityId' is required.");
      const mps = csv(q, 'marketplaceIds');
      if (mps.length !== 1) throw new EmuError(400, BAD, "'marketplaceIds' is required and accepts exactly one marketplace.");
      const mp = mps[0]!;
      if (findMarketplace(mp)?.id !== mp) throw new EmuError(400, BAD, `Invalid marketplaceId: ${mp}.`);
      if (granularityId !== mp) throw new EmuError(400, BAD, "'granularityId' must be the marketplaceId for Marketplace granularity.");
      const now = ctx.clock.now();
      const start = q.get('startDateTime');
      let since: number | undefined;
      if (start !== null) {
        since = Date.parse(start);
        if (Number.isNaN(since)) throw new EmuError(400, BAD, `'startDateTime' ${start} is not an ISO 8601 date-time.`);
        if (since < now - 18 * MONTH_MS) throw new EmuError(400, BAD, "'startDateTime' must be no earlier than 18 months ago.");
      }
      const skus = csv(q, 'sellerSkus');
      if (skus.length > PAGE) throw new EmuError(400, BAD, "'sellerSkus' accepts at most 50 SKUs.");
      const single = q.get('sellerSku');
      const details = q.get('details') === 'true';

      let list = ctx.listings
        .all(req.sellerId)
        .filter((l) => isFba(l) && l.marketplaceIds.includes(mp))
        .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
      // Amazon: startDateTime wins over sellerSkus, which wins over sellerSku.
      if (since !== undefined) list = list.filter((l) => Date.parse(l.lastUpdatedDate) > since!);
      else if (skus.length) list = list.filter((l) => skus.includes(l.sku));
      else if (single) list = list.filter((l) => l.sku === single);

      let offset = 0;
      const token = q.get('nextToken');
      if (token !== null) {
        let parsed: { o?: unknown; t?: unknown } = {};
        try {
          parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof parsed;
        } catch {
          // invalid below
        }
        if (typeof parsed.o !== 'number' || typeof parsed.t !== 'number') throw new EmuError(400, BAD, 'Invalid nextToken.');
        if (now - parsed.t > TOKEN_LIFETIME_MS) throw new EmuError(400, BAD, 'The nextToken has expired (tokens are valid for 30 seconds).');
        offset = parsed.o;
      }
      const page = list.slice(offset, offset + PAGE);
      const inventorySummaries = page.map((l) => {
        const qty = ctx.fbaQuantities.get(`${req.sellerId}\n${l.sku}`) ?? madeUpQuantities(l.sku);
        const name = (l.attributes['item_name'] as Array<{ value?: string }> | undefined)?.[0]?.value;
        const total =
          qty.fulfillable + qty.inboundWorking + qty.inboundShipped + qty.inboundReceiving + qty.reserved + qty.researching + qty.unfulfillable;
        return {
          asin: l.asin ?? '',
          fnSku: `X00${createHash('sha1').update(l.sku).digest('hex').slice(0, 7).toUpperCase()}`,
          sellerSku: l.sku,
          condition: 'NewItem',
          lastUpdatedTime: l.lastUpdatedDate,
          productName: name ?? l.sku,
          totalQuantity: total,
          ...(details
            ? {
                inventoryDetails: {
                  fulfillableQuantity: qty.fulfillable,
                  inboundWorkingQuantity: qty.inboundWorking,
                  inboundShippedQuantity: qty.inboundShipped,
                  inboundReceivingQuantity: qty.inboundReceiving,
                  reservedQuantity: {
                    totalReservedQuantity: qty.reserved,
                    pendingCustomerOrderQuantity: qty.reserved,
                    pendingTransshipmentQuantity: 0,
                    fcProcessingQuantity: 0,
                  },
                  researchingQuantity: { totalResearchingQuantity: qty.researching, researchingQuantityBreakdown: [] },
                  unfulfillableQuantity: { totalUnfulfillableQuantity: qty.unfulfillable },
                },
              }
            : {}),
        };
      });
      const next = offset + PAGE < list.length ? Buffer.from(JSON.stringify({ o: offset + PAGE, t: now })).toString('base64url') : undefined;
      return {
        status: 200,
        body: {
          ...(next ? { pagination: { nextToken: next } } : {}),
          payload: { granularity: { granularityType: 'Marketplace', granularityId: mp }, inventorySummaries },
        },
      };
    },
  };
}
