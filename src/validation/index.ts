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
