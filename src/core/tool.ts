// The shape every tool file exports. One file per tool under src/tools/<area>/.
import type { z } from 'zod';
import type { ConfirmRound } from './input-needed.js';
import type { Logger } from 'pino';
import type { Capability, Toolset } from './capabilities.js';
import type { ServerConfig } from './config.js';
import type { SpApiClient } from '../sp-api/client.js';
import type { ResourceStore } from './resources.js';
import type { AuditLog } from '../store/audit.js';
import type { Confirmations } from './confirm.js';
import type { WriteGuard } from './write-guard.js';
import type { ExportStore } from '../store/export-store.js';
import type { ImportCursors } from '../store/import-cursors.js';

/** All four hints are required so no client falls back to the spec's unsafe defaults. */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ProgressUpdate {
  progress: number;
  total?: number;
  message?: string;
}

/** Facts about the connected account that do not come from Amazon (the profile, the client secret's age). */
export interface AccountInfo {
  /** The profile the credentials came from; absent when only environment variables were used. */
  profile?: string;
  /** When the LWA client secret was set (ISO), when known. */
  clientSecretSetAt?: string;
  /** A vendor account (vendor code instead of a seller id). */
  vendor?: boolean;
  /** This account's name when the server serves several (`--profiles a,b`). */
  name?: string;
  /** Every account this server serves, when it serves several; the first is the default. */
  accounts?: Array<{ name: string; sellerId: string; vendor: boolean; default: boolean }>;
}

export interface ToolContext {
  client: SpApiClient;
  config: ServerConfig;
  sellerId: string;
  account: AccountInfo;
  log: Logger;
  signal: AbortSignal;
  resources: ResourceStore;
  /** Sends an MCP progress notification when the client asked for progress; otherwise a no-op. */
  progress(update: ProgressUpdate): Promise<void>;
  /** Throttle/backoff waits reported by the SP-API client, forwarded as progress. */
  onWait(info: { operation: string; waitMs: number }): void;
  audit: AuditLog;
  confirmations: Confirmations;
  writes: WriteGuard;
  /** Durable export batches and mapping memory. */
  exports: ExportStore;
  /** Where the last order import stopped, per seller and marketplace. */
  cursors: ImportCursors;
  /** Present only when the client can show a form to the human; resolves with the human's answer. */
  elicit?: (message: string) => Promise<'accept' | 'decline' | 'cancel'>;
  /** Who the request acts for over HTTP (authenticated client and subject); absent on stdio. Confirmations bind to it. */
  principal?: string;
  /** Present on 2026-07-28 requests from clients with form elicitation: writes confirm in input_required rounds. */
  confirmRound?: ConfirmRound;
  /**
   * Asks the human a form of questions (MCP form elicitation), when the client supports it. Properties are
   * flat primitives (string with enum/oneOf, number, boolean), as the MCP spec allows.
   */
  askForm?: (
    message: string,
    properties: Record<string, Record<string, unknown>>,
  ) => Promise<{ action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> }>;
  /** Resolves a marketplace argument (id or country code) against the allowlist; undefined → the default. */
  marketplace(idOrCountry?: string): string;
}

export interface ToolSpec<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  /** One line for people: the README's tool table is generated from it (npm run docs:tools). */
  summary: string;
  /** Written for an LLM: when to use it, what it returns, its limits, which tool comes next. */
  description: string;
  toolset: Toolset;
  capability: Capability;
  /** Works only for seller accounts (hidden for vendor profiles): Sellers-only APIs such as Solicitations or Sales. */
  sellerOnly?: boolean;
  input: I;
  output: O;
  annotations: ToolHints;
  /** Minutes rather than seconds (polling Amazon's queues): runs as a task for clients with the tasks extension. */
  longRunning?: boolean;
  run(args: z.infer<I>, ctx: ToolContext): Promise<z.infer<O>>;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(spec: ToolSpec<I, O>): ToolSpec<I, O> {
  return spec;
}

/** Read-only tools share these hints: they talk to Amazon (open world) and change nothing. */
export const READ_HINTS: ToolHints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
