import { describe, expect, it } from 'vitest';
import type { RawDeal } from '../../src/deal/schema.js';
import { toCandidates } from '../../src/pipeline/candidates.js';
import { testConfig } from '../helpers/app.js';

const deal = (quote: string): RawDeal => ({
  company: 'Wrenfield Labs',
  country: null,
  round: 'series_a',
  status: 'announced',
  amountText: '$8 million',
  valuationText: null,
  investors: [],
  announcedOn: null,
  evidence: [{ field: 'amount', quote }],
  confidence: 0.9,
});

describe('toCandidates', () => {
  const config = testConfig();
  const article = {
    title: 'Wrenfield Labs raises $8 million Series A',
    text: 'The robotics startup will hire twenty engineers.',
    publishedAt: null,
  };

  it('accepts evidence quoted from the headline: engines read it as part of the article', () => {
    const [c] = toCandidates({ config }, { raw: { deals: [deal('Wrenfield Labs raises $8 million Series A')] } }, article);
    expect(c!.flags.filter((f) => f.kind === 'evidence_failed')).toEqual([]);
    expect(c!.deal.amount).toMatchObject({ value: 8_000_000, currency: 'USD' });
  });

  it('still refuses a quote that is in neither', () => {
    const [c] = toCandidates({ config }, { raw: { deals: [deal('Wrenfield Labs raised $80 million')] } }, article);
    expect(c!.flags.some((f) => f.kind === 'evidence_failed')).toBe(true);
  });
});
