// Long jobs as tasks (the MCP tasks extension, io.modelcontextprotocol/tasks, 2026-07-28): a client that declares
// the extension gets a task handle at once for a long-running tool (export_submit, reports_request, …), then polls
// tasks/get for status and the result, and may tasks/cancel. Tasks live in this process's memory, bound to the
// principal that created them (over HTTP the authenticated client; on stdio the one local user), and are dropped
// an hour after they end. Clients without the extension are served synchronously with progress, as before.
import { randomBytes } from 'node:crypto';
import { ProtocolError, ProtocolErrorCode, type ServerContext } from '@modelcontextprotocol/server';

export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
const TTL_MS = 60 * 60 * 1000;
const POLL_MS = 1000;
/** JSON-RPC code of MissingRequiredClientCapabilityError (2026-07-28). */
const MISSING_CAPABILITY = -32021;

type Status = 'working' | 'completed' | 'failed' | 'cancelled';

interface TaskEntry {
  id: string;
  principal: string;
  status: Status;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  endedAt?: number;
  result?: unknown;
  error?: { code: number; message: string };
  abort: AbortController;
}

export interface TaskRun {
  signal: AbortSignal;
  onProgress(message: string): void;
}

/** Whom a request acts for: tasks, like confirmations, never cross principals. */
export function principalOf(ctx: ServerContext): string {
  const auth = ctx.http?.authInfo;
  if (!auth) return 'local';
  const sub = (auth.extra as { sub?: unknown } | undefined)?.sub;
  return `${auth.clientId}:${typeof sub === 'string' ? sub : ''}`;
}

/** The client declared the tasks extension (2026-07-28 per-request capabilities). */
export function wantsTasks(ctx: ServerContext, clientCapabilities: unknown): boolean {
  const caps = (ctx.mcpReq.envelope as { clientCapabilities?: unknown } | undefined)?.clientCapabilities ?? clientCapabilities;
  const ext = (caps as { extensions?: Record<string, unknown> } | undefined)?.extensions;
  return typeof ext?.[TASKS_EXTENSION] === 'object' && ext[TASKS_EXTENSION] !== null;
}

export class TaskRegistry {
  private readonly tasks = new Map<string, TaskEntry>();

  /** Starts `work` detached from the request that asked for it; returns the CreateTaskResult. */
  start(principal: string, work: (run: TaskRun) => Promise<{ isError?: boolean } & Record<string, unknown>>): Record<string, unknown> {
    this.sweep();
    const now = new Date().toISOString();
    const entry: TaskEntry = {
      id: randomBytes(16).toString('base64url'),
      principal,
      status: 'working',
      createdAt: now,
      lastUpdatedAt: now,
      abort: new AbortController(),
    };
    this.tasks.set(entry.id, entry);
    const touch = () => (entry.lastUpdatedAt = new Date().toISOString());
    void work({
      signal: entry.abort.signal,
      onProgress: (message) => {
        entry.statusMessage = message;
        touch();
      },
    })
      .then((result) => {
        if (entry.status !== 'working') return;
        entry.status = 'completed';
        entry.result = result;
      })
      .catch((err: Error) => {
        if (entry.status !== 'working') return;
        entry.status = 'failed';
        entry.error = { code: ProtocolErrorCode.InternalError, message: err.message };
      })
      .finally(() => {
        entry.endedAt = Date.now();
        touch();
      });
    return { resultType: 'task', ...this.view(entry) };
  }

  get(principal: string, taskId: string): Record<string, unknown> {
    const entry = this.find(principal, taskId);
    return {
      resultType: 'complete',
      ...this.view(entry),
      ...(entry.status === 'completed' ? { result: entry.result } : {}),
      ...(entry.status === 'failed' ? { error: entry.error } : {}),
    };
  }

  cancel(principal: string, taskId: string): Record<string, unknown> {
    const entry = this.find(principal, taskId);
    if (entry.status === 'working') {
      entry.status = 'cancelled';
      entry.statusMessage = 'Cancelled by the client. Work already sent to Amazon stays sent; check export_status or feeds_status.';
      entry.lastUpdatedAt = new Date().toISOString();
      entry.abort.abort();
    }
    return {};
  }

  private find(principal: string, taskId: string): TaskEntry {
    const entry = this.tasks.get(taskId);
    // Another principal's task is reported as unknown, not as forbidden: its existence is not theirs to learn.
    if (!entry || entry.principal !== principal) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown task ${taskId}`);
    return entry;
  }

  private view(e: TaskEntry): Record<string, unknown> {
    return {
      taskId: e.id,
      status: e.status,
      ...(e.statusMessage ? { statusMessage: e.statusMessage } : {}),
      createdAt: e.createdAt,
      lastUpdatedAt: e.lastUpdatedAt,
      ttlMs: TTL_MS,
      pollIntervalMs: POLL_MS,
    };
  }

  private sweep(): void {
    const cutoff = Date.now() - TTL_MS;
    for (const [id, e] of this.tasks) if (e.endedAt !== undefined && e.endedAt < cutoff) this.tasks.delete(id);
  }
}

/** tasks/get, tasks/update, tasks/cancel from a client that did not declare the extension. */
export function missingTasksCapability(): ProtocolError {
  return new ProtocolError(MISSING_CAPABILITY as ProtocolErrorCode, 'The tasks extension was not declared by the client', {
    requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } },
  });
}
