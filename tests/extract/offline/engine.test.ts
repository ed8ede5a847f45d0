import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawDeal } from '../../../src/deal/schema.js';
import { createOfflineExtractor, extractOffline, mayContainDeal } from '../../../src/extract/offline/index.js';
import type { ArticleInput } from '../../../src/extract/types.js';
import { parseArticle } from '../../../src/parse/article.js';

const DIR = path.join(import.meta.dirname, '../../fixtures/corpus');

function article(name: string): ArticleInput {
  const parsed = parseArticle(readFileSync(path.join(DIR, `${name}.html`), 'utf8'), `https://fixture.example/${name}`);
  return { url: parsed.url, title: parsed.title, text: parsed.text, publishedAt: parsed.publishedAt };
}

function deals(name: string): RawDeal[] {
  return extractOffline(article(name)).deals;
}

const investors = (d: RawDeal | undefined): string[] => (d?.investors ?? []).map((i) => `${i.name}${i.lead ? '*' : ''}`).sort();

describe('extractOffline', () => {
  it('reads a press-release round: co-leads, followers, home city, not the total to date', () => {
    const [d, ...rest] = deals('fx-01-quillpoint-series-a');
    expect(rest).toHaveLength(0);
    expect(d).toMatchObject({
      company: 'Quillpoint GmbH',
      round: 'series_a',
      status: 'announced',
      amountText: '€18 million',
      valuationText: null,
      country: 'DE',
      announcedOn: '2026-02-10',
    });
    expect(investors(d)).toEqual(['Atlas Ridge*', 'Finch Capital', 'Hollow Oak Ventures*', 'Larchmont Partners']);
  });

  it('finds one deal per company in a digest and skips the layoff and market items', () => {
    const found = deals('fx-02-weekly-digest');
    expect(found.map((d) => [d.company, d.round, d.amountText, d.country])).toEqual([
      ['Orchard Bio', 'seed', '$12 million', 'DK'],
      ['Kitebase', 'series_a', '$7 million', 'NG'],
      ['Meadowlark Systems', 'series_c', '$90 million', 'CA'],
    ]);
    expect(investors(found[1])).toEqual(['Baobab Partners', 'Savanna Growth']);
    expect(found[2]?.valuationText).toBe('$1.1 billion');
    expect(investors(found[2])).toEqual(['Crescent Hill Capital*', 'Tamarind Ventures']);
  });

  it('marks a raise still being negotiated as in_talks, and ignores the past valuation', () => {
    const [d] = deals('fx-03-vireo-in-talks');
    expect(d).toMatchObject({
      company: 'Vireo Labs',
      round: 'series_d',
      status: 'in_talks',
      amountText: '$250 million',
      valuationText: null,
      country: 'US',
      announcedOn: null,
    });
  });

  it('marks a report citing people familiar as rumored, with the expected lead', () => {
    const [d] = deals('fx-04-helio-rumored');
    expect(d).toMatchObject({
      company: 'Helio Freight',
      status: 'rumored',
      amountText: '$80 million',
      valuationText: '$600 million',
      country: 'MX',
    });
    expect(investors(d)).toEqual(['Pampas Ventures*']);
  });

  it('keeps amount, valuation and total-to-date apart', () => {
    const [d, ...rest] = deals('fx-05-tandem-valuation-trap');
    expect(rest).toHaveLength(0);
    expect(d).toMatchObject({ amountText: '$25 million', valuationText: '$150 million', round: 'series_b', country: 'US' });
  });

  it('returns no deal for an article that only mentions history, revenue, fines and plans', () => {
    expect(deals('fx-06-stratum-no-deal')).toEqual([]);
  });

  it('reads crore amounts as written and the lead from "led by"', () => {
    const [d] = deals('fx-07-krishi-crore');
    expect(d).toMatchObject({ company: 'Krishi Setu', round: 'series_c', amountText: 'Rs 250 crore', country: 'IN' });
    expect(investors(d)).toEqual(['Ankur Lane Capital', 'Banyan Tree Growth*', 'Kaveri Ventures']);
  });

  it('treats the acquired company as the deal company with the price as amount', () => {
    const [d, ...rest] = deals('fx-08-nimbus-acquisition');
    expect(rest).toHaveLength(0);
    expect(d).toMatchObject({
      company: 'Nimbus Freight',
      round: 'acquisition',
      status: 'announced',
      amountText: '$410 million',
      country: 'NL',
    });
  });

  it('quotes evidence as exact substrings of the article text', () => {
    const a = article('fx-02-weekly-digest');
    for (const d of extractOffline(a).deals) {
      expect(d.evidence.length).toBeGreaterThan(0);
      for (const e of d.evidence) expect(a.text).toContain(e.quote);
    }
  });

  it('handles empty and odd input without throwing', () => {
    expect(extractOffline({ url: 'u', title: null, text: '', publishedAt: null }).deals).toEqual([]);
    expect(extractOffline({ url: 'u', title: '$$$', text: '... raised raised $ million ,,,', publishedAt: 'garbage' }).deals).toEqual([]);
  });
});

describe('mayContainDeal', () => {
  it('keeps every fixture article that has a deal', () => {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
      const gold = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { deals: unknown[] };
      if (gold.deals.length) expect(mayContainDeal(article(file.slice(0, -5))), file).toBe(true);
    }
  });

  it('drops text with no deal vocabulary or no amount', () => {
    expect(mayContainDeal({ url: 'u', title: 'Recipe: lemon cake', text: 'Mix flour and sugar.', publishedAt: null })).toBe(false);
    expect(mayContainDeal({ url: 'u', title: 'Weather', text: 'The round-up of rain this week.', publishedAt: null })).toBe(false);
  });
});

describe('createOfflineExtractor', () => {
  it('reports the offline engine with zero tokens and a measured duration', async () => {
    const result = await createOfflineExtractor().extract(article('fx-07-krishi-crore'));
    expect(result).toMatchObject({
      engine: 'offline',
      model: null,
      promptVersion: 'offline-v1',
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      cached: false,
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    // The news round, and the earlier one the article tells as history.
    expect(result.raw.deals.map((d) => [d.round, d.background ?? false])).toEqual([
      ['series_c', false],
      ['series_b', true],
    ]);
  });
});
