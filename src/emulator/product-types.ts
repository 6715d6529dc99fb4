// Product Type Definitions API 2020-09-01. Schemas are served as documents, like Amazon's S3-hosted links.
import { createHash } from 'node:crypto';
import { findMarketplace } from '../lib/marketplaces.js';
import { AMAZON_META_SCHEMA } from '../validation/meta-schema.js';
import { PRODUCT_TYPES, productTypeSchema, productTypeSchemaKey } from './seed/product-types/index.js';
import type { EmulatorDocuments } from './documents.js';
import { EmuError, csv, marketplaceIdsParam } from './http.js';
import type { HandlerTable } from './types.js';

const BAD = 'BAD_REQUEST';
/** Amazon's schema links stay valid for 7 days (PTD guide). */
const LINK_LIFETIME_SECONDS = 7 * 24 * 3600;
const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'];
const ENFORCED = ['ENFORCED', 'NOT_ENFORCED'];
const PARENTAGE = ['NONE', 'CHILD', 'PARENT'];

interface HostedDoc {
  documentId: string;
  checksum: string;
}

function versionOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64').slice(0, 12);
}

export function createProductTypesHandlers(documents: EmulatorDocuments): HandlerTable {
  const hosted = new Map<string, HostedDoc & { version: string }>();

  /** Stores a JSON document once and remembers its checksum (base64 MD5, as Amazon's SchemaLink). */
  const host = (key: string, value: unknown) => {
    let doc = hosted.get(key);
    if (!doc) {
      const bytes = Buffer.from(JSON.stringify(value, null, 2));
      const documentId = documents.putDownload(bytes, { contentType: 'application/json', compressed: false });
      doc = { documentId, checksum: createHash('md5').update(bytes).digest('base64'), version: versionOf(bytes) };
      hosted.set(key, doc);
    }
    return doc;
  };
  const link = (doc: HostedDoc) => ({
    link: { resource: documents.downloadUrlFor(doc.documentId, LINK_LIFETIME_SECONDS)!, verb: 'GET' },
    checksum: doc.checksum,
  });
  const enumParam = (q: URLSearchParams, name: string, allowed: string[], fallback: string) => {
    const v = q.get(name) ?? fallback;
    if (!allowed.includes(v)) throw new EmuError(400, BAD, `Invalid '${name}' provided: ${v}.`);
    return v;
  };
  let searchVersion: string | undefined;
  const allVersions = () => (searchVersion ??= versionOf(Buffer.from(JSON.stringify(Object.values(PRODUCT_TYPES).map((d) => d.schema)))));

  return {
    searchDefinitionsProductTypes(req) {
      const q = req.query;
      const mps = marketplaceIdsParam(q, BAD);
      const keywords = csv(q, 'keywords').map((k) => k.toLowerCase());
      const itemName = q.get('itemName');
      if (keywords.length && itemName !== null) throw new EmuError(400, BAD, "Cannot use 'keywords' and 'itemName' together.");
      let names = Object.keys(PRODUCT_TYPES).sort();
      if (keywords.length) {
        names = names.filter((n) => {
          const d = PRODUCT_TYPES[n]!;
          const words = [n, d.displayName, ...d.keywords].map((w) => w.toLowerCase());
          return keywords.some((k) => words.some((w) => w.includes(k) || k.includes(w)));
        });
      } else if (itemName !== null) {
        // Recommend the product types whose keywords appear in the title, best match first.
        const title = itemName.toLowerCase();
        const score = (n: string) => PRODUCT_TYPES[n]!.keywords.filter((k) => title.includes(k.toLowerCase())).length;
        names = names.filter((n) => score(n) > 0).sort((a, b) => score(b) - score(a));
      }
      return {
        status: 200,
        body: {
          productTypes: names.map((name) => ({ name, displayName: PRODUCT_TYPES[name]!.displayName, marketplaceIds: mps })),
          productTypeVersion: allVersions(),
        },
      };
    },

    getDefinitionsProductType(req) {
      const q = req.query;
      const [mp] = marketplaceIdsParam(q, BAD, 1) as [string];
      const name = req.params['productType'] ?? '';
      const requirements = enumParam(q, 'requirements', REQUIREMENTS, 'LISTING');
      const requirementsEnforced = enumParam(q, 'requirementsEnforced', ENFORCED, 'ENFORCED');
      enumParam(q, 'parentageLevel', PARENTAGE, 'NONE');
      const locale = q.get('locale') ?? 'DEFAULT';
      if (locale !== 'DEFAULT' && !/^[a-z]{2}(_[A-Z]{2})?$/.test(locale)) throw new EmuError(400, BAD, `Invalid 'locale' provided: ${locale}.`);
      const def = PRODUCT_TYPES[name];
      const localeArg = locale === 'DEFAULT' ? undefined : locale;
      const schema = def ? productTypeSchema(name, mp, localeArg) : undefined;
      if (!def || !schema) throw new EmuError(400, BAD, `Product type '${name}' is not available in marketplace ${mp}.`, 'Invalid input');
      const schemaDoc = host(`schema:${productTypeSchemaKey(name, mp, localeArg)}`, schema);
      const requested = q.get('productTypeVersion') ?? 'LATEST';
      // One version per product type exists here: LATEST, RELEASE_CANDIDATE (none newer, so the latest) or its id.
      if (!['LATEST', 'RELEASE_CANDIDATE', schemaDoc.version].includes(requested)) {
        throw new EmuError(400, BAD, `Invalid 'productTypeVersion' provided: ${requested}.`);
      }
      return {
        status: 200,
        body: {
          metaSchema: link(host('meta-schema', AMAZON_META_SCHEMA)),
          schema: link(schemaDoc),
          requirements,
          requirementsEnforced,
          propertyGroups: def.propertyGroups,
          locale: localeArg ?? findMarketplace(mp)?.language ?? 'en_US',
          marketplaceIds: [mp],
          productType: name,
          displayName: def.displayName,
          productTypeVersion: { version: schemaDoc.version, latest: true, releaseCandidate: false },
        },
      };
    },
  };
}
