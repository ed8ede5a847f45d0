import { describe, expect, it } from 'vitest';
import type { Deal } from '../../src/deal/schema.js';
import { planDeals, prepareCandidates, type StoredCompany, type StoredDeal } from '../../src/dedupe/plan.js';
import { deal, usd } from '../fixtures/dedupe/deals.js';

// The write plan is pure: these tests need no database.

function stored(over: Partial<StoredDeal> = {}): StoredDeal {
  return {
    n: 1,
    id: 70,
    company_id: 40,
    round: 'series_a',
    status: 'announced',
    amount_value: 20_000_000,
    amount_currency: 'USD',
    amount_usd: 20_000_000,
    valuation_value: null,
    valuation_currency: null,
    valuation_usd: null,
    country: 'DE',
    region: 'europe',
    announced_on: '2025-03-09',
    confidence: 0.9,
    investor_keys: ['northzone'],
    held: false,
    date_stated: true,
    ...over,
  };
}

/** Acme Robotics (DE) as blocking finds it for candidate n. */
const acme = (n = 1): StoredCompany => ({
  n,
  id: 40,
  country: 'DE',
  aliases: [{ name_key: 'acme robotics', loose_key: 'acmerobotics' }],
});

function plan(deals: Deal[], rows: StoredDeal[] = [], largest: Array<[number, number]> = [], companies?: StoredCompany[]) {
  const candidates = prepareCandidates(
    deals.map((d) => ({ deal: d, flags: [] })),
    '2025-03-10',
  );
  const known = companies ?? [...new Set(rows.map((r) => r.n))].map((n) => acme(n));
  return planDeals({ articleId: 5, candidates, companies: known, stored: rows, largestUsd: new Map(largest) });
}

describe('planDeals', () => {
  it('creates a deal when the blocking set is empty', () => {
    const [step] = plan([deal()]);
    expect(step).toMatchObject({ action: 'created', write: { kind: 'insert', values: { round: 'series_a', amount_usd: 20_000_000 } } });
    expect(step!.reviews).toEqual([]);
    expect(step!.quote).toBe('Acme Robotics has raised $20 million');
  });

  it('links another report of a stored deal without writing the row', () => {
    const [step] = plan([deal()], [stored()]);
    expect(step).toMatchObject({ action: 'linked', write: { kind: 'link', id: 70 } });
  });

  it('fills what the stored deal does not know and records it as history', () => {
    const [step] = plan([deal({ valuation: usd(100_000_000) })], [stored()]);
    expect(step!.action).toBe('updated');
    expect(step!.write).toMatchObject({
      kind: 'update',
      id: 70,
      change: { valuation_value: 100_000_000 },
      history: { kind: 'filled', articleId: 5, before: { valuation_value: null } },
    });
  });

  it('lets an announcement replace the figures of an in-talks report', () => {
    const [step] = plan([deal({ amount: usd(24_000_000) })], [stored({ status: 'in_talks', announced_on: '2025-01-10' })]);
    expect(step!.write).toMatchObject({
      kind: 'update',
      change: { status: 'announced', amount_value: 24_000_000 },
      history: { kind: 'status_progression' },
    });
  });

  it('plans a new deal with a conflict item naming the stored deal when figures are far apart', () => {
    const [step] = plan([deal({ amount: usd(70_000_000) })], [stored()]);
    expect(step).toMatchObject({ action: 'conflict', write: { kind: 'insert' } });
    expect(step!.reviews).toEqual([expect.objectContaining({ kind: 'conflict', pairWith: { stored: 70 } })]);
  });

  it('compares a later candidate with a deal planned earlier in the same article', () => {
    const steps = plan([deal(), deal({ amount: usd(90_000_000) })]);
    expect(steps.map((s) => s.action)).toEqual(['created', 'conflict']);
    expect(steps[1]!.reviews[0]).toMatchObject({ kind: 'conflict', pairWith: { planned: 0 } });
  });

  it('keeps a candidate held by the history check away from the clean stored deal', () => {
    const [step] = plan([deal({ amount: usd(900_000_000) })], [stored()], [[40, 20_000_000]]);
    expect(step!.action).toBe('created');
    expect(step!.reviews.map((r) => r.kind)).toEqual(['implausible']);
  });

  it('ignores stored rows that belong to another candidate', () => {
    const [step] = plan([deal()], [stored({ n: 2 })]);
    expect(step!.action).toBe('created');
  });
});

describe('prepareCandidates', () => {
  it('dates undated candidates by the article and collapses in-article duplicates', () => {
    const out = prepareCandidates(
      [
        { deal: deal({ announcedOn: null }), flags: [] },
        { deal: deal({ round: 'series_unknown', amount: null }), flags: [] },
      ],
      '2025-03-10',
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ key: 'acme robotics', deal: { announcedOn: '2025-03-10', round: 'series_a' } });
  });

  it('rejects a candidate that is not a deal', () => {
    expect(() => prepareCandidates([{ deal: { ...deal(), round: 'series_z' as never }, flags: [] }], null)).toThrow(/candidate 0/);
  });
});
