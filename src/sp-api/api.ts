// Every declared operation, checked against the operations table: an operation in the table without a declaration
// (or the other way round) does not compile. The client exposes each one as a typed method.
import type { z } from 'zod';
import type { Operation } from './declare.js';
import type { OperationName } from './operations.js';
import { listingsOperations } from './areas/listings.js';
import { catalogOperations } from './areas/catalog.js';
import { productTypeOperations } from './areas/product-types.js';
import { feedsOperations } from './areas/feeds.js';
import { reportsOperations } from './areas/reports.js';
import { solicitationsOperations } from './areas/solicitations.js';
import { sellersOperations } from './areas/sellers.js';
import { salesOperations } from './areas/sales.js';
import { applicationsOperations } from './areas/applications.js';
import { pricingOperations } from './areas/pricing.js';
import { fbaInventoryOperations } from './areas/fba-inventory.js';
import { ordersOperations } from './areas/orders.js';
import { aplusOperations } from './areas/aplus.js';
import { uploadsOperations } from './areas/uploads.js';

export const API = {
  ...listingsOperations,
  ...catalogOperations,
  ...productTypeOperations,
  ...feedsOperations,
  ...reportsOperations,
  ...solicitationsOperations,
  ...sellersOperations,
  ...salesOperations,
  ...applicationsOperations,
  ...pricingOperations,
  ...fbaInventoryOperations,
  ...ordersOperations,
  ...aplusOperations,
  ...uploadsOperations,
} satisfies Record<OperationName, Operation<z.ZodType, z.ZodType | undefined>>;

type Api = typeof API;
export type ParamsOf<K extends OperationName> = z.input<Api[K]['params']>;
export type ResultOf<K extends OperationName> = Api[K]['result'] extends z.ZodType ? z.output<Api[K]['result']> : void;
