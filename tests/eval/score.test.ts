import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deal, RawDeal } from '../../src/deal/schema.js';
import type { ArticleInput, ExtractionResult, Extractor } from '../../src/extract/types.js';
import { createOfflineExtractor } from '../../src/extract/offline/index.js';
import { loadCorpus } from '../../src/eval/corpus.js';
import { evaluateCorpus, scoreCase } from '../../src/eval/score.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/corpus');
const tmp = mkdtempSync(path.join(tmpdir(), 'dealflow-eval-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function deal(name: string, over: Partial<Deal> = {}): Deal {
  return {
    company: { name, country: 'US' },
    round: 'seed',
    status: 'announced',
    amount: { value: 1_000_000, currency: 'USD', usd: 1_000_000 },
    valuation: null,
    investors: [],
    region: 'north_america',
    announcedOn: null,
    evidence: [],
    confidence: 0.9,
    ...over,
  };
}

function raw(company: string, amountText: string | null, round: RawDeal['round'] = 'seed'): RawDeal {
  return {
    company,
    country: 'US',
    round,
    status: 'announced',
    amountText,
    valuationText: null,
    investors: [],
    announcedOn: null,
    evidence: [],
    confidence: 0.9,
  };
}

/** Returns fixed deals per article URL, so the expected score is known exactly. */
function fixedExtractor(byUrl: Record<string, RawDeal[]>): Extractor {
  return {
    engine: 'offline',
    async extract(article: ArticleInput): Promise<ExtractionResult> {
      const key = Object.keys(byUrl).find((u) => article.url.includes(u));
      return {
        raw: { deals: key ? byUrl[key]! : [] },
        engine: 'offline',
        model: null,
        promptVersion: 'fixed',
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        cached: false,
        durationMs: 1,
      };
    },
  };
}

describe('scoreCase', () => {
  it('matches by company key ignoring case, punctuation and legal suffix, and scores present fields only', () => {
    const s = scoreCase(
      [
        {
          company: 'Acme Robotics',
          round: 'seed',
          amount: { value: 1_010_000, currency: 'USD' },
          investors: [{ name: 'Big VC', lead: true }],
        },
      ],
      [deal('ACME Robotics, Inc.', { investors: [{ name: 'Big VC LLC', lead: false }] })],
    );
    expect(s).toMatchObject({ gold: 1, predicted: 1, matched: 1, missed: [], spurious: [] });
    expect(s.fields.round).toEqual({ correct: 1, total: 1 });
    expect(s.fields.amount).toEqual({ correct: 1, total: 1 }); // within 2%
    expect(s.fields.investors).toEqual({ correct: 1, total: 1 });
    expect(s.fields.lead).toEqual({ correct: 0, total: 1 });
    expect(s.fields.status.total).toBe(0); // absent in gold: not scored
  });

  it('scores a present gold field exactly: null predicted is wrong, wrong currency is wrong', () => {
    const s = scoreCase(
      [{ company: 'A', amount: { value: 5e6, currency: 'EUR' }, valuation: { value: 5e7, currency: 'EUR' }, country: 'DE' }],
      [deal('A', { amount: { value: 5e6, currency: 'USD', usd: 5e6 }, valuation: null })],
    );
    expect(s.fields.amount).toEqual({ correct: 0, total: 1 });
    expect(s.fields.valuation).toEqual({ correct: 0, total: 1 });
    expect(s.fields.country).toEqual({ correct: 0, total: 1 });
    expect(s.fieldErrors.map((e) => e.field).sort()).toEqual(['amount', 'country', 'valuation']);
  });

  it('pairs two deals of one company by their fields, and reports missed and spurious', () => {
    const s = scoreCase(
      [
        { company: 'Northwind', round: 'series_b', amount: { value: 6e7, currency: 'CAD' } },
        { company: 'Northwind', round: 'grant', amount: { value: 1.2e7, currency: 'CAD' } },
        { company: 'Gone Co', round: 'seed' },
      ],
      [
        deal('Northwind', { round: 'grant', amount: { value: 1.2e7, currency: 'CAD', usd: null } }),
        deal('Northwind', { round: 'series_b', amount: { value: 6e7, currency: 'CAD', usd: null } }),
        deal('Phantom'),
      ],
    );
    expect(s).toMatchObject({ gold: 3, predicted: 3, matched: 2, missed: ['Gone Co'], spurious: ['Phantom'] });
    expect(s.fields.round).toEqual({ correct: 2, total: 2 });
    expect(s.fields.amount).toEqual({ correct: 2, total: 2 });
  });
});

describe('evaluateCorpus', () => {
  it('computes micro precision/recall/F1 over deals with a known extractor', async () => {
    const dir = path.join(tmp, 'known');
    mkdirSync(dir);
    for (const name of ['fx-02-weekly-digest', 'fx-06-stratum-no-deal']) {
      copyFileSync(path.join(FIXTURES, `${name}.html`), path.join(dir, `${name}.html`));
      copyFileSync(path.join(FIXTURES, `${name}.json`), path.join(dir, `${name}.json`));
    }
    // Digest has 3 gold deals: predict 2 of them (one with a wrong amount) + 1 spurious; the
    // no-deal article gets 1 spurious. Matched 2, predicted 4, gold 3.
    const report = await evaluateCorpus(
      dir,
      fixedExtractor({
        'week-46': [raw('Orchard Bio', '$12 million'), raw('Kitebase', '$9 million', 'series_a'), raw('Zoomra', '$1 million')],
        'stratum-austin': [raw('Stratum Health', '$40 million')],
      }),
    );
    expect(report.cases).toBe(2);
    expect(report.deals).toMatchObject({ gold: 3, predicted: 4, matched: 2 });
    expect(report.deals.precision).toBeCloseTo(0.5);
    expect(report.deals.recall).toBeCloseTo(2 / 3);
    expect(report.deals.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
    expect(report.fields.amount).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    const digest = report.perCase.find((c) => c.name === 'fx-02-weekly-digest')!;
    expect(digest.missed).toEqual(['Meadowlark Systems']);
    expect(digest.spurious).toEqual(['Zoomra']);
  });

  it('scores the offline engine on the fixture corpus', async () => {
    const report = await evaluateCorpus(FIXTURES, createOfflineExtractor());
    expect(report.cases).toBe(8);
    expect(report.deals.f1).toBe(1);
    expect(report.fields.amount.accuracy).toBe(1);
    expect(report.timing.extractPerSecond).toBeGreaterThan(0);
  });

  it('fails clearly on a missing directory or a malformed label file', async () => {
    await expect(loadCorpus(path.join(tmp, 'nope'))).rejects.toThrow(/cannot read corpus directory/);
    const bad = path.join(tmp, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'x.html'), '<p>hi</p>');
    writeFileSync(path.join(bad, 'x.json'), '{"url": "u", "deals": [{"round": "seed"}]}');
    await expect(loadCorpus(bad)).rejects.toThrow(/x\.json: not a corpus label file/);
  });
});
