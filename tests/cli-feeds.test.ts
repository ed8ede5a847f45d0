import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startDemoSite, type DemoSite } from '../src/demo/site.js';

const run = promisify(execFile);
// The shipped launcher and compiled code (`npm test` builds first via pretest), as users run it.
const CLI = ['bin/dealflow.js'];
// No database anywhere: these commands must not need one.
const NO_DB = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', EMBEDDED_POSTGRES: 'never' };

async function dealflow(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_')));
  return run(process.execPath, [...CLI, ...args], { env: { ...clean, LOG_LEVEL: 'silent', ...NO_DB, ...env }, timeout: 30_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const feed = (name: string) => `tests/fixtures/feeds/${name}`;
const page = (name: string) => `tests/fixtures/pages/${name}`;

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite(0);
});
afterAll(async () => {
  await site?.close();
});

describe('dealflow sources preview', () => {
  it('--json: the detected kind and items of a file, relative links resolved against --base', async () => {
    const { stdout, code, stderr } = await dealflow([
      'sources',
      'preview',
      feed('atom-prefixed.xml'),
      '--base',
      'https://wire.example.org/feed',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { kind: string; items: Array<{ url: string; title: string; publishedAt: string }>; dropped: number };
    expect(out.kind).toBe('atom');
    expect(out.dropped).toBe(0);
    expect(out.items).toEqual([
      {
        url: 'https://wire.example.org/2024/06/quillwort-series-a',
        title: 'Quillwort Robotics raises $14M Series A',
        publishedAt: '2024-06-03T07:00:00.000Z',
      },
      {
        url: 'https://wire.example.org/2024/06/fernhollow-seed',
        title: 'Fernhollow Bio closes seed round',
        publishedAt: '2024-06-04T10:30:00.000Z',
      },
    ]);
  });

  it('prints one tab-separated line per item, and reports the item cap', async () => {
    const { stdout, code } = await dealflow(['sources', 'preview', feed('sitemap.txt'), '--kind', 'sitemap'], { SOURCE_MAX_ITEMS: '2' });
    expect(code).toBe(0);
    const lines = stdout.replace(/\n$/, '').split('\n');
    expect(lines[0]).toMatch(/sitemap, 2 items \(item cap: 1 of 3 not read/);
    expect(lines.slice(1)).toEqual([
      '-\thttps://press.example.com/2024/02/holloway-series-a\t',
      '-\thttps://press.example.com/2024/02/greymere-seed\t',
    ]);
  });

  it('fetches a URL with the pipeline fetcher and stores nothing', async () => {
    const { stdout, code, stderr } = await dealflow(['sources', 'preview', site.feedUrl, '--json', '--allow-private']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { kind: string; items: Array<{ url: string; title: string | null }> };
    expect(out.kind).toBe('rss');
    expect(out.items.length).toBeGreaterThan(0);
    expect(out.items.every((i) => i.url.startsWith(new URL(site.feedUrl).origin) && i.title)).toBe(true);
  });

  it('fails with one line for a body nothing can be read from', async () => {
    const { code, stderr } = await dealflow(['sources', 'preview', page('en-funding-news.html'), '--kind', 'rss']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^dealflow: rss source file:/);
  });
});

describe('dealflow parse with several files', () => {
  it('prints one JSON object per line, in order, naming each file', async () => {
    const files = [page('en-funding-news.html'), page('fr-blog.html')];
    const { stdout, code } = await dealflow(['parse', ...files, '--json']);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; title: string; text: string });
    expect(lines.map((l) => l.file)).toEqual(files);
    for (const l of lines) expect(l.text.length).toBeGreaterThan(100);
  });

  it('keeps the single-file output as it was (one pretty-printed object, no file key)', async () => {
    const { stdout, code } = await dealflow(['parse', page('fr-blog.html'), '--json']);
    expect(code).toBe(0);
    expect(stdout.split('\n').length).toBeGreaterThan(3);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out).not.toHaveProperty('file');
    expect(out).toHaveProperty('text');
  });

  it('reports a missing file on its own line and exits 1 after the others', async () => {
    const { stdout, code } = await dealflow(['parse', 'tests/fixtures/pages/missing.html', page('fr-blog.html'), '--json']);
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; error?: string; text?: string });
    expect(lines[0]).toMatchObject({ file: 'tests/fixtures/pages/missing.html', error: expect.stringMatching(/ENOENT/) });
    expect(lines[1]!.text!.length).toBeGreaterThan(100);
  });
});
