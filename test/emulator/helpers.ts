// Test helpers: talk to a real emulator over HTTP, as any client would.
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/types.js';
import { encodePathSegment } from '../../src/sp-api/operations.js';

export const US = 'ATVPDKIKX0DER';
export const UK = 'A1F83G8C2ARO7P';
export const BR = 'A2Q3Y263D00KWC';

export { startEmulator };
export type { RunningEmulator };

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function lwa(
  emu: RunningEmulator,
  form: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded;charset=UTF-8',
): Promise<Reply> {
  const body = contentType.startsWith('application/json') ? JSON.stringify(form) : new URLSearchParams(form).toString();
  const res = await fetch(emu.lwaEndpoint, { method: 'POST', headers: { 'content-type': contentType }, body });
  return toReply(res);
}

/** A seller access token for the demo credentials. */
export async function sellerToken(emu: RunningEmulator): Promise<string> {
  const c = emu.credentials;
  const r = await lwa(emu, { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret });
  if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${r.text}`);
  return r.json.access_token as string;
}

export async function call(
  emu: RunningEmulator,
  token: string | undefined,
  method: string,
  path: string,
  opts: { query?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<Reply> {
  const q = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
  const headers: Record<string, string> = {};
  if (token) headers['x-amz-access-token'] = token;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${emu.endpoint}${path}${q}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  return toReply(res);
}

export function itemPath(sellerId: string, sku: string): string {
  return `/listings/2021-08-01/items/${encodePathSegment(sellerId)}/${encodePathSegment(sku)}`;
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A clock tests can move by hand. */
export function manualClock(start = Date.now()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

export async function withEmulator<T>(opts: EmulatorOptions, fn: (emu: RunningEmulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator(opts);
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

/** Valid SHIRT attributes for the US marketplace. */
export function shirtAttributes(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const t = (value: unknown) => [{ value, language_tag: 'en_US', marketplace_id: US }];
  const p = (value: unknown) => [{ value, marketplace_id: US }];
  return {
    item_name: t('Test Tee, Blue, Large'),
    brand: t('Northwind Apparel'),
    item_type_keyword: p('t-shirts'),
    bullet_point: t('Soft cotton'),
    product_description: t('A plain test tee.'),
    country_of_origin: p('US'),
    department: p('mens'),
    material: t('Cotton'),
    color: t('Blue'),
    size: t('Large'),
    care_instructions: p('machine_wash'),
    externally_assigned_product_identifier: [{ type: 'upc', value: '036000291452', marketplace_id: US }],
    condition_type: p('new_new'),
    purchasable_offer: [{ currency: 'USD', marketplace_id: US, our_price: [{ schedule: [{ value_with_tax: 21.5 }] }] }],
    fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }],
    main_product_image_locator: [{ media_location: 'https://m.media-amazon.com/images/I/71TEST.jpg', marketplace_id: US }],
    ...overrides,
  };
}
