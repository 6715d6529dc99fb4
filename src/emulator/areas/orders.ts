// Orders v0 getOrders and getOrderItems over the emulator's orders. As Amazon without a Restricted Data Token: no
// buyer name, email, phone or address lines — only the coarse shipping location (city, region, postal code,
// country), which our client drops. The rules of the query are the documented ones: exactly one of CreatedAfter or
// LastUpdatedAfter, no Created* with LastUpdatedAfter, "before" times at least two minutes in the past.
import { findMarketplace } from '../../lib/marketplaces.js';
import { EmuError, csv } from '../http.js';
import type { EmulatorContext, HandlerTable, StoredOrder } from '../types.js';

const BAD = 'InvalidInput';
const DAY = 86_400_000;
const TWO_MINUTES = 120_000;

const STATUS: Record<StoredOrder['orderStatus'], string> = { Pending: 'Pending', Unshipped: 'Unshipped', Shipped: 'Shipped', Canceled: 'Canceled' };

/** When the order last changed: shipping a day after purchase, cancelling within the hour. */
export function lastUpdate(o: StoredOrder, now: number): number {
  if (o.lastUpdateDate) return Date.parse(o.lastUpdateDate);
  const p = Date.parse(o.purchaseDate);
  return Math.min(now - TWO_MINUTES - 1, p + (o.orderStatus === 'Shipped' ? DAY : o.orderStatus === 'Canceled' ? 3_600_000 : 0));
}

function time(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new EmuError(400, BAD, `${name} ${v} is not in ISO 8601 format.`);
  return t;
}

function total(o: StoredOrder): { CurrencyCode: string; Amount: string } | undefined {
  if (o.items.length === 0) return undefined;
  const currency = o.items[0]!.itemPrice.currencyCode;
  const sum = o.items.reduce((n, i) => n + Number(i.itemPrice.amount), 0);
  return { CurrencyCode: currency, Amount: currency === 'JPY' ? String(Math.round(sum)) : sum.toFixed(2) };
}

