// One place that finds Amazon's models (../shared/sp-api-models beside the checkout; never copied into the project).
// A user's clone has no ../shared: every test that needs a model skips with a visible message instead of failing.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Beside the repository, not beside the working directory: vitest may be started from anywhere. */
export const MODELS_DIR = process.env.SP_API_MODELS_DIR ?? resolve(import.meta.dirname, '../../../shared/sp-api-models');

const warned = new Set<string>();

/** True when `relative` exists under the models folder; otherwise says once, visibly, what is skipped. */
export function haveModel(relative: string, skipped: string): boolean {
  const path = join(MODELS_DIR, relative);
  if (existsSync(path)) return true;
  if (!warned.has(path)) {
    warned.add(path);
    console.warn(`[skip] ${path} not found (no ../shared/sp-api-models; set SP_API_MODELS_DIR): ${skipped} skipped.`);
  }
  return false;
}

export function modelPath(relative: string): string {
  return join(MODELS_DIR, relative);
}

/** The parsed file, or undefined (with the message) when absent. */
export function readModel(relative: string, skipped: string): unknown {
  return haveModel(relative, skipped) ? JSON.parse(readFileSync(modelPath(relative), 'utf8')) : undefined;
}
