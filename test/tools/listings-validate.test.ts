// listings_validate through a real MCP client. The harness lists tools first (as every real client does), so the
// client checks each structuredContent against the tool's declared output schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let shirt: Record<string, unknown>;

beforeAll(async () => {
  h = await startHarness();
  const r = await h.call('listings_get', { sku: 'NW-TEE-NAVY-M', includeAttributes: true });
  shirt = r.data.listing.attributes;
});
afterAll(async () => h?.close());

describe('listings_validate', () => {
  it("with preview=true returns Amazon's issues (with their categories) merged with the local ones", async () => {
    const { item_name: _dropped, ...withoutName } = shirt;
    const r = await h.call('listings_validate', { sku: 'NW-TEE-NAVY-M', productType: 'SHIRT', attributes: withoutName, preview: true });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.valid).toBe(false);
    expect(r.data.amazonStatus).toBe('INVALID');
    const amazon = r.data.issues.filter((i: { source: string }) => i.source === 'amazon');
    expect(amazon.length).toBeGreaterThan(0);
    expect(amazon.find((i: { attributeNames?: string[] }) => i.attributeNames?.includes('item_name'))?.categories).toContain('MISSING_ATTRIBUTE');
    expect(r.data.issues.some((i: { source: string }) => i.source === 'local')).toBe(true);
  });

  it('with preview=true on a valid listing says VALID and lists no errors', async () => {
    const r = await h.call('listings_validate', { sku: 'NW-TEE-NAVY-M', productType: 'SHIRT', attributes: shirt, preview: true });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.amazonStatus).toBe('VALID');
    expect(r.data.valid).toBe(true);
  });
});