export function createOrdersHandlers(ctx: EmulatorContext): HandlerTable {
  return {
    getOrders(req) {
      const q = req.query;
      const now = ctx.clock.now();
      const mps = csv(q, 'MarketplaceIds');
      if (mps.length === 0) throw new EmuError(400, BAD, 'MarketplaceIds is required.');
      if (mps.length > 50) throw new EmuError(400, BAD, 'MarketplaceIds accepts at most 50 values.');
      for (const m of mps) if (findMarketplace(m)?.id !== m) throw new EmuError(400, BAD, `Invalid MarketplaceId: ${m}.`);
      let filters: URLSearchParams = q;
      let offset = 0;
      const token = q.get('NextToken');
      if (token !== null) {
        try {
          const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o: number; q: string };
          filters = new URLSearchParams(t.q);
          offset = t.o;
        } catch {
          throw new EmuError(400, BAD, 'Invalid NextToken.');
        }
      }
      const createdAfter = time(filters, 'CreatedAfter');
      const createdBefore = time(filters, 'CreatedBefore');
      const updatedAfter = time(filters, 'LastUpdatedAfter');
      const updatedBefore = time(filters, 'LastUpdatedBefore');
      if ((createdAfter === undefined) === (updatedAfter === undefined)) {
        throw new EmuError(400, BAD, 'Exactly one of CreatedAfter and LastUpdatedAfter must be specified.');
      }
      if (updatedAfter !== undefined && (createdAfter !== undefined || createdBefore !== undefined)) {
        throw new EmuError(400, BAD, 'CreatedAfter and CreatedBefore cannot be combined with LastUpdatedAfter.');
      }
      if (createdAfter === undefined && createdBefore !== undefined) throw new EmuError(400, BAD, 'CreatedBefore requires CreatedAfter.');
      for (const [name, t] of [
        ['CreatedBefore', createdBefore],
        ['LastUpdatedBefore', updatedBefore],
        ['CreatedAfter', createdAfter],
        ['LastUpdatedAfter', updatedAfter],
      ] as const) {
        if (t !== undefined && t > now - TWO_MINUTES)
          throw new EmuError(400, BAD, `${name} must be no later than two minutes before the time of the request.`);
      }
      const size = filters.get('MaxResultsPerPage') === null ? 100 : Number(filters.get('MaxResultsPerPage'));
      if (!Number.isInteger(size) || size < 1 || size > 100) throw new EmuError(400, BAD, 'MaxResultsPerPage must be between 1 and 100.');
      const statuses = csv(filters, 'OrderStatuses');
      const channels = csv(filters, 'FulfillmentChannels');
      const byUpdate = updatedAfter !== undefined;
      const upper = (byUpdate ? updatedBefore : createdBefore) ?? now - TWO_MINUTES;
      const list = ctx.orders
        .filter((o) => o.sellerId === req.sellerId && mps.includes(o.marketplaceId))
        .filter((o) => {
          const t = byUpdate ? lastUpdate(o, now) : Date.parse(o.purchaseDate);
          return t >= (byUpdate ? updatedAfter! : createdAfter!) && t <= upper;
        })
        .filter((o) => statuses.length === 0 || statuses.includes(STATUS[o.orderStatus]))
        .filter((o) => channels.length === 0 || channels.includes(o.fulfillmentChannel ?? 'MFN'))
        .sort((a, b) => (byUpdate ? lastUpdate(a, now) - lastUpdate(b, now) : Date.parse(a.purchaseDate) - Date.parse(b.purchaseDate)));
      const page = list.slice(offset, offset + size);
      const Orders = page.map((o) => {
        const mp = findMarketplace(o.marketplaceId);
        const units = o.items.reduce((n, i) => n + i.quantity, 0);
        const shipped = o.orderStatus === 'Shipped' ? units : 0;
        const t = total(o);
        return {
          AmazonOrderId: o.amazonOrderId,
          PurchaseDate: o.purchaseDate,
          LastUpdateDate: new Date(lastUpdate(o, now)).toISOString(),
          OrderStatus: STATUS[o.orderStatus],
          FulfillmentChannel: o.fulfillmentChannel ?? 'MFN',
          SalesChannel: mp ? `Amazon.${mp.domain.replace(/^www\.amazon\./, '')}` : 'Amazon',
          ...(t && o.orderStatus !== 'Pending' && o.orderStatus !== 'Canceled' ? { OrderTotal: t } : {}),
          NumberOfItemsShipped: shipped,
          NumberOfItemsUnshipped: o.orderStatus === 'Canceled' ? 0 : units - shipped,
          MarketplaceId: o.marketplaceId,
          OrderType: 'StandardOrder',
          IsBusinessOrder: o.buyerType === 'B2B',
          IsPrime: o.fulfillmentChannel === 'AFN',
          IsPremiumOrder: false,
          IsReplacementOrder: false,
          // What Amazon shows without a Restricted Data Token: a coarse location, never a name or street.
          ShippingAddress: { City: 'SEATTLE', StateOrRegion: 'WA', PostalCode: '98109-1234', CountryCode: mp?.countryCode ?? 'US' },
        };
      });
      const next =
        offset + size < list.length ? Buffer.from(JSON.stringify({ o: offset + size, q: filters.toString() })).toString('base64url') : undefined;
      return {
        status: 200,
        body: {
          payload: {
            Orders,
            ...(next ? { NextToken: next } : {}),
            ...(byUpdate ? { LastUpdatedBefore: new Date(upper).toISOString() } : { CreatedBefore: new Date(upper).toISOString() }),
          },
        },
      };
    },

    getOrderItems(req) {
      const id = req.params['orderId'] ?? '';
      const o = ctx.orders.find((x) => x.amazonOrderId === id && x.sellerId === req.sellerId);
      if (!o) throw new EmuError(404, 'NotFound', `Order ${id} was not found.`);
      return {
        status: 200,
        body: {
          payload: {
            AmazonOrderId: o.amazonOrderId,
            OrderItems: o.items.map((i, n) => ({
              ASIN: i.asin,
              SellerSKU: i.sku,
              OrderItemId: `${String(70000000000000 + n + Number(o.amazonOrderId.replace(/\D/g, '').slice(-6)))}`,
              Title: i.title,
              QuantityOrdered: i.quantity,
              QuantityShipped: o.orderStatus === 'Shipped' ? i.quantity : 0,
              ...(o.orderStatus === 'Canceled' ? {} : { ItemPrice: { CurrencyCode: i.itemPrice.currencyCode, Amount: i.itemPrice.amount } }),
            })),
          },
        },
      };
    },
  };
}
