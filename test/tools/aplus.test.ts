// A+ Content read tools through the MCP client: list with status, read modules and ASINs, 404s mapped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('aplus_list and aplus_get', () => {
  it('lists documents with their status, filters by status, and pages', async () => {
    const r = await h.call('aplus_list', {});
    expect(r.isError, r.text).toBe(false);
    expect(r.data.documents.map((d: { name: string; status: string }) => `${d.name}: ${d.status}`)).toEqual([
      'Northwind tees: APPROVED',
      'Kitchen basics (draft): DRAFT',
    ]);
    const drafts = await h.call('aplus_list', { status: 'DRAFT' });
    expect(drafts.data.documents).toHaveLength(1);
    // 12 more documents: a second page appears
    const seeded = h.emulator.context.aplus[0]!;
    for (let i = 0; i < 12; i++) h.emulator.context.aplus.push({ ...seeded, contentReferenceKey: `extra-${i}`, asins: [] });
    const first = await h.call('aplus_list', {});
    expect(first.data.documents).toHaveLength(10);
    const second = await h.call('aplus_list', { pageToken: first.data.nextPageToken });
    expect(second.data.documents).toHaveLength(4);
    expect(second.data.nextPageToken).toBeUndefined();
  });

  it('reads a document: modules with texts and image ids, and its ASINs with publication badges', async () => {
    const r = await h.call('aplus_get', { contentReferenceKey: 'emu-aplus-tees-1', includeRaw: true });
    expect(r.isError, r.text).toBe(false);
    expect(r.data).toMatchObject({ name: 'Northwind tees', status: 'APPROVED', locale: 'en-US', contentType: 'EBC' });
    expect(r.data.modules).toEqual([
      {
        type: 'STANDARD_HEADER_IMAGE_TEXT',
        texts: ['Soft cotton, made to last', 'Everyday comfort', 'Combed cotton that keeps its shape wash after wash.'],
        images: ['sc/emu-upload-tee-hero.jpg'],
      },
    ]);
    expect(r.data.raw[0].contentModuleType).toBe('STANDARD_HEADER_IMAGE_TEXT');
    expect(r.data.asins).toEqual([
      { asin: 'B0DEMO0001', badges: ['CONTENT_PUBLISHED'] },
      { asin: 'B0DEMO0002', badges: ['CONTENT_PUBLISHED'] },
    ]);
  });

  it('an unknown key is NOT_FOUND', async () => {
    const r = await h.call('aplus_get', { contentReferenceKey: 'nope' });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('NOT_FOUND');
  });
});
