// Who may call the HTTP server: a static bearer token (self-hosted default) or OAuth 2.1 access tokens (JWTs) from a
// configured issuer, verified against its JWKS with `jose`. Scopes are our capability names (listings.write, …).
import { createHash, timingSafeEqual } from 'node:crypto';
import { OAuthError, OAuthErrorCode, type AuthInfo, type OAuthMetadata, type OAuthTokenVerifier } from '@modelcontextprotocol/server';
import { CAPABILITIES } from '../core/capabilities.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** One shared secret; the principal holding it may use every capability the operator's settings allow. */
export function staticTokenVerifier(token: string): OAuthTokenVerifier {
  if (token.length < 16) throw new Error('The HTTP token must be at least 16 characters (SP_API_MCP_HTTP_TOKEN or --auth-token-file).');
  const expected = digest(token);
  return {
    verifyAccessToken: async (presented) => {
      // Compare digests so the comparison takes the same time whatever the length presented.
      if (!timingSafeEqual(digest(presented), expected)) throw new OAuthError(OAuthErrorCode.InvalidToken, 'Invalid token');
      return { token: presented, clientId: 'static-token', scopes: [...CAPABILITIES], expiresAt: Math.floor(Date.now() / 1000) + 3600 };
    },
  };
}

/** The issuer's RFC 8414 metadata (falling back to OpenID discovery): where its keys are. */
export async function discoverIssuer(issuer: string): Promise<OAuthMetadata> {
  const base = issuer.replace(/\/$/, '');
  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    const res = await fetch(`${base}${path}`).catch(() => undefined);
    if (res?.ok) {
      const doc = (await res.json()) as OAuthMetadata;
      if (doc.issuer?.replace(/\/$/, '') !== base) throw new Error(`The issuer's metadata names another issuer (${doc.issuer}).`);
      return doc;
    }
  }
  throw new Error(`Could not read OAuth metadata from ${base} (tried RFC 8414 and OpenID discovery).`);
}

export interface JwtVerifierOptions {
  issuer: string;
  jwksUri: string;
  /** This server's resource identifier (its public /mcp URL): tokens for another audience are refused. */
  audience: string;
}

export async function jwtVerifier(opts: JwtVerifierOptions): Promise<OAuthTokenVerifier> {
  const { createRemoteJWKSet, jwtVerify, errors } = await import('jose');
  const keys = createRemoteJWKSet(new URL(opts.jwksUri));
  return {
    verifyAccessToken: async (token): Promise<AuthInfo> => {
      try {
        const { payload } = await jwtVerify(token, keys, { issuer: opts.issuer, audience: opts.audience });
        const scope = typeof payload.scope === 'string' ? payload.scope.split(' ') : Array.isArray(payload.scp) ? payload.scp.map(String) : [];
        const clientId = [payload.client_id, payload.azp, payload.sub].find((v): v is string => typeof v === 'string') ?? 'unknown';
        return {
          token,
          clientId,
          scopes: scope.filter(Boolean),
          ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp } : {}),
          resource: new URL(opts.audience),
          ...(typeof payload.sub === 'string' ? { extra: { sub: payload.sub } } : {}),
        };
      } catch (err) {
        if (err instanceof errors.JOSEError) throw new OAuthError(OAuthErrorCode.InvalidToken, 'Invalid or expired access token');
        throw err;
      }
    },
  };
}
