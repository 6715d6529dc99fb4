// MCP over Streamable HTTP at /mcp: the SDK's createMcpHandler serves the 2026-07-28 revision and answers 2025-era
// clients statelessly; this module adds what a server reachable over a network needs in front of it — Host and
// Origin checks (DNS rebinding), CORS only for configured origins, bearer authentication (static token or OAuth
// JWTs) and the protected-resource metadata document. Tokens authenticate the MCP client only: they never reach
// Amazon (the SP-API client has its own LWA credentials).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import {
  createMcpHandler,
  getOAuthProtectedResourceMetadataUrl,
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  oauthMetadataResponse,
  originValidationResponse,
  requireBearerAuth,
  type AuthInfo,
  type AuthMetadataOptions,
  type OAuthTokenVerifier,
} from '@modelcontextprotocol/server';
import type { Logger } from 'pino';
import { buildServer, type ServerState } from './create-server.js';
import { CAPABILITIES } from '../core/capabilities.js';

export type HttpAuth =
  | { kind: 'none' }
  | { kind: 'token'; verifier: OAuthTokenVerifier }
  | { kind: 'oauth'; verifier: OAuthTokenVerifier; metadata: AuthMetadataOptions['oauthMetadata'] };

export interface HttpOptions {
  state: ServerState;
  host: string;
  port: number;
  auth: HttpAuth;
  /** Browser origins (e.g. https://app.example.com) allowed to call the server cross-origin. */
  corsOrigins: readonly string[];
  /** Host names, besides the bound one and localhost, that the Host header may carry (a proxy's public name). */
  allowedHosts: readonly string[];
  /** The URL clients use; the OAuth audience. Defaults to http://host:port/mcp. */
  publicUrl?: string;
  maxBodyBytes: number;
  log: Logger;
}

export const MCP_PATH = '/mcp';

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Refuses a configuration that would expose the seller's account to anyone who can reach the port. */
export function checkExposure(host: string, auth: HttpAuth): string | undefined {
  if (auth.kind === 'none' && !isLoopback(host)) {
    return `--http on ${host} (not a loopback address) needs authentication: set SP_API_MCP_HTTP_TOKEN, --auth-token-file or --oauth-issuer.`;
  }
  return undefined;
}

function hostnameOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    vary: 'Origin',
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, accept, mcp-protocol-version, mcp-session-id, last-event-id',
    'access-control-expose-headers': 'mcp-session-id, www-authenticate',
    'access-control-max-age': '600',
  };
}

function toWebRequest(req: IncomingMessage, base: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', base), {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

async function sendWebResponse(res: ServerResponse, response: Response, extra: Record<string, string>): Promise<void> {
  const headers: Record<string, string> = { ...extra };
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Stream (SSE upgrades write progress before the result); flush each chunk as it comes.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
  }
  res.end();
}

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

export async function serveHttp(opts: HttpOptions): Promise<HttpServer> {
  const refusal = checkExposure(opts.host, opts.auth);
  if (refusal) throw new Error(refusal);
  const { state, auth, log } = opts;
  const handler = createMcpHandler(({ era }) => buildServer(state, { era, scopeChallenges: auth.kind === 'oauth' }), {
    legacy: 'stateless',
    maxRequestBodySize: opts.maxBodyBytes,
    onerror: (err) => log.debug({ err: err.message }, 'mcp request refused or failed'),
  });

  const server = createHttpServer();
  // Clients keep connections open between calls; closing an idle one as a client reuses it loses that request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
  const base = `http://${hostForUrl}:${port}`;
  const publicUrl = new URL(opts.publicUrl ?? `${base}${MCP_PATH}`);
  const resourceMetadataUrl = auth.kind === 'oauth' ? getOAuthProtectedResourceMetadataUrl(publicUrl) : undefined;
  const metadataOptions: AuthMetadataOptions | undefined =
    auth.kind === 'oauth'
      ? {
          oauthMetadata: auth.metadata,
          resourceServerUrl: publicUrl,
          scopesSupported: [...CAPABILITIES],
          resourceName: 'sp-api-mcp',
          dangerouslyAllowInsecureIssuerUrl: isLoopback(new URL(auth.metadata.issuer).hostname),
        }
      : undefined;
  const gate =
    auth.kind === 'none'
      ? undefined
      : requireBearerAuth({
          verifier: auth.verifier,
          ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}),
          ...(auth.kind === 'oauth' ? { expectedResource: publicUrl } : {}),
        });

  // Host names a request may carry: this machine's, the public URL's (behind a proxy) and the configured ones.
  const allowedHosts = [...localhostAllowedHostnames(), hostnameOf(`http://${hostForUrl}`), publicUrl.hostname, ...opts.allowedHosts];
  const allowedOrigins = [...(isLoopback(opts.host) ? localhostAllowedOrigins() : []), ...opts.corsOrigins.map(hostnameOf)];
  const cors = new Set(opts.corsOrigins.map((o) => o.replace(/\/$/, '')));

  const answer = async (request: Request): Promise<Response> => {
    const badHost = hostHeaderValidationResponse(request, allowedHosts);
    if (badHost) return badHost;
    const badOrigin = originValidationResponse(request, allowedOrigins);
    if (badOrigin) return badOrigin;
    if (request.method === 'OPTIONS') return new Response(null, { status: 204 });
    if (metadataOptions) {
      const doc = oauthMetadataResponse(request, metadataOptions);
      if (doc) return doc;
    }
    const path = new URL(request.url).pathname;
    if (path !== MCP_PATH) return Response.json({ error: 'not_found', message: `MCP is served at ${MCP_PATH}` }, { status: 404 });
    let authInfo: AuthInfo | undefined;
    if (gate) {
      const verdict = await gate(request);
      if (verdict instanceof Response) return verdict;
      authInfo = verdict;
    }
    return handler.fetch(request, authInfo ? { authInfo } : {});
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const origin = req.headers.origin;
    const extra = origin && cors.has(origin) ? corsHeaders(origin) : {};
    void answer(toWebRequest(req, base, abort.signal))
      .then((response) => sendWebResponse(res, response, extra))
      .catch((err: Error) => {
        log.error({ err: err.message }, 'http request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'server_error' }));
      });
  });

  return {
    url: `${base}${MCP_PATH}`,
    close: async () => {
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
