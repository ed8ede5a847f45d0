import { describe, expect, it } from 'vitest';
import { compareAmounts, type ExistingDeal, matchDeal, RETOLD, RETOLD_EARLIER, sameDeal } from '../../src/dedupe/match.js';
import { collapseCandidates } from '../../src/dedupe/merge.js';
import { deal, usd } from '../fixtures/dedupe/deals.js';

function existing(over: Partial<ExistingDeal> = {}): ExistingDeal {
  return {
    id: 1,
    companyKey: 'acme robotics',
    round: 'series_a',
    status: 'announced',
    amount: usd(20_000_000),
    announcedOn: '2025-03-08',
    investorKeys: ['northzone'],
    ...over,
  };
}

describe('matchDeal', () => {
  it('treats a second report of the same round as the same deal, tolerant of name spelling', () => {
    const r = matchDeal(deal({ company: { name: 'ACME Robotics GmbH', country: null }, amount: usd(21_000_000) }), existing());
    expect(r.decision).toBe('same');
    expect(r.score).toBeGreaterThan(0.8);
    expect(r.reasons).toContain('amounts agree');
  });

  it('blocks on company key and on the date window', () => {
    expect(matchDeal(deal({ company: { name: 'Acme Logistics', country: null } }), existing()).decision).toBe('different');
    const late = matchDeal(deal({ announcedOn: '2025-06-01' }), existing());
    expect(late).toMatchObject({ decision: 'different', score: 0 });
  });

  it('keeps distinct rounds of one company apart', () => {
    const r = matchDeal(deal({ round: 'series_a', announcedOn: '2025-11-03' }), existing({ round: 'seed', announcedOn: '2025-11-01' }));
    expect(r.decision).toBe('different');
  });

  it('lets an announcement confirm an in-talks report up to 240 days later, as an update', () => {
    const talks = existing({ status: 'in_talks', round: 'series_unknown', amount: usd(18_000_000), announcedOn: '2024-09-01' });
    expect(matchDeal(deal({ announcedOn: '2025-03-10' }), talks).decision).toBe('update');
    expect(matchDeal(deal({ announcedOn: '2025-06-10' }), talks).decision).toBe('different');
    // Never a downgrade: a late rumour about an announced deal is just another report.
    expect(matchDeal(deal({ status: 'rumored' }), existing()).decision).toBe('same');
  });

  it('flags same company, window and round with far-apart amounts as a conflict', () => {
    const r = matchDeal(deal({ amount: usd(60_000_000) }), existing());
    expect(r.decision).toBe('conflict');
    expect(r.reasons).toContain('amounts far apart');
  });

  it('compares in USD across currencies and in the shared currency when USD is missing', () => {
    expect(compareAmounts({ value: 18_500_000, currency: 'EUR', usd: 20_100_000 }, usd(20_000_000))).toBe('match');
    expect(compareAmounts({ value: 18_500_000, currency: 'EUR', usd: null }, { value: 18_000_000, currency: 'EUR', usd: null })).toBe(
      'match',
    );
    expect(compareAmounts({ value: 18_500_000, currency: 'EUR', usd: null }, usd(20_000_000))).toBe('unknown');
    expect(compareAmounts(null, null)).toBe('both_null');
  });

  it('raises the score with investor overlap', () => {
    const base = existing({ round: 'series_unknown', amount: null, investorKeys: ['northzone'] });
    const withOverlap = matchDeal(deal(), base).score;
    const without = matchDeal(deal(), { ...base, investorKeys: ['sequoia'] }).score;
    expect(withOverlap).toBeGreaterThan(without);
  });

  it('scores a vague near miss as different but high enough to review as a possible duplicate', () => {
    const r = matchDeal(deal({ round: 'series_unknown', amount: null, announcedOn: null }), existing({ investorKeys: [] }));
    expect(r.decision).toBe('different');
    expect(r.score).toBeGreaterThanOrEqual(0.45);
  });
});

describe('a round told again', () => {
  const seed = (over: Partial<ExistingDeal>) => existing({ round: 'seed', amount: usd(3_000_000), investorKeys: [], ...over });

  it('is the same deal whichever report came first, when the later one is dated only by its article', () => {
    const undatedLater = seed({ announcedOn: '2026-01-28', dateStated: false });
    const earlier = seed({ announcedOn: '2025-08-12', dateStated: true });
    expect(matchDeal(undatedLater, earlier).reasons).toContain(RETOLD);
    const reverse = matchDeal(earlier, undatedLater);
    expect(reverse.decision).toBe('same');
    expect(reverse.reasons).toContain(RETOLD_EARLIER);
    // Both dated by their texts: two deals.
    expect(matchDeal(earlier, seed({ announcedOn: '2026-01-28', dateStated: true })).decision).toBe('different');
  });

  it('needs agreeing amounts, and for a vague round amounts on both sides', () => {
    const earlier = seed({ announcedOn: '2025-08-12', dateStated: true });
    expect(matchDeal(seed({ announcedOn: '2026-01-28', dateStated: false, amount: usd(1_000_000) }), earlier).decision).toBe('different');
    const vague = seed({ round: 'undisclosed', announcedOn: '2026-01-28', dateStated: false });
    expect(matchDeal(vague, earlier).decision).toBe('same');
    expect(matchDeal({ ...vague, amount: null }, earlier).decision).toBe('different');
  });
});

describe('collapseCandidates', () => {
  it('merges in-article duplicates, unioning investors (lead = OR) and flags, keeping distinct rounds', () => {
    const out = collapseCandidates([
      { deal: deal({ investors: [{ name: 'Northzone', lead: false }] }), flags: [] },
      {
        deal: deal({
          round: 'series_unknown',
          investors: [
            { name: 'NORTHZONE', lead: true },
            { name: 'Atomico', lead: false },
          ],
        }),
        flags: [{ kind: 'low_confidence', reason: 'weak' }],
      },
      { deal: deal({ round: 'seed', amount: usd(3_000_000), announcedOn: '2024-01-10' }), flags: [] },
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]!.deal.round).toBe('series_a');
    expect(out[0]!.deal.investors).toEqual([
      { name: 'Northzone', lead: true },
      { name: 'Atomico', lead: false },
    ]);
    expect(out[0]!.flags).toHaveLength(1);
    expect(out[1]!.deal.round).toBe('seed');
  });
});

describe('one same-deal rule', () => {
  it('within one article, a compatible round with figures that do not disagree is enough', () => {
    const facts = (over: Partial<Parameters<typeof sameDeal>[0]> = {}) => ({
      companyKey: 'acme robotics',
      round: 'series_a' as const,
      status: 'announced' as const,
      amount: null,
      announcedOn: null,
      investorKeys: [],
      ...over,
    });
    const vague = facts({ round: 'series_unknown' });
    expect(sameDeal(vague, facts({ amount: usd(20_000_000) }))).toBe(false);
    expect(sameDeal(vague, facts({ amount: usd(20_000_000) }), { sameArticle: true })).toBe(true);
    // Far-apart figures are two deals (or a conflict) even in one article; distinct rounds always are.
    expect(sameDeal(facts({ amount: usd(5_000_000) }), facts({ amount: usd(20_000_000) }), { sameArticle: true })).toBe(false);
    expect(sameDeal(facts({ round: 'seed' }), facts(), { sameArticle: true })).toBe(false);
  });
});
