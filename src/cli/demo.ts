// `sp-api-mcp demo`: drives the server over MCP against the embedded emulator, with an in-process client
// standing in for the assistant. Prints what an assistant would see, step by step.
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { createServer } from '../server/create-server.js';
import { buildConfig } from '../server/config.js';
import { clientForEmulator } from './connect.js';

type Out = (line: string) => void;

interface CallOutcome {
  structured: Record<string, unknown>;
  isError: boolean;
}

export async function runDemo(opts: { dataDir?: string; out?: Out } = {}): Promise<void> {
  const out: Out = opts.out ?? ((line) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  const emulator = await startEmulator({});
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sp-api-mcp-demo-'));
  const { client: spApi, credentials } = clientForEmulator(emulator);
  const config = buildConfig({ dataDir, defaultMarketplace: credentials.marketplaceId });
  const { server } = createServer({ client: spApi, config, sellerId: credentials.sellerId });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'sp-api-mcp-demo', version: '0.1.0' });
  await server.connect(serverSide);
  await mcp.connect(clientSide);

  const call = async (name: string, args: Record<string, unknown>): Promise<CallOutcome> => {
    const res = await mcp.callTool({ name, arguments: args });
    const structured = (res.structuredContent ?? JSON.parse((res.content as Array<{ text: string }>)[0]?.text ?? '{}')) as Record<string, unknown>;
    return { structured, isError: res.isError === true };
  };

  try {
    out(`sp-api-mcp demo — emulator at ${emulator.endpoint}, seller ${credentials.sellerId}`);
    const tools = await mcp.listTools();
    out(`1. tools/list: ${tools.tools.length} tools (${tools.tools.map((t) => t.name).join(', ')})`);

    const status = (await call('account_status', {})).structured as { connected: boolean; marketplaces: Array<{ countryCode: string }> };
    out(`2. account_status: connected=${status.connected}, marketplaces ${status.marketplaces.map((m) => m.countryCode).join(', ')}`);

    const search = (await call('catalog_search', { keywords: ['shirt'], pageSize: 3 })).structured as { numberOfResults: number; items: Array<{ asin: string; title?: string }> };
    out(`3. catalog_search "shirt": ${search.numberOfResults} results; first: ${search.items.map((i) => `${i.asin} ${i.title ?? ''}`).join(' | ')}`);

    const types = (await call('product_types_search', { keywords: ['shirt'] })).structured as { productTypes: Array<{ name: string }> };
    out(`4. product_types_search "shirt": ${types.productTypes.map((p) => p.name).join(', ')}`);

    const reqs = (await call('product_type_requirements', { productType: 'SHIRT' })).structured as {
      required: Array<{ name: string }>;
      conditional: Array<{ attributes: string[]; when: string }>;
      schemaResource: string;
    };
    out(`5. product_type_requirements SHIRT: required ${reqs.required.map((r) => r.name).join(', ')}`);
    for (const c of reqs.conditional.slice(0, 3)) out(`   also ${c.attributes.join(', ')} when ${c.when}`);
    out(`   full schema as MCP resource ${reqs.schemaResource}`);

    const listings = (await call('listings_search', { pageSize: 5 })).structured as { numberOfResults: number; listings: Array<{ sku: string; status?: string[] }> };
    out(`6. listings_search: ${listings.numberOfResults} listings; ${listings.listings.map((l) => `${l.sku} [${(l.status ?? []).join(',')}]`).join(' | ')}`);

    const first = listings.listings[0];
    if (first) {
      const one = (await call('listings_get', { sku: first.sku })).structured as { listing: { itemName?: string; price?: { amount: string; currencyCode: string }; issues?: unknown[] } };
      out(`7. listings_get ${first.sku}: "${one.listing.itemName ?? ''}" ${one.listing.price ? `${one.listing.price.amount} ${one.listing.price.currencyCode}` : ''}, ${one.listing.issues?.length ?? 0} issues`);
    }
    const missing = await call('listings_get', { sku: 'NO-SUCH-SKU-123' });
    out(`8. listings_get NO-SUCH-SKU-123: isError=${missing.isError} code=${(missing.structured as { error?: { code?: string } }).error?.code}`);
    out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await mcp.close();
    await server.close();
    await emulator.close();
  }
}
