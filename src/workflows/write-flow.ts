// Every write goes preview → human confirmation → execute exactly the preview → audit.
// Who confirms: the human through an MCP elicitation form when the client has one (the model cannot answer it);
// otherwise a single-use token bound to the hash of the exact request, returned with the preview.
import type { z } from 'zod';
import { createHash } from 'node:crypto';
import type { ToolContext } from '../core/tool.js';
import { ToolError } from '../core/tool-error.js';
import { requestHash } from '../core/confirm.js';
import { InputNeeded, type ConfirmRound } from '../core/input-needed.js';
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
  // A token (or an input_required round) confirms only for the principal it was issued to: over HTTP, one
  // client's approval can never be replayed by another.
  const bound = ctx.principal ? createHash('sha256').update(`${ctx.principal}\n${hash}`).digest('hex') : hash;
  const base = {
    tool: request.tool,
    sellerId: request.sellerId,
    marketplaceId: request.marketplaceId,
    sku: request.sku,
    batch: request.batch,
    payloadHash: hash,
  };

  const execute = async (confirmedBy: 'elicitation' | 'token', confirm?: WritePreview): Promise<WriteOutput> => {
    await ctx.audit.append({ ...base, event: 'execute', confirmedBy });
    ctx.writes.record(items);
    let outcome: WriteOutcome;
    try {
      outcome = await plan.execute();
    } catch (err) {
      const e = err as { name?: string; message?: string; requestId?: string; status?: number };
      await ctx.audit.append({
        ...base,
        event: 'result',
        confirmedBy,
        status: 'ERROR',
        requestId: e.requestId,
        detail: { error: e.name, message: e.message },
      });
      throw err;
    }
    await ctx.audit.append({ ...base, event: 'result', confirmedBy, status: outcome.status, requestId: outcome.requestId, detail: outcome.result });
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

  // The second round: the human answered the form; the echoed state must be the token minted for this exact request.
  async function confirmedInRound(round: ConfirmRound): Promise<WriteOutput> {
    if (round.answer !== 'accept') {
      await ctx.audit.append({ ...base, event: 'declined', confirmedBy: 'elicitation', status: (round.answer ?? 'cancel').toUpperCase() });
      return { phase: 'declined', next: 'The user did not approve this change, so nothing was written. Ask what they want changed.' };
    }
    await ctx.writes.check(items);
    const verdict = await ctx.confirmations.verifyAndConsume(round.state ?? '', bound);
    if (!verdict.ok) {
      await ctx.audit.append({ ...base, event: 'refused', status: verdict.code });
      throw new ToolError(verdict.code, verdict.message);
    }
    await ctx.audit.append({ ...base, event: 'confirmed', confirmedBy: 'elicitation' });
    return execute('elicitation');
  }

  if (confirmationToken !== undefined) {
    await ctx.writes.check(items);
    const verdict = await ctx.confirmations.verifyAndConsume(confirmationToken, bound);
    if (!verdict.ok) {
      await ctx.audit.append({ ...base, event: 'refused', status: verdict.code });
      throw new ToolError(verdict.code, verdict.message);
    }
    await ctx.audit.append({ ...base, event: 'confirmed', confirmedBy: 'token' });
    return execute('token');
  }

  if (ctx.confirmRound?.answer !== undefined) return confirmedInRound(ctx.confirmRound);

  if (ctx.config.requireElicitation && !ctx.elicit && !ctx.confirmRound) {
    throw new ToolError(
      'CONFIRMATION_REQUIRED',
      'This server requires a human to confirm writes in a form shown by the MCP client (setting --require-elicitation), and this client does not support elicitation. Nothing was written. Use a client with elicitation support, or ask the operator to change the setting.',
    );
  }
  await ctx.writes.check(items);
  const preview = await plan.preview();
  await ctx.audit.append({ ...base, event: 'preview', status: preview.blocked ? 'BLOCKED' : 'READY', detail: { summary: preview.summary } });
  const confirm = { summary: preview.summary, diff_preview: preview.diffPreview as Record<string, z.infer<ReturnType<typeof z.json>>> };
  if (preview.blocked) {
    return { phase: 'blocked', confirm, next: `Nothing was written: ${preview.blocked} Fix the issues listed in diff_preview and call again.` };
  }
  if (opts.previewOnly && (ctx.elicit || ctx.confirmRound)) {
    return {
      phase: 'preview',
      confirm,
      next: `Nothing has been written. Call ${plan.request.tool} to write: it will ask the user to approve this in a form.`,
    };
  }
  if (ctx.elicit && !opts.previewOnly) {
    const answer = await ctx.elicit(elicitMessage(preview));
    if (answer !== 'accept') {
      await ctx.audit.append({ ...base, event: 'declined', confirmedBy: 'elicitation', status: answer.toUpperCase() });
      return { phase: 'declined', confirm, next: 'The user did not approve this change, so nothing was written. Ask what they want changed.' };
    }
    await ctx.audit.append({ ...base, event: 'confirmed', confirmedBy: 'elicitation' });
    return execute('elicitation', preview);
  }
  const { token, expiresAt } = await ctx.confirmations.issue(bound);
  // 2026-07-28: ask the human through the client and come back with the answer and this token.
  if (ctx.confirmRound && !opts.previewOnly) throw new InputNeeded(elicitMessage(preview), token);
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
