// Starts an emulator, an SP-API client and our MCP server, and connects a real MCP client in memory.
import { ALL_TOOLS } from '../../src/tools/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/types.js';
import { SpApiClient, type SpApiClientOptions } from '../../src/sp-api/client.js';
import { ThrottleRegistry } from '../../src/sp-api/throttle.js';
import { buildConfig, type ConfigInput } from '../../src/core/config.js';
import { createServer } from '../../src/server/create-server.js';
import type { ToolSpec } from '../../src/core/tool.js';

export interface Harness {
  emulator: RunningEmulator;
  spApi: SpApiClient;
  mcp: Client;
  dataDir: string;
  sellerId: string;
  marketplaceId: string;
  call(name: string, args?: Record<string, unknown>): Promise<ToolCall>;
  close(): Promise<void>;
}

export interface ToolCall {
  isError: boolean;
  /** structuredContent on success; the parsed error payload ({error:{code,message,...}}) on failure. */
  data: Record<string, any>;
  text: string;
}

export async function startHarness(
  opts: {
    emulator?: EmulatorOptions;
    config?: ConfigInput;
    client?: Partial<SpApiClientOptions>;
    tools?: ToolSpec[];
    clientCapabilities?: Record<string, unknown>;
    /** Makes the client support form elicitation and answer with this. */
    onElicit?: (params: { message: string; requestedSchema: unknown }) => {
      action: 'accept' | 'decline' | 'cancel';
      content?: Record<string, unknown>;
    };
    dataDir?: string;
    /** false only to show what a client that never lists tools misses. */
    listTools?: boolean;
  } = {},
): Promise<Harness> {
  const emulator = await startEmulator(opts.emulator ?? {});
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sp-api-mcp-test-'));
  const c = emulator.credentials;
  const spApi = new SpApiClient({
    credentials: { ...c, endpoint: emulator.endpoint, lwaEndpoint: emulator.lwaEndpoint },
    endpoint: emulator.endpoint,
    lwaEndpoint: emulator.lwaEndpoint,
    throttle: new ThrottleRegistry(),
    retryBaseMs: 20,
    retryMaxMs: 200,
    ...opts.client,
  });
  const config = buildConfig({ dataDir, defaultMarketplace: c.marketplaceId }, opts.config ?? {});
  const { server } = createServer({ client: spApi, config, sellerId: c.sellerId, tools: opts.tools ?? ALL_TOOLS });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const capabilities = opts.onElicit ? { ...opts.clientCapabilities, elicitation: { form: {} } } : (opts.clientCapabilities ?? {});
  const mcp = new Client({ name: 'test-client', version: '1.0.0' }, { capabilities });
  if (opts.onElicit) {
    const answer = opts.onElicit;
    mcp.setRequestHandler('elicitation/create', (async (req: { params: unknown }) =>
      answer(req.params as { message: string; requestedSchema: unknown })) as never);
  }
  await server.connect(serverSide);
  await mcp.connect(clientSide);
  // Real clients list tools before calling them, and only then does the SDK client check each structuredContent
  // against the tool's output schema; without this, a reply the output schema forbids would pass every test.
  if (opts.listTools !== false) await mcp.listTools();
  return {
    emulator,
    spApi,
    mcp,
    dataDir,
    sellerId: c.sellerId,
    marketplaceId: c.marketplaceId,
    async call(name, args = {}) {
      const res = await mcp.callTool({ name, arguments: args });
      const text = (res.content as Array<{ type: string; text?: string }>).map((b) => b.text ?? '').join('');
      const data = (res.structuredContent as Record<string, any> | undefined) ?? (JSON.parse(text || '{}') as Record<string, any>);
      return { isError: res.isError === true, data, text };
    },
    async close() {
      await mcp.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      await spApi.close?.();
      await emulator.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
