// `sp-api-mcp demo`: the export assistant's whole flow over MCP against the embedded emulator, with an
// in-process client standing in for the AI assistant. Prints the five-stage progress live.
import { ALL_TOOLS } from '../tools/index.js';
import { VERSION } from '../lib/version.js';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.js';
import { createServer } from '../server/create-server.js';
import { buildConfig } from '../core/config.js';
import { clientForEmulator } from './connect.js';
import { readSource } from '../workflows/export/read-source.js';
import { CATEGORY_TYPES, fillGaps, groupMappings, productValues } from './demo-assistant.js';

type Out = (line: string) => void;
type Data = Record<string, any>;

export const SAMPLE_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'products.csv');

export async function runDemo(
  opts: { dataDir?: string; file?: string; out?: Out } = {},
): Promise<{ accepted: number; failed: number; reports: string[] }> {
  const out: Out = opts.out ?? ((line) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  const file = opts.file ?? SAMPLE_FILE;
  const emulator = await startEmulator({});
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sp-api-mcp-demo-'));
  const { client: spApi, credentials } = clientForEmulator(emulator);
  const config = buildConfig({ dataDir, defaultMarketplace: credentials.marketplaceId });
  // The sample file lives in the package; allow reading it wherever the package is installed.
  process.env.SP_API_MCP_EXPORT_ROOTS ??= [process.cwd(), dirname(file)].join(process.platform === 'win32' ? ';' : ':');
  const { server } = createServer({ client: spApi, config, sellerId: credentials.sellerId, tools: ALL_TOOLS });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'sp-api-mcp-demo-assistant', version: VERSION });
  await server.connect(serverSide);
  await mcp.connect(clientSide);
  // As a real assistant does; it also makes the SDK client check every reply against the tool's output schema.
  await mcp.listTools();
  const call = async (name: string, args: Data, onprogress?: (p: { message?: string }) => void): Promise<Data> => {
    const res = await mcp.callTool({ name, arguments: args }, onprogress ? { onprogress, timeout: 600_000 } : undefined);
    const data = (res.structuredContent ?? JSON.parse((res.content as Array<{ text: string }>)[0]?.text ?? '{}')) as Data;
    if (res.isError) throw new Error(`${name} failed: ${data.error?.code} ${data.error?.message}`);
    return data;
  };

  try {
    out(`sp-api-mcp demo — "list these products from my spreadsheet" (emulator ${emulator.endpoint}, seller ${credentials.sellerId})`);
    const loaded = await call('export_load', { path: file });
    out(`1. export_load ${file}: ${loaded.counts.loaded} products loaded, ${loaded.counts.rejected} rejected, ${loaded.columns.length} columns`);
    const batchId = loaded.batchId as string;

    const types = await call('product_types_search', { keywords: ['shirt'] });
    out(`2. product_types_search "shirt" → ${types.productTypes.map((p: Data) => p.name).join(', ')}`);
    for (const productType of Object.values(CATEGORY_TYPES)) {
      const req = await call('product_type_requirements', { productType });
      out(`   product_type_requirements ${productType}: ${req.required.length} required, ${req.conditional.length} conditional`);
    }

    // The assistant has read the sheet too; it maps by category and fills gaps from the seller's own data.
    const { rows } = await readSource({ path: file });
    const sheet = rows.map((r) => r.values);
    const currency = 'USD';
    let mapped = await call('export_map', { batchId, groups: groupMappings(sheet, currency), products: productValues(sheet) });
    out(`3. export_map by category: ${mapped.counts.valid} valid, ${mapped.counts.invalid} with gaps`);
    for (let round = 1; round <= 3 && mapped.counts.invalid > 0; round++) {
      const missing = (mapped.issues as Array<{ attributeNames: string[]; skus: string[]; message: string; count: number }>).filter(
        (i) => i.attributeNames.length,
      );
      for (const i of missing.slice(0, 6)) out(`   gap: ${i.message} (${i.count} product(s))`);
      const fills = fillGaps(sheet, missing);
      if (fills.length === 0) break;
      mapped = await call('export_map', { batchId, products: fills });
      out(`   gap-filling round ${round}: ${fills.length} product(s) filled → ${mapped.counts.valid} valid, ${mapped.counts.invalid} invalid`);
    }

    const preview = await call('export_preview', { batchId, limit: 2 });
    out(`4. export_preview: ${preview.confirm.summary}`);
    out('   (the seller approves the preview)');

    out('5. export_submit — live progress:');
    let last = '';
    const submitted = await call('export_submit', { batchId, confirmationToken: preview.confirmationToken, recheckAfterSeconds: 3 }, (p) => {
      const line = (p.message ?? '').split(' — ')[0] ?? '';
      if (line.startsWith('total') && line !== last) out(`   ${line}`);
      last = line;
    });
    const r = submitted.result as Data;
    out(`   done via ${r.path} in ${r.seconds} s: accepted ${r.counts.accepted}, failed ${r.counts.failed}`);
    for (const f of r.failed as Array<{ sku: string; issues: string[]; reason: string }>)
      out(`   failed ${f.sku}: ${f.issues.join('; ') || f.reason}`);

    const status = await call('export_status', { batchId });
    out(`6. export_status: ${status.summary}`);
    const report = await call('export_report', { batchId });
    const paths =
      JSON.stringify(report)
        .match(/"[^"]+\.(csv|json)"/g)
        ?.map((s) => s.slice(1, -1)) ?? [];
    out(`7. export_report:`);
    for (const p of paths) out(`   ${p}`);
    out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return { accepted: r.counts.accepted, failed: r.counts.failed, reports: paths };
  } finally {
    await mcp.close();
    await server.close();
    await spApi.close();
    await emulator.close();
  }
}
