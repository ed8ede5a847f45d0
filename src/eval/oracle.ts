/**
 * An oracle "model" for testing the LLM path without a model: an OpenAI-compatible server that
 * answers each labelled case with its gold deals, written the way the prompt asks a model to write
 * them (amounts copied as written in the article, names as spelled there, verbatim quotes).
 *
 * It only knows the gold JSON and the text it is sent: every string in an answer is found in the
 * request's article text at run time. A deal whose figures are not in the text it was sent (the
 * token selection dropped them) is answered without them, as a real model would have to. Scoring
 * its answers through `normaliseDeal` and the evidence check therefore measures what those lose.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawDeal } from '../deal/schema.js';
import { ARTICLE_END, ARTICLE_START } from '../extract/llm/prompt.js';
import { cleanCompanyName, toCountryCode } from '../normalise/index.js';
import { parseArticle } from '../parse/article.js';
import type { CorpusCase, GoldDeal } from './corpus.js';

interface Span {
  start: number;
  end: number;
}

const ORACLE_CONFIDENCE = 0.9;
const MAX_QUOTE = 300;

// The oracle's own, deliberately loose reading of figures: independent of src/normalise/money.ts,
// which is what the oracle's answers test.
const SCALE_WORDS: Array<[RegExp, number]> = [
  [/^lakh[\s-]crores?/i, 1e12],
  [/^(?:trillions?|tn|trn)(?![a-z])/i, 1e12],
  [/^(?:billions?|bn|bln|b|milliarden?|milliards?|mrd\.?)(?![a-z])/i, 1e9],
  [/^(?:millions?|mn|mln|mil|m|mio\.?|millionen)(?![a-z])/i, 1e6],
  [/^(?:crores?|cr)(?![a-z])/i, 1e7],
  [/^(?:lakhs?|lacs?)(?![a-z])/i, 1e5],
  [/^(?:thousand|k)(?![a-z])/i, 1e3],
];
const CURRENCY_AFTER =
  /^[\s-]?(?:[A-Z]{3}(?![A-Za-z])|(?:won|yen|yuan|renminbi|rupees?|euros?|dollars?|pounds?|sterling|francs?|ringgit|rupiah|baht|pesos?|reais|real|rand|naira|shillings?|riyals?|dirhams?|dinars?|lira|kronor|kronas?|kroner|zloty|shekels?|dong)(?![a-z]))/;
const CURRENCY_BEFORE = /(?:[A-Za-z]{0,3}[$€£¥₩₹₪₦₺₱฿₫₽₴₵][A-Z]{0,2}|Rs\.?|[A-Z]{3}|RM|Rp|KSh|Ksh|Sh|R)\s?$/;

/** Every way a numeral could be read: separators before groups of three digits as thousands, or the last one as the decimal mark. */
function readings(numeral: string): number[] {
  const out = new Set<number>();
  if (/^\d{1,3}(?:[.,]\d{3})*$/.test(numeral)) out.add(Number(numeral.replace(/[.,]/g, '')));
  const last = Math.max(numeral.lastIndexOf('.'), numeral.lastIndexOf(','));
  out.add(last > 0 ? Number(`${numeral.slice(0, last).replace(/[.,]/g, '')}.${numeral.slice(last + 1)}`) : Number(numeral));
  return [...out].filter(Number.isFinite);
}

/** Spans of `text` that state `value` (within 2%), with their currency sign, scale and currency word. */
export function findAmounts(text: string, value: number): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/\d[\d.,]*\d|\d/g)) {
    const at = m.index;
    const before = CURRENCY_BEFORE.exec(text.slice(Math.max(0, at - 6), at));
    // A numeral glued to a word ("Fund3", "H20") is not an amount unless the word is a currency ("RMB1").
    if (at > 0 && /[\p{L}\d]/u.test(text[at - 1]!) && !before) continue;
    let end = at + m[0].length;
    const rest = text.slice(end);
    const gap = /^[\s-]?/.exec(rest)![0];
    let factor = 1;
    for (const [re, f] of SCALE_WORDS) {
      const s = re.exec(rest.slice(gap.length));
      if (s) {
        factor = f;
        end += gap.length + s[0].length;
        break;
      }
    }
    if (!readings(m[0]).some((n) => Math.abs(n * factor - value) <= 0.02 * value)) continue;
    const currency = CURRENCY_AFTER.exec(text.slice(end));
    if (currency) end += currency[0].length;
    const start = before ? at - before[0].length : at;
    spans.push({ start, end });
  }
  return spans;
}

