// The emulator's website-authorization consent page with the authorization_code grant, rotateApplicationClientSecret
// with its grace period, and the SQS-compatible queue (SigV4 verified), over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, lwa, startEmulator, type RunningEmulator } from './helpers.js';
import { deleteMessage, receiveMessages, type SqsError, type SqsAccess } from '../../src/auth/sqs.js';
import { exchangeAuthorizationCode } from '../../src/auth/lwa.js';

let emu: RunningEmulator;
let queue: SqsAccess;

beforeAll(async () => {
  emu = await startEmulator({ enforceRateLimits: false });
  queue = {
    queueUrl: emu.rotation.queueUrl,
    region: emu.rotation.awsRegion,
    accessKeyId: emu.rotation.awsAccessKeyId,
    secretAccessKey: emu.rotation.awsSecretAccessKey,
  };
});
afterAll(() => emu?.close());

function consentUrl(params: Record<string, string>): string {
  return `${emu.sellerCentral}/apps/authorize/consent?${new URLSearchParams(params).toString()}`;
}

describe('consent page and authorization_code grant', () => {
  const redirect = 'http://127.0.0.1:9/callback';

  it('redirects with spapi_oauth_code, selling_partner_id and the state; the code is single-use', async () => {
    const c = emu.credentials;
    const res = await fetch(consentUrl({ application_id: c.applicationId, state: 'st-1', redirect_uri: redirect, version: 'beta' }), {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(redirect);
    expect(to.searchParams.get('state')).toBe('st-1');
    expect(to.searchParams.get('selling_partner_id')).toBe(c.sellerId);
    const code = to.searchParams.get('spapi_oauth_code')!;
    const { refreshToken } = await exchangeAuthorizationCode({ clientId: c.clientId, clientSecret: c.clientSecret, code, endpoint: emu.lwaEndpoint });
    expect(refreshToken).toMatch(/^Atzr\|/);
    const token = await lwa(emu, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: c.clientId, client_secret: c.clientSecret });
    expect(token.status).toBe(200);
    const again = exchangeAuthorizationCode({ clientId: c.clientId, clientSecret: c.clientSecret, code, endpoint: emu.lwaEndpoint });
    await expect(again).rejects.toThrow(/invalid_grant.*single-use/);
  });

  it('refuses a draft app without version=beta, an unknown app, no state, and a non-loopback redirect', async () => {
    const c = emu.credentials;
    const base = { application_id: c.applicationId, state: 's', redirect_uri: redirect, version: 'beta' };
    const status = async (p: Record<string, string>) => (await fetch(consentUrl(p), { redirect: 'manual' })).status;
    expect(await status({ ...base, version: '' })).toBe(400);
    expect(await status({ ...base, application_id: 'amzn1.sp.solution.unknown' })).toBe(400);
    expect(await status({ ...base, state: '' })).toBe(400);
    expect(await status({ ...base, redirect_uri: 'https://evil.example/callback' })).toBe(400);
  });
});

describe('rotateApplicationClientSecret and the SQS queue', () => {
  it('needs a grantless rotation-scope token; a seller token is refused', async () => {
    const c = emu.credentials;
    const seller = await lwa(emu, {
      grant_type: 'refresh_token',
      refresh_token: c.refreshToken,
      client_id: c.clientId,
      client_secret: c.clientSecret,
    });
    expect((await call(emu, seller.json.access_token, 'POST', '/applications/2023-11-30/clientSecret')).status).toBe(403);
  });

  it('sends the new secret to the queue; the old secret keeps working for the grace period', async () => {
    const c = emu.credentials;
    const old = c.clientSecret;
    const grantless = await lwa(emu, {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::client_credential:rotation',
      client_id: c.clientId,
      client_secret: old,
    });
    const r = await call(emu, grantless.json.access_token, 'POST', '/applications/2023-11-30/clientSecret');
    expect(r.status).toBe(204);
    const messages = await receiveMessages(queue);
    expect(messages).toHaveLength(1);
    const n = JSON.parse(messages[0]!.body);
    expect(n).toMatchObject({
      notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
      payload: { applicationOAuthClientNewSecret: { clientId: c.clientId, newClientSecret: emu.credentials.clientSecret } },
    });
    // Invisible while being processed, gone once deleted.
    expect(await receiveMessages(queue)).toEqual([]);
    await deleteMessage(queue, messages[0]!.receiptHandle);
    expect(emu.sqs.depth(queue.queueUrl)).toBe(0);
    await expect(deleteMessage(queue, messages[0]!.receiptHandle)).rejects.toThrow(/ReceiptHandleIsInvalid/);
    for (const secret of [old, emu.credentials.clientSecret]) {
      const t = await lwa(emu, { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: secret });
      expect(t.status).toBe(200);
    }
  });

  it('verifies SigV4: a wrong secret key, an unknown key id and an unsigned request are refused', async () => {
    const err = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e as SqsError,
      );
    expect(await err(receiveMessages({ ...queue, secretAccessKey: 'wrong' }))).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(await err(receiveMessages({ ...queue, accessKeyId: 'AKIAUNKNOWN' }))).toMatchObject({ status: 403, type: 'InvalidClientTokenId' });
    const unsigned = await fetch(`${emu.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: JSON.stringify({ QueueUrl: queue.queueUrl }),
    });
    expect(unsigned.status).toBe(400);
    expect(await err(receiveMessages({ ...queue, queueUrl: `${emu.endpoint}/sqs/000000000000/nope` }))).toMatchObject({ type: 'QueueDoesNotExist' });
  });
});
