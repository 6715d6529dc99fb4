// Several accounts in one server, with a real MCP client in memory against the emulator over HTTP: an optional
// `account` argument on every tool, account_status listing the accounts, audit and confirmation tokens per account,
// and a vendor account that sees only vendor-capable tools.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';
import { SpApiClient } from '../../src/sp-api/client.js';
import { ThrottleRegistry } from '../../src/sp-api/throttle.js';
import { buildConfig } from '../../src/core/config.js';
import { createServer, type ServerAccount } from '../../src/server/create-server.js';

let emu: RunningEmulator;
const clients: SpApiClient[] = [];

function spApi(): SpApiClient {
  const c = emu.credentials;
  const client = new SpApiClient({
    credentials: { ...c, endpoint: emu.endpoint, lwaEndpoint: emu.lwaEndpoint },
    throttle: new ThrottleRegistry(),
    retryBaseMs: 20,
    retryMaxMs: 200,
  });
  clients.push(client);
  return client;
}

async function connect(accounts: ServerAccount[]) {
  const first = accounts[0]!;
  const { server } = createServer({ client: first.client, config: first.config, sellerId: first.sellerId, accounts, tools: ALL_TOOLS });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'accounts-test', version: '1' });
  await server.connect(b);
  await mcp.connect(a);
  const { tools } = await mcp.listTools();
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const res = await mcp.callTool({ name, arguments: args });
    const text = (res.content as Array<{ text?: string }>).map((x) => x.text ?? '').join('');
    return { isError: res.isError === true, data: (res.structuredContent ?? JSON.parse(text || '{}')) as Record<string, any>, text };
  };
  return { mcp, server, tools, call };
}

function account(name: string, base: string, extra: Partial<ServerAccount> = {}): ServerAccount {
  const c = emu.credentials;
  return {
    name,
    client: spApi(),
    config: buildConfig({ dataDir: join(base, 'accounts', name), defaultMarketplace: c.marketplaceId }),
    sellerId: c.sellerId,
    info: { profile: name },
    ...extra,
  };
}

beforeAll(async () => {
  emu = await startEmulator({ enforceRateLimits: false });
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await emu?.close();
});

describe('several accounts in one server', () => {
  const patch = {
    sku: 'CL-SKILLET-10',
    productType: 'KITCHEN',
    patches: [{ op: 'replace', attribute: 'fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] }],
  };

  it('every tool takes an optional account; account_status lists the accounts; the first is the default', async () => {
    const base = mkdtempSync(join(tmpdir(), 'sp-accounts-'));
    const s = await connect([account('eu', base), account('na', base)]);
    for (const t of s.tools) {
      expect((t.inputSchema.properties as Record<string, { enum?: string[] }>).account?.enum, t.name).toEqual(['eu', 'na']);
      expect(t.inputSchema.required ?? []).not.toContain('account');
    }
    const status = await s.call('account_status');
    expect(status.data).toMatchObject({ connected: true, account: 'eu', profile: 'eu' });
    expect(status.data.accounts).toEqual([
      { name: 'eu', sellerId: emu.credentials.sellerId, vendor: false, default: true },
      { name: 'na', sellerId: emu.credentials.sellerId, vendor: false, default: false },
    ]);
    expect((await s.call('account_status', { account: 'na' })).data.account).toBe('na');
    const unknown = await s.call('account_status', { account: 'nope' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('INVALID_REQUEST');
    await s.mcp.close();
  });

  it('a confirmation token from account A never confirms a write for account B; audit is per account', async () => {
    const base = mkdtempSync(join(tmpdir(), 'sp-accounts-'));
    const s = await connect([account('a', base), account('b', base)]);
    const preview = await s.call('listings_patch', { ...patch, account: 'a' });
    expect(preview.data.phase, preview.text).toBe('preview');
    const token = preview.data.confirmationToken as string;
    // The same seller and the exact same request, but another account: refused.
    const cross = await s.call('listings_patch', { ...patch, account: 'b', confirmationToken: token });
    expect(cross.isError).toBe(true);
    expect(cross.text).toContain('CONFIRMATION_MISMATCH');
    const done = await s.call('listings_patch', { ...patch, account: 'a', confirmationToken: token });
    expect(done.isError, done.text).toBe(false);
    expect(done.data.result.status).toBe('ACCEPTED');
    const auditA = await s.call('audit_recent', { account: 'a' });
    const auditB = await s.call('audit_recent', { account: 'b' });
    expect(auditA.data.entries.some((e: { event: string }) => e.event === 'execute')).toBe(true);
    expect(auditB.data.entries.some((e: { event: string }) => e.event === 'execute')).toBe(false);
    await s.mcp.close();
  });

  it('a vendor-only server hides the seller-only tools; in a mixed server they refuse the vendor account', async () => {
    const base = mkdtempSync(join(tmpdir(), 'sp-accounts-'));
    const vendor = await connect([account('vendor', base, { vendor: true, sellerId: emu.credentials.sellerId })]);
    const names = vendor.tools.map((t) => t.name);
    for (const sellerOnly of ['solicitations_check', 'solicitations_request_review', 'orders_metrics', 'account_health', 'listings_restrictions']) {
      expect(names).not.toContain(sellerOnly);
    }
    expect(names).toEqual(expect.arrayContaining(['catalog_search', 'listings_get', 'product_type_requirements', 'reports_request']));
    const status = await vendor.call('account_status');
    expect(status.data).toMatchObject({ connected: true, vendor: true, marketplaces: [] });
    const refused = await vendor.call('orders_metrics', { granularity: 'Day' });
    expect(refused.text).toContain('CAPABILITY_NOT_ALLOWED');
    await vendor.mcp.close();

    const mixed = await connect([account('seller', base), account('vendor2', base, { vendor: true })]);
    expect(mixed.tools.map((t) => t.name)).toContain('orders_metrics');
    const viaVendor = await mixed.call('orders_metrics', { account: 'vendor2', from: '2026-01-01', to: '2026-01-31', granularity: 'Day' });
    expect(viaVendor.isError).toBe(true);
    expect(viaVendor.text).toMatch(/CAPABILITY_NOT_ALLOWED.*vendor account \\"vendor2\\"/);
    await mixed.mcp.close();
  });
});