/** Where `phrase` occurs in `text`, case-insensitively. */
function findAll(text: string, phrase: string): Span[] {
  const out: Span[] = [];
  if (!phrase.trim()) return out;
  const lower = text.toLowerCase();
  const needle = phrase.toLowerCase();
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) out.push({ start: i, end: i + needle.length });
  return out;
}

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The name as the article spells it: the gold name, else without its legal suffix. Else, for a
 * descriptive name ("Acme's lending unit"), the sentence holding all its words (`loose`: the
 * answer then writes the gold name, as a model naming a unit or division would).
 */
function findName(text: string, name: string): { spans: Span[]; loose: boolean } {
  const direct = findAll(text, name);
  if (direct.length) return { spans: direct, loose: false };
  const cleaned = findAll(text, cleanCompanyName(name));
  if (cleaned.length) return { spans: cleaned, loose: false };
  const wanted = words(name).map((w) => w.replace(/s$/, ''));
  if (wanted.length < 2) return { spans: [], loose: false };
  const spans: Span[] = [];
  for (const m of text.matchAll(/(?:[^.!?\n]|[.!?](?!\s))+/g)) {
    const have = new Set(words(m[0]).flatMap((w) => [w, w.replace(/s$/, '')]));
    if (wanted.every((w) => have.has(w))) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return { spans, loose: spans.length > 0 };
}

const distance = (a: Span, b: Span): number => Math.max(0, a.start - b.end, b.start - a.end);

function nearest(spans: Span[], anchors: Span[]): Span | undefined {
  if (anchors.length === 0) return spans[0];
  let best: Span | undefined;
  let bestD = Infinity;
  for (const s of spans) {
    const d = Math.min(...anchors.map((a) => distance(s, a)));
    if (d < bestD) [best, bestD] = [s, d];
  }
  return best;
}

/** The sentence (or line) around a span, verbatim; long sentences are cut to a window at word boundaries. */
export function quoteAround(text: string, span: Span): string {
  const boundary = /[.!?]["')\]]?\s+(?=[A-Z"“(])|\n/g;
  let start = 0;
  let end = text.length;
  for (const b of text.matchAll(boundary)) {
    const cut = b.index + b[0].length;
    if (cut <= span.start) start = cut;
    else if (b.index >= span.end) {
      end = b.index + (b[0].startsWith('\n') ? 0 : 1);
      break;
    }
  }
  if (end - start > MAX_QUOTE) {
    const pad = Math.max(0, Math.floor((MAX_QUOTE - (span.end - span.start)) / 2));
    let from = Math.max(start, span.start - pad);
    let to = Math.min(end, span.end + pad);
    while (from > start && from < span.start && !/\s/.test(text[from - 1]!)) from++;
    while (to < end && to > span.end && !/\s/.test(text[to]!)) to--;
    [start, end] = [from, to];
  }
  return text.slice(start, end).trim();
}

/** A country as the article writes it ("Seoul-based", "Korean"), nearest the company; else the code. */
function findCountry(text: string, code: string, anchors: Span[]): string {
  const spans: Span[] = [];
  for (const m of text.matchAll(/\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,2}/gu)) {
    const words = m[0].split(/\s+/);
    // Every run of 1–3 capitalised words inside the match, "-based" and trailing dots stripped.
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= words.length; j++) {
        const phrase = words
          .slice(i, j)
          .join(' ')
          .replace(/-based$/i, '')
          .replace(/['’]s$/, '')
          .replace(/[.,]+$/, '');
        if (toCountryCode(phrase) !== code) continue;
        const offset = m.index + m[0].indexOf(words[i]!);
        spans.push({ start: offset, end: offset + phrase.length });
      }
    }
  }
  const best = nearest(spans, anchors);
  return best ? text.slice(best.start, best.end) : code;
}

