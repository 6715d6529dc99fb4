// Date arguments for report ranges: a calendar day (UTC) or a full ISO 8601 date-time.
import { z } from 'zod';
import { ToolError } from '../../core/tool-error.js';

export const timeArg = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'YYYY-MM-DD or an ISO 8601 date-time with Z or an offset')
  .optional();

/** Epoch ms. A bare end date means the end of that day, capped at now (Amazon refuses times in the future). */
export function parseTimeArg(value: string, which: 'start' | 'end', now: number): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new ToolError('INVALID_REQUEST', `"${value}" is not a valid date. Use YYYY-MM-DD or an ISO 8601 date-time.`);
  // A little before now: Amazon's clock may run behind ours.
  const latest = now - 5_000;
  if (which === 'start') return ms;
  return Math.min(dateOnly ? ms + 86_399_000 : ms, latest);
}
