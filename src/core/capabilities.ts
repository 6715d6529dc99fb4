// What a tool may touch. Each tool declares one capability; config decides which are allowed.
export const CAPABILITIES = [
  'account.read',
  'catalog.read',
  'listings.read',
  'listings.write',
  'feeds.read',
  'feeds.write',
  'reports.read',
  'solicitations.write',
  'orders.read',
  'pricing.read',
  'inventory.read',
  'aplus.read',
  'aplus.write',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Capabilities that change something at Amazon; removed by read-only mode. */
export const WRITE_CAPABILITIES: ReadonlySet<Capability> = new Set(['listings.write', 'feeds.write', 'solicitations.write', 'aplus.write']);

export const TOOLSETS = [
  'account',
  'catalog',
  'product_types',
  'listings',
  'feeds',
  'reports',
  'solicitations',
  'orders',
  'pricing',
  'inventory',
  'aplus',
] as const;
export type Toolset = (typeof TOOLSETS)[number];

export function isCapability(value: string): value is Capability {
  return (CAPABILITIES as readonly string[]).includes(value);
}

export function isToolset(value: string): value is Toolset {
  return (TOOLSETS as readonly string[]).includes(value);
}
