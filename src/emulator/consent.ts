// Seller Central's consent page of the website authorization workflow, reduced to what a logged-in seller who
// clicks "Confirm" produces: a redirect to the app's redirect URI with spapi_oauth_code, selling_partner_id and
// the app's state. Draft apps must be authorised with version=beta, as on Amazon.
import type { Lwa } from './lwa.js';

export const CONSENT_PATH = '/apps/authorize/consent';

export interface EmulatorApp {
  applicationId: string;
  clientId: string;
  /** Draft (not yet published) apps need version=beta on the consent URL. */
  draft: boolean;
}

export interface ConsentReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function page(status: number, text: string): ConsentReply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
}

function loopbackRedirect(value: string): URL | undefined {
  try {
    const url = new URL(value);
    // Stands in for "one of the app's registered redirect URIs": only loopback callbacks are accepted here.
    return url.protocol === 'http:' && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(url.host.replace(/:\d+$/, '')) ? url : undefined;
  } catch {
    return undefined;
  }
}

export function consent(apps: readonly EmulatorApp[], lwa: Lwa, sellerId: string, query: URLSearchParams): ConsentReply {
  const app = apps.find((a) => a.applicationId === query.get('application_id'));
  if (!app) return page(400, 'We could not find the application you are trying to authorize (unknown application_id).');
  if (app.draft && query.get('version') !== 'beta') {
    return page(400, 'This application is in draft status: authorize it with version=beta on the consent URL (MD1000).');
  }
  const state = query.get('state');
  if (!state) return page(400, 'The authorization request has no state parameter.');
  const redirect = loopbackRedirect(query.get('redirect_uri') ?? '');
  if (!redirect) return page(400, "redirect_uri is missing or is not one of the application's registered redirect URIs.");
  redirect.searchParams.set('state', state);
  redirect.searchParams.set('selling_partner_id', sellerId);
  redirect.searchParams.set('spapi_oauth_code', lwa.issueAuthorizationCode(app.clientId, sellerId));
  return { status: 302, headers: { Location: redirect.toString(), 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Redirecting' };
}
