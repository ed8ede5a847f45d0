/**
 * Feed conformance benchmark: dealflow's feed reader against the `Expect:` lines of feedparser's test
 * suite (../shared/bench/feeds/feedparser, see its README) and the date strings of its
 * test_date_parsers.py. Only the checks on what dealflow keeps of an entry are counted:
 *
 *   link   entries[i]['link'] == '…' (also entries[i].link), `not entries[i].has_key('link')`
 *          (dealflow must yield no URL), entries[i]['links'][0] == {'rel': 'alternate', …, 'href': …},
 *          and entries[i]['links'][k]['href'] == '…' when links[k] is an alternate link (the same
 *          Expect line says so, or the k-th <link> of the entry in the source has no rel or
 *          rel="alternate").
 *   title  entries[i]['title'] == …, entries[i]['title_detail']['value'] == … (also .title). dealflow
 *          titles are plain text, so feedparser's value is turned into text the way its content type
 *          says: text/plain values are literal, HTML/XHTML values count by their text content. The
 *          type is read from the source (Atom `type`/`mode`), or for RSS guessed with feedparser's
 *          own rule (a close tag or an entity, only known tags).
 *   date   entries[i]['published'|'updated'|'created'|'issued'|'modified'] == '…' (the string is
 *          read with V8's Date.parse) and entries[i][*_parsed] == (time tuple, UTC). dealflow keeps one
 *          date per entry (publishedAt), which is what is compared.
 *   dates  every (input, expected) pair of test_date_parsers.py against parseDate. dealflow refuses
 *          dates outside 1990–2100 (a news date), so an expected year outside that range counts as
 *          expected null.
 *
 * Chained comparisons (a == b == 'x') count once per entry. `not bozo` and everything else is
 * ignored. Files served over HTTP in feedparser's suite (`http_*`) get the same document URL
 * (http://127.0.0.1:8097/tests/<path>) and their `Header: Content-Location` as base.
 *
 *   npm run bench:feeds [-- --verbose] [-- --json]      # FEED_BENCH_DIR overrides the suite path
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { canonicalizeUrl } from '../src/fetch/url.js';
import { detectSourceKind } from '../src/sources/detect.js';
import { feedEntries } from '../src/sources/parse.js';
import { parseDate } from '../src/sources/text.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const suiteDir = resolve(process.env.FEED_BENCH_DIR ?? join(projectRoot, '../shared/bench/feeds/feedparser/tests'));
const verbose = process.argv.includes('--verbose');
const asJson = process.argv.includes('--json');

type Field = 'link' | 'title' | 'date' | 'dates';
interface Outcome {
  field: Field;
  file: string;
  check: string;
  ok: boolean;
  got: unknown;
  want: unknown;
}

// ---- a small reader for the Python literals used in Expect lines ----------------------------------

type PyValue = string | number | null | boolean | PyValue[] | { [k: string]: PyValue };

class PyReader {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }
  value(): PyValue {
    let v = this.atom();
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '+') return v;
      this.i++;
      const next = this.atom();
      v = typeof v === 'string' && typeof next === 'string' ? v + next : NaN;
    }
  }
  atom(): PyValue {
    this.ws();
    const c = this.s[this.i];
    if (c === '(' || c === '[') return this.seq(c === '(' ? ')' : ']');
    if (c === '{') return this.dict();
    const str = /^[uUbBrR]?(['"])/.exec(this.s.slice(this.i));
    if (str) return this.str();
    const word = /^(None|True|False|-?\d+(?:\.\d+)?)/.exec(this.s.slice(this.i));
    if (!word) throw new Error(`unexpected ${this.s.slice(this.i, this.i + 20)}`);
    this.i += word[0].length;
    return word[0] === 'None' ? null : word[0] === 'True' ? true : word[0] === 'False' ? false : Number(word[0]);
  }
  seq(close: string): PyValue[] {
    this.i++;
    const out: PyValue[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
    }
  }
  dict(): { [k: string]: PyValue } {
    this.i++;
    const out: { [k: string]: PyValue } = {};
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      const k = String(this.value());
      this.ws();
      this.i++; // ':'
      out[k] = this.value();
      this.ws();
      if (this.s[this.i] === ',') this.i++;
    }
  }
  str(): string {
    const raw = /^[rR]/.test(this.s[this.i]!);
    if (/[uUbBrR]/.test(this.s[this.i]!)) this.i++;
    const q = this.s[this.i++]!;
    let out = '';
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined) throw new Error('unterminated string');
      if (c === q) return out;
      if (c !== '\\' || raw) {
        out += c;
        continue;
      }
      const e = this.s[this.i++]!;
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
      if (e in simple) out += simple[e];
      else if (e === 'x' || e === 'u' || e === 'U') {
        const width = { x: 2, u: 4, U: 8 }[e];
        out += String.fromCodePoint(parseInt(this.s.slice(this.i, this.i + width), 16));
        this.i += width;
      } else out += `\\${e}`;
    }
  }
}

/** Split an expression on a separator that stands outside strings and brackets. */
function splitTopLevel(expr: string, separator: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && expr.startsWith(separator, i)) {
      out.push(expr.slice(start, i).trim());
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  out.push(expr.slice(start).trim());
  return out;
}

