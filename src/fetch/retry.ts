import { setTimeout as sleep } from 'node:timers/promises';

/** Full-jitter exponential backoff: uniform in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unparsable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  baseMs: number;
  /** Ceiling for one wait, backoff or Retry-After. */
  maxWaitMs: number;
  /** Whether this failure may succeed on another attempt. */
  retryable: (err: unknown) => boolean;
  /** The wait the failure itself asks for (Retry-After), if any. */
  waitFor?: (err: unknown) => number | undefined;
  /** Cancels waiting, and stops retrying once aborted. */
  signal?: AbortSignal;
}

/** Run `attempt` until it succeeds, fails for good or runs out of retries, waiting between tries. */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!policy.retryable(err) || n >= policy.retries || policy.signal?.aborted) throw err;
      const wait = policy.waitFor?.(err) ?? backoffDelay(n, policy.baseMs, policy.maxWaitMs);
      await sleep(Math.min(wait, policy.maxWaitMs), undefined, policy.signal ? { signal: policy.signal } : undefined);
    }
  }
}
