// Text from Amazon is untrusted: invisible and BiDi control characters can hide instructions or
// reorder what a human sees, so they are removed before anything reaches the assistant.
// C0/C1 controls except \t \n \r, zero-width characters, BiDi embeddings/overrides/isolates, BOM, soft hyphen,
// interlinear annotations and Unicode tag characters.
const UNSAFE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- matching these characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

export function stripUnsafe(text: string): string {
  return text.replace(UNSAFE, '');
}

/** Deep copy with every string stripped; keys are kept as they are (they come from our own schemas). */
export function sanitize<T>(value: T): T {
  if (typeof value === 'string') return stripUnsafe(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitize(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = sanitize(v);
    return out as T;
  }
  return value;
}
