// Every tool the server knows. The registry filters this list by capability, read-only mode and toolset.
import type { ToolSpec } from '../server/tool.js';
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
import { auditRecent } from './account/audit-recent.js';

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
  auditRecent,
] as unknown as ToolSpec[];
