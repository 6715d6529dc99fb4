// An abortable pause: resolves after `ms`, or rejects as soon as the signal fires (with `abortError()`, by default
// an AbortError), and leaves no timer or listener behind either way.
export function sleep(ms: number, signal?: AbortSignal, abortError: () => Error = () => abortedError(signal)): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Always a DOMException named AbortError, whatever the signal's reason (an MCP client's cancel may carry any
 * value): callers recognise a cancelled call by that one type.
 */
export function abortedError(signal: AbortSignal | undefined): Error {
  const r: unknown = signal?.reason;
  const why = typeof r === 'string' ? r : r instanceof Error ? r.message : '';
  return new DOMException(why ? `The operation was aborted: ${why}` : 'The operation was aborted', 'AbortError');
}
