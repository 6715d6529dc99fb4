// Public face of the product-type validator (implementation in this folder).
// Amazon's issue shape so callers can return issues to an assistant unchanged.
export interface SchemaIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING';
  categories: string[];
  attributeNames: string[];
}

export type AttributesValidator = (attributes: Record<string, unknown>) => SchemaIssue[];

export { getValidator, validateAttributes, compileValidator, clearValidatorCache, createAjv } from './ajv.js';
export { toIssues, ISSUE_CODES, displayPath } from './issues.js';
export type { IssueContext } from './issues.js';
export { AMAZON_KEYWORDS, addAmazonKeywords, selectorTuple, countTuples } from './keywords.js';
export { AMAZON_META_SCHEMA, AMAZON_META_SCHEMA_ID, AMAZON_VOCABULARY_ID } from './meta-schema.js';
