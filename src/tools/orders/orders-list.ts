import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg } from '../common.js';
import type { OrderSummary } from '../../sp-api/areas/orders.js';

const STATUSES = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'Canceled',
  'Unfulfillable',
  'InvoiceUnconfirmed',
] as const;
// Amazon refuses "before" times later than two minutes ago; a few seconds more absorb clock skew.
const SAFETY_MS = 150_000;

const order = z.object({
  amazonOrderId: z.string(),
  purchaseDate: z.string(),
  lastUpdateDate: z.string(),
  status: z.string(),
  fulfillmentChannel: z.string().optional(),
  salesChannel: z.string().optional(),
  total: z.object({ amount: z.string(), currency: z.string() }).optional(),
  itemCount: z.number().optional(),
  isBusinessOrder: z.boolean().optional(),
  isPrime: z.boolean().optional(),
  items: z.array(z.object({ sku: z.string().optional(), asin: z.string(), quantity: z.number() })).optional(),
});

interface Page {
  /** Amazon's NextToken. */
  t: string;
  /** The cursor this import will store once its last page is read. */
  c?: string;
}
const encode = (p: Page) => Buffer.from(JSON.stringify(p)).toString('base64url');
function decode(token: string): Page {
  try {
    const p = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Page;
    if (typeof p.t === 'string') return p;
  } catch {
    // refused below
  }
  throw new ToolError('INVALID_REQUEST', 'pageToken is not one this tool returned. Start again without it.');
}

const dayOrTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, 'YYYY-MM-DD or an ISO 8601 date-time');
const iso = (v: string, endOfDay = false) => new Date(v.length === 10 ? `${v}T${endOfDay ? '23:59:59' : '00:00:00'}Z` : v).toISOString();

