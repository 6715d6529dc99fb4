// The stateful local SP-API emulator: one HTTP server on 127.0.0.1 for LWA, SP-API operations and documents.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { log } from '../lib/log.js';
import { createFeedsHandlers } from './areas/feeds.js';
import { createReportsHandlers } from './areas/reports.js';
import { createSalesHandlers } from './areas/sales.js';
import { createSolicitationsHandlers } from './areas/solicitations.js';
import { createPricingHandlers } from './areas/pricing.js';
import { createFbaInventoryHandlers } from './areas/fba-inventory.js';
import { createOrdersHandlers } from './areas/orders.js';
import { createAplusHandlers, createUploadsHandlers } from './areas/aplus.js';
import { createCatalogHandlers } from './catalog.js';
import { EmulatorDocuments } from './documents.js';
import { Faults } from './faults.js';
import { EmulatorListings, createListingsHandlers } from './listings.js';
import { LWA_PATH, Lwa } from './lwa.js';
import { createProductTypesHandlers } from './product-types.js';
import { seedListings } from './seed/listings.js';
import { seedOrders } from './seed/orders.js';
import { DEMO_AWS_KEY, DEMO_CREDENTIALS, seedSellers } from './seed/sellers.js';
import { SqsQueues, SQS_REGION } from './sqs.js';
import { consent, type EmulatorApp } from './consent.js';
import { createApplicationsHandlers } from './areas/applications.js';
import { createSellersHandlers } from './sellers.js';
import { createListener, type Stats } from './server.js';
import { Throttle } from './throttle.js';
import type { EmulatorContext, EmulatorOptions, RunningEmulator } from './types.js';

export type { EmulatorOptions, RunningEmulator } from './types.js';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = opts.clock ?? { now: () => Date.now() };
  const credentials = { ...DEMO_CREDENTIALS };
  let base = '';

  const lwa = new Lwa(clock, opts.tokenLifetimeSeconds ?? 3600);
  lwa.registerClient(credentials.clientId, credentials.clientSecret);
  lwa.registerRefreshToken(credentials.refreshToken, credentials.clientId, credentials.sellerId);

  const documents = new EmulatorDocuments(() => base, clock, opts.documentUrlLifetimeSeconds ?? 300);
  const lateIssueMs = opts.lateIssueMs ?? 2000;
  const listings = new EmulatorListings(clock, () => ctx.lateIssueMs);
  const ctx: EmulatorContext = {
    clock,
    documents,
    listings,
    orders: seedOrders(clock.now()),
    sellers: seedSellers(),
    jobStepMs: opts.jobStepMs ?? 1500,
    lateIssueMs,
    fbaQuantities: new Map(),
    aplus: [],
    aplusUploads: new Map(),
  };
  for (const s of seedListings()) {
    const created = new Date(clock.now() - s.ageDays * 86_400_000).toISOString();
    const issues = listings.seed(
      credentials.sellerId,
      s.sku,
      { productType: s.productType, attributes: s.attributes, marketplaceIds: [credentials.marketplaceId] },
      created,
    );
    if (issues.some((i) => i.severity === 'ERROR')) log.warn({ sku: s.sku, issues }, 'emulator: seed listing does not match its product type schema');
  }

  const sqs = new SqsQueues(clock, () => base);
  sqs.registerKey(DEMO_AWS_KEY.accessKeyId, DEMO_AWS_KEY.secretAccessKey);
  const rotationQueue = 'sp-api-mcp-rotation';
  sqs.createQueue(rotationQueue);
  const apps: EmulatorApp[] = [{ applicationId: credentials.applicationId, clientId: credentials.clientId, draft: true }];
  const rotationQueues = new Map([[credentials.clientId, rotationQueue]]);

  const faults = new Faults(opts.faults);
  const stats: Stats = { requests: 0, throttled: 0, byOperation: {} };
  const handlers = {
    ...createListingsHandlers(ctx),
    ...createCatalogHandlers(ctx),
    ...createProductTypesHandlers(documents),
    ...createSellersHandlers(ctx),
    ...createFeedsHandlers(ctx),
    ...createReportsHandlers(ctx),
    ...createSolicitationsHandlers(ctx),
    ...createSalesHandlers(ctx),
    ...createApplicationsHandlers({
      clock,
      lwa,
      sqs,
      apps,
      rotationQueues,
      onRotated: (clientId, secret) => {
        if (clientId === credentials.clientId) credentials.clientSecret = secret;
      },
    }),
    ...createPricingHandlers(ctx),
    ...createFbaInventoryHandlers(ctx),
    ...createOrdersHandlers(ctx),
    ...createAplusHandlers(ctx),
    ...createUploadsHandlers(ctx),
  };
  const server = createServer(
    createListener({
      clock,
      lwa,
      documents,
      throttle: new Throttle(clock, opts.rateScale ?? 1),
      faults,
      handlers,
      enforceRateLimits: opts.enforceRateLimits ?? true,
      stats,
      sqs,
      consent: (query) => consent(apps, lwa, credentials.sellerId, query),
      introspect: () => ({ stats, acceptedWrites: listings.writeCounts(credentials.sellerId) }),
    }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint: base,
    lwaEndpoint: `${base}${LWA_PATH}`,
    credentials,
    context: ctx,
    setFaults: (f) => faults.set(f),
    stats: () => structuredClone(stats),
    revokeRefreshToken: (t) => lwa.revokeRefreshToken(t),
    rotateClientSecret: (clientId) => {
      const secret = lwa.rotateClientSecret(clientId);
      if (clientId === credentials.clientId) credentials.clientSecret = secret;
      return secret;
    },
    sqs,
    rotation: {
      queueUrl: sqs.urlOf(rotationQueue),
      awsRegion: SQS_REGION,
      awsAccessKeyId: DEMO_AWS_KEY.accessKeyId,
      awsSecretAccessKey: DEMO_AWS_KEY.secretAccessKey,
    },
    sellerCentral: base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