/** `a and b` → its conjuncts. */
const conjuncts = (expr: string): string[] => splitTopLevel(expr, ' and ');
/** `a == b == c` → its operands. */
const operands = (expr: string): string[] => splitTopLevel(expr, '==');

// ---- feedparser semantics needed to read its expectations -----------------------------------------

const ACCEPTABLE_ELEMENTS = new Set(
  (
    'a abbr acronym address area article aside audio b big blockquote br button canvas caption center cite code col ' +
    'colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em event-source fieldset figcaption ' +
    'figure font footer form h1 h2 h3 h4 h5 h6 header hr i img input ins kbd keygen label legend li m map menu meter ' +
    'multicol nav nextid noscript ol optgroup option output p pre progress q s samp section select small sound source ' +
    'spacer span strike strong sub sup table tbody td textarea tfoot th thead time tr tt u ul var video'
  ).split(' '),
);

/** feedparser's guess for RSS text: HTML when it has a close tag or an entity and only known tags. */
function looksLikeHtml(s: string): boolean {
  if (!/<\/(\w+)>/.test(s) && !/&#?\w+;/.test(s)) return false;
  return [...s.matchAll(/<\/?(\w+)/g)].every((m) => ACCEPTABLE_ELEMENTS.has(m[1]!.toLowerCase()));
}

function htmlText(s: string): string {
  const $ = cheerio.load(s, { xml: { xmlMode: false, decodeEntities: true } });
  $('script, style').remove();
  return $.root().text();
}

const norm = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

/** The opening tag of the title of entry `index` in the raw source, to read its declared type. */
function titleTag(xml: string, index: number): { tag: string; inner: string } | null {
  const entries = [...xml.matchAll(/<(?:[\w.-]+:)?(entry|item)[\s>]/gi)];
  const at = entries[index]?.index;
  if (at === undefined) return null;
  const m = /(<(?:[\w.-]+:)?title\b[^>]*>)([\s\S]*?)<\/(?:[\w.-]+:)?title>/i.exec(xml.slice(at));
  return m ? { tag: m[1]!, inner: m[2]! } : null;
}

function expectedTitle(value: string, xml: string, index: number): string | null {
  const { tag, inner } = titleTag(xml, index) ?? { tag: '', inner: '' };
  const type = (/\stype=["']([^"']*)["']/i.exec(tag)?.[1] ?? '').toLowerCase();
  const atom = /<(?:[\w.-]+:)?feed[\s>]/i.test(xml);
  let html: boolean;
  if (atom && type) html = type.includes('html');
  else if (atom)
    html = /<\w/.test(inner.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')); // text, unless inline markup
  else html = looksLikeHtml(value);
  return norm(html ? htmlText(value) : value);
}

/** Whether link `k` of entry `index` in the raw source is an alternate link (rel missing or "alternate"). */
function alternateInSource(xml: string, index: number, k: number): boolean {
  const starts = [...xml.matchAll(/<(?:[\w.-]+:)?(entry|item)[\s>]/gi)].map((m) => m.index);
  const at = starts[index];
  if (at === undefined) return false;
  const region = xml.slice(at, starts[index + 1] ?? xml.length);
  const tag = [...region.matchAll(/<(?:[\w.-]+:)?link\b[^>]*>/gi)][k]?.[0];
  if (!tag) return false;
  const rel = /\srel=["']([^"']*)["']/i.exec(tag)?.[1];
  return rel === undefined || rel.trim().toLowerCase() === 'alternate';
}

/** feedparser time tuple (UTC) → ISO string. */
function tupleToIso(t: PyValue): string | null {
  if (!Array.isArray(t)) return null;
  const [y, mo, d, h, mi, s] = t as number[];
  if (y === undefined || y < 1990 || y > 2100) return null; // outside dealflow's plausible range
  return new Date(Date.UTC(y, mo! - 1, d!, h!, mi!, s!)).toISOString();
}

/** A time tuple has whole seconds: compare at that precision. */
const toSecond = (iso: string | null | undefined): string | null => (iso ? iso.replace(/\.\d{3}Z$/, '.000Z') : null);

// ---- running the checks ------------------------------------------------------------------------------

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : /\.(xml|rdf|rss|atom)$/i.test(name) ? [p] : [];
  });
}

