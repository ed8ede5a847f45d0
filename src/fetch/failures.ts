import type { Dispatcher } from 'undici';
import { FetchError } from './errors.js';
import { header } from './request.js';
import { parseRetryAfter } from './retry.js';

/** Retry-After waits travel with the error that asked for them. */
const retryAfterOf = new WeakMap<FetchError, number>();

/** The wait a server asked for with this error (Retry-After), in ms, if any. */
export function retryAfter(err: FetchError): number | undefined {
  return retryAfterOf.get(err);
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** A non-2xx final status as an error: 408, 429 and 5xx are retryable, 429 and 503 keep Retry-After. */
export function statusError(url: string, res: { status: number; headers: Dispatcher.ResponseData['headers'] }): FetchError {
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  const err = new FetchError('http_status', url, `HTTP ${res.status}`, { status: res.status, retryable });
  const wait = res.status === 429 || res.status === 503 ? parseRetryAfter(header(res.headers, 'retry-after')) : null;
  if (wait !== null) retryAfterOf.set(err, wait);
  return err;
}

/** A retryable robots.txt failure, as the error of the fetch that needed it (keeping any Retry-After). */
export function robotsUnreachable(cause: FetchError): FetchError {
  const err = new FetchError('robots', cause.url, `robots.txt temporarily unreachable (${cause.reason}), retry later`, {
    retryable: true,
    cause,
    ...(cause.status !== undefined ? { status: cause.status } : {}),
  });
  const wait = retryAfterOf.get(cause);
  if (wait !== undefined) retryAfterOf.set(err, wait);
  return err;
}

/**
 * Any failure of one attempt as a FetchError: our own timer or an undici timeout is `timeout`,
 * anything else from the network is `network` (both retryable). A caller's cancellation passes
 * through as the caller's reason: it is not a failure of the site.
 */
export function classifyFailure(
  err: unknown,
  url: string,
  timeoutMs: number,
  timerSignal: AbortSignal,
  callerSignal?: AbortSignal,
): unknown {
  if (err instanceof FetchError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof FetchError) return cause;
  if (callerSignal?.aborted) return callerSignal.reason ?? err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (timerSignal.aborted || TIMEOUT_CODES.has(code)) {
    return new FetchError('timeout', url, `timed out after ${timeoutMs} ms`, { retryable: true, cause: err });
  }
  const detail = code ? `${code}: ${(err as Error).message}` : (err as Error).message;
  return new FetchError('network', url, `network error (${detail})`, { retryable: true, cause: err });
}
