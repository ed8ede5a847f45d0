/**
 * LLM input tokens: whole article vs the selected text (lede + deal-cue paragraphs + neighbours),
 * the share of gold deals whose supporting sentences survive the selection, and $ per 1,000
 * articles at the configured (default) prices. Tokens are counted with o200k_base (gpt-4o-mini's
 * tokenizer), over everything billed as input: system prompt, user message and the JSON schema.
 *
 *   npm run bench:tokens [-- DIR ...] [--json]     # default: ../shared/corpus/deals-dev and deals-real-dev
 *
 * Supporting sentences of a gold deal: the verbatim quotes (company, amount, valuation, investors)
 * the oracle (src/eval/oracle.ts) writes for it from the whole article text. A deal the parser
 * dropped from the text entirely has none and is reported apart.
 */
import path from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { loadConfig } from '../src/config.js';
import { loadCorpus } from '../src/eval/corpus.js';
import { answerDeal } from '../src/eval/oracle.js';
import { chunkText } from '../src/extract/llm/chunk.js';
import { responseFormat } from '../src/extract/llm/complete.js';
import { buildMessages, DEFAULT_PROMPT_VERSION, loadPrompt } from '../src/extract/llm/prompt.js';
import { hasDealCue, selectDealText } from '../src/extract/llm/select.js';
import { mayContainDeal } from '../src/extract/offline/index.js';
import type { ArticleInput } from '../src/extract/types.js';
import { parseArticle } from '../src/parse/article.js';
import { projectRoot } from '../src/paths.js';

interface SetResult {
  dir: string;
  articles: number;
  /** Articles the pre-filters pass to the model. */
  sentToModel: number;
  inputTokens: { whole: number; selected: number; saved: number };
  /** Article text alone (no prompt or schema), the part selection acts on. */
  articleTokens: { whole: number; selected: number; saved: number };
  outputTokens: number;
  goldDeals: number;
  /** Gold deals with every supporting quote inside the selected text / with quotes at all. */
  supported: { kept: number; total: number; share: number; notInText: number; lost: string[] };
  usdPer1000Articles: { whole: number; selected: number };
}

const config = loadConfig({});
const system = loadPrompt(DEFAULT_PROMPT_VERSION);
const schemaTokens = countTokens(JSON.stringify(responseFormat));

/** Tokens billed for sending `text` of `article`, chunked as the extractor does. */
function requestTokens(article: ArticleInput, text: string): number {
  const chunks = chunkText(text, config.LLM_CHUNK_TOKENS);
  return chunks.reduce((n, chunk, index) => {
    const messages = buildMessages(system, article, { text: chunk, index, count: chunks.length });
    return n + schemaTokens + messages.reduce((m, msg) => m + countTokens(String(msg.content)) + 4, 0);
  }, 0);
}

async function benchSet(dir: string): Promise<SetResult> {
  const cases = await loadCorpus(dir);
  const r: SetResult = {
    dir,
    articles: cases.length,
    sentToModel: 0,
    inputTokens: { whole: 0, selected: 0, saved: 0 },
    articleTokens: { whole: 0, selected: 0, saved: 0 },
    outputTokens: 0,
    goldDeals: 0,
    supported: { kept: 0, total: 0, share: 1, notInText: 0, lost: [] },
    usdPer1000Articles: { whole: 0, selected: 0 },
  };
  for (const c of cases) {
    const parsed = parseArticle(c.html, c.url);
    const article: ArticleInput = {
      url: parsed.url,
      title: parsed.title,
      text: parsed.text,
      publishedAt: parsed.publishedAt ?? c.publishedAt,
    };
    const selected = selectDealText(article.text).text;
    const answers = c.deals.map((g) => answerDeal(g, article.text));
    r.goldDeals += c.deals.length;
    answers.forEach((a, i) => {
      const quotes = a ? [...a.evidence.map((e) => e.quote), ...(a.amountText ? [a.amountText] : [])] : [];
      if (quotes.length === 0) {
        r.supported.notInText++;
        return;
      }
      r.supported.total++;
      if (quotes.every((q) => selected.includes(q))) r.supported.kept++;
      else r.supported.lost.push(`${c.name}: ${c.deals[i]!.company}`);
    });
    if (!mayContainDeal(article) && !hasDealCue(article)) continue; // the offline engine answers, free
    r.sentToModel++;
    r.inputTokens.whole += requestTokens(article, article.text);
    r.inputTokens.selected += requestTokens(article, selected);
    r.articleTokens.whole += countTokens(article.text);
    r.articleTokens.selected += countTokens(selected);
    r.outputTokens += countTokens(JSON.stringify({ deals: answers.filter(Boolean) }));
  }
  const saved = (t: { whole: number; selected: number }) => (t.whole ? 1 - t.selected / t.whole : 0);
  r.inputTokens.saved = saved(r.inputTokens);
  r.articleTokens.saved = saved(r.articleTokens);
  r.supported.share = r.supported.total ? r.supported.kept / r.supported.total : 1;
  const per1000 = (input: number) =>
    ((input * config.LLM_PRICE_INPUT + r.outputTokens * config.LLM_PRICE_OUTPUT) / 1e6) * (1000 / r.articles);
  r.usdPer1000Articles = { whole: per1000(r.inputTokens.whole), selected: per1000(r.inputTokens.selected) };
  return r;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirs = args.filter((a) => !a.startsWith('--'));
  const corpus = path.join(projectRoot(), '..', 'shared', 'corpus');
  const sets = dirs.length ? dirs : [path.join(corpus, 'deals-dev'), path.join(corpus, 'deals-real-dev')];
  const results: SetResult[] = [];
  for (const dir of sets) results.push(await benchSet(path.resolve(dir)));
  if (args.includes('--json')) {
    process.stdout.write(
      `${JSON.stringify({ model: config.LLM_MODEL, prices: { input: config.LLM_PRICE_INPUT, output: config.LLM_PRICE_OUTPUT }, results }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    `prices: $${config.LLM_PRICE_INPUT} / $${config.LLM_PRICE_OUTPUT} per 1M input / output tokens (${config.LLM_MODEL} defaults); tokens: o200k_base\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${[
        `${path.basename(r.dir)}: ${r.articles} articles, ${r.sentToModel} sent to the model`,
        `  input tokens (prompt + schema + article): whole ${r.inputTokens.whole}, selected ${r.inputTokens.selected} → ${pct(r.inputTokens.saved)} saved`,
        `  article text alone: whole ${r.articleTokens.whole}, selected ${r.articleTokens.selected} → ${pct(r.articleTokens.saved)} saved`,
        `  gold deals with their supporting sentences in the selected text: ${r.supported.kept}/${r.supported.total} (${pct(r.supported.share)})` +
          (r.supported.notInText ? `; ${r.supported.notInText} not in the parsed text at all` : ''),
        ...r.supported.lost.map((l) => `    lost: ${l}`),
        `  output tokens (gold answers): ${r.outputTokens}`,
        `  $ per 1,000 articles: whole $${r.usdPer1000Articles.whole.toFixed(3)}, selected $${r.usdPer1000Articles.selected.toFixed(3)}`,
      ].join('\n')}\n`,
    );
  }
  if (results.some((r) => r.supported.share < 1)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:tokens failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
