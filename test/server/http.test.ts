// MCP over Streamable HTTP, tested as clients use it: the SDK's client over real HTTP in both protocol eras,
// DNS-rebinding checks, bearer tokens, OAuth JWTs from a local issuer (keys made here), scope challenges, and a
// write confirmed through 2026-07-28 input_required rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { startRecordingProxy } from '../contract/recording-proxy.js';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';
import { SpApiClient } from '../../src/sp-api/client.js';
import { ThrottleRegistry } from '../../src/sp-api/throttle.js';
import { buildConfig } from '../../src/core/config.js';
import { openServerState, type ServerState } from '../../src/server/create-server.js';
import { serveHttp, type HttpAuth, type HttpServer } from '../../src/server/http.js';
import { discoverIssuer, jwtVerifier, staticTokenVerifier } from '../../src/server/http-auth.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { log } from '../../src/lib/log.js';

const TOKEN = 'test-token-0123456789abcdef';
const MODERN = { mode: { pin: '2026-07-28' } } as const;

let emulator: RunningEmulator;
let spApi: SpApiClient;
let state: ServerState;
let dataDir: string;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
const servers: HttpServer[] = [];

beforeAll(async () => {
  emulator = await startEmulator({});
  dataDir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-http-'));
  const c = emulator.credentials;
  // Every SP-API and LWA request crosses a recording proxy, to show what reaches Amazon.
  proxy = await startRecordingProxy(emulator.endpoint);
  const lwaEndpoint = `${proxy.url}${new URL(emulator.lwaEndpoint).pathname}`;
  spApi = new SpApiClient({
    credentials: { ...c, endpoint: proxy.url, lwaEndpoint },
    endpoint: proxy.url,
    lwaEndpoint,
    throttle: new ThrottleRegistry(),
    retryBaseMs: 20,
    retryMaxMs: 200,
  });
  const config = buildConfig({ dataDir, defaultMarketplace: c.marketplaceId }, {});
  state = openServerState({ client: spApi, config, sellerId: c.sellerId, tools: ALL_TOOLS, log });
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await spApi.close?.();
  await proxy.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(auth: HttpAuth, extra: { publicUrl?: string; port?: number; corsOrigins?: string[] } = {}): Promise<HttpServer> {
  const s = await serveHttp({
    state,
    host: '127.0.0.1',
    port: extra.port ?? 0,
    auth,
    corsOrigins: extra.corsOrigins ?? [],
    allowedHosts: [],
    ...(extra.publicUrl ? { publicUrl: extra.publicUrl } : {}),
    maxBodyBytes: 64 * 1024,
    log,
  });
  servers.push(s);
  return s;
}

async function connect(
  url: string,
  opts: {
    token?: string;
    modern?: boolean;
    onElicit?: (message: string) => { action: 'accept' | 'decline'; content?: Record<string, unknown> };
  } = {},
): Promise<Client> {
  const client = new Client(
    { name: 'http-test', version: '1.0.0' },
    {
      capabilities: opts.onElicit ? { elicitation: { form: {} } } : {},
      ...(opts.modern ? { versionNegotiation: MODERN } : {}),
    },
  );
  if (opts.onElicit) {
    const answer = opts.onElicit;
    client.setRequestHandler('elicitation/create', (async (req: { params: { message: string } }) => answer(req.params.message)) as never);
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(opts.token ? { requestInit: { headers: { authorization: `Bearer ${opts.token}` } } } : {}),
  });
  await client.connect(transport);
  return client;
}

function post(url: string, headers: Record<string, string>, body: unknown = { jsonrpc: '2.0', id: 1, method: 'ping' }): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
}

