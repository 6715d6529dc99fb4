import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg } from '../common.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';

export const aplusSubmit = defineTool({
  name: 'aplus_submit',
  title: 'Apply an A+ document to ASINs and submit it for approval',
  summary: "apply an A+ document to ASINs (replacing its ASIN set) and submit it for Amazon's approval; validated and confirmed",
  description:
    "Apply an A+ Content document (contentReferenceKey from aplus_list) to ASINs and/or submit it for Amazon's review. " +
    'asins REPLACES the ASINs the document applies to (ASINs left out are removed); leave asins out to keep them. ' +
    'submit (default true) sends it for approval; Amazon reviews it (usually within days) and then publishes it to the ' +
    "ASINs. The preview shows the ASINs added and removed, the current status, and Amazon's validation of the " +
    'document against the ASINs; it is blocked on validation errors or when the document is already waiting for ' +
    'review. Two steps with human approval as for listings. Follow the approval later with aplus_list or aplus_get ' +
    '(status SUBMITTED → APPROVED or REJECTED).',
  toolset: 'aplus',
  capability: 'aplus.write',
  input: z
    .object({
      contentReferenceKey: z.string().min(1).max(200),
      asins: z
        .array(z.string().regex(/^[A-Z0-9]{10}$/))
        .min(1)
        .max(1000)
        .optional()
        .describe('The complete ASIN set the document should apply to.'),
      submit: z.boolean().default(true).describe('Submit for approval after applying the ASINs.'),
      marketplace: marketplaceArg,
      confirmationToken: confirmationTokenArg,
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    if (!args.asins && !args.submit) throw new ToolError('INVALID_REQUEST', 'Nothing to do: give asins and/or submit: true.');
    const key = args.contentReferenceKey;
    const opts = { signal: ctx.signal, onWait: ctx.onWait };
    const asins = args.asins ? [...new Set(args.asins)].sort() : undefined;
    return runWrite(
      ctx,
      {
        request: { tool: 'aplus_submit', sellerId: ctx.sellerId, marketplaceId, sku: key, payload: { asins: asins ?? null, submit: args.submit } },
        items: 1,
        async preview() {
          const doc = await ctx.client.getContentDocument(
            { contentReferenceKey: key, marketplaceId, includedDataSet: ['CONTENTS', 'METADATA'] },
            opts,
          );
          const rel = await ctx.client.listContentDocumentAsinRelations({ contentReferenceKey: key, marketplaceId }, opts);
          const current = rel.asinMetadataSet.map((a) => a.asin).sort();
          const target = asins ?? current;
          const status = doc.contentRecord.contentMetadata?.status;
          const content = doc.contentRecord.contentDocument;
          const errors = content
            ? (
                await ctx.client.validateContentDocumentAsinRelations(
                  {
                    marketplaceId,
                    ...(target.length ? { asinSet: target } : {}),
                    contentDocument: {
                      name: content.name,
                      contentType: content.contentType === 'EMC' ? 'EMC' : 'EBC',
                      locale: content.locale,
                      contentModuleList: content.contentModuleList,
                    },
                  },
                  opts,
                )
              ).errors.map((e) => ({ code: e.code, message: e.message.slice(0, 300) }))
            : [];
          const blocked = errors.length
            ? `Amazon's validation found ${errors.length} problem(s).`
            : args.submit && status === 'SUBMITTED'
              ? 'The document is already waiting for review.'
              : args.submit && target.length === 0
                ? 'Apply the document to at least one ASIN before submitting it.'
                : undefined;
          return {
            summary:
              `aplus_submit will ${asins ? `apply A+ document ${key} to ${asins.length} ASIN(s)` : `keep the ${current.length} ASIN(s) of A+ document ${key}`}` +
              `${args.submit ? " and submit it for Amazon's approval" : ''} in marketplace ${marketplaceId} (status now ${status ?? 'unknown'}).`,
            diffPreview: {
              name: doc.contentRecord.contentMetadata?.name ?? '',
              status: status ?? 'unknown',
              asinsAdded: target.filter((a) => !current.includes(a)),
              asinsRemoved: target === current ? [] : current.filter((a) => !target.includes(a)),
              asinsKept: target.filter((a) => current.includes(a)),
              submit: args.submit,
              validation: errors.length ? 'ERRORS' : 'VALID',
              errors,
            },
            ...(blocked ? { blocked } : {}),
          };
        },
        async execute() {
          if (asins) await ctx.client.postContentDocumentAsinRelations({ contentReferenceKey: key, marketplaceId, asinSet: asins }, opts);
          if (args.submit) await ctx.client.postContentDocumentApprovalSubmission({ contentReferenceKey: key, marketplaceId }, opts);
          return {
            ok: true,
            status: args.submit ? 'SUBMITTED' : 'ASINS_APPLIED',
            result: { contentReferenceKey: key, ...(asins ? { asins: asins.length } : {}) },
            next: args.submit
              ? "Submitted for Amazon's review. Check later with aplus_list or aplus_get: APPROVED means it is published to the ASINs, REJECTED lists what to change."
              : 'ASINs applied; the document is published to them only once it is approved (aplus_submit with submit: true).',
          };
        },
      },
      args.confirmationToken,
    );
  },
});
