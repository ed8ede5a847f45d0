import { describe, expect, it } from 'vitest';
import { scoreDedupe, type GoldDealRef, type StoredLink } from '../../src/eval/dedupe-quality.js';
import { ARTICLES } from '../helpers/dedupe-site/articles.js';
import { GOLD_DEALS } from '../helpers/dedupe-site/deals.js';

const usd = (m: number) => ({ value: m * 1_000_000, currency: 'USD' });
const GOLD: GoldDealRef[] = [
  { id: 'kit-seed', names: ['Kitewell'], round: 'seed', amount: usd(3), traps: ['seed_then_a'] },
  { id: 'kit-a', names: ['Kitewell'], round: 'series_a', amount: usd(15), traps: ['seed_then_a'] },
  { id: 'orla', names: ['Orla Bio', 'Orla Biosciences'], round: 'series_b', amount: usd(40), traps: ['short_long_name'] },
  { id: 'pim', names: ['Pimento Labs'], round: 'seed', amount: usd(2), traps: [] },
  { id: 'quor', names: ['Quorra'], round: 'seed', amount: usd(2), traps: [] },
];
const link = (url: string, dealId: number, company: string, round: string, millions: number | null): StoredLink => ({
  url,
  dealId,
  company,
  round,
  amountValue: millions === null ? null : millions * 1_000_000,
  amountCurrency: millions === null ? null : 'USD',
});

describe('scoreDedupe', () => {
  it('pairs by name and round, leaves a background mention without a link unpaired, and reports a split', () => {
    const articles = [
      { url: 'u1', deals: ['kit-seed'] },
      { url: 'u2', deals: ['kit-a', 'kit-seed'] }, // the seed told as background
      { url: 'u3', deals: ['orla'] },
      { url: 'u4', deals: ['orla'] },
    ];
    const links = [
      link('u1', 1, 'Kitewell', 'seed', 3),
      link('u2', 2, 'Kitewell Inc.', 'series_a', 15),
      link('u3', 3, 'Orla Bio', 'series_b', 40),
      link('u4', 4, 'Orla Biosciences', 'series_b', 40),
    ];
    const q = scoreDedupe(GOLD, articles, links);
    expect(q.mentionList.map((m) => [m.url, m.gold, m.predicted, m.how])).toEqual([
      ['u1', 'kit-seed', 1, 'name'],
      ['u2', 'kit-a', 2, 'name'],
      ['u2', 'kit-seed', null, null],
      ['u3', 'orla', 3, 'name'],
      ['u4', 'orla', 4, 'name'],
    ]);
    // Kitewell's seed: one mention at 1, one singleton; Orla split over 3 and 4. Nothing merged.
    expect(q.bcubed.precision).toBe(1);
    expect(q.bcubed.recall).toBeCloseTo((0.5 + 1 + 0.5 + 0.5 + 0.5) / 5, 10);
    const orla = q.deals.find((d) => d.id === 'orla')!;
    expect(orla).toMatchObject({ split: true, merged: false, storedDeals: [3, 4], found: 2 });
    expect(q.traps.find((t) => t.trap === 'short_long_name')).toMatchObject({ split: ['orla'], merged: [], missed: 0 });
    expect(q.extra).toEqual([]);
  });

  it('catches a seed and a Series A merged into one stored deal', () => {
    const articles = [
      { url: 'u1', deals: ['kit-seed'] },
      { url: 'u2', deals: ['kit-a'] },
    ];
    const q = scoreDedupe(GOLD, articles, [link('u1', 7, 'Kitewell', 'series_a', 15), link('u2', 7, 'Kitewell', 'series_a', 15)]);
    expect(q.bcubed.precision).toBe(0.5);
    expect(q.bcubed.recall).toBe(1);
    expect(q.deals.find((d) => d.id === 'kit-seed')).toMatchObject({ merged: true, mergedWith: ['kit-a'] });
    expect(q.traps.find((t) => t.trap === 'seed_then_a')).toMatchObject({ merged: ['kit-seed', 'kit-a'], split: [] });
  });

  it('uses the amount to tell two same-round deals of one company apart in one article', () => {
    const gold: GoldDealRef[] = [
      { id: 'b', names: ['Lumo'], round: 'series_b', amount: usd(45), traps: ['extension'] },
      { id: 'b-ext', names: ['Lumo'], round: 'series_b', amount: usd(15), traps: ['extension'] },
    ];
    const q = scoreDedupe(
      gold,
      [{ url: 'u', deals: ['b-ext', 'b'] }],
      [link('u', 1, 'Lumo', 'series_b', 45), link('u', 2, 'Lumo', 'series_b', 15)],
    );
    expect(q.mentionList.map((m) => [m.gold, m.predicted])).toEqual([
      ['b-ext', 2],
      ['b', 1],
    ]);
  });

  it('pairs a deal stored under a wrong name by elimination, so a merge under that name still counts', () => {
    const articles = [
      { url: 'u1', deals: ['pim'] },
      { url: 'u2', deals: ['quor'] },
    ];
    const q = scoreDedupe(GOLD, articles, [link('u1', 9, 'Oct 14', 'seed', 2), link('u2', 9, 'Oct 14', 'seed', 2)]);
    expect(q.pairedByElimination).toBe(2);
    expect(q.bcubed.precision).toBe(0.5);
    expect(q.deals.find((d) => d.id === 'pim')!.mergedWith).toEqual(['quor']);
  });

  it('reports links with no gold mention as extra and mentions of unknown deals as an error', () => {
    const q = scoreDedupe(GOLD, [{ url: 'u1', deals: [] }], [link('u1', 5, 'Harrow Peak Capital', 'series_a', null)]);
    expect(q.extra.map((l) => l.company)).toEqual(['Harrow Peak Capital']);
    expect(q.mentions).toBe(0);
    expect(() => scoreDedupe(GOLD, [{ url: 'u1', deals: ['nope'] }], [])).toThrow(/unknown gold deal nope/);
  });

  it('scores the fixture site 1 when every mention is stored right, under any of its names, and sees a hard negative merged', () => {
    const articles = ARTICLES.map((a) => ({ url: a.slug, deals: a.gold }));
    const ids = new Map(GOLD_DEALS.map((d, i) => [d.id, i + 1]));
    const stored = (merge: (id: string) => string) =>
      ARTICLES.flatMap((a, n) =>
        a.gold.map((id) => {
          const d = GOLD_DEALS.find((g) => g.id === merge(id))!;
          return link(
            a.slug,
            ids.get(d.id)!,
            d.names[n % d.names.length]!,
            d.round,
            d.amount.currency === 'USD' ? d.amount.value / 1e6 : null,
          );
        }),
      );
    const perfect = scoreDedupe(
      GOLD_DEALS,
      articles,
      stored((id) => id),
    );
    expect(perfect.bcubed.f1).toBe(1);
    expect(perfect.pairedByName).toBe(perfect.mentions);
    const merged = scoreDedupe(
      GOLD_DEALS,
      articles,
      stored((id) => (id === 'corvane-seed' ? 'corvane-a' : id)),
    );
    expect(merged.bcubed.precision).toBeLessThan(1);
    expect(merged.traps.find((t) => t.trap === 'seed_then_a')!.merged).toEqual(['corvane-seed', 'corvane-a']);
  });
});
