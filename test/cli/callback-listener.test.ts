// The wizard's one-shot 127.0.0.1 listener, over real HTTP: the log-in URI hop, state verification, one use only.
import { describe, expect, it } from 'vitest';
import { consentUrl, startCallbackListener } from '../../src/cli/setup.js';

describe('callback listener', () => {
  it('sends a log-in URI visit back to Amazon with our state, then accepts only the matching redirect, once', async () => {
    const l = await startCallbackListener(0, 'the-state-value');
    try {
      const base = l.redirectUri.replace(/\/callback$/, '');
      const login = await fetch(
        `${base}/login?amazon_callback_uri=${encodeURIComponent('https://sellercentral.amazon.com/apps/authorize/confirm/x')}&amazon_state=az&selling_partner_id=A1`,
        {
          redirect: 'manual',
        },
      );
      expect(login.status).toBe(302);
      const back = new URL(login.headers.get('location')!);
      expect(back.origin).toBe('https://sellercentral.amazon.com');
      expect(Object.fromEntries(back.searchParams)).toEqual({ redirect_uri: l.redirectUri, amazon_state: 'az', state: 'the-state-value' });
      expect(
        (await fetch(`${base}/login?amazon_callback_uri=${encodeURIComponent('http://evil.example/x')}&amazon_state=az`, { redirect: 'manual' }))
          .status,
      ).toBe(400);

      expect((await fetch(`${l.redirectUri}?state=wrong-state-value&spapi_oauth_code=c&selling_partner_id=A1`)).status).toBe(400);
      const ok = await fetch(`${l.redirectUri}?state=the-state-value&spapi_oauth_code=code1&selling_partner_id=A1SELLER000000`);
      expect(ok.status).toBe(200);
      await expect(l.result).resolves.toEqual({ code: 'code1', sellingPartnerId: 'A1SELLER000000' });
    } finally {
      l.close();
    }
  });

  it('builds the consent URL with version=beta only for draft apps', () => {
    const draft = new URL(consentUrl('https://sellercentral.amazon.de', 'amzn1.sp.solution.x', 's', 'http://127.0.0.1:5000/callback', true));
    expect(draft.pathname).toBe('/apps/authorize/consent');
    expect(draft.searchParams.get('version')).toBe('beta');
    expect(
      new URL(consentUrl('https://sellercentral.amazon.de', 'amzn1.sp.solution.x', 's', 'http://127.0.0.1:5000/callback', false)).searchParams.has(
        'version',
      ),
    ).toBe(false);
  });
});
