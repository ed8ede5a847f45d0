import { setTimeout as sleep } from 'node:timers/promises';

interface HostState {
  active: number;
  waiters: Array<() => void>;
  /** Earliest time the next request to this host may start. */
  nextStartAt: number;
}

/**
 * Politeness per host: at most `concurrency` requests in flight and at least `delayMs` between
 * request starts. Start times are reserved synchronously and waiters are woken first-in first-out.
 */
export class HostLimiter {
  readonly #hosts = new Map<string, HostState>();

  constructor(private readonly concurrency: number) {}

  async run<T>(host: string, delayMs: number, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let state = this.#hosts.get(host);
    if (!state) {
      state = { active: 0, waiters: [], nextStartAt: 0 };
      this.#hosts.set(host, state);
    }
    while (state.active >= this.concurrency) {
      await new Promise<void>((resolve) => state!.waiters.push(resolve));
    }
    state.active++;
    try {
      const now = Date.now();
      const startAt = Math.max(now, state.nextStartAt);
      state.nextStartAt = startAt + delayMs;
      if (startAt > now) await sleep(startAt - now, undefined, { signal });
      return await fn();
    } finally {
      state.active--;
      state.waiters.shift()?.();
      if (state.active === 0 && state.waiters.length === 0 && state.nextStartAt <= Date.now()) {
        this.#hosts.delete(host);
      }
    }
  }
}