/** One gold deal written as a model following the prompt would, from `text` only. */
export function answerDeal(gold: GoldDeal, text: string): RawDeal | null {
  const { spans: names, loose } = findName(text, gold.company);
  const evidence: RawDeal['evidence'] = [];
  const quote = (field: RawDeal['evidence'][number]['field'], span: Span | undefined) => {
    if (span) evidence.push({ field, quote: quoteAround(text, span) });
  };
  const money = (m: GoldDeal['amount'], exclude?: Span): Span | undefined => {
    if (!m) return undefined;
    const spans = findAmounts(text, m.value).filter((s) => !exclude || distance(s, exclude) > 0);
    return nearest(spans, names);
  };
  const amount = money(gold.amount);
  const valuation = money(gold.valuation, amount);
  if (names.length === 0 && !amount) return null; // not in this part of the article
  const company = nearest(names, amount ? [amount] : []);

  const investors = (gold.investors ?? []).map((inv) => {
    const found = findName(text, inv.name);
    const at = nearest(found.spans, company ? [company] : []);
    return { name: at && !found.loose ? text.slice(at.start, at.end) : inv.name, lead: inv.lead, at };
  });
  quote('company', company);
  quote('amount', amount);
  quote('valuation', valuation);
  quote('investors', investors.find((i) => i.at)?.at);

  return {
    company: company && !loose ? text.slice(company.start, company.end) : gold.company,
    country: gold.country ? findCountry(text, gold.country, company ? [company] : []) : null,
    round: gold.round ?? 'undisclosed',
    status: gold.status ?? 'announced',
    amountText: amount ? text.slice(amount.start, amount.end) : null,
    valuationText: valuation ? text.slice(valuation.start, valuation.end) : null,
    investors: investors.map(({ name, lead }) => ({ name, lead })),
    announcedOn: null,
    evidence,
    confidence: ORACLE_CONFIDENCE,
  };
}

/** The article data the extractor sent: the header lines, then the text after the first blank line. */
export function readRequest(content: string): { url: string | null; text: string } {
  const from = content.indexOf(ARTICLE_START);
  const to = content.lastIndexOf(ARTICLE_END);
  const data = from >= 0 && to > from ? content.slice(from + ARTICLE_START.length, to) : content;
  const url = /^URL: (.*)$/m.exec(data)?.[1]?.trim() ?? null;
  const body = data.indexOf('\n\n');
  return { url, text: body >= 0 ? data.slice(body + 2).trim() : data };
}

export interface OracleServer {
  baseURL: string;
  /** Requests for an article the oracle had no case for. */
  unknown: number;
  close(): Promise<void>;
}

/** Serves POST /v1/chat/completions for the cases' articles (matched by the URL line of the request). */
export async function startOracleServer(cases: readonly CorpusCase[]): Promise<OracleServer> {
  const byUrl = new Map<string, GoldDeal[]>();
  // Engines are sent the canonical URL (pipeline/candidates.ts articleInput).
  for (const c of cases) byUrl.set(parseArticle(c.html, c.url).canonicalUrl, c.deals);
  const state = { unknown: 0 };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let body: { model?: string; messages?: Array<{ role: string; content: unknown }> };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        reply(400, { error: { message: 'oracle: body is not JSON', type: 'invalid_request_error' } });
        return;
      }
      const messages = body.messages ?? [];
      const user = messages
        .filter((m) => m.role === 'user')
        .map((m) => String(m.content))
        .join('\n');
      const { url, text } = readRequest(user);
      const gold = url ? byUrl.get(url) : undefined;
      if (!gold) state.unknown++;
      const deals = (gold ?? []).map((g) => answerDeal(g, text)).filter((d): d is RawDeal => d !== null);
      const content = JSON.stringify({ deals });
      const promptChars = messages.reduce((n, m) => n + String(m.content).length, 0);
      reply(200, {
        id: 'chatcmpl-oracle',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model ?? 'oracle',
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
        // Same ~4 characters per token estimate as the extractor's chunking.
        usage: { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: 0 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    get unknown() {
      return state.unknown;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