const ENTRY = String.raw`entries\[(\d+)\]`;
const LINK_RE = new RegExp(String.raw`^${ENTRY}(?:\['link'\]|\.link)$`);
const NO_LINK_RE = new RegExp(String.raw`^not ${ENTRY}\.has_key\('link'\)$|^'link' not in ${ENTRY}$`);
const LINKS_HREF_RE = new RegExp(String.raw`^${ENTRY}\['links'\]\[(\d+)\]\['href'\]$`);
const LINKS_DICT_RE = new RegExp(String.raw`^${ENTRY}\['links'\]\[(\d+)\]$`);
const TITLE_RE = new RegExp(String.raw`^${ENTRY}(?:\['title'\]|\.title|\['title_detail'\]\['value'\])$`);
const DATE_RE = new RegExp(String.raw`^${ENTRY}(?:\['|\.)(published|updated|created|issued|modified)(_parsed)?(?:'\])?$`);

function sameUrl(a: string | null, b: string | null): boolean {
  if (!a || !b) return a === b;
  try {
    return canonicalizeUrl(a) === canonicalizeUrl(b);
  } catch {
    return a === b;
  }
}

function runFile(file: string, results: Outcome[]): void {
  const xml = readFileSync(file, 'utf8');
  const header = /^\s*<!--([\s\S]*?)-->/.exec(xml)?.[1] ?? '';
  const expect = /Expect:\s*(.*)/.exec(header)?.[1]?.trim();
  if (!expect) return;
  const rel = relative(join(suiteDir, '..'), file);
  const docUrl = `http://127.0.0.1:8097/${rel}`;
  const base = /Header:\s*Content-Location:\s*(\S+)/i.exec(header)?.[1] ?? docUrl;

  const parts = conjuncts(expect);
  const checks: Array<{ field: Field; index: number; check: string; want: unknown; test: (e: Entry | undefined) => [boolean, unknown] }> =
    [];
  const altLinks = new Set(
    parts.flatMap((p) => {
      const m = /^entries\[(\d+)\]\['links'\]\[(\d+)\]\['rel'\] == '(alternate)'$/.exec(p);
      return m ? [`${m[1]}/${m[2]}`] : [];
    }),
  );
  for (const part of parts) {
    const noLink = NO_LINK_RE.exec(part);
    if (noLink) {
      checks.push({
        field: 'link',
        index: Number(noLink[1] ?? noLink[2]),
        check: part,
        want: null,
        test: (e) => [!e?.url, e?.url ?? null],
      });
      continue;
    }
    const ops = operands(part);
    if (ops.length < 2) continue;
    const literal = ops.at(-1)!;
    let want: PyValue;
    try {
      want = new PyReader(literal).value();
    } catch {
      continue;
    }
    for (const lhs of ops.slice(0, -1)) {
      let m: RegExpExecArray | null;
      if ((m = LINK_RE.exec(lhs)) && typeof want === 'string') {
        const w = /^[a-z][a-z0-9+.-]*:/i.test(want) ? want : new URL(want, base).toString();
        checks.push({ field: 'link', index: Number(m[1]), check: part, want: w, test: (e) => [sameUrl(e?.url ?? null, w), e?.url] });
      } else if (
        (m = LINKS_HREF_RE.exec(lhs)) &&
        typeof want === 'string' &&
        (altLinks.has(`${m[1]}/${m[2]}`) || alternateInSource(xml, +m[1]!, +m[2]!))
      ) {
        const w = want;
        checks.push({ field: 'link', index: Number(m[1]), check: part, want: w, test: (e) => [sameUrl(e?.url ?? null, w), e?.url] });
      } else if ((m = LINKS_DICT_RE.exec(lhs)) && want && typeof want === 'object' && !Array.isArray(want)) {
        const d = want as Record<string, PyValue>;
        if (d.rel === 'alternate' && typeof d.href === 'string' && m[2] === '0') {
          const w = d.href;
          checks.push({ field: 'link', index: Number(m[1]), check: part, want: w, test: (e) => [sameUrl(e?.url ?? null, w), e?.url] });
        }
      } else if ((m = TITLE_RE.exec(lhs)) && typeof want === 'string') {
        const w = expectedTitle(want, xml, Number(m[1]));
        checks.push({ field: 'title', index: Number(m[1]), check: part, want: w, test: (e) => [norm(e?.title) === w, e?.title] });
      } else if ((m = DATE_RE.exec(lhs))) {
        const w = m[3]
          ? tupleToIso(want)
          : typeof want === 'string' && !Number.isNaN(Date.parse(want))
            ? new Date(Date.parse(want)).toISOString()
            : undefined;
        if (w === undefined) continue;
        checks.push({
          field: 'date',
          index: Number(m[1]),
          check: part,
          want: w,
          test: (e) => [toSecond(e?.publishedAt) === w, e?.publishedAt],
        });
      }
    }
  }
  if (checks.length === 0) return;
  let entries: Entry[] = [];
  let error: string | null = null;
  try {
    entries = feedEntries(detectSourceKind(xml, null), xml, base);
  } catch (err) {
    error = (err as Error).message;
  }
  for (const c of checks) {
    const [ok, got] = error ? [false, `error: ${error}`] : c.test(entries[c.index]);
    results.push({ field: c.field, file: rel, check: c.check, ok, got, want: c.want });
  }
}

