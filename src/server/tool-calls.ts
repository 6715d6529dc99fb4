// tools/call is answered here, through the SDK's public low-level API (`server.server.setRequestHandler`), because
// McpServer's built-in handler cannot do two things we promise:
//  - a tool hidden by the operator's settings answers CAPABILITY_NOT_ALLOWED naming the setting, not "not found";
//  - invalid arguments get our error code and a next step, not the SDK's plain text.
// McpServer still lists the tools (registerTool), so the advertised schemas are exactly the SDK's conversion.
// Results are checked against the advertised output schema with the validator SDK clients use (a reply a client
// would reject is our bug: logged, and answered as INTERNAL_ERROR), then pass through the SDK's public
// `projectCallToolResult`, which shapes them for the negotiated protocol era.
import {
  ProtocolError,
  ProtocolErrorCode,
  type ServerContext,
  type JsonSchemaType,
  type JsonSchemaValidator,
  type McpServer,
  type InputRequiredResult,
  isInputRequiredResult,
} from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ToolSpec } from '../core/tool.js';
import { missingTasksCapability, principalOf, wantsTasks, type TaskRegistry, type TaskRun } from './tasks.js';
import { ToolError } from '../core/tool-error.js';
import { toToolError } from '../core/errors.js';

export type CallResult = {
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

export function errorResult(err: unknown): CallResult {
  return { content: [{ type: 'text', text: JSON.stringify(toToolError(err)) }], isError: true };
}

/** Runs a tool whose arguments have been validated; the server's context comes from the SDK's request context. */
export type ToolRunner = (tool: ToolSpec, args: unknown, requestCtx: ServerContext, task?: TaskRun) => Promise<CallResult | InputRequiredResult>;

export interface ToolCallOptions {
  tools: readonly ToolSpec[];
  /** Tool name → why it is hidden (the setting that hides it). */
  denied: ReadonlyMap<string, string>;
  run: ToolRunner;
  log: Logger;
  /** Present on 2026-07-28 servers: long-running tools become tasks for clients with the tasks extension. */
  tasks?: TaskRegistry;
}

// Over HTTP a server instance is built per request: the advertised schemas and their validators are made once per tool.
const advertisedSchemas = new WeakMap<ToolSpec, Record<string, unknown>>();
const outputChecks = new WeakMap<ToolSpec, JsonSchemaValidator<unknown>>();
const validators = new AjvJsonSchemaValidator();

/** The schema a client was shown, so the result is projected exactly as the SDK would project it. */
function advertised(tool: ToolSpec): Record<string, unknown> {
  let schema = advertisedSchemas.get(tool);
  if (!schema) {
    schema = z.toJSONSchema(tool.output, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
    advertisedSchemas.set(tool, schema);
  }
  return schema;
}

function checkOutput(tool: ToolSpec, output: unknown): string | undefined {
  let check = outputChecks.get(tool);
  if (!check) outputChecks.set(tool, (check = validators.getValidator(advertised(tool) as JsonSchemaType)));
  return check(output).errorMessage;
}

/** Installs our tools/call handler. Call after every registerTool (the first one installs the SDK's handlers). */
export function answerToolCalls(server: McpServer, opts: ToolCallOptions): void {
  const byName = new Map(opts.tools.map((t) => [t.name, t]));
  server.server.removeRequestHandler('tools/call');
  server.server.setRequestHandler('tools/call', async (request, ctx) => {
    const name = request.params.name;
    const reason = opts.denied.get(name);
    if (reason !== undefined) {
      return errorResult(
        new ToolError('CAPABILITY_NOT_ALLOWED', `${name} is not available: ${reason}. Ask the operator to change the setting if this is intended.`),
      );
    }
    const tool = byName.get(name);
    // As the SDK answers an unknown tool: a protocol error, not a tool result.
    if (!tool) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Tool ${name} not found`);
    const parsed = tool.input.safeParse(request.params.arguments ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`).join('; ');
      return errorResult(new ToolError('INVALID_REQUEST', `Invalid arguments for ${name}: ${issues}. Correct the arguments and call again.`));
    }
    const finish = async (task?: TaskRun) => {
      const result = await opts.run(tool, parsed.data, ctx, task);
      // 2026-07-28 multi-round-trip: the client asks the human, then calls again with the answer.
      if (isInputRequiredResult(result)) return result;
      if (!result.isError && result.structuredContent !== undefined) {
        const problem = checkOutput(tool, result.structuredContent);
        if (problem) {
          opts.log.error({ tool: name, problem }, 'tool output does not match its advertised output schema');
          return errorResult(new Error(problem));
        }
      }
      return server.server.projectCallToolResult(result, advertised(tool));
    };
    if (opts.tasks && tool.longRunning && wantsTasks(ctx, server.server.getClientCapabilities())) {
      return opts.tasks.start(principalOf(ctx), (task) => finish(task) as Promise<Record<string, unknown>>) as never;
    }
    return finish();
  });
}

const taskParams = z.object({ taskId: z.string() });

/** tasks/get, tasks/update and tasks/cancel of the tasks extension; a client without it gets -32021. */
export function answerTaskRequests(server: McpServer, tasks: TaskRegistry): void {
  const gate = (ctx: ServerContext) => {
    if (!wantsTasks(ctx, server.server.getClientCapabilities())) throw missingTasksCapability();
  };
  server.server.setRequestHandler('tasks/get', { params: taskParams }, async (params, ctx) => {
    gate(ctx);
    return tasks.get(principalOf(ctx), params.taskId) as never;
  });
  server.server.setRequestHandler('tasks/cancel', { params: taskParams }, async (params, ctx) => {
    gate(ctx);
    return tasks.cancel(principalOf(ctx), params.taskId) as never;
  });
  // Our tasks never wait for input (writes inside a task use the confirmation token), so there is nothing to update.
  server.server.setRequestHandler(
    'tasks/update',
    { params: taskParams.extend({ inputResponses: z.record(z.string(), z.unknown()) }) },
    async (params, ctx) => {
      gate(ctx);
      tasks.get(principalOf(ctx), params.taskId);
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Task ${params.taskId} is not waiting for input`);
    },
  );
}
