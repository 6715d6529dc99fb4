import { test } from 'vitest';
import { US, call, itemPath, sellerToken, shirtAttributes, startEmulator } from './helpers.js';
test('smoke', async () => {
  const emu = await startEmulator();
  const t = await sellerToken(emu);
  const r = await call(emu, t, 'PUT', itemPath(emu.credentials.sellerId, 'X1'), { query: { marketplaceIds: US }, body: { productType: 'SHIRT', attributes: shirtAttributes() } });
  console.log(r.status, r.text);
  await emu.close();
});
