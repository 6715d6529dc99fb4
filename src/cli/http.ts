// `--http`: turns the command-line settings into the HTTP server's authentication and starts it.
import { readFileSync } from 'node:fs';
import type { HttpArgs } from './args.js';
import type { ServerState } from '../server/create-server.js';
import { serveHttp, type HttpAuth, type HttpServer, MCP_PATH } from '../server/http.js';
import { discoverIssuer, jwtVerifier, staticTokenVerifier } from '../server/http-auth.js';
import { ConfigError } from '../lib/config-error.js';
import { log } from '../lib/log.js';

/** Request bodies above this are refused with 413 before parsing (a listings feed goes through a document, not MCP). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function authFrom(args: HttpArgs, publicUrl: string | undefined): Promise<HttpAuth> {
  if (args.oauthIssuer) {
    if (!publicUrl) throw new ConfigError('--oauth-issuer needs --public-url: the URL clients use is the audience tokens must carry.');
    const metadata = await discoverIssuer(args.oauthIssuer).catch((err: Error) => {
      throw new ConfigError(err.message);
    });
    const jwksUri = args.oauthJwksUrl ?? (metadata as { jwks_uri?: string }).jwks_uri;
    if (!jwksUri) throw new ConfigError("The issuer's metadata names no jwks_uri; pass --oauth-jwks-url.");
    return { kind: 'oauth', metadata, verifier: await jwtVerifier({ issuer: metadata.issuer, jwksUri, audience: publicUrl }) };
  }
  const token = args.authTokenFile ? readFileSync(args.authTokenFile, 'utf8').trim() : process.env.SP_API_MCP_HTTP_TOKEN?.trim();
  if (token) {
    try {
      return { kind: 'token', verifier: staticTokenVerifier(token) };
    } catch (err) {
      throw new ConfigError((err as Error).message);
    }
  }
  return { kind: 'none' };
}

export async function startHttp(args: HttpArgs, state: ServerState): Promise<HttpServer> {
  const publicUrl = args.publicUrl ?? (args.port !== 0 ? `http://${args.host}:${args.port}${MCP_PATH}` : undefined);
  const auth = await authFrom(args, publicUrl);
  if (auth.kind === 'none') log.warn('HTTP without authentication: only processes on this machine can reach it (loopback).');
  try {
    return await serveHttp({
      state,
      host: args.host,
      port: args.port,
      auth,
      corsOrigins: args.corsOrigins,
      allowedHosts: args.allowedHosts,
      ...(args.publicUrl ? { publicUrl: args.publicUrl } : {}),
      maxBodyBytes: MAX_BODY_BYTES,
      log,
    });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}
