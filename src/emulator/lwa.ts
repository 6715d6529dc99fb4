// Login with Amazon token endpoint (POST /auth/o2/token) and the access tokens it issues.
import { randomBytes } from 'node:crypto';
import type { Clock } from './types.js';

export const LWA_PATH = '/auth/o2/token';

/** Scopes Amazon documents for grantless calls. */
const KNOWN_SCOPES = new Set(['sellingpartnerapi::notifications', 'sellingpartnerapi::migration', 'sellingpartnerapi::client_credential:rotation']);

export interface AccessGrant {
  clientId: string;
  /** '' for grantless (client_credentials) tokens. */
  sellerId: string;
  scope?: string;
  expiresAt: number;
}

export interface LwaReply {
  status: number;
  body: Record<string, unknown>;
}

export class Lwa {
  private readonly secrets = new Map<string, string>();
  /** Secrets replaced by rotateApplicationClientSecret stay valid until their grace period ends. */
  private readonly previousSecrets = new Map<string, { secret: string; until: number }>();
  /** spapi_oauth_code values from the consent page: single use, 5 minutes (Amazon's documented lifetime). */
  private readonly authCodes = new Map<string, { clientId: string; sellerId: string; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, { clientId: string; sellerId: string }>();
  private readonly accessTokens = new Map<string, AccessGrant>();

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
  ) {}

  registerClient(clientId: string, secret: string): void {
    this.secrets.set(clientId, secret);
  }

  registerRefreshToken(refreshToken: string, clientId: string, sellerId: string): void {
    this.refreshTokens.set(refreshToken, { clientId, sellerId });
  }

  revokeRefreshToken(refreshToken: string): void {
    this.refreshTokens.delete(refreshToken);
  }

  /** A new secret replaces the old one at once (Amazon keeps the old one 7 days; tests want the failure now). */
  rotateClientSecret(clientId: string): string {
    if (!this.secrets.has(clientId)) throw new Error(`Unknown LWA client ${clientId}`);
    const secret = `amzn1.oa2-cs.v1.${randomBytes(32).toString('hex')}`;
    this.secrets.set(clientId, secret);
    this.previousSecrets.delete(clientId);
    return secret;
  }

  /** Rotation through the Application Management API: a new secret, the old one kept for `graceMs` (Amazon: 7 days). */
  rotateWithGrace(clientId: string, graceMs: number): string {
    const old = this.secrets.get(clientId);
    const secret = this.rotateClientSecret(clientId);
    if (old) this.previousSecrets.set(clientId, { secret: old, until: this.clock.now() + graceMs });
    return secret;
  }

  /** The seller consented on the consent page: a code the app exchanges for a refresh token. */
  issueAuthorizationCode(clientId: string, sellerId: string): string {
    const code = `ANemu${randomBytes(18).toString('base64url')}`;
    this.authCodes.set(code, { clientId, sellerId, expiresAt: this.clock.now() + 5 * 60_000 });
    return code;
  }

  #secretMatches(clientId: string, secret: string): boolean {
    if (this.secrets.get(clientId) === secret) return true;
    const prev = this.previousSecrets.get(clientId);
    return prev !== undefined && prev.secret === secret && this.clock.now() < prev.until;
  }

  /** The grant behind an access token, or undefined when unknown or expired. */
  lookup(accessToken: string): AccessGrant | undefined {
    const grant = this.accessTokens.get(accessToken);
    if (!grant) return undefined;
    if (this.clock.now() >= grant.expiresAt) {
      this.accessTokens.delete(accessToken);
      return undefined;
    }
    return grant;
  }

  /** Handles one token request; `contentType` and `body` are as received. */
  token(contentType: string, body: Buffer): LwaReply {
    const form = readParams(contentType, body);
    if (!form) {
      return fail(400, 'invalid_request', 'The request is missing a required parameter or is otherwise malformed');
    }
    const grantType = form.get('grant_type');
    if (!grantType) return missing('grant_type');
    if (grantType !== 'refresh_token' && grantType !== 'client_credentials' && grantType !== 'authorization_code') {
      return fail(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
    }
    const clientId = form.get('client_id');
    const clientSecret = form.get('client_secret');
    if (!clientId) return missing('client_id');
    if (!clientSecret) return missing('client_secret');
    const refreshToken = form.get('refresh_token');
    const scope = form.get('scope');
    if (refreshToken !== null && scope !== null) {
      return fail(400, 'invalid_request', 'The request has both refresh_token and scope parameters; send only one of them');
    }
    if (grantType === 'refresh_token' && !refreshToken) return missing('refresh_token');
    if (grantType === 'client_credentials' && !scope) return missing('scope');
    if (!this.#secretMatches(clientId, clientSecret)) return fail(401, 'invalid_client', 'Client authentication failed');
    if (grantType === 'authorization_code') return this.#exchangeCode(clientId, form.get('code'));

    const expiresIn = this.lifetimeSeconds;
    const accessToken = `Atza|${randomBytes(96).toString('base64url')}`;
    const expiresAt = this.clock.now() + expiresIn * 1000;
    if (grantType === 'refresh_token') {
      const owner = this.refreshTokens.get(refreshToken!);
      if (!owner || owner.clientId !== clientId) {
        return fail(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
      }
      this.accessTokens.set(accessToken, { clientId, sellerId: owner.sellerId, expiresAt });
      return {
        status: 200,
        body: { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer', expires_in: expiresIn },
      };
    }
    const scopes = scope!.split(' ').filter(Boolean);
    if (scopes.length === 0 || !scopes.every((s) => KNOWN_SCOPES.has(s))) {
      return fail(400, 'invalid_scope', 'The request has an invalid parameter : scope');
    }
    this.accessTokens.set(accessToken, { clientId, sellerId: '', scope: scopes.join(' '), expiresAt });
    return { status: 200, body: { access_token: accessToken, scope: scopes.join(' '), token_type: 'bearer', expires_in: expiresIn } };
  }
  #exchangeCode(clientId: string, code: string | null): LwaReply {
    if (!code) return missing('code');
    const issued = this.authCodes.get(code);
    this.authCodes.delete(code);
    if (!issued || issued.clientId !== clientId || this.clock.now() >= issued.expiresAt) {
      return fail(400, 'invalid_grant', 'The request has an invalid grant parameter : code');
    }
    const refreshToken = `Atzr|${randomBytes(64).toString('base64url')}`;
    this.registerRefreshToken(refreshToken, clientId, issued.sellerId);
    const accessToken = `Atza|${randomBytes(96).toString('base64url')}`;
    const expiresIn = this.lifetimeSeconds;
    this.accessTokens.set(accessToken, { clientId, sellerId: issued.sellerId, expiresAt: this.clock.now() + expiresIn * 1000 });
    return { status: 200, body: { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer', expires_in: expiresIn } };
  }
}

function fail(status: number, error: string, description: string): LwaReply {
  return { status, body: { error_description: description, error } };
}

function missing(param: string): LwaReply {
  return fail(400, 'invalid_request', `The request is missing a required parameter : ${param}`);
}

/**
 * Amazon's token endpoint reads its parameters from a form body or a JSON object (the widely used `amazon-sp-api`
 * npm client sends JSON). Anything else carries no parameters, which then fail as missing.
 */
function readParams(contentType: string, body: Buffer): URLSearchParams | undefined {
  const type = contentType.toLowerCase();
  if (type.startsWith('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return undefined;
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(json)) if (typeof v === 'string') params.set(k, v);
    return params;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(body.toString('utf8'));
  return new URLSearchParams();
}
