import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg } from '../common.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';
import { readSourceFile } from '../../workflows/export/source-file.js';
import { APLUS_UPLOAD_RESOURCE } from '../../sp-api/areas/uploads.js';

/** Content type by the file's first bytes, never by its name; the pixel size when the header gives it cheaply. */
export function sniffImage(b: Buffer): { contentType: string; width?: number; height?: number } | undefined {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return { contentType: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length > 10 && b.toString('latin1', 0, 4) === 'GIF8')
    return { contentType: 'image/gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length > 26 && b[0] === 0x42 && b[1] === 0x4d)
    return { contentType: 'image/bmp', width: b.readInt32LE(18), height: Math.abs(b.readInt32LE(22)) };
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    // Walk the JPEG segments to the first start-of-frame marker, which holds height and width.
    for (let i = 2; i + 9 < b.length;) {
      if (b[i] !== 0xff) break;
      const marker = b[i + 1]!;
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { contentType: 'image/jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
    return { contentType: 'image/jpeg' };
  }
  return undefined;
}

export const aplusUploadImage = defineTool({
  name: 'aplus_upload_image',
  title: 'Upload an image for A+ Content',
  summary:
    'upload a JPEG/PNG/GIF/BMP from the allowed folders through the Uploads API (type from the bytes, MD5 checked); confirmed; returns the uploadDestinationId',
  description:
    'Upload one image file for A+ Content modules through the Uploads API: the file must be inside the allowed folders ' +
    '(as for export_load); its type is read from its first bytes (JPEG, PNG, GIF or BMP), its MD5 is sent so Amazon can ' +
    "check the upload, and its pixel size is reported for the module's crop. Two steps with human approval: the first " +
    'call uploads nothing and shows file, type, size and checksum; then the user approves in a form, or you call again ' +
    'with the same arguments plus confirmationToken. Result: uploadDestinationId, to use as image.uploadDestinationId ' +
    'in aplus_save.',
  toolset: 'aplus',
  capability: 'aplus.write',
  input: z
    .object({
      path: z.string().min(1).max(1024).describe('Image file inside the allowed folders.'),
      marketplace: marketplaceArg,
      confirmationToken: confirmationTokenArg,
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const file = await readSourceFile(args.path);
    const image = sniffImage(file.bytes);
    if (!image) {
      throw new ToolError(
        'INVALID_REQUEST',
        `${basename(file.path)} is not a JPEG, PNG, GIF or BMP image (judged by its content, not its name). Nothing was uploaded.`,
      );
    }
    const contentMD5 = createHash('md5').update(file.bytes).digest('base64');
    const info = {
      file: basename(file.path),
      bytes: file.bytes.length,
      contentType: image.contentType,
      contentMD5,
      ...(image.width && image.height ? { width: image.width, height: image.height } : {}),
    };
    return runWrite(
      ctx,
      {
        request: {
          tool: 'aplus_upload_image',
          sellerId: ctx.sellerId,
          marketplaceId,
          sku: info.file,
          payload: { path: file.path, contentMD5, contentType: image.contentType },
        },
        async preview() {
          return {
            summary: `aplus_upload_image will upload ${info.file} (${image.contentType}, ${info.bytes} bytes) to Amazon's A+ Content media in marketplace ${marketplaceId}.`,
            diffPreview: info,
          };
        },
        async execute() {
          const opts = { signal: ctx.signal, onWait: ctx.onWait };
          const dest = await ctx.client.createUploadDestinationForResource(
            { resource: APLUS_UPLOAD_RESOURCE, marketplaceId, contentMD5, contentType: image.contentType },
            opts,
          );
          // The file may have changed since the preview: the checksum bound to the confirmation must still hold.
          const again = await readSourceFile(args.path);
          if (createHash('md5').update(again.bytes).digest('base64') !== contentMD5) {
            throw new ToolError('CONFIRMATION_MISMATCH', `${info.file} changed after the preview; nothing was uploaded. Preview again.`);
          }
          await ctx.client.uploadFeedDocument(dest.payload, again.bytes, image.contentType, { signal: ctx.signal });
          return {
            ok: true,
            status: 'UPLOADED',
            result: { uploadDestinationId: dest.payload.uploadDestinationId, ...info },
            next: `Use uploadDestinationId ${dest.payload.uploadDestinationId} as image.uploadDestinationId in aplus_save${image.width ? ` (the image is ${image.width}×${image.height} px)` : ''}.`,
          };
        },
      },
      args.confirmationToken,
    );
  },
});
