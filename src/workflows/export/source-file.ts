// Opens a product file for export_load: only inside the allowed roots (symlinks resolved first), only regular
// files, only up to the size limit — all checked on the open handle before a byte of content is read.
import { open, realpath } from 'node:fs/promises';
import { delimiter, isAbsolute, relative, resolve, sep } from 'node:path';
import { realpathSync } from 'node:fs';
import { ToolError } from '../../core/tool-error.js';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Directories export_load may read from: SP_API_MCP_EXPORT_ROOTS (path-delimited), else the working directory. */
export function allowedRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = (env.SP_API_MCP_EXPORT_ROOTS ?? '')
    .split(delimiter)
    .map((s) => s.trim())
    .filter(Boolean);
  const roots = raw.length > 0 ? raw : [process.cwd()];
  return [...new Set(roots.map((r) => resolve(r)))];
}

export function maxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.SP_API_MCP_EXPORT_MAX_BYTES);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : DEFAULT_MAX_BYTES;
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A root as given and as it really is, so paths through a symlinked root are not refused. */
function rootForms(root: string): string[] {
  try {
    return [root, realpathSync(root)];
  } catch {
    return [root];
  }
}

function outside(given: string, roots: string[], why: string): ToolError {
  return new ToolError(
    'INVALID_REQUEST',
    `${given} ${why}. export_load only reads files under: ${roots.join(', ')}. Move or copy the file there, or ask the operator to add its folder to SP_API_MCP_EXPORT_ROOTS.`,
    { path: given, allowedRoots: roots },
  );
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export interface SourceFile {
  /** The real path (symlinks resolved). */
  path: string;
  bytes: Buffer;
}

export async function readSourceFile(given: string, env: NodeJS.ProcessEnv = process.env): Promise<SourceFile> {
  const roots = allowedRoots(env);
  const forms = roots.flatMap(rootForms);
  const lexical = resolve(given);
  // Refuse without touching the file system, so probing outside the roots reveals nothing.
  if (!forms.some((r) => inside(r, lexical))) throw outside(given, roots, 'is outside the allowed folders');

  let real: string;
  try {
    real = await realpath(lexical);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ToolError('NOT_FOUND', `File not found: ${given} (relative paths start at ${process.cwd()}). Check the path and call again.`, {
        path: given,
      });
    }
    throw new ToolError('INVALID_REQUEST', `Cannot open ${given}: ${(err as Error).message}.`, { path: given });
  }
  if (!forms.some((r) => inside(r, real))) throw outside(given, roots, `is a link to ${real}, which is outside the allowed folders`);

  const handle = await open(real, 'r').catch((err: Error) => {
    throw new ToolError('INVALID_REQUEST', `Cannot open ${given}: ${err.message}.`, { path: given });
  });
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      throw new ToolError('INVALID_REQUEST', `${given} is a folder, not a file. Give the path of a .csv, .xlsx or .json file.`, { path: given });
    if (!stat.isFile())
      throw new ToolError('INVALID_REQUEST', `${given} is not a regular file. Give the path of a .csv, .xlsx or .json file.`, { path: given });
    const limit = maxBytes(env);
    if (stat.size > limit) {
      throw new ToolError(
        'INVALID_REQUEST',
        `${given} is ${mb(stat.size)}; the limit is ${mb(limit)} (SP_API_MCP_EXPORT_MAX_BYTES). Nothing was loaded. Split the file into smaller files and load them one by one.`,
        { path: given, bytes: stat.size, maxBytes: limit },
      );
    }
    const bytes = await handle.readFile();
    // The file may have grown after the check; the limit still holds for what we parse.
    if (bytes.length > limit)
      throw new ToolError('INVALID_REQUEST', `${given} grew beyond the ${mb(limit)} limit while being read. Nothing was loaded.`, { path: given });
    return { path: real, bytes };
  } finally {
    await handle.close();
  }
}
