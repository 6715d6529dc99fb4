// Every write goes preview → human confirmation → execute exactly the preview → audit.
// Who confirms: the human through an MCP elicitation form when the client has one (the model cannot answer it);
// otherwise a single-use token bound to the hash of the exact request, returned with the preview.
import type { z } from 'zod';
import type { ToolContext } from '../core/tool.js';
import { ToolError } from '../core/tool-error.js';
import { requestHash } from '../core/confirm.js';
import type { WriteOutcome, WriteOutput, WritePlan, WritePreview } from '../core/writes.js';

const MAX_ELICIT_CHARS = 6000;

function elicitMessage(p: WritePreview): string {
  const text = `${p.summary}\n\nChanges:\n${JSON.stringify(p.diffPreview, null, 1)}`;
  return text.length > MAX_ELICIT_CHARS ? `${text.slice(0, MAX_ELICIT_CHARS)}\n… (more changes not shown)` : text;
}

export async function runWrite(
  ctx: ToolContext,
  plan: WritePlan,
  confirmationToken: string | undefined,
  opts: { previewOnly?: boolean } = {},
): Promise<WriteOutput> {
  const { request } = plan;
  const items = plan.items ?? 1;
  const hash = requestHash(request);
  const base = {
    tool: request.tool,
    sellerId: request.sellerId,
    marketplaceId: request.marketplaceId,
    sku: request.sku,
    batch: request.batch,
    payloadHash: hash,
  };

  const execute = async (confirmedBy: 'elicitation' | 'token', confirm?: WritePreview): Promise<WriteOutput> => {
    ctx.audit.append({ ...base, event: 'execute', confirmedBy });
    ctx.writes.record(items);
    let outcome: WriteOutcome;
    try {
      outcome = await plan.execute();
    } catch (err) {
      const e = err as { name?: string; message?: string; requestId?: string; status?: number };
      ctx.audit.append({
        ...base,
        event: 'result',
        confirmedBy,
        status: 'ERROR',
        requestId: e.requestId,
        detail: { error: e.name, message: e.message },
      });
      throw err;
    }
    ctx.audit.append({ ...base, event: 'result', confirmedBy, status: outcome.status, requestId: outcome.requestId, detail: outcome.result });
    if (!outcome.ok) {
      throw new ToolError('SP_API_ERROR', `Amazon did not accept the write (status ${outcome.status}). ${outcome.next}`, {
        status: outcome.status,
        ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
        result: outcome.result,
      });
    }
    return {
      phase: 'executed',
      ...(confirm
        ? { confirm: { summary: confirm.summary, diff_preview: confirm.diffPreview as Record<string, z.infer<ReturnType<typeof z.json>>> } }
        : {}),
      confirmedBy,
      result: { status: outcome.status, ...(outcome.requestId ? { requestId: outcome.requestId } : {}), ...outcome.result } as WriteOutput['result'],
      next: outcome.next,
    };
  };

  if (confirmationToken !== undefined) {
    ctx.writes.check(items);
    const verdict = ctx.confirmations.verifyAndConsume(confirmationToken, hash);
    if (!verdict.ok) {
      ctx.audit.append({ ...base, event: 'refused', status: verdict.code });
      throw new ToolError(verdict.code, verdict.message);
    }
    ctx.audit.append({ ...base, event: 'confirmed', confirmedBy: 'token' });
    return execute('token');
  }

  if (ctx.config.requireElicitation && !ctx.elicit) {
    throw new ToolError(
      'CONFIRMATION_REQUIRED',
      'This server requires a human to confirm writes in a form shown by the MCP client (setting --require-elicitation), and this client does not support elicitation. Nothing was written. Use a client with elicitation support, or ask the operator to change the setting.',
    );
  }
  ctx.writes.check(items);
  const preview = await plan.preview();
  ctx.audit.append({ ...base, event: 'preview', status: preview.blocked ? 'BLOCKED' : 'READY', detail: { summary: preview.summary } });
  const confirm = { summary: preview.summary, diff_preview: preview.diffPreview as Record<string, z.infer<ReturnType<typeof z.json>>> };
  if (preview.blocked) {
    return { phase: 'blocked', confirm, next: `Nothing was written: ${preview.blocked} Fix the issues listed in diff_preview and call again.` };
  }
  if (opts.previewOnly && ctx.elicit) {
    return {
      phase: 'preview',
      confirm,
      next: `Nothing has been written. Call ${plan.request.tool} to write: it will ask the user to approve this in a form.`,
    };
  }
  if (ctx.elicit && !opts.previewOnly) {
    const answer = await ctx.elicit(elicitMessage(preview));
    if (answer !== 'accept') {
      ctx.audit.append({ ...base, event: 'declined', confirmedBy: 'elicitation', status: answer.toUpperCase() });
      return { phase: 'declined', confirm, next: 'The user did not approve this change, so nothing was written. Ask what they want changed.' };
    }
    ctx.audit.append({ ...base, event: 'confirmed', confirmedBy: 'elicitation' });
    return execute('elicitation', preview);
  }
  const { token, expiresAt } = ctx.confirmations.issue(hash);
  return {
    phase: 'preview',
    confirm,
    confirmationToken: token,
    expiresAt,
    next: opts.previewOnly
      ? 'Nothing has been written yet. Show the user confirm.summary and confirm.diff_preview (including what will not be sent) and ask for ' +
        `approval. Only if they approve, call ${plan.request.tool} with the same batch and this confirmationToken (valid until expiresAt, usable once).`
      : 'Nothing has been written yet. Show the user confirm.summary and confirm.diff_preview and ask for approval. Only if they ' +
        'approve, call this tool again with exactly the same arguments plus confirmationToken (valid until expiresAt, usable once).',
  };
}
