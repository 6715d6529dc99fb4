// Amazon marketplaces and the SP-API region that serves each (sp-api-facts §4).
export type Region = 'na' | 'eu' | 'fe';

export interface Marketplace {
  id: string;
  countryCode: string;
  name: string;
  region: Region;
  currency: string;
  language: string;
  domain: string;
}

const m = (id: string, countryCode: string, name: string, region: Region, currency: string, language: string, domain: string): Marketplace => ({
  id,
  countryCode,
  name,
  region,
  currency,
  language,
  domain,
});

export const MARKETPLACES: readonly Marketplace[] = [
  m('A2EUQ1WTGCTBG2', 'CA', 'Amazon.ca', 'na', 'CAD', 'en_CA', 'www.amazon.ca'),
  m('ATVPDKIKX0DER', 'US', 'Amazon.com', 'na', 'USD', 'en_US', 'www.amazon.com'),
  m('A1AM78C64UM0Y8', 'MX', 'Amazon.com.mx', 'na', 'MXN', 'es_MX', 'www.amazon.com.mx'),
  m('A2Q3Y263D00KWC', 'BR', 'Amazon.com.br', 'na', 'BRL', 'pt_BR', 'www.amazon.com.br'),
  m('A28R8C7NBKEWEA', 'IE', 'Amazon.ie', 'eu', 'EUR', 'en_IE', 'www.amazon.ie'),
  m('A1RKKUPIHCS9HS', 'ES', 'Amazon.es', 'eu', 'EUR', 'es_ES', 'www.amazon.es'),
  m('A1F83G8C2ARO7P', 'UK', 'Amazon.co.uk', 'eu', 'GBP', 'en_GB', 'www.amazon.co.uk'),
  m('A13V1IB3VIYZZH', 'FR', 'Amazon.fr', 'eu', 'EUR', 'fr_FR', 'www.amazon.fr'),
  m('AMEN7PMS3EDWL', 'BE', 'Amazon.com.be', 'eu', 'EUR', 'fr_BE', 'www.amazon.com.be'),
  m('A1805IZSGTT6HS', 'NL', 'Amazon.nl', 'eu', 'EUR', 'nl_NL', 'www.amazon.nl'),
  m('A1PA6795UKMFR9', 'DE', 'Amazon.de', 'eu', 'EUR', 'de_DE', 'www.amazon.de'),
  m('APJ6JRA9NG5V4', 'IT', 'Amazon.it', 'eu', 'EUR', 'it_IT', 'www.amazon.it'),
  m('A2NODRKZP88ZB9', 'SE', 'Amazon.se', 'eu', 'SEK', 'sv_SE', 'www.amazon.se'),
  m('AE08WJ6YKNBMC', 'ZA', 'Amazon.co.za', 'eu', 'ZAR', 'en_ZA', 'www.amazon.co.za'),
  m('A1C3SOZRARQ6R3', 'PL', 'Amazon.pl', 'eu', 'PLN', 'pl_PL', 'www.amazon.pl'),
  m('ARBP9OOSHTCHU', 'EG', 'Amazon.eg', 'eu', 'EGP', 'ar_EG', 'www.amazon.eg'),
  m('A33AVAJ2PDY3EV', 'TR', 'Amazon.com.tr', 'eu', 'TRY', 'tr_TR', 'www.amazon.com.tr'),
  m('A17E79C6D8DWNP', 'SA', 'Amazon.sa', 'eu', 'SAR', 'ar_SA', 'www.amazon.sa'),
  m('A2VIGQ35RCS4UG', 'AE', 'Amazon.ae', 'eu', 'AED', 'en_AE', 'www.amazon.ae'),
  m('A21TJRUUN4KGV', 'IN', 'Amazon.in', 'eu', 'INR', 'en_IN', 'www.amazon.in'),
  m('A19VAU5U5O7RUS', 'SG', 'Amazon.sg', 'fe', 'SGD', 'en_SG', 'www.amazon.sg'),
  m('A39IBJ37TRP1C6', 'AU', 'Amazon.com.au', 'fe', 'AUD', 'en_AU', 'www.amazon.com.au'),
  m('A1VC38T7YXB528', 'JP', 'Amazon.co.jp', 'fe', 'JPY', 'ja_JP', 'www.amazon.co.jp'),
];

const byId = new Map(MARKETPLACES.map((mp) => [mp.id, mp]));
// Accept "GB" as an alias of "UK": the 2021 developer guide used GB.
const byCountry = new Map<string, Marketplace>([...MARKETPLACES.map((mp) => [mp.countryCode, mp] as const), ['GB', byId.get('A1F83G8C2ARO7P')!]]);

export const REGION_ENDPOINTS: Record<Region, string> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};

export const SANDBOX_ENDPOINTS: Record<Region, string> = {
  na: 'https://sandbox.sellingpartnerapi-na.amazon.com',
  eu: 'https://sandbox.sellingpartnerapi-eu.amazon.com',
  fe: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
};

export const LWA_TOKEN_ENDPOINT = 'https://api.amazon.com/auth/o2/token';

export class UnknownMarketplaceError extends Error {
  constructor(readonly input: string) {
    super(
      `Unknown marketplace "${input}". Use a marketplace id such as ATVPDKIKX0DER or a country code such as US, DE, JP ` +
        `(known: ${MARKETPLACES.map((mp) => mp.countryCode).join(', ')}).`,
    );
    this.name = 'UnknownMarketplaceError';
  }
}

/** Resolves a marketplace id or a two-letter country code; throws UnknownMarketplaceError otherwise. */
export function resolveMarketplace(idOrCountry: string): Marketplace {
  const key = idOrCountry.trim();
  const found = byId.get(key) ?? byCountry.get(key.toUpperCase());
  if (!found) throw new UnknownMarketplaceError(idOrCountry);
  return found;
}

export function findMarketplace(idOrCountry: string): Marketplace | undefined {
  const key = idOrCountry.trim();
  return byId.get(key) ?? byCountry.get(key.toUpperCase());
}

export function regionOf(marketplaceId: string): Region {
  return resolveMarketplace(marketplaceId).region;
}

export function endpointFor(region: Region, sandbox = false): string {
  return (sandbox ? SANDBOX_ENDPOINTS : REGION_ENDPOINTS)[region];
}
