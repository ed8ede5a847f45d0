/** Longest wait the engine accepts from a server's Retry-After before giving up the slot. */
export const MAX_RETRY_AFTER_S = 60;

/**
 * fetch for the OpenAI SDK with Retry-After clamped to `maxSeconds`. The SDK honours the header
 * verbatim (no ceiling in openai 6), so a "Retry-After: 3600" would park a worker for an hour.
 */
export function clampRetryAfter(inner: typeof fetch = fetch, maxSeconds = MAX_RETRY_AFTER_S): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    const header = res.headers.get('retry-after');
    if (header === null || res.headers.has('retry-after-ms')) return res;
    const seconds = /^\s*\d+(\.\d+)?\s*$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
    if (!(seconds > maxSeconds)) return res;
    // Response headers are immutable: rebuild the response around the same body stream.
    const headers = new Headers(res.headers);
    headers.set('retry-after', String(maxSeconds));
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
