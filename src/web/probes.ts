import type { Db } from '../db/connect.js';
import type { Logger } from '../logger.js';
import { pingDatabase } from '../store/health.js';

// Readiness for load balancers and orchestrators: public, fast, and a 503 with a reason when a
// dependency is down. A check that hangs (ioredis queues commands while reconnecting) counts as
// down after `timeoutMs`, so the probe answers instead of timing out itself. Error details go to
// the log only: the endpoint is unauthenticated.

export type CheckState = 'ok' | 'unreachable' | 'timeout';

export interface Readiness {
  ok: boolean;
  checks: Record<string, CheckState>;
  reason?: string;
}

export interface ReadinessDeps {
  db: Db;
  checkRedis?: () => Promise<void>;
  log?: Logger;
  timeoutMs?: number;
}

class CheckTimeout extends Error {}

async function run(name: string, check: () => Promise<unknown>, timeoutMs: number, log?: Logger): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs)))]);
    return 'ok';
  } catch (err) {
    const state = err instanceof CheckTimeout ? 'timeout' : 'unreachable';
    log?.warn({ check: name, state, err: (err as Error).message }, 'readiness check failed');
    return state;
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(deps: ReadinessDeps): Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? 2000;
  const entries: [string, () => Promise<unknown>][] = [['db', () => pingDatabase(deps.db)]];
  if (deps.checkRedis) entries.push(['redis', deps.checkRedis]);
  const states = await Promise.all(entries.map(([name, check]) => run(name, check, timeoutMs, deps.log)));
  const checks = Object.fromEntries(entries.map(([name], i) => [name, states[i]!]));
  const failed = Object.entries(checks).filter(([, v]) => v !== 'ok');
  return failed.length ? { ok: false, checks, reason: failed.map(([k, v]) => `${k} ${v}`).join('; ') } : { ok: true, checks };
}
