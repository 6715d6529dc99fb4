// listings_images: image slots through the listings_patch plan, URL checks before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { imageUrlProblem } from '../../src/workflows/image-urls.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const stored = (sku: string) => h.emulator.context.listings.get(h.sellerId, sku);
const MAIN = 'https://images.example.com/skillet-main.jpg';

describe('listings_images', () => {
  it('previews before/after URLs per slot, writes nothing, then applies exactly that after confirmation', async () => {
    const sku = 'CL-SKILLET-10';
    const beforeMain = (stored(sku)?.attributes.main_product_image_locator as Array<{ media_location: string }>)[0]!.media_location;
    const args = {
      sku,
      productType: 'KITCHEN',
      main: MAIN,
      other: ['https://images.example.com/skillet-side.png', 'https://images.example.com/skillet-top.png'],
    };
    const preview = await h.call('listings_images', args);
    expect(preview.isError, preview.text).toBe(false);
    expect(preview.data.phase).toBe('preview');
    const images = preview.data.confirm.diff_preview.images as Array<{ slot: string; before: string; after: string; change: string }>;
    expect(images[0]).toEqual({ slot: 'main_product_image_locator', before: beforeMain, after: MAIN, change: 'replaced' });
    expect(images[1]).toMatchObject({ slot: 'other_product_image_locator_1', before: '(none)', change: 'added' });
    expect(preview.data.confirm.diff_preview.validationPreview).toBe('VALID');
    expect((stored(sku)?.attributes.main_product_image_locator as Array<{ media_location: string }>)[0]!.media_location).toBe(beforeMain);

    const done = await h.call('listings_images', { ...args, confirmationToken: preview.data.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(done.data.result.status).toBe('ACCEPTED');
    const attrs = stored(sku)!.attributes;
    expect(attrs.main_product_image_locator).toEqual([{ media_location: MAIN, marketplace_id: h.marketplaceId }]);
    expect((attrs.other_product_image_locator_2 as Array<{ media_location: string }>)[0]!.media_location).toContain('skillet-top');

    // null removes a slot; a token from listings_images cannot be used by listings_patch (bound to the tool).
    const remove = await h.call('listings_images', { sku, productType: 'KITCHEN', other: [null] });
    expect(remove.data.confirm.diff_preview.images.find((i: { slot: string }) => i.slot === 'other_product_image_locator_1').change).toBe('removed');
    const misuse = await h.call('listings_patch', {
      sku,
      productType: 'KITCHEN',
      patches: [{ op: 'delete', attribute: 'other_product_image_locator_1', value: [{ marketplace_id: h.marketplaceId }] }],
      confirmationToken: remove.data.confirmationToken,
    });
    expect(misuse.data.error.code).toBe('CONFIRMATION_MISMATCH');
    const gone = await h.call('listings_images', { sku, productType: 'KITCHEN', other: [null], confirmationToken: remove.data.confirmationToken });
    expect(gone.data.phase).toBe('executed');
    expect(stored(sku)!.attributes.other_product_image_locator_1).toBeUndefined();
    expect(stored(sku)!.attributes.other_product_image_locator_2).toBeDefined();
  });

  it('refuses non-https, relative, private and spaced URLs locally, before any call', async () => {
    const before = h.emulator.stats().requests;
    const r = await h.call('listings_images', {
      sku: 'CL-SKILLET-10',
      productType: 'KITCHEN',
      main: 'http://images.example.com/a.jpg',
      other: ['/relative.jpg', 'https://localhost/x.jpg', 'https://images.example.com/a b.jpg'],
    });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('INVALID_REQUEST');
    expect(r.data.error.message).toMatch(/main .*needs https.*other\[0\].*not an absolute URL.*other\[1\].*private host.*other\[2\].*whitespace/);
    expect(h.emulator.stats().requests).toBe(before);
  });

  it('listings_patch applies the same checks to image attributes', async () => {
    const r = await h.call('listings_patch', {
      sku: 'CL-SKILLET-10',
      productType: 'KITCHEN',
      patches: [{ op: 'replace', attribute: 'main_product_image_locator', value: [{ media_location: 'ftp://x.example.com/a.jpg' }] }],
    });
    expect(r.data.error.code).toBe('INVALID_REQUEST');
    expect(r.data.error.message).toMatch(/main_product_image_locator\[0\].*ftp/);
  });

  it('the URL check accepts ordinary CDN URLs', () => {
    expect(imageUrlProblem('https://m.media-amazon.com/images/I/71abc.jpg')).toBeUndefined();
    expect(imageUrlProblem('https://cdn.shop.example/p/1.png?v=2&w=1000')).toBeUndefined();
    expect(imageUrlProblem('https://user:pw@cdn.example.com/a.jpg')).toMatch(/password/);
  });
});
