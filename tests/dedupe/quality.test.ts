import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES } from '../helpers/dedupe-site/articles.js';
import { GOLD_DEALS } from '../helpers/dedupe-site/deals.js';
import { runDedupeSite, type DedupeSiteRun } from '../helpers/dedupe-site/run.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

// Deduplication quality end to end (issue 13): the fixture news site ingested through the shipped
// CLI with the offline engine, scored by B-cubed over (article, gold deal) mentions. The same run
// is `npm run bench:dedupe-quality`, which prints the per-trap table.

// Measured on main before company resolution: P 1.000, R 0.768, F1 0.869. With company resolution,
// deal history and a round told again recognised whichever report is stored first: P 1.000,
// R 0.869, F1 0.930 with the publishers added in either order (`bench:dedupe-quality -- --reverse`);
// the 10 mentions still missing are not extracted by the offline engine (not deduplication). With
// the offline engine reading past rounds told as background (history.ts, when.ts): P 1.000, R 1.000,
// F1 1.000 in either order. The target is F1 >= 0.95; the floor leaves room for two or three misses.
const F1_FLOOR = 0.97;
// Deals that must never share a stored deal with another company's or another round's deal.
const HARD_NEGATIVES = [
  'seed_then_a',
  'extension',
  'same_name_two_countries',
  'same_lead_same_week',
  'equal_amount_same_day',
  'names_alike',
];

let t: TestDb;
let result: DedupeSiteRun;
beforeAll(async () => {
  t = await createTestDb();
  result = await runDedupeSite(t.url);
}, 600_000);
afterAll(async () => {
  await t?.drop();
});

describe('dedupe quality on the fixture news site', () => {
  it('has consistent gold: every deal reported, every article ingested without failure', () => {
    const reported = new Set(ARTICLES.flatMap((a) => a.gold));
    expect(GOLD_DEALS.filter((d) => !reported.has(d.id)).map((d) => d.id)).toEqual([]);
    expect(new Set(ARTICLES.map((a) => `${a.publisher}/${a.slug}`)).size).toBe(ARTICLES.length);
    expect(result.ingest).toMatchObject({ sources: 7, sourceErrors: 0, articles: ARTICLES.length, failed: 0 });
  });

  it(`reaches B-cubed F1 >= ${F1_FLOOR} over article mentions`, () => {
    const { bcubed, deals } = result.quality;
    const broken = deals
      .filter((d) => d.split || d.merged)
      .map((d) => `${d.id}: ${d.split ? 'split' : ''}${d.merged ? ` merged with ${d.mergedWith}` : ''}`);
    expect(bcubed.f1, `P ${bcubed.precision.toFixed(3)} R ${bcubed.recall.toFixed(3)}; ${broken.join('; ')}`).toBeGreaterThanOrEqual(
      F1_FLOOR,
    );
  });

  it('keeps the hard negatives apart', () => {
    const merged = result.quality.traps
      .filter((tr) => HARD_NEGATIVES.includes(tr.trap))
      .flatMap((tr) => tr.merged.map((d) => `${tr.trap}: ${d}`));
    expect(merged).toEqual([]);
  });
});
