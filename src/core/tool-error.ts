// Tool errors an assistant can act on: a stable code plus a message that says what to do next.
export const TOOL_ERROR_CODES = [
  'INVALID_REQUEST',
  'CAPABILITY_NOT_ALLOWED',
  'MARKETPLACE_NOT_ALLOWED',
  'NO_CONNECTION',
  'TOKEN_EXPIRED',
  'SP_API_ERROR',
  'RATE_LIMIT',
  'NOT_FOUND',
  'CANCELLED',
  'CONFIRMATION_MISMATCH',
  'CONFIRMATION_EXPIRED',
  'CONFIRMATION_REQUIRED',
  'WRITE_BUDGET_EXCEEDED',
  'BATCH_TOO_LARGE',
  'INTERNAL_ERROR',
] as const;
export type ToolErrorCode = (typeof TOOL_ERROR_CODES)[number];

export class ToolError extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ToolError';
  }
}
