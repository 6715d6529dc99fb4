// Marketplace facts that shape a product type schema: the marketplace_id and language_tag enums and the
// currency of price attributes (Amazon serves one schema per marketplace). Ids from sp-api-facts §4.

export interface SchemaMarketplace {
  marketplaceId: string;
  name: string;
  currency: string;
  /** Language tags sellers may use for text attributes; the first is the default. */
  languages: readonly (readonly [tag: string, name: string])[];
  /** Smallest price step: JPY has no minor unit. */
  priceStep: number;
}

const mk = (
  marketplaceId: string,
  name: string,
  currency: string,
  languages: SchemaMarketplace['languages'],
  priceStep = 0.01,
): SchemaMarketplace => ({ marketplaceId, name, currency, languages, priceStep });

export const US_MARKETPLACE_ID = 'ATVPDKIKX0DER';

export const SCHEMA_MARKETPLACES: Record<string, SchemaMarketplace> = Object.fromEntries(
  [
    mk(US_MARKETPLACE_ID, 'Amazon.com', 'USD', [['en_US', 'English (United States)']]),
    mk('A2EUQ1WTGCTBG2', 'Amazon.ca', 'CAD', [
      ['en_CA', 'English (Canada)'],
      ['fr_CA', 'French (Canada)'],
    ]),
    mk('A1AM78C64UM0Y8', 'Amazon.com.mx', 'MXN', [['es_MX', 'Spanish (Mexico)']]),
    mk('A2Q3Y263D00KWC', 'Amazon.com.br', 'BRL', [['pt_BR', 'Portuguese (Brazil)']]),
    mk('A1F83G8C2ARO7P', 'Amazon.co.uk', 'GBP', [['en_GB', 'English (United Kingdom)']]),
    mk('A1PA6795UKMFR9', 'Amazon.de', 'EUR', [
      ['de_DE', 'German (Germany)'],
      ['en_GB', 'English (United Kingdom)'],
    ]),
    mk('A13V1IB3VIYZZH', 'Amazon.fr', 'EUR', [['fr_FR', 'French (France)']]),
    mk('APJ6JRA9NG5V4', 'Amazon.it', 'EUR', [['it_IT', 'Italian (Italy)']]),
    mk('A1RKKUPIHCS9HS', 'Amazon.es', 'EUR', [['es_ES', 'Spanish (Spain)']]),
    mk('A1805IZSGTT6HS', 'Amazon.nl', 'EUR', [['nl_NL', 'Dutch (Netherlands)']]),
    mk('A2NODRKZP88ZB9', 'Amazon.se', 'SEK', [['sv_SE', 'Swedish (Sweden)']]),
    mk('A1C3SOZRARQ6R3', 'Amazon.pl', 'PLN', [['pl_PL', 'Polish (Poland)']]),
    mk(
      'A1VC38T7YXB528',
      'Amazon.co.jp',
      'JPY',
      [
        ['ja_JP', 'Japanese (Japan)'],
        ['en_US', 'English (United States)'],
      ],
      1,
    ),
    mk('A39IBJ37TRP1C6', 'Amazon.com.au', 'AUD', [['en_AU', 'English (Australia)']]),
    mk('A21TJRUUN4KGV', 'Amazon.in', 'INR', [
      ['en_IN', 'English (India)'],
      ['hi_IN', 'Hindi (India)'],
    ]),
  ].map((m) => [m.marketplaceId, m]),
);

/** The schema shape for one marketplace, with `locale` as the default language tag when the marketplace uses it. */
export interface SchemaContext extends SchemaMarketplace {
  languageTag: string;
}

export function schemaContext(marketplaceId: string, locale?: string): SchemaContext | undefined {
  const m = SCHEMA_MARKETPLACES[marketplaceId];
  if (!m) return undefined;
  const wanted = locale?.replace('-', '_');
  const tag = m.languages.find(([t]) => t === wanted)?.[0] ?? m.languages[0]![0];
  return { ...m, languageTag: tag };
}
