import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Deal } from '../src/deal/schema.js';
import { startDemoSite, type DemoSite } from '../src/demo/site.js';
import { createTestDb, type TestDb } from './helpers/db.js';

const run = promisify(execFile);
// The shipped launcher and compiled code (`npm test` builds first via pretest), as users run it.
const CLI = ['bin/dealflow.js'];

async function dealflow(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_')));
  return run(process.execPath, [...CLI, ...args], { env: { ...clean, LOG_LEVEL: 'silent', ...env }, timeout: 30_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

let site: DemoSite;
let t: TestDb;
beforeAll(async () => {
  site = await startDemoSite(0);
  t = await createTestDb();
});
afterAll(async () => {
  await site?.close();
  await t?.drop();
});

describe('dealflow CLI', () => {
  it('--help lists every command', async () => {
    const { stdout, code } = await dealflow(['--help']);
    expect(code).toBe(0);
    for (const cmd of ['migrate', 'sources', 'ingest', 'worker', 'serve', 'start', 'extract', 'eval', 'deals', 'review']) {
      expect(stdout).toContain(cmd);
    }
  });

  it('extract --json fetches a page and prints the article and schema-valid deals, without a database', async () => {
    const url = site.feedUrl.replace('feed.xml', 'capitalwire/paysa-seed');
    const { stdout, code, stderr } = await dealflow(['extract', url, '--json', '--allow-private'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { article: { title: string; text: string }; deals: unknown[] };
    expect(out.article.title).toMatch(/Paysa/);
    expect(out.article.text).toContain('TLcom Capital');
    expect(out.article.text).not.toContain('All rights reserved');
    expect(out.deals).toHaveLength(1);
    const deal = Deal.parse(out.deals[0]);
    expect(deal).toMatchObject({ company: { name: 'Paysa', country: 'KE' }, round: 'seed', amount: { value: 6_500_000, currency: 'USD' } });
    expect(deal.investors.find((i) => i.lead)?.name).toBe('TLcom Capital');
  });

  it('fails with one clear line when Redis is unreachable', async () => {
    const { code, stderr } = await dealflow(['worker'], { DATABASE_URL: t.url, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/Redis is not reachable at redis:\/\/127\.0\.0\.1:1.*REDIS_URL/);
  });

  it('rejects invalid configuration with the offending key named', async () => {
    const { code, stderr } = await dealflow(['sources', 'list'], { HTTP_PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/HTTP_PORT/);
  });
});
