/**
 * Article body extraction benchmark: dealflow `parseArticle` vs Mozilla Readability (on linkedom),
 * scored in the same run with the metric of scrapinghub/article-extraction-benchmark (evaluate.py).
 *
 *   npm run bench:parse [-- --json]          # ARTICLE_BENCH_DIR overrides ../shared/bench/article-extraction
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseArticle } from '../src/parse/article.js';

interface Page {
  id: string;
  url: string;
  html: string;
  truth: string;
}

type Extractor = (html: string, url: string) => string;

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = resolve(process.env.ARTICLE_BENCH_DIR ?? join(projectRoot, '../shared/bench/article-extraction'));

function loadPages(dir: string): Page[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  const files = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz'));
  return files.flatMap((file) => {
    const id = file.replace(/\.html\.gz$/, '');
    const gt = truth[id];
    if (!gt) return [];
    const html = gunzipSync(readFileSync(join(dir, 'html', file))).toString('utf8');
    return [{ id, url: gt.url ?? `https://example.invalid/${id}`, html, truth: gt.articleBody ?? '' }];
  });
}

// ---- Metric: a faithful port of evaluate.py -------------------------------------------------
// Tokens are Python's `\w+` (Unicode letters/digits/underscore). evaluate.py passes IGNORECASE
// but never lowercases, so matching is case-sensitive; we keep that. A text with fewer than 4
// tokens yields one shorter shingle; an empty text yields none. Shingles are multisets.
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN_RE) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    const key = slice.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

type TpFpFn = [number, number, number];

/** TP/FP/FN over shingle multisets, normalised to sum 1 so long documents don't weigh more. */
export function shingleMatch(truth: string, pred: string): TpFpFn {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

/**
 * Edge cases as in evaluate.py: precision is averaged only over documents with a non-empty
 * prediction (tp + fp > 0), recall only over documents with non-empty truth (tp + fn > 0).
 * So an empty prediction does not lower precision but scores recall 0. fp == fn == 0 scores 1.
 * F1 is the harmonic mean of the two averages.
 */
function metrics(rows: TpFpFn[]): { precision: number; recall: number; f1: number } {
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(rows.filter(([tp, fp]) => tp + fp > 0).map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fp))));
  const recall = mean(rows.filter(([tp, , fn]) => tp + fn > 0).map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fn))));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

// ---- Extractors ---------------------------------------------------------------------------------
const dealflow: Extractor = (html, url) => parseArticle(html, url).text;

const readability: Extractor = (html) => {
  const { document } = parseHTML(html);
  return new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse()?.textContent ?? '';
};

interface Result {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  pagesPerSecond: number;
  empty: number;
  errors: number;
  perDoc: { id: string; precision: number; recall: number }[];
}

interface Contender {
  name: string;
  extract: Extractor;
  outputs: string[];
  ms: number;
  errors: number;
}

function extractSafely(c: Contender, p: Page): string {
  try {
    return c.extract(p.html, p.url);
  } catch {
    c.errors++;
    return '';
  }
}

/**
 * A warm-up pass (JIT, lazy init), then one timed pass. The timed pass alternates the extractors
 * page by page so that load from other processes on a shared machine hits both alike.
 */
function runAll(contenders: Contender[], pages: Page[]): Result[] {
  for (const p of pages) for (const c of contenders) extractSafely(c, p);
  for (const c of contenders) c.errors = 0;
  for (const p of pages) {
    for (const c of contenders) {
      const start = performance.now();
      const out = extractSafely(c, p);
      c.ms += performance.now() - start;
      c.outputs.push(out);
    }
  }
  return contenders.map((c) => {
    const rows = pages.map((p, i) => shingleMatch(p.truth, c.outputs[i] ?? ''));
    return {
      name: c.name,
      ...metrics(rows),
      pagesPerSecond: pages.length / (c.ms / 1000),
      empty: c.outputs.filter((o) => o.trim() === '').length,
      errors: c.errors,
      perDoc: rows.map(([tp, fp, fn], i) => ({
        id: pages[i]!.id,
        precision: tp + fp > 0 ? tp / (tp + fp) : 1,
        recall: tp + fn > 0 ? tp / (tp + fn) : 1,
      })),
    };
  });
}

function main(): void {
  const pages = loadPages(benchDir);
  if (pages.length === 0) throw new Error(`no benchmark pages found in ${benchDir}`);
  const contender = (name: string, extract: Extractor): Contender => ({ name, extract, outputs: [], ms: 0, errors: 0 });
  const results = runAll([contender('dealflow', dealflow), contender('readability', readability)], pages);
  const [ours, theirs] = results as [Result, Result];
  const speedup = ours.pagesPerSecond / theirs.pagesPerSecond;

  if (process.argv.includes('--json')) {
    const strip = ({ perDoc: _perDoc, ...r }: Result) => r;
    console.log(JSON.stringify({ pages: pages.length, benchDir, results: results.map(strip), speedup }, null, 2));
    return;
  }
  if (process.argv.includes('--worst')) {
    const worst = [...ours.perDoc].sort((a, b) => a.precision * a.recall - b.precision * b.recall).slice(0, 25);
    for (const w of worst) console.log(`${w.id}  P=${w.precision.toFixed(3)} R=${w.recall.toFixed(3)}`);
  }
  console.log(`article-extraction benchmark: ${pages.length} pages from ${benchDir}`);
  console.log('extractor     precision  recall     F1      pages/s  empty  errors');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(12)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}  ` +
        `${r.f1.toFixed(3).padStart(6)}  ${r.pagesPerSecond.toFixed(1).padStart(7)}  ${String(r.empty).padStart(5)}  ` +
        `${String(r.errors).padStart(6)}`,
    );
  }
  console.log(`speed: dealflow is ${speedup.toFixed(2)}x Readability`);
}

main();