type Entry = { url: string | null; title: string | null; publishedAt: string | null };

/** (input, expected) pairs of test_date_parsers.py. */
function runDateStrings(results: Outcome[]): void {
  let src: string;
  try {
    src = readFileSync(join(suiteDir, 'test_date_parsers.py'), 'utf8');
  } catch {
    return;
  }
  for (const m of src.matchAll(/\(\s*_parse_date\w*,\s*((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))\s*,\s*(None|\([^)]*\))\s*,?\s*\)/g)) {
    const input = new PyReader(m[1]!).value() as string;
    if (!input) continue; // the empty string: nothing to read
    const want = m[2] === 'None' ? null : tupleToIso(new PyReader(m[2]!).value());
    const got = toSecond(parseDate(input));
    results.push({ field: 'dates', file: 'test_date_parsers.py', check: JSON.stringify(input), ok: got === want, got, want });
  }
}

const results: Outcome[] = [];
for (const f of listFiles(suiteDir).sort()) runFile(f, results);
runDateStrings(results);

const fields: Field[] = ['link', 'title', 'date', 'dates'];
const summary = Object.fromEntries(
  fields.map((f) => {
    const rs = results.filter((r) => r.field === f);
    const pass = rs.filter((r) => r.ok).length;
    return [f, { pass, total: rs.length, rate: rs.length ? pass / rs.length : 0 }];
  }),
) as Record<Field, { pass: number; total: number; rate: number }>;
const allDates = { pass: summary.date.pass + summary.dates.pass, total: summary.date.total + summary.dates.total };

if (asJson) {
  process.stdout.write(`${JSON.stringify({ summary, failures: results.filter((r) => !r.ok) }, null, 2)}\n`);
} else {
  if (verbose) {
    for (const r of results.filter((x) => !x.ok)) {
      process.stdout.write(`FAIL ${r.field} ${r.file}: ${r.check}\n     want ${JSON.stringify(r.want)} got ${JSON.stringify(r.got)}\n`);
    }
  }
  const pct = (p: number, t: number) => `${((100 * p) / Math.max(t, 1)).toFixed(1)}%`;
  process.stdout.write(`feedparser suite: ${suiteDir}\n`);
  process.stdout.write(`entry link   ${pct(summary.link.pass, summary.link.total)}  (${summary.link.pass}/${summary.link.total})\n`);
  process.stdout.write(`entry title  ${pct(summary.title.pass, summary.title.total)}  (${summary.title.pass}/${summary.title.total})\n`);
  process.stdout.write(`entry date   ${pct(summary.date.pass, summary.date.total)}  (${summary.date.pass}/${summary.date.total})\n`);
  process.stdout.write(`date strings ${pct(summary.dates.pass, summary.dates.total)}  (${summary.dates.pass}/${summary.dates.total})\n`);
  process.stdout.write(`date, both   ${pct(allDates.pass, allDates.total)}  (${allDates.pass}/${allDates.total})\n`);
}
