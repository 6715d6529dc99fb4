import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { toToolError } from '../../core/errors.js';
import { findMarketplace } from '../../lib/marketplaces.js';
import { secretAge } from '../../auth/secret-age.js';

export const accountStatus = defineTool({
  name: 'account_status',
  title: 'Check the Amazon connection',
  summary: 'credentials work? seller id, marketplace participations, throttle state',
  description:
    'Check that the server can reach Amazon with its credentials, and show the seller id, the marketplaces the seller ' +
    'participates in (which of them this server may act on, and the default), and the current state of the rate limiters ' +
    "(tokens left, rate, queued calls; `buckets` says whether they are shared with the seller's other processes, and " +
    "whether a shared store is unreachable), the credentials profile in use and the age of the app's client secret (Amazon " +
    'expires it after 180 days; `warnings` says when to rotate it). When the server serves several accounts, `accounts` ' +
    'lists them and every tool takes an optional `account` argument (default: the first). Call it first in a session, or when other tools report TOKEN_EXPIRED or ' +
    'NO_CONNECTION. It never fails on a bad connection: it answers connected=false with the reason and what to do.',
  toolset: 'account',
  capability: 'account.read',
  input: z.object({}).strict(),
  output: z.object({
    connected: z.boolean(),
    sellerId: z.string(),
    defaultMarketplace: z.string(),
    marketplaces: z.array(
      z.object({
        id: z.string(),
        countryCode: z.string(),
        name: z.string(),
        participating: z.boolean(),
        hasSuspendedListings: z.boolean(),
        allowedHere: z.boolean(),
      }),
    ),
    readOnly: z.boolean(),
    throttle: z.array(z.object({ bucket: z.string(), tokens: z.number(), rate: z.number(), burst: z.number(), queued: z.number() })),
    buckets: z
      .object({
        backend: z.enum(['memory', 'sqlite', 'redis']),
        shared: z.boolean(),
        state: z.enum(['ok', 'fallback']),
        safety: z.number(),
        message: z.string(),
      })
      .optional(),
    problem: z.object({ code: z.string(), message: z.string() }).optional(),
    profile: z.string().optional(),
    clientSecret: z.object({ setAt: z.string(), ageDays: z.number(), daysLeft: z.number() }).optional(),
    warnings: z.array(z.string()).optional(),
    account: z.string().optional(),
    vendor: z.boolean().optional(),
    accounts: z
      .array(z.object({ name: z.string(), sellerId: z.string(), vendor: z.boolean(), default: z.boolean() }))
      .optional()
      .describe('Every account this server serves (pass one as `account` to any tool); present when there are several'),
  }),
  annotations: READ_HINTS,
  async run(_args, ctx) {
    const base = {
      sellerId: ctx.sellerId,
      defaultMarketplace: ctx.config.defaultMarketplace,
      readOnly: ctx.config.readOnly,
      ...(ctx.account.profile ? { profile: ctx.account.profile } : {}),
      ...secretInfo(ctx.account.clientSecretSetAt),
      ...(ctx.account.name ? { account: ctx.account.name } : {}),
      ...(ctx.account.vendor ? { vendor: true } : {}),
      ...(ctx.account.accounts ? { accounts: ctx.account.accounts } : {}),
      ...(ctx.client.throttleStatus() ? { buckets: ctx.client.throttleStatus() } : {}),
    };
    const throttle = () =>
      ctx.client
        .throttleState()
        .map((b) => ({ bucket: b.key, tokens: Math.round(b.tokens * 100) / 100, rate: b.rate, burst: b.burst, queued: b.queued }));
    try {
      if (ctx.account.vendor) {
        // The Sellers API is for sellers only: a vendor's connection is proven by a catalog read instead.
        await ctx.client.searchCatalogItems(
          { keywords: ['test'], marketplaceIds: [ctx.config.defaultMarketplace], pageSize: 1 },
          { signal: ctx.signal, onWait: ctx.onWait },
        );
        return { connected: true, ...base, marketplaces: [], throttle: throttle() };
      }
      const res = await ctx.client.getMarketplaceParticipations({}, { signal: ctx.signal, onWait: ctx.onWait });
      const allow = ctx.config.marketplaces;
      const marketplaces = res.payload.map((p) => {
        const known = findMarketplace(p.marketplace.id);
        return {
          id: p.marketplace.id,
          countryCode: p.marketplace.countryCode ?? known?.countryCode ?? '',
          name: p.marketplace.name ?? known?.name ?? p.marketplace.id,
          participating: p.participation?.isParticipating ?? false,
          hasSuspendedListings: p.participation?.hasSuspendedListings ?? false,
          allowedHere: allow.size === 0 || allow.has(p.marketplace.id),
        };
      });
      return { connected: true, ...base, marketplaces, throttle: throttle() };
    } catch (err) {
      const { error } = toToolError(err);
      if (error.code === 'CANCELLED') throw err;
      return { connected: false, ...base, marketplaces: [], throttle: throttle(), problem: { code: error.code, message: error.message } };
    }
  },
});

function secretInfo(setAt: string | undefined): { clientSecret?: { setAt: string; ageDays: number; daysLeft: number }; warnings?: string[] } {
  const age = secretAge(setAt);
  if (!age) return {};
  return {
    clientSecret: { setAt: age.setAt, ageDays: age.ageDays, daysLeft: age.daysLeft },
    ...(age.warn ? { warnings: [age.message] } : {}),
  };
}
