// Every tool the server knows. The registry filters this list by capability, read-only mode and toolset.
import type { ToolSpec } from '../core/tool.js';
import { accountStatus } from './account/account-status.js';
import { catalogSearch } from './catalog/catalog-search.js';
import { catalogGetItem } from './catalog/catalog-get-item.js';
import { productTypesSearch } from './product-types/product-types-search.js';
import { productTypeRequirements } from './product-types/product-type-requirements.js';
import { listingsGet } from './listings/listings-get.js';
import { listingsSearch } from './listings/listings-search.js';
import { listingsRestrictions } from './listings/listings-restrictions.js';
import { listingsValidate } from './listings/listings-validate.js';
import { listingsPut } from './listings/listings-put.js';
import { listingsPatch } from './listings/listings-patch.js';
import { listingsDelete } from './listings/listings-delete.js';
import { listingsImages } from './listings/listings-images.js';
import { auditRecent } from './account/audit-recent.js';
import { accountHealth } from './account/account-health.js';
import { reportsRequest } from './reports/reports-request.js';
import { reportsGet } from './reports/reports-get.js';
import { reportsList } from './reports/reports-list.js';
import { feedsSubmitListings } from './feeds/feeds-submit-listings.js';
import { feedsStatus } from './feeds/feeds-status.js';
import { feedsList } from './feeds/feeds-list.js';
import { solicitationsCheck } from './solicitations/solicitations-check.js';
import { solicitationsRequestReview } from './solicitations/solicitations-request-review.js';
import { ordersMetrics } from './orders/orders-metrics.js';
import { exportMap } from './export/export-map.js';
import { exportPreview } from './export/export-preview.js';
import { exportSubmit } from './export/export-submit.js';
import { exportStatus } from './export/export-status.js';
import { exportLoad } from './export/export-load.js';
import { exportReport } from './export/export-report.js';
import { exportDiscard } from './export/export-discard.js';
import { inventoryUpdate } from './inventory/inventory-update.js';
import { pricingInsightTool } from './pricing/pricing-insight.js';
import { fbaInventory } from './inventory/fba-inventory.js';
import { ordersList } from './orders/orders-list.js';
import { aplusList } from './aplus/aplus-list.js';
import { aplusGet } from './aplus/aplus-get.js';
import { aplusSave } from './aplus/aplus-save.js';
import { aplusSubmit } from './aplus/aplus-submit.js';
import { aplusUploadImage } from './aplus/aplus-upload-image.js';

export const ALL_TOOLS = [
  accountStatus,
  catalogSearch,
  catalogGetItem,
  productTypesSearch,
  productTypeRequirements,
  listingsGet,
  listingsSearch,
  listingsRestrictions,
  listingsValidate,
  listingsPut,
  listingsPatch,
  listingsDelete,
  listingsImages,
  auditRecent,
  accountHealth,
  reportsRequest,
  reportsGet,
  reportsList,
  feedsSubmitListings,
  feedsStatus,
  feedsList,
  solicitationsCheck,
  solicitationsRequestReview,
  ordersMetrics,
  exportLoad,
  exportMap,
  exportPreview,
  exportSubmit,
  exportDiscard,
  exportStatus,
  exportReport,
  inventoryUpdate,
  pricingInsightTool,
  fbaInventory,
  ordersList,
  aplusList,
  aplusGet,
  aplusSave,
  aplusSubmit,
  aplusUploadImage,
] as unknown as ToolSpec[];
