// Human confirmation of writes without elicitation: a single-use, expiring token bound to a hash of the
// exact request (tool, seller, marketplace, SKU, payload). Tokens are HMAC-signed with the store's secret (per
// process with SQLite; shared by the replicas of one PostgreSQL, so any of them can verify a token another issued),
// so a forged or altered token fails verification; used token ids are recorded so a replay is refused.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConfirmationLedger } from '../store/index.js';
import { canonicalJson } from '../lib/canonical-json.js';

export interface WriteRequest {
  tool: string;
  sellerId: string;
  marketplaceId: string;
  /** The listing written; absent for a batch write, which names its batch instead. */
  sku?: string | undefined;
  batch?: string | undefined;
  payload: unknown;
}

export function requestHash(req: WriteRequest): string {
  return createHash('sha256').update(canonicalJson(req)).digest('hex');
}

export type VerifyResult = { ok: true; tokenId: string } | { ok: false; code: 'CONFIRMATION_MISMATCH' | 'CONFIRMATION_EXPIRED'; message: string };

export class Confirmations {
  constructor(
    private readonly ledger: ConfirmationLedger,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private async sign(body: string): Promise<string> {
    return createHmac('sha256', await this.ledger.secret())
      .update(body)
      .digest('base64url');
  }

  async issue(hash: string): Promise<{ token: string; expiresAt: string }> {
    const exp = this.now() + this.ttlMs;
    const body = Buffer.from(JSON.stringify({ id: randomBytes(12).toString('base64url'), h: hash, exp })).toString('base64url');
    return { token: `${body}.${await this.sign(body)}`, expiresAt: new Date(exp).toISOString() };
  }

  /** Checks the token against the request being executed, then consumes it (atomically: a replay finds it used). */
  async verifyAndConsume(token: string, hash: string): Promise<VerifyResult> {
    const mismatch = (why: string): VerifyResult => ({
      ok: false,
      code: 'CONFIRMATION_MISMATCH',
      message: `${why} Nothing was written. Call the tool again without confirmationToken to get a fresh preview, show it to the user, and confirm that exact preview.`,
    });
    const [body, sig] = token.split('.');
    if (!body || !sig) return mismatch('The confirmation token is malformed.');
    const expected = Buffer.from(await this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return mismatch('The confirmation token was not issued by this server (or the server restarted since).');
    }
    let claims: { id: string; h: string; exp: number };
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return mismatch('The confirmation token is malformed.');
    }
    if (claims.h !== hash) return mismatch('The request differs from the one that was previewed (SKU, marketplace or payload changed).');
    if (this.now() > claims.exp) {
      return {
        ok: false,
        code: 'CONFIRMATION_EXPIRED',
        message:
          'The confirmation token has expired. Nothing was written. Preview again (call without confirmationToken) and confirm the new preview.',
      };
    }
    if (!(await this.ledger.use(claims.id, new Date(this.now()).toISOString()))) return mismatch('This confirmation token was already used.');
    return { ok: true, tokenId: claims.id };
  }
}
