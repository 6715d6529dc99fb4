import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { toToolError } from '../../core/errors.js';
import { findMarketplace } from '../../lib/marketplaces.js';

export const accountStatus = defineTool({
  name: 'account_status',
  title: 'Check the Amazon connection',
  summary: 'credentials work? seller id, marketplace participations, throttle state',
  description:
    'Check that the server can reach Amazon with its credentials, and show the seller id, the marketplaces the seller ' +
    'participates in (which of them this server may act on, and the default), and the current state of the rate limiters ' +
    "(tokens left, rate, queued calls; `buckets` says whether they are shared with the seller's other processes, and " +
    'whether a shared store is unreachable). Call it first in a session, or when other tools report TOKEN_EXPIRED or ' +
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
  }),
  annotations: READ_HINTS,
  async run(_args, ctx) {
    const base = {
      sellerId: ctx.sellerId,
      defaultMarketplace: ctx.config.defaultMarketplace,
      readOnly: ctx.config.readOnly,
      ...(ctx.client.throttleStatus() ? { buckets: ctx.client.throttleStatus() } : {}),
    };
    const throttle = () =>
      ctx.client
        .throttleState()
        .map((b) => ({ bucket: b.key, tokens: Math.round(b.tokens * 100) / 100, rate: b.rate, burst: b.burst, queued: b.queued }));
    try {
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
