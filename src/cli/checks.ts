// Connection checks shared by `setup` (verify before saving) and `doctor`: participations and the role-gated areas.
import { LwaError, LwaInvalidClientError, LwaInvalidGrantError } from '../auth/lwa.js';
import { SpApiClient, type ClientCredentials } from '../sp-api/client.js';
import { SpApiError, SpApiForbiddenError } from '../sp-api/errors.js';
import { ThrottleRegistry } from '../sp-api/throttle.js';

export interface RoleProbe {
  area: string;
  /** The SP-API role Amazon gates the area behind. */
  role: string;
  ok: boolean;
  detail: string;
}

export interface Participation {
  marketplaceId: string;
  countryCode: string;
  name: string;
  participating: boolean;
}

/** A client for one-off checks: no retries, a short throttle budget, its own buckets. */
export function checkClient(credentials: ClientCredentials): SpApiClient {
  return new SpApiClient({ credentials, maxRetries: 0, throttleBudgetMs: 5_000, throttle: new ThrottleRegistry(), timeoutMs: 20_000 });
}

export async function participations(client: SpApiClient): Promise<Participation[]> {
  const r = await client.getMarketplaceParticipations();
  return r.payload.map((p) => ({
    marketplaceId: p.marketplace.id,
    countryCode: p.marketplace.countryCode ?? '',
    name: p.marketplace.name ?? p.marketplace.id,
    participating: p.participation.isParticipating,
  }));
}

/** One cheap read per role-gated area; 403 means the app lacks that role (or the seller did not grant it). */
export async function probeRoles(client: SpApiClient, sellerId: string, marketplaceId: string): Promise<RoleProbe[]> {
  const day = 86_400_000;
  const now = Date.now();
  const probes: Array<{ area: string; role: string; run: () => Promise<unknown> }> = [
    { area: 'listings', role: 'Product Listing', run: () => client.searchListingsItems({ sellerId, marketplaceIds: [marketplaceId], pageSize: 1 }) },
    {
      area: 'catalog',
      role: 'Product Listing',
      run: () => client.searchCatalogItems({ keywords: ['test'], marketplaceIds: [marketplaceId], pageSize: 1 }),
    },
    {
      area: 'reports',
      role: 'Selling Partner Insights / Inventory and Order Tracking',
      run: () => client.getReports({ reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA'], pageSize: 1 }),
    },
    { area: 'feeds', role: 'Product Listing', run: () => client.getFeeds({ feedTypes: ['JSON_LISTINGS_FEED'], pageSize: 1 }) },
    {
      area: 'sales',
      role: 'Pricing / Inventory and Order Tracking',
      run: () =>
        client.getOrderMetrics({
          marketplaceIds: [marketplaceId],
          interval: `${new Date(now - 7 * day).toISOString().slice(0, 10)}T00:00:00Z--${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`,
          granularity: 'Total',
        }),
    },
  ];
  const out: RoleProbe[] = [];
  for (const p of probes) {
    try {
      await p.run();
      out.push({ area: p.area, role: p.role, ok: true, detail: 'answered' });
    } catch (err) {
      if (err instanceof SpApiForbiddenError) out.push({ area: p.area, role: p.role, ok: false, detail: `403: the app lacks the ${p.role} role` });
      else if (err instanceof SpApiError && err.status > 0 && err.status < 500)
        // Amazon checks roles before usage plans, so a 429 (like a 400) still proves access to the area.
        out.push({ area: p.area, role: p.role, ok: true, detail: `answered (${err.status})` });
      else out.push({ area: p.area, role: p.role, ok: false, detail: describeError(err) });
    }
  }
  return out;
}

/** A short, secret-free explanation with the fix. */
export function describeError(err: unknown): string {
  if (err instanceof LwaInvalidClientError) return 'LWA invalid_client: the client secret is wrong or was rotated';
  if (err instanceof LwaInvalidGrantError) return 'LWA invalid_grant: the refresh token was revoked or is not for this app';
  if (err instanceof LwaError) return err.message;
  if (err instanceof SpApiError) return `${err.status ? `HTTP ${err.status} ` : ''}${err.code}: ${err.message}`;
  return (err as Error).message ?? String(err);
}
