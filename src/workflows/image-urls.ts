// Image locators point Amazon at a URL it downloads later; a bad URL fails only after processing, so the syntax and
// scheme are checked here, before anything is sent.
import type { Patch } from './listing-diff.js';

export const IMAGE_ATTRIBUTES = [
  'main_product_image_locator',
  ...Array.from({ length: 8 }, (_, i) => `other_product_image_locator_${i + 1}`),
] as const;
export type ImageAttribute = (typeof IMAGE_ATTRIBUTES)[number];

const MAX_URL_CHARS = 2048;

/** Why a URL cannot be an image locator, or undefined when it can. */
export function imageUrlProblem(url: string): string | undefined {
  if (url.length > MAX_URL_CHARS) return `longer than ${MAX_URL_CHARS} characters`;
  if (/\s/.test(url)) return 'contains whitespace (percent-encode it as %20)';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not an absolute URL';
  }
  if (u.protocol !== 'https:') return `uses ${u.protocol.replace(':', '')}; Amazon needs https`;
  if (/^(localhost|127\.|10\.|192\.168\.|169\.254\.)/.test(u.hostname) || u.hostname.endsWith('.local'))
    return 'points at a private host Amazon cannot reach';
  if (!u.hostname || !u.hostname.includes('.')) return 'has no public host name';
  if (u.username || u.password) return 'carries a user name or password';
  return undefined;
}

/** Problems with media_location values in patches on image attributes (any *_image_locator*). */
export function imageUrlProblems(patches: Patch[]): string[] {
  const out: string[] = [];
  for (const p of patches) {
    if (p.op === 'delete' || !/image_locator/.test(p.path)) continue;
    for (const [i, entry] of (p.value ?? []).entries()) {
      const url = (entry as { media_location?: unknown } | null)?.media_location;
      if (typeof url !== 'string') {
        out.push(`${p.path.slice(12)}[${i}] has no media_location URL`);
        continue;
      }
      const why = imageUrlProblem(url);
      if (why) out.push(`${p.path.slice(12)}[${i}] ${JSON.stringify(url.slice(0, 120))} ${why}`);
    }
  }
  return out;
}

/** The URL per image slot, for the preview's before/after table. */
export function imageUrls(attrs: Record<string, unknown>, marketplaceId: string): Partial<Record<ImageAttribute, string>> {
  const out: Partial<Record<ImageAttribute, string>> = {};
  for (const name of IMAGE_ATTRIBUTES) {
    const entries = attrs[name];
    if (!Array.isArray(entries)) continue;
    const e = (entries as Array<Record<string, unknown>>).find((x) => !x?.marketplace_id || x.marketplace_id === marketplaceId) ?? entries[0];
    const url = (e as Record<string, unknown> | undefined)?.media_location;
    if (typeof url === 'string') out[name] = url;
  }
  return out;
}
