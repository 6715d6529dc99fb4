// Sellers API v1 (marketplace participations) and Listings Restrictions API 2021-08-01.
import { findMarketplace } from '../lib/marketplaces.js';
import { CATALOG_ITEMS } from './seed/catalog.js';
import { SUSPENDED_LISTINGS_IN } from './seed/sellers.js';
import { EmuError, marketplaceIdsParam } from './http.js';
import type { EmulatorContext, EmuReply, EmuRequest, HandlerTable } from './types.js';

const CONDITIONS = [
  'new_new',
  'new_open_box',
  'new_oem',
  'refurbished_refurbished',
  'used_like_new',
  'used_very_good',
  'used_good',
  'used_acceptable',
  'collectible_like_new',
  'collectible_very_good',
  'collectible_good',
  'collectible_acceptable',
  'club_club',
];

function restrictions(req: EmuRequest): EmuReply {
  const q = req.query;
  const asin = q.get('asin');
  if (!asin || !/^[A-Z0-9]{10}$/.test(asin)) throw new EmuError(400, 'BAD_REQUEST', "Invalid 'asin' provided.");
  if (!q.get('sellerId')) throw new EmuError(400, 'BAD_REQUEST', "Missing required parameter 'sellerId'.");
  const mps = marketplaceIdsParam(q, 'BAD_REQUEST');
  const condition = q.get('conditionType');
  if (condition !== null && !CONDITIONS.includes(condition))
    throw new EmuError(400, 'BAD_REQUEST', `Invalid 'conditionType' provided: ${condition}.`);
  const item = CATALOG_ITEMS.find((i) => i.asin === asin);
  const out = mps.flatMap((marketplaceId) => {
    const domain = findMarketplace(marketplaceId)?.domain.replace('www.', 'sellercentral.') ?? 'sellercentral.amazon.com';
    if (!item || !item.marketplaceIds.includes(marketplaceId)) {
      return [{ marketplaceId, reasons: [{ message: `ASIN ${asin} was not found in marketplace ${marketplaceId}.`, reasonCode: 'ASIN_NOT_FOUND' }] }];
    }
    if (item.restriction === 'NOT_ELIGIBLE') {
      return [
        {
          marketplaceId,
          ...(condition ? { conditionType: condition } : {}),
          reasons: [{ message: 'You cannot list the product in this condition.', reasonCode: 'NOT_ELIGIBLE' }],
        },
      ];
    }
    // Brand gating applies to new items: sellers need approval to list them.
    if (item.restriction === 'APPROVAL_REQUIRED' && (condition === null || condition.startsWith('new_'))) {
      return [
        {
          marketplaceId,
          conditionType: condition ?? 'new_new',
          reasons: [
            {
              message: `You need approval to list ${item.brand} products in this condition.`,
              reasonCode: 'APPROVAL_REQUIRED',
              links: [
                {
                  resource: `https://${domain}/hz/approvalrequest/restrictions/approve?asin=${asin}&itemcondition=${(condition ?? 'new_new').replace(/_.*/, '')}`,
                  verb: 'GET',
                  title: 'Request Approval via Seller Central.',
                  type: 'text/html',
                },
              ],
            },
          ],
        },
      ];
    }
    return [];
  });
  return { status: 200, body: { restrictions: out } };
}

export function createSellersHandlers(ctx: EmulatorContext): HandlerTable {
  return {
    getMarketplaceParticipations(req) {
      const seller = ctx.sellers.find((s) => s.sellerId === req.sellerId);
      const payload = (seller?.marketplaceIds ?? []).flatMap((id) => {
        const m = findMarketplace(id);
        if (!m) return [];
        return [
          {
            marketplace: {
              id: m.id,
              name: m.name,
              countryCode: m.countryCode,
              defaultCurrencyCode: m.currency,
              defaultLanguageCode: m.language,
              domainName: m.domain,
            },
            storeName: seller!.storeName,
            participation: { isParticipating: true, hasSuspendedListings: SUSPENDED_LISTINGS_IN.has(m.id) },
          },
        ];
      });
      return { status: 200, body: { payload } };
    },

    getListingsRestrictions(req) {
      try {
        return restrictions(req);
      } catch (e) {
        // The Listings Restrictions model declares its ErrorList as a bare array (sp-api-facts §3).
        if (e instanceof EmuError) return { status: e.status, body: [{ code: e.code, message: e.message }] };
        throw e;
      }
    },
  };
}
