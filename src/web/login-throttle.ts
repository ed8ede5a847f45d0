// Failed-login throttle: at most `perIp` failures per client address and `global` failures in
// total within a sliding window; past either, logins are refused (429 with Retry-After) until the
// oldest failure in that window ages out. Successes do not reset the count, so an attacker with a
// working operator account cannot use it to keep guessing the admin token. State is per process:
// the review UI runs in one process.

export interface ThrottleOptions {
  perIp: number;
  global: number;
  windowMs: number;
  /** Bound on tracked addresses, so a spray from many addresses cannot grow memory without limit. */
  maxTracked?: number;
}

export class LoginThrottle {
  private readonly byIp = new Map<string, number[]>();
  private readonly all: number[] = [];
  private readonly maxTracked: number;

  constructor(private readonly opts: ThrottleOptions) {
    this.maxTracked = opts.maxTracked ?? 10_000;
  }

  /** Seconds to wait before trying again, or 0 when a login attempt from `ip` may proceed. */
  retryAfter(ip: string, now = Date.now()): number {
    const cutoff = now - this.opts.windowMs;
    prune(this.all, cutoff);
    const mine = this.byIp.get(ip);
    if (mine) prune(mine, cutoff);
    let until = 0;
    if (mine && mine.length >= this.opts.perIp) until = mine[mine.length - this.opts.perIp]! + this.opts.windowMs;
    if (this.all.length >= this.opts.global) until = Math.max(until, this.all[this.all.length - this.opts.global]! + this.opts.windowMs);
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  recordFailure(ip: string, now = Date.now()): void {
    this.all.push(now);
    if (this.all.length > this.opts.global) this.all.splice(0, this.all.length - this.opts.global);
    let mine = this.byIp.get(ip);
    if (!mine) {
      if (this.byIp.size >= this.maxTracked) this.evict(now);
      mine = [];
      this.byIp.set(ip, mine);
    }
    mine.push(now);
    if (mine.length > this.opts.perIp) mine.splice(0, mine.length - this.opts.perIp);
  }

  /** Drop addresses with no failure in the window; if all are recent, the oldest-tracked one. */
  private evict(now: number): void {
    const cutoff = now - this.opts.windowMs;
    for (const [ip, times] of this.byIp) if (times.at(-1)! <= cutoff) this.byIp.delete(ip);
    if (this.byIp.size >= this.maxTracked) this.byIp.delete(this.byIp.keys().next().value!);
  }
}

function prune(times: number[], cutoff: number): void {
  let i = 0;
  while (i < times.length && times[i]! <= cutoff) i++;
  if (i) times.splice(0, i);
}
