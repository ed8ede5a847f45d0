import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../../src/paths.js';

/** Poll `check` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A child process whose output is kept for failure messages; `stop` never leaves it running. */
export interface Child {
  proc: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) or rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | null>;
  /** SIGKILL if still running, and wait for it to go. */
  stop(): Promise<void>;
}

function track(proc: ChildProcess): Child {
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  proc.stderr?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  const done = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const running = () => proc.exitCode === null && proc.signalCode === null;
  const child: Child = {
    proc,
    output: () => out,
    exited: (timeoutMs = 20_000) =>
      Promise.race([
        done,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`pid ${proc.pid} did not exit in ${timeoutMs} ms:\n${out}`)), timeoutMs).unref(),
        ),
      ]),
    stop: async () => {
      if (running()) proc.kill('SIGKILL');
      await child.exited(10_000).catch(() => undefined);
    },
  };
  return child;
}

/** Environment for a test worker process: its services, a fake LLM, and short job locks. */
export function workerEnv(opts: { databaseUrl: string; redisUrl: string; prefix: string; llmBaseURL: string }): Record<string, string> {
  return {
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    QUEUE_PREFIX: opts.prefix,
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: opts.llmBaseURL,
    WORKER_CONCURRENCY: '4',
    // A killed worker's jobs are recovered in about 3 s instead of the production 30 s.
    WORKER_LOCK_MS: '2000',
    WORKER_STALLED_INTERVAL_MS: '1000',
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * How to run the CLI: the compiled build (`npm test` builds it first) when it is newer than every
 * source file, else the TypeScript sources through tsx, so a test never runs stale code. The build
 * starts about twice as fast, which matters on a loaded 2-core machine.
 */
function cliCommand(): string[] {
  const root = projectRoot();
  const built = path.join(root, 'dist', 'bin', 'main.js');
  const fresh =
    existsSync(built) &&
    statSync(built).mtimeMs >= Math.max(...['bin', 'src', 'workers', 'migrations'].map((d) => newestMtime(path.join(root, d))));
  return fresh ? [built] : ['--import', 'tsx', 'bin/main.ts'];
}

/** `dealflow worker` as a real process. */
export function spawnWorker(env: Record<string, string>): Child {
  return spawnCli(['worker'], env);
}

/** Any `dealflow` command as a real process (test defaults: warn logs, no embedded database, no politeness delay). */
export function spawnCli(args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [...cliCommand(), ...args], {
    cwd: projectRoot(),
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', EMBEDDED_POSTGRES: 'never', FETCH_HOST_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(proc);
}

/** A private service the test may crash and restart without touching the machine's shared ones. */
export interface PrivateService {
  url: string;
  /** Crash it (SIGKILL for Redis, immediate shutdown for Postgres) and wait until it is gone. */
  crash(): Promise<void>;
  /** Start it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stop it and delete its data directory. */
  destroy(): Promise<void>;
}

async function waitForPort(port: number, child: Child, timeoutMs: number): Promise<void> {
  await waitFor(
    `port ${port} to accept connections`,
    () => {
      if (child.proc.exitCode !== null) throw new Error(`server exited early: ${child.output()}`);
      return new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    },
    timeoutMs,
    50,
  );
}

/**
 * redis-server on a free port with an append-only file fsynced on every write (what production
 * should run): a crash then loses no queued job.
 */
export async function startPrivateRedis(): Promise<PrivateService> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dealflow-redis-'));
  const port = await freePort();
  let child: Child | undefined;
  const service: PrivateService = {
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      child = track(
        spawn(
          'redis-server',
          ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        ),
      );
      child.proc.once('error', () => undefined); // reported by waitForPort
      await waitForPort(port, child, 10_000);
    },
    crash: async () => {
      await child?.stop();
    },
    destroy: async () => {
      await child?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(root, v, 'bin', 'postgres'))) return path.join(root, v, 'bin');
  throw new Error(`PostgreSQL server binaries (initdb, postgres) not found under ${root}: install the postgresql server package`);
}

/**
 * A throwaway PostgreSQL cluster (trust auth, 127.0.0.1, free port). initdb and postgres refuse
 * to run as root, so as root they run as the `postgres` user through setpriv (which execs, so the
 * child pid is the postmaster itself and signals reach it).
 */
export async function startPrivatePostgres(): Promise<PrivateService> {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dealflow-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', cmd, ...args]] : [cmd, args];
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (pw.status !== 0) throw new Error('running as root needs a `postgres` system user to run a private PostgreSQL');
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  }
  const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8', timeout: 60_000 });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error?.message}`);
  }
  const port = await freePort();
  let child: Child | undefined;
  const service: PrivateService = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      const [cmd, args] = asPostgres(path.join(bin, 'postgres'), [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=50',
      ]);
      const server = track(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
      child = server;
      // The port opens before crash recovery ends ("the database system is starting up"): wait for a query.
      await waitFor(
        'PostgreSQL to accept queries',
        async () => {
          if (server.proc.exitCode !== null) throw new Error(`postgres exited early: ${server.output()}`);
          const client = new pg.Client({ connectionString: service.url });
          client.on('error', () => undefined);
          try {
            await client.connect();
            await client.query('SELECT 1');
            return true;
          } catch {
            return false;
          } finally {
            await client.end().catch(() => undefined);
          }
        },
        20_000,
        100,
      );
    },
    crash: async () => {
      // SIGQUIT is PostgreSQL's immediate shutdown: every backend dies and the next start runs crash recovery.
      if (child && child.proc.exitCode === null && child.proc.signalCode === null) {
        child.proc.kill('SIGQUIT');
        await child.exited(10_000).catch(() => child?.stop());
      }
    },
    destroy: async () => {
      await service.crash();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await service.start();
  } catch (err) {
    await service.destroy();
    throw err;
  }
  return service;
}
