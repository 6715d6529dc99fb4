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

describe('aplus_save', () => {
  const modules = [
    {
      kind: 'header_image_text',
      headline: 'Cast iron, seasoned',
      image: { uploadDestinationId: 'sc/emu-upload-tee-hero.jpg', altText: 'Skillet on a stove' },
      body: ['Even heat, for decades.'],
    },
    {
      kind: 'comparison_table',
      metricLabels: ['Diameter', 'Weight'],
      products: [
        { title: '10 inch', asin: 'B0DEMO0017', highlight: true, values: ['10 in', '2.3 kg'] },
        { title: '12 inch', values: ['12 in', '3.1 kg'] },
      ],
    },
  ];

  it("previews with Amazon's validation, writes nothing, then creates a DRAFT exactly as previewed", async () => {
    const before = h.emulator.context.aplus.length;
    const args = { name: 'Skillets', modules, asins: ['B0DEMO0017'] };
    const preview = await h.call('aplus_save', args);
    expect(preview.isError, preview.text).toBe(false);
    expect(preview.data.phase).toBe('preview');
    expect(preview.data.confirm.diff_preview).toMatchObject({ modules: ['header_image_text', 'comparison_table'], validation: 'VALID' });
    expect(h.emulator.context.aplus.length).toBe(before);

    const done = await h.call('aplus_save', { ...args, confirmationToken: preview.data.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    const key = done.data.result.contentReferenceKey;
    const stored = h.emulator.context.aplus.find((d) => d.contentReferenceKey === key)!;
    expect(stored.status).toBe('DRAFT');
    expect(stored.document.contentModuleList[1]).toMatchObject({
      contentModuleType: 'STANDARD_COMPARISON_TABLE',
      standardComparisonTable: {
        metricRowLabels: [
          { position: 1, value: 'Diameter' },
          { position: 2, value: 'Weight' },
        ],
      },
    });
    const read = await h.call('aplus_get', { contentReferenceKey: key });
    expect(read.data.modules[0].texts).toContain('Cast iron, seasoned');

    // update: the approved tee document returns to DRAFT
    const upd = { contentReferenceKey: 'emu-aplus-tees-1', name: 'Northwind tees', modules: [{ kind: 'text', body: ['Soft and simple.'] }] };
    const p2 = await h.call('aplus_save', upd);
    expect(p2.data.confirm.summary).toMatch(/now APPROVED; it returns to DRAFT/);
    await h.call('aplus_save', { ...upd, confirmationToken: p2.data.confirmationToken });
    expect(h.emulator.context.aplus.find((d) => d.contentReferenceKey === 'emu-aplus-tees-1')!.status).toBe('DRAFT');
  });

  it('is blocked on what Amazon refuses: an unknown image, a prohibited claim, an unknown ASIN', async () => {
    const r = await h.call('aplus_save', {
      name: 'Bad',
      modules: [{ kind: 'image_text', image: { uploadDestinationId: 'sc/never-uploaded.jpg', altText: 'x' }, body: ['The #1 skillet, guaranteed.'] }],
      asins: ['B000000000'],
    });
    expect(r.data.phase).toBe('blocked');
    expect(r.data.confirmationToken).toBeUndefined();
    expect(r.data.confirm.diff_preview.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'ASIN_NOT_FOUND',
      'IMAGE_NOT_FOUND',
      'PROHIBITED_CLAIM',
    ]);
  });

  it('is hidden in read-only mode', async () => {
    const ro = await startHarness({ config: { readOnly: true } });
    try {
      const { tools } = await ro.mcp.listTools();
      expect(tools.map((x) => x.name)).toContain('aplus_get');
      expect(tools.map((x) => x.name)).not.toContain('aplus_save');
    } finally {
      await ro.close();
    }
  });
});

describe('aplus_submit', () => {
  it('applies ASINs (showing what is added and removed), submits after confirmation, and the approval shows later', async () => {
    const x = await startHarness({ emulator: { jobStepMs: 400 } }); // review: 2 steps = 0.8 s
    try {
      const args = { contentReferenceKey: 'emu-aplus-kitchen-2', asins: ['B0DEMO0017', 'B0DEMO0020'] };
      const preview = await x.call('aplus_submit', args);
      expect(preview.isError, preview.text).toBe(false);
      expect(preview.data.confirm.diff_preview).toMatchObject({
        status: 'DRAFT',
        asinsAdded: ['B0DEMO0017', 'B0DEMO0020'],
        asinsRemoved: [],
        validation: 'VALID',
      });
      const doc = () => x.emulator.context.aplus.find((d) => d.contentReferenceKey === 'emu-aplus-kitchen-2')!;
      expect(doc().status).toBe('DRAFT');
      const done = await x.call('aplus_submit', { ...args, confirmationToken: preview.data.confirmationToken });
      expect(done.isError, done.text).toBe(false);
      expect(done.data.result.status).toBe('SUBMITTED');
      expect(doc().asins).toEqual(['B0DEMO0017', 'B0DEMO0020']);
      const waiting = await x.call('aplus_get', { contentReferenceKey: 'emu-aplus-kitchen-2' });
      expect(waiting.data.status).toBe('SUBMITTED');
      // a second submission while in review is blocked
      const again = await x.call('aplus_submit', { contentReferenceKey: 'emu-aplus-kitchen-2' });
      expect(again.data.phase).toBe('blocked');
      await new Promise((r) => setTimeout(r, 900));
      const later = await x.call('aplus_list', { status: 'APPROVED' });
      expect(later.data.documents.map((d: { contentReferenceKey: string }) => d.contentReferenceKey)).toContain('emu-aplus-kitchen-2');

      // replacing the ASIN set shows the removal
      const shrink = await x.call('aplus_submit', { contentReferenceKey: 'emu-aplus-kitchen-2', asins: ['B0DEMO0017'], submit: false });
      expect(shrink.data.confirm.diff_preview).toMatchObject({ asinsRemoved: ['B0DEMO0020'], asinsKept: ['B0DEMO0017'] });
    } finally {
      await x.close();
    }
  });

  it('is blocked for an unknown ASIN', async () => {
    const r = await h.call('aplus_submit', { contentReferenceKey: 'emu-aplus-kitchen-2', asins: ['B000000000'] });
    expect(r.data.phase).toBe('blocked');
    expect(r.data.confirm.diff_preview.errors[0].code).toBe('ASIN_NOT_FOUND');
  });
});

describe('aplus_upload_image', () => {
  it('uploads a PNG from the allowed folders after confirmation, and aplus_save accepts its id', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'aplus-img-'));
    const saved = process.env.SP_API_MCP_EXPORT_ROOTS;
    process.env.SP_API_MCP_EXPORT_ROOTS = dir;
    try {
      const png = Buffer.alloc(64);
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(png);
      png.writeUInt32BE(970, 16);
      png.writeUInt32BE(600, 20);
      const file = join(dir, 'hero.img'); // the name says nothing; the bytes say PNG
      writeFileSync(file, png);
      writeFileSync(join(dir, 'notes.jpg'), 'not an image');

      const preview = await h.call('aplus_upload_image', { path: file });
      expect(preview.isError, preview.text).toBe(false);
      expect(preview.data.confirm.diff_preview).toMatchObject({ contentType: 'image/png', bytes: 64, width: 970, height: 600 });
      const uploadsBefore = h.emulator.context.aplusUploads.size;
      expect(uploadsBefore).toBe(0);
      const done = await h.call('aplus_upload_image', { path: file, confirmationToken: preview.data.confirmationToken });
      expect(done.isError, done.text).toBe(false);
      const id = done.data.result.uploadDestinationId as string;
      const stored = h.emulator.context.aplusUploads.get(id)!;
      expect(h.emulator.context.documents.uploaded(stored.documentId)?.bytes.equals(png)).toBe(true);

      const save = await h.call('aplus_save', {
        name: 'With upload',
        modules: [{ kind: 'header_image_text', headline: 'Hello', image: { uploadDestinationId: id, altText: 'Hero' }, body: ['Text.'] }],
      });
      expect(save.data.confirm.diff_preview.validation).toBe('VALID');

      const bad = await h.call('aplus_upload_image', { path: join(dir, 'notes.jpg') });
      expect(bad.data.error.code).toBe('INVALID_REQUEST');
      expect(bad.data.error.message).toMatch(/not a JPEG, PNG, GIF or BMP/);
      const outside = await h.call('aplus_upload_image', { path: '/etc/hostname' });
      expect(outside.data.error.code).toBe('INVALID_REQUEST');
    } finally {
      if (saved === undefined) delete process.env.SP_API_MCP_EXPORT_ROOTS;
      else process.env.SP_API_MCP_EXPORT_ROOTS = saved;
    }
  });
});