describe('HTTP transport, static token', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await start({ kind: 'token', verifier: staticTokenVerifier(TOKEN) });
  });

  it('serves 2025-era and 2026-07-28 clients the same tools and answers', async () => {
    for (const modern of [false, true]) {
      const client = await connect(server.url, { token: TOKEN, modern });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('catalog_search');
      expect(tools.length).toBe(state.allowed.length);
      const res = await client.callTool({ name: 'account_status', arguments: {} });
      expect(res.isError).not.toBe(true);
      expect((res.structuredContent as { sellerId?: string }).sellerId).toBe(emulator.credentials.sellerId);
      await client.close();
    }
  });

  it('answers server/discover (the 2026-07-28 entry point)', async () => {
    const client = await connect(server.url, { token: TOKEN, modern: true });
    expect(client.getServerVersion()?.name).toBe('sp-api-mcp');
    await client.close();
  });

  it('refuses a request without the token, or with a wrong one, with 401 and a challenge', async () => {
    const none = await post(server.url, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await post(server.url, { authorization: 'Bearer wrong-token-wrong-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/invalid_token/);
    await expect(connect(server.url, {})).rejects.toThrow();
  });

  it('refuses foreign Host and Origin headers (DNS rebinding) with 403', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await post(server.url, { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    const port = new URL(server.url).port;
    // fetch will not let us set Host; node:http will.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/mcp',
          method: 'POST',
          headers: { ...auth, host: `evil.example:${port}`, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
    expect((await post(server.url, { ...auth, origin: 'http://localhost:5173' })).status).not.toBe(403);
  });

  it('limits request bodies', async () => {
    const big = { jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(100 * 1024) } };
    const res = await post(server.url, { authorization: `Bearer ${TOKEN}` }, big);
    expect(res.status).toBe(413);
  });

  it('sends CORS headers only to configured origins', async () => {
    const withCors = await start({ kind: 'token', verifier: staticTokenVerifier(TOKEN) }, { corsOrigins: ['http://localhost:5173'] });
    const pre = await fetch(withCors.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await fetch(withCors.url, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:9999' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

const SKU = 'CL-SKILLET-10';
const quantityPatch = (quantity: number) => ({
  sku: SKU,
  productType: 'KITCHEN',
  patches: [{ op: 'replace', attribute: 'fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity }] }],
});
const lastAuditId = async () => (await state.audit.recent({ limit: 1 }))[0]?.id ?? 0;
const auditSince = async (id: number) => (await state.audit.recent({ limit: 50 })).filter((e) => e.id > id && e.sku === SKU).map((e) => e.event);

describe('writes confirmed over HTTP', () => {
  it('2026-07-28: the human approves in an input_required round; the write runs once, audited as elicitation', async () => {
    const server = await start({ kind: 'token', verifier: staticTokenVerifier(TOKEN) });
    const asked: string[] = [];
    const client = await connect(server.url, {
      token: TOKEN,
      modern: true,
      onElicit: (message) => {
        asked.push(message);
        return { action: 'accept', content: { approve: true } };
      },
    });
    await client.listTools();
    const since = await lastAuditId();
    const res = await client.callTool({
      name: 'listings_patch',
      arguments: quantityPatch(11),
    });
    const out = res.structuredContent as { phase: string; confirmedBy?: string };
    expect(asked.length).toBe(1);
    expect(asked[0]).toMatch(/fulfillment_availability/);
    expect(res.isError, JSON.stringify(res.content)).not.toBe(true);
    expect(out.phase).toBe('executed');
    expect(out.confirmedBy).toBe('elicitation');
    const events = await auditSince(since);
    expect(events).toContain('confirmed');
    expect(events.filter((e) => e === 'execute').length).toBe(1);
    await client.close();
  });

  it('2026-07-28: a declined form writes nothing', async () => {
    const server = await start({ kind: 'token', verifier: staticTokenVerifier(TOKEN) });
    const client = await connect(server.url, { token: TOKEN, modern: true, onElicit: () => ({ action: 'decline' }) });
    await client.listTools();
    const since = await lastAuditId();
    const res = await client.callTool({
      name: 'listings_patch',
      arguments: quantityPatch(12),
    });
    expect((res.structuredContent as { phase: string }).phase).toBe('declined');
    const events = await auditSince(since);
    expect(events).toContain('declined');
    expect(events).not.toContain('execute');
    await client.close();
  });

  it('2025-era over HTTP (stateless): no server-initiated form, so the single-use token confirms', async () => {
    const server = await start({ kind: 'token', verifier: staticTokenVerifier(TOKEN) });
    const client = await connect(server.url, { token: TOKEN });
    await client.listTools();
    const res = await client.callTool({
      name: 'listings_patch',
      arguments: quantityPatch(13),
    });
    const out = res.structuredContent as { phase: string; confirmationToken?: string };
    expect(out.phase).toBe('preview');
    expect(out.confirmationToken).toBeTruthy();
    await client.close();
  });
});

describe('OAuth 2.1 resource server', () => {
  let issuer: Server;
  let issuerUrl: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let jwk: JWK;
  let server: HttpServer;
  let publicUrl: string;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    issuer = createHttpServer((req, res) => {
      const doc =
        req.url === '/.well-known/oauth-authorization-server'
          ? {
              issuer: issuerUrl,
              authorization_endpoint: `${issuerUrl}/authorize`,
              token_endpoint: `${issuerUrl}/token`,
              jwks_uri: `${issuerUrl}/jwks`,
              response_types_supported: ['code'],
            }
          : req.url === '/jwks'
            ? { keys: [jwk] }
            : undefined;
      res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(doc ?? {}));
    });
    await new Promise<void>((r) => issuer.listen(0, '127.0.0.1', () => r()));
    issuerUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
    // The audience is the public URL, known before the port: reserve one by listening once.
    const probe = createHttpServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    publicUrl = `http://127.0.0.1:${port}/mcp`;
    const metadata = await discoverIssuer(issuerUrl);
    const verifier = await jwtVerifier({ issuer: issuerUrl, jwksUri: metadata.jwks_uri as string, audience: publicUrl });
    server = await start({ kind: 'oauth', verifier, metadata }, { publicUrl, port });
  });

  afterAll(async () => {
    await new Promise<void>((r) => issuer.close(() => r()));
  });

  const mint = (claims: { scope: string; aud?: string; sub?: string; exp?: string }) =>
    new SignJWT({ scope: claims.scope, client_id: 'agency-app' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuerUrl)
      .setAudience(claims.aud ?? publicUrl)
      .setSubject(claims.sub ?? 'principal-a')
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? '5m')
      .sign(privateKey);

  it('publishes protected resource metadata (RFC 9728) naming the issuer and scopes', async () => {
    const res = await fetch(new URL('/.well-known/oauth-protected-resource/mcp', server.url));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { resource: string; authorization_servers: string[]; scopes_supported: string[] };
    expect(doc.resource).toBe(publicUrl);
    expect(doc.authorization_servers.map((u) => u.replace(/\/$/, ''))).toContain(issuerUrl);
    expect(doc.scopes_supported).toContain('listings.write');
    const challenge = await post(server.url, {});
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toContain('resource_metadata=');
  });

  it('accepts a JWT from the issuer and refuses one for another audience, expired, or self-signed', async () => {
    const good = await mint({ scope: 'account.read catalog.read listings.read' });
    const client = await connect(server.url, { token: good, modern: true });
    const res = await client.callTool({ name: 'account_status', arguments: {} });
    expect(res.isError).not.toBe(true);
    await client.close();
    expect(
      (await post(server.url, { authorization: `Bearer ${await mint({ scope: 'account.read', aud: 'https://other.example/mcp' })}` })).status,
    ).toBe(401);
    expect((await post(server.url, { authorization: `Bearer ${await mint({ scope: 'account.read', exp: '-1m' })}` })).status).toBe(401);
    const stranger = await generateKeyPair('RS256');
    const forged = await new SignJWT({ scope: 'listings.write' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuerUrl)
      .setAudience(publicUrl)
      .setExpirationTime('5m')
      .sign(stranger.privateKey);
    expect((await post(server.url, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('a tool whose capability is not among the token scopes gets 403 insufficient_scope', async () => {
    const readOnly = await mint({ scope: 'account.read listings.read' });
    const res = await post(
      server.url,
      { authorization: `Bearer ${readOnly}`, 'mcp-protocol-version': '2025-11-25' },
      { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'listings_delete', arguments: { sku: 'X' } } },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    expect(res.headers.get('www-authenticate')).toMatch(/listings\.write/);
  });

  it("one principal's confirmation token does not confirm another principal's write", async () => {
    const scope = 'account.read listings.read listings.write';
    const alice = await connect(server.url, { token: await mint({ scope, sub: 'alice' }) });
    const bob = await connect(server.url, { token: await mint({ scope, sub: 'bob' }) });
    await alice.listTools();
    await bob.listTools();
    const args = quantityPatch(21);
    const preview = (await alice.callTool({ name: 'listings_patch', arguments: args })).structuredContent as { confirmationToken: string };
    expect(preview.confirmationToken).toBeTruthy();
    const stolen = await bob.callTool({ name: 'listings_patch', arguments: { ...args, confirmationToken: preview.confirmationToken } });
    expect(stolen.isError).toBe(true);
    expect(JSON.stringify(stolen.content)).toContain('CONFIRMATION_MISMATCH');
    // The owner can still use it: the refusal did not consume it.
    const own = await alice.callTool({ name: 'listings_patch', arguments: { ...args, confirmationToken: preview.confirmationToken } });
    expect(own.isError, JSON.stringify(own.content)).not.toBe(true);
    expect((own.structuredContent as { phase: string }).phase).toBe('executed');
    await alice.close();
    await bob.close();
  });

  it('never forwards the client token to Amazon', async () => {
    const token = await mint({ scope: 'account.read catalog.read' });
    const client = await connect(server.url, { token });
    await client.callTool({ name: 'catalog_search', arguments: { keywords: ['shirt'] } });
    await client.close();
    expect(proxy.exchanges.length).toBeGreaterThan(0);
    for (const x of proxy.exchanges) {
      expect(JSON.stringify(x.requestHeaders)).not.toContain(token);
      expect(x.requestBody.toString('utf8')).not.toContain(token);
    }
  });
});

describe('long jobs as tasks (tasks extension, 2026-07-28)', () => {
  const TASKS = { extensions: { 'io.modelcontextprotocol/tasks': {} } };
  let id = 100;

  /** One 2026-07-28 request on the wire (the SDK 2.4 client cannot read a task result; ext-tasks drives it in hosts). */
  async function raw(url: string, method: string, params: Record<string, unknown>, caps: Record<string, unknown>): Promise<Record<string, any>> {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${TOKEN}`,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': method,
        // The routing header names the tool, or the task for tasks/* (the SDK checks it against the body).
        'mcp-name': String(method === 'tools/call' ? params.name : params.taskId),
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: ++id,
        method,
        params: {
          ...params,
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': caps,
            'io.modelcontextprotocol/clientInfo': { name: 'tasks-test', version: '1' },
          },
        },
      }),
    });
    const text = await res.text();
    const line = text.startsWith('{') ? text : (text.split('\n').find((l) => l.startsWith('data: ')) ?? '').slice(6);
    return JSON.parse(line) as Record<string, any>;
  }

  async function poll(url: string, taskId: string): Promise<Record<string, any>> {
    for (let i = 0; i < 200; i++) {
      const t = (await raw(url, 'tasks/get', { taskId }, TASKS)).result as Record<string, any>;
      if (t.status !== 'working') return t;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('task did not end');
  }

  it('a long-running tool returns a task handle at once; tasks/get returns the result when done', async () => {
    const server = await start({ kind: 'token', verifier: staticTokenVerifier(TOKEN) });
    const created = (
      await raw(server.url, 'tools/call', { name: 'reports_request', arguments: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', limit: 5 } }, TASKS)
    ).result as Record<string, any>;
    expect(created.resultType).toBe('task');
    expect(created.status).toBe('working');
    expect(typeof created.taskId).toBe('string');
    const done = await poll(server.url, created.taskId as string);
    expect(done.status).toBe('completed');
    expect(JSON.stringify(done.result.structuredContent)).toContain('GET_MERCHANT_LISTINGS_ALL_DATA');
    // A short tool stays synchronous, and so does a long one for a client without the extension.
    const sync = (await raw(server.url, 'tools/call', { name: 'audit_recent', arguments: {} }, TASKS)).result as Record<string, any>;
    expect(sync.resultType).not.toBe('task');
    expect(sync.structuredContent).toBeDefined();
    const plain = (
      await raw(server.url, 'tools/call', { name: 'reports_request', arguments: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', limit: 5 } }, {})
    ).result as Record<string, any>;
    expect(plain.resultType).not.toBe('task');
    expect(plain.structuredContent).toBeDefined();
  });

  it('tasks/cancel stops a task; an unknown id is refused; a client without the extension gets -32021', async () => {
    const server = await start({ kind: 'token', verifier: staticTokenVerifier(TOKEN) });
    const created = (
      await raw(
        server.url,
        'tools/call',
        { name: 'reports_request', arguments: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', maxWaitSeconds: 600 } },
        TASKS,
      )
    ).result as Record<string, any>;
    await raw(server.url, 'tasks/cancel', { taskId: created.taskId }, TASKS);
    const after = (await raw(server.url, 'tasks/get', { taskId: created.taskId }, TASKS)).result as Record<string, any>;
    expect(after.status).toBe('cancelled');
    const unknown = await raw(server.url, 'tasks/get', { taskId: 'not-a-task' }, TASKS);
    expect(unknown.error.message).toMatch(/Unknown task/);
    const plain = await raw(server.url, 'tasks/get', { taskId: created.taskId }, {});
    expect(plain.error.code).toBe(-32021);
  });
});
