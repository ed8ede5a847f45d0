import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDemoSite, type DemoSite } from '../src/demo/site.js';
import { createTestDb, type TestDb } from './helpers/db.js';

const run = promisify(execFile);

/** The built CLI with the environment a user has: no LOG_LEVEL, no LLM key. */
async function dealflow(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_') && k !== 'LOG_LEVEL'));
  return run(process.execPath, ['bin/dealflow.js', ...args], { env: { ...clean, FETCH_HOST_DELAY_MS: '0', ...env }, timeout: 60_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

let site: DemoSite;
let t: TestDb;
let empty: http.Server;
let emptyUrl: string;
beforeAll(async () => {
  site = await startDemoSite(0);
  t = await createTestDb();
  // A listing page whose links the default discovery cannot see (no anchors to articles).
  empty = http.createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<html><body><div class="tiles"><span data-href="/a/1">One</span></div></body></html>');
  });
  await new Promise<void>((r) => empty.listen(0, '127.0.0.1', r));
  emptyUrl = `http://127.0.0.1:${(empty.address() as AddressInfo).port}/latest`;
});
afterAll(async () => {
  await site?.close();
  empty?.close();
  await t?.drop();
});

describe('one-shot commands', () => {
  it('print results, not info logs, and ingest --once ends with a summary', async () => {
    const env = { DATABASE_URL: t.url };
    const add = await dealflow(['sources', 'add', site.feedUrl, '--allow-private'], env);
    expect(add.code).toBe(0);
    expect(add.stderr).toBe('');
    const ingest = await dealflow(['ingest', '--once'], env);
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).not.toMatch(/"level":30/); // no info logs
    const summary = ingest.stdout;
    expect(summary).toMatch(/^sources: +1$/m);
    // The syndicated copy is a duplicate when its original was parsed first; processed at the same
    // time both are extracted (and linked to one deal), so either count is right here.
    const articles = /^articles: +(\d+) processed: (\d+) extracted, ([01]) duplicates, 0 failed or skipped$/m.exec(summary);
    expect(articles).not.toBeNull();
    expect(Number(articles![2]) + Number(articles![3])).toBe(Number(articles![1]));
    const deals = /^deals: +(\d+) found: (\d+) new, (\d+) updated/m.exec(summary);
    expect(deals).not.toBeNull();
    expect(Number(deals![2])).toBeGreaterThan(0);
    expect(summary).toMatch(/^review items: +\d+ opened/m);
    expect(summary).toMatch(/^LLM: +0 tokens, \$0$/m);
    const list = await dealflow(['sources', 'list'], env);
    expect(list.stderr).toBe('');
    expect(list.stdout).toContain(site.feedUrl);
    const csv = await dealflow(['deals', '--format', 'csv'], env);
    expect(csv.stderr).toBe('');
    expect(csv.stdout.split('\r\n')[0]).toContain('needs_review');
  }, 120_000);

  it('a listing page that yields no links is marked on the source with a hint', async () => {
    const env = { DATABASE_URL: t.url };
    expect((await dealflow(['sources', 'add', emptyUrl, '--kind', 'html', '--allow-private'], env)).code).toBe(0);
    await dealflow(['ingest', '--once'], env);
    const list = await dealflow(['sources', 'list', '--json'], env);
    const src = (JSON.parse(list.stdout) as Array<{ url: string; last_error: string | null }>).find((s) => s.url === emptyUrl);
    expect(src?.last_error).toMatch(/0 article links.*--selector/);
  }, 120_000);

  it('review --kind with an unknown kind lists the kinds', async () => {
    const res = await dealflow(['review', '--kind', 'bogus'], { DATABASE_URL: t.url });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(
      /Unknown review kind: bogus \(kinds: low_confidence, evidence_failed, conflict, possible_duplicate, extraction_error/,
    );
  }, 60_000);
});