export const ordersList = defineTool({
  name: 'orders_list',
  title: 'Orders, without personal data',
  summary:
    'orders by date range or since the last import (cursor kept per seller): status, dates, totals, channel, items; never buyer name, address, email or phone',
  description:
    'List orders for one marketplace from the Orders API: order id, purchase and last-update dates, status, fulfillment ' +
    'and sales channel, order total, item count, business/Prime flags and, with includeItems, the SKU, ASIN and ' +
    "quantity of each item. Deliberately left out: the buyer's name, address, email and phone, and anything else " +
    'about the buyer. This server never requests a Restricted Data Token and drops every buyer field Amazon sends, ' +
    "because assistants and their logs are no place for customer personal data (Amazon's data protection policy) and " +
    'nothing here needs it. Use either from/to (purchase dates, UTC days or ISO date-times) or sinceLastImport: orders ' +
    'created or updated since the previous import of this name for this seller and marketplace (the first import ' +
    'starts at `from`, default 7 days back); the cursor moves only when the last page has been read. Amazon allows ' +
    'one getOrders page (up to 100 orders) per minute after a burst of 20, and order items at 0.5 calls/s: ' +
    'includeItems costs one call per order. More pages: call again with pageToken. For totals use orders_metrics.',
  toolset: 'orders',
  capability: 'orders.read',
  sellerOnly: true,
  input: z
    .object({
      from: dayOrTime.optional().describe('Purchase date from (inclusive). With sinceLastImport: where a first import starts.'),
      to: dayOrTime.optional().describe('Purchase date to (a day is inclusive). Not with sinceLastImport.'),
      sinceLastImport: z.boolean().default(false).describe('Orders created or updated since the last import of this importName.'),
      importName: z
        .string()
        .regex(/^[a-z0-9_-]{1,40}$/)
        .default('default')
        .describe('Separate cursors for separate imports (e.g. "erp", "print-shop").'),
      statuses: z.array(z.enum(STATUSES)).min(1).optional(),
      fulfillmentChannel: z.enum(['AFN', 'MFN']).optional().describe('AFN = fulfilled by Amazon, MFN = by the seller.'),
      includeItems: z.boolean().default(true).describe('SKU, ASIN and quantity per item (one getOrderItems call per order).'),
      pageSize: z.number().int().min(1).max(100).default(50),
      pageToken: z.string().min(1).max(4096).optional().describe('nextPageToken from the previous call, with the same other arguments.'),
      marketplace: marketplaceArg,
    })
    .strict(),
  output: z.object({
    marketplaceId: z.string(),
    orders: z.array(order),
    nextPageToken: z.string().optional(),
    window: z.object({ from: z.string().optional(), to: z.string().optional(), by: z.enum(['purchaseDate', 'lastUpdateDate']) }),
    cursor: z.object({ importName: z.string(), previous: z.string().optional(), stored: z.string().optional() }).optional(),
    next: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const opts = { signal: ctx.signal, onWait: ctx.onWait };
    if (args.sinceLastImport && args.to)
      throw new ToolError('INVALID_REQUEST', 'to does not combine with sinceLastImport (an import always runs up to now).');
    if (!args.sinceLastImport && !args.from && !args.pageToken)
      throw new ToolError('INVALID_REQUEST', 'Give from (and optionally to), or sinceLastImport: true.');
    const upper = new Date(Date.now() - SAFETY_MS).toISOString();
    const previous = args.sinceLastImport ? ctx.cursors.get(ctx.sellerId, marketplaceId, args.importName)?.cursor : undefined;
    const filters = {
      marketplaceIds: [marketplaceId],
      maxResultsPerPage: args.pageSize,
      ...(args.statuses ? { orderStatuses: [...args.statuses] } : {}),
      ...(args.fulfillmentChannel ? { fulfillmentChannels: [args.fulfillmentChannel] } : {}),
    };
    let window: { from?: string; to?: string; by: 'purchaseDate' | 'lastUpdateDate' };
    let res;
    let candidate: string | undefined;
    if (args.pageToken) {
      const page = decode(args.pageToken);
      candidate = page.c;
      window = { by: args.sinceLastImport ? 'lastUpdateDate' : 'purchaseDate' };
      res = await ctx.client.getOrders({ marketplaceIds: [marketplaceId], nextToken: page.t }, opts);
    } else if (args.sinceLastImport) {
      const from = previous ?? iso(args.from ?? new Date(Date.now() - 7 * 86_400_000).toISOString());
      window = { from, to: upper, by: 'lastUpdateDate' };
      candidate = upper;
      res = await ctx.client.getOrders({ ...filters, lastUpdatedAfter: from, lastUpdatedBefore: upper }, opts);
    } else {
      const from = iso(args.from!);
      const to = args.to ? iso(args.to, true) : undefined;
      const before = to && to < upper ? to : upper;
      window = { from, to: before, by: 'purchaseDate' };
      res = await ctx.client.getOrders({ ...filters, createdAfter: from, createdBefore: before }, opts);
    }
    const list: OrderSummary[] = res.payload.Orders;
    const orders: Array<z.infer<typeof order>> = [];
    for (const [i, o] of list.entries()) {
      let items: Array<{ sku?: string; asin: string; quantity: number }> | undefined;
      if (args.includeItems) {
        items = [];
        let next: string | undefined;
        do {
          const r = await ctx.client.getOrderItems({ orderId: o.AmazonOrderId, ...(next ? { nextToken: next } : {}) }, opts);
          items.push(
            ...r.payload.OrderItems.map((it) => ({ ...(it.SellerSKU ? { sku: it.SellerSKU } : {}), asin: it.ASIN, quantity: it.QuantityOrdered })),
          );
          next = r.payload.NextToken;
        } while (next);
        if (list.length > 10) await ctx.progress({ progress: i + 1, total: list.length, message: 'reading order items' });
      }
      orders.push({
        amazonOrderId: o.AmazonOrderId,
        purchaseDate: o.PurchaseDate,
        lastUpdateDate: o.LastUpdateDate,
        status: o.OrderStatus,
        ...(o.FulfillmentChannel ? { fulfillmentChannel: o.FulfillmentChannel } : {}),
        ...(o.SalesChannel ? { salesChannel: o.SalesChannel } : {}),
        ...(o.OrderTotal?.Amount && o.OrderTotal.CurrencyCode ? { total: { amount: o.OrderTotal.Amount, currency: o.OrderTotal.CurrencyCode } } : {}),
        ...(o.NumberOfItemsShipped !== undefined || o.NumberOfItemsUnshipped !== undefined
          ? { itemCount: (o.NumberOfItemsShipped ?? 0) + (o.NumberOfItemsUnshipped ?? 0) }
          : {}),
        ...(o.IsBusinessOrder !== undefined ? { isBusinessOrder: o.IsBusinessOrder } : {}),
        ...(o.IsPrime !== undefined ? { isPrime: o.IsPrime } : {}),
        ...(items ? { items } : {}),
      });
    }
    const more = res.payload.NextToken;
    let stored: string | undefined;
    if (args.sinceLastImport && !more && candidate) {
      ctx.cursors.set(ctx.sellerId, marketplaceId, args.importName, candidate);
      stored = candidate;
    }
    return {
      marketplaceId,
      orders,
      ...(more ? { nextPageToken: encode({ t: more, ...(candidate ? { c: candidate } : {}) }) } : {}),
      window,
      ...(args.sinceLastImport ? { cursor: { importName: args.importName, ...(previous ? { previous } : {}), ...(stored ? { stored } : {}) } } : {}),
      next: more
        ? `More orders: call again with the same arguments plus pageToken (Amazon allows about one page a minute).${args.sinceLastImport ? ' The import cursor moves after the last page.' : ''}`
        : args.sinceLastImport
          ? `Import complete: the next sinceLastImport call starts at ${stored}.`
          : 'That is every order in the window.',
    };
  },
});
