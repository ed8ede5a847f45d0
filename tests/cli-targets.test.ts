import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDb, type TestDb } from './helpers/db.js';
import { startCanary, type Canary } from './helpers/canary.js';

// `sources add`, `parse` and `extract` refuse what they may not fetch with the same one line and
// hint, before any connection. Runs the shipped launcher on the compiled code (`npm test` builds).
const run = promisify(execFile);

async function dealflow(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_') && k !== 'FETCH_ALLOW_PRIVATE'));
  return run(process.execPath, ['bin/dealflow.js', ...args], { env: { ...clean, LOG_LEVEL: 'silent', ...env }, timeout: 30_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

let t: TestDb;
let canary: Canary;
beforeAll(async () => {
  t = await createTestDb();
  canary = await startCanary('127.0.0.1');
});
afterAll(async () => {
  await canary?.close();
  await t?.drop();
});

const HINT =
  /^dealflow: refusing to fetch loopback address 127\.0\.0\.1; use --allow-private to trust a private or loopback address \(http:\/\/127\.0\.0\.1:\d+\/[a-z-]*\)$/;

describe('CLI refusals name --allow-private', () => {
  it('sources add refuses a loopback URL and a file: URL in one line, storing nothing', async () => {
    const env = { DATABASE_URL: t.url };
    const loop = await dealflow(['sources', 'add', `${canary.base}/feed`, '--kind', 'rss'], env);
    expect(loop.code).toBe(1);
    expect(loop.stderr.trim()).toMatch(HINT);
    const file = await dealflow(['sources', 'add', 'file:///etc/passwd', '--kind', 'rss'], env);
    expect(file.code).toBe(1);
    expect(file.stderr.trim()).toMatch(
      /^dealflow: unsupported scheme file: only http and https URLs can be fetched \(file:\/\/\/etc\/passwd\)$/,
    );
    expect(await t.db.selectFrom('sources').select('url').execute()).toEqual([]);
    expect(canary.connections).toBe(0);
  });

  it.each(['parse', 'extract'])('%s prints the same hint for a loopback URL', async (cmd) => {
    const res = await dealflow([cmd, `${canary.base}/article`, '--json'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim()).toMatch(HINT);
    expect(canary.connections).toBe(0);
  });

  it('sources add --allow-private stores it (control)', async () => {
    const res = await dealflow(['sources', 'add', `${canary.base}/feed`, '--kind', 'rss', '--allow-private'], { DATABASE_URL: t.url });
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^added source \d+: http:\/\/127\.0\.0\.1:\d+\/feed \(rss\)/);
  });
});
