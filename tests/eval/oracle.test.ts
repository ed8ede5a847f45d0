import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createExtractor } from '../../src/extract/index.js';
import { loadCorpus } from '../../src/eval/corpus.js';
import { answerDeal, startOracleServer, type OracleServer } from '../../src/eval/oracle.js';
import { evaluateCorpus, SCORED_FIELDS } from '../../src/eval/score.js';

const run = promisify(execFile);
// Fictional cases: two deals of one company in one article, a deal far from the lede, amounts
// without a currency in a euro story, crore forms, "$US", "HK$", "USD 360 million", a unit sale.
const ORACLE_FIXTURES = path.join(import.meta.dirname, '../fixtures/corpus-oracle');
const FIXTURES = path.join(import.meta.dirname, '../fixtures/corpus');

describe('oracle answers', () => {
  const text = 'Quillmoor, a Lisbon maker of tide sensors, has raised US$ 12.5m in a seed round. Harbour Ventures led it.';

  it('copies amounts, names and quotes from the text it is sent', () => {
    const deal = answerDeal(
      {
        company: 'Quillmoor',
        round: 'seed',
        country: 'PT',
        amount: { value: 12_500_000, currency: 'USD' },
        investors: [{ name: 'harbour ventures', lead: true }],
      },
      text,
    )!;
    expect(deal).toMatchObject({
      company: 'Quillmoor',
      amountText: 'US$ 12.5m',
      country: 'Lisbon',
      investors: [{ name: 'Harbour Ventures', lead: true }],
    });
    for (const e of deal.evidence) expect(text).toContain(e.quote);
    expect(deal.evidence.find((e) => e.field === 'amount')?.quote).toBe(
      'Quillmoor, a Lisbon maker of tide sensors, has raised US$ 12.5m in a seed round.',
    );
  });

  it('leaves out what the text it was sent does not state, as a model would have to', () => {
    const deal = answerDeal({ company: 'Quillmoor', amount: { value: 30_000_000, currency: 'USD' } }, text)!;
    expect(deal.amountText).toBeNull();
    expect(answerDeal({ company: 'Elsewhere Ltd', amount: { value: 1e6, currency: 'USD' } }, text)).toBeNull();
  });
});

describe('LLM path against the oracle', () => {
  let oracle: OracleServer;
  const corpora = [ORACLE_FIXTURES, FIXTURES];
  beforeAll(async () => {
    const cases = (await Promise.all(corpora.map((d) => loadCorpus(d)))).flat();
    oracle = await startOracleServer(cases);
  });
  afterAll(async () => oracle?.close());

  it.each(corpora)('loses no deal, field or evidence quote on %s', async (dir) => {
    const config = loadConfig({ OPENAI_BASE_URL: oracle.baseURL, LLM_MODEL: 'oracle', LLM_MAX_RETRIES: '0' });
    const report = await evaluateCorpus(dir, createExtractor(config), { threshold: config.REVIEW_CONFIDENCE_THRESHOLD });
    expect(report.engine).toBe('llm');
    expect(report.perCase.filter((c) => c.missed.length || c.spurious.length || c.fieldErrors.length || c.error)).toEqual([]);
    expect(report.deals.f1).toBe(1);
    for (const f of SCORED_FIELDS) expect(report.fields[f].correct).toBe(report.fields[f].total);
    expect(report.evidenceFailed).toBe(0);
    expect(report.usage.inputTokens).toBeGreaterThan(0);
    expect(oracle.unknown).toBe(0);
  });
});

describe('npm run eval:oracle', () => {
  it('runs the oracle evaluation as a command and passes at F1 >= 0.98', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_')));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/eval/oracle-cli.ts', ORACLE_FIXTURES], {
      env: { ...env, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/engine llm/);
    expect(stdout).toMatch(/F1 100\.0%/);
    expect(stdout).toMatch(/evidence check failed on 0 of 12/);
  });
});
