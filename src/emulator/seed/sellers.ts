// The demo seller account and the fixed demo LWA credentials the emulator accepts.
import type { EmulatorCredentials, SellerAccount } from '../types.js';

export const DEMO_SELLER_ID = 'A1EMULATORSLR0';
export const US_MARKETPLACE_ID = 'ATVPDKIKX0DER';

/** Fixed so a demo config keeps working across emulator restarts. Not secrets: they only open the local emulator. */
export const DEMO_CREDENTIALS: EmulatorCredentials = {
  applicationId: 'amzn1.sp.solution.0e3a1a70-15d6-4c2f-9b0d-5e6f7a8b9c0d',
  clientId: 'amzn1.application-oa2-client.0e3a1a7015d64c2f9b0d5e6f7a8b9c0d',
  clientSecret: 'amzn1.oa2-cs.v1.emulator0demo0secret00000000000000000000000000000000000001',
  refreshToken: 'Atzr|IwEBIEmulatorDemoRefreshToken-for-local-use-only-0000000000000000000000000001',
  sellerId: DEMO_SELLER_ID,
  marketplaceId: US_MARKETPLACE_ID,
};

export function seedSellers(): SellerAccount[] {
  return [
    {
      sellerId: DEMO_SELLER_ID,
      storeName: 'Northwind Goods Co.',
      // US, CA, MX, UK, DE, JP
      marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8', 'A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A1VC38T7YXB528'],
    },
  ];
}

/** Marketplaces where the demo seller has suspended listings (shown by getMarketplaceParticipations). */
export const SUSPENDED_LISTINGS_IN = new Set(['A1AM78C64UM0Y8']);

/** The AWS key (an IAM user's) that may read the demo app's rotation queue. Only opens the local emulator. */
export const DEMO_AWS_KEY = { accessKeyId: 'AKIAEMULATOR00000001', secretAccessKey: 'emulator/aws/secret/key/for/local/use/only/0001' };
