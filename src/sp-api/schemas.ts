// Every SP-API schema we read or send, from the area files that declare the operations (src/sp-api/areas/).
export * from './declare.js';
export * from './areas/listings.js';
export * from './areas/catalog.js';
export * from './areas/product-types.js';
export * from './areas/feeds.js';
export * from './areas/reports.js';
export * from './areas/solicitations.js';
export * from './areas/sellers.js';
export * from './areas/sales.js';
