import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { runReviewCli } from '../../src/review/tui.js';
import { parseNumbers } from '../../src/review/tui-prompt.js';
import { insertAlias, insertCompany, insertDeal, insertItem } from './fixtures.js';

// Merge and split keys of the interactive `dealflow review` loop, driven through its input and
// output streams against a migrated database; each test checks the rows the keys changed (or not).
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});
// Each test works through its own items only: earlier tests' leftovers are closed first.
beforeEach(async () => {
  await t.db.updateTable('review_items').set({ status: 'approved', resolved_by: 'setup' }).where('status', '=', 'open').execute();
});

async function run(keys: string[], kind?: string): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  await runReviewCli({ db: t.db, actor: 'tui', input: Readable.from(keys.map((k) => `${k}\n`)), output, kind });
  return Buffer.concat(chunks).toString('utf8');
}

const usd = (value: number) => ({ value, currency: 'USD', usd: value });
const deal = (id: number) =>
  t.db
    .selectFrom('deals')
    .select(['company_id', 'merged_into', 'rejected_at', 'amount_value'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const itemStatus = async (id: number) =>
  (await t.db.selectFrom('review_items').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const sourcesOf = async (dealId: number) =>
  (await t.db.selectFrom('deal_sources').select('article_id').where('deal_id', '=', dealId).orderBy('article_id').execute()).map(
    (r) => r.article_id,
  );
const company = (id: number) => t.db.selectFrom('companies').select(['name', 'merged_into']).where('id', '=', id).executeTakeFirstOrThrow();
const aliasesOf = async (companyId: number) =>
  (await t.db.selectFrom('company_aliases').select('name').where('company_id', '=', companyId).orderBy('name').execute()).map(
    (a) => a.name,
  );

describe('review loop: merge and split keys', () => {
  it('md finds the target deal by company name, shows both sides, and merges only after yes', async () => {
    const from = await insertDeal(t.db, { company: 'Orvella Robotics', amount: usd(4_000_000), announced_on: '2025-03-04' });
    const into = await insertDeal(t.db, { company: 'Orvella Robotik', amount: usd(4_000_000), announced_on: '2025-03-02' });
    const decoy = await insertDeal(t.db, {
      company: 'Orvella Foods',
      round: 'series_a',
      amount: usd(9_000_000),
      announced_on: '2024-11-20',
    });
    const item = await insertItem(t.db, { kind: 'low_confidence', dealId: from.dealId });

    // Newest first: 1) Orvella Robotik 2) Orvella Foods. First a bad pick and a "no", then a merge.
    const out = await run(['md', 'orvella', '7', '1', 'n', 'md', 'Orvella Robotik', '1', 'y']);
    expect(out).toContain('1) Orvella Robotik · seed · USD 4,000,000 · 2025-03-02');
    expect(out).toContain('2) Orvella Foods · series_a · USD 9,000,000 · 2024-11-20');
    expect(out).toContain('! 7 is not in the list (1-2).');
    expect(out).toContain(`merge   deal #${from.dealId}: Orvella Robotics · seed · USD 4,000,000 · 2025-03-04 · 1 source(s)`);
    expect(out).toContain(`into    deal #${into.dealId}: Orvella Robotik · seed · USD 4,000,000 · 2025-03-02 · 1 source(s)`);
    expect(out).toContain('Cancelled; nothing changed.');
    expect(out).toContain(`Merged deal #${from.dealId} into #${into.dealId}.`);
    expect(out).toContain('Queue done. 1 item(s) resolved.');

    expect((await deal(from.dealId)).merged_into).toBe(into.dealId);
    expect((await deal(decoy.dealId)).merged_into).toBeNull();
    expect(await sourcesOf(into.dealId)).toEqual([...into.articleIds, ...from.articleIds].sort((a, b) => a - b));
    expect(await itemStatus(item)).toBe('merged');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('actor', '=', 'tui').execute();
    expect(audit).toEqual([{ action: 'merge', target_id: from.dealId }]);
  });

  it('sd moves the chosen sources onto a new deal and keeps showing the item', async () => {
    const d = await insertDeal(t.db, {
      company: 'Lumo Freight',
      amount: usd(6_000_000),
      sources: [{ publisher: 'Wire One' }, { publisher: 'Blog Two', amount: usd(8_000_000) }, { publisher: 'Paper Three' }],
    });
    const item = await insertItem(t.db, { kind: 'conflict', dealId: d.dealId, articleId: d.articleIds[0] });

    const out = await run(['sd', '4', 'sd', '2-3', 'q']);
    expect(out).toContain('1) Wire One · report · — · no date');
    expect(out).toContain('2) Blog Two · report · USD 8,000,000 · no date');
    expect(out).toContain('! "4" is not a number from 1 to 3 (write e.g. 1,3 or 1-2)');
    const created = Number(/into new deal #(\d+)\./.exec(out)?.[1]);
    expect(out).toContain(`Split 2 source(s) of deal #${d.dealId} into new deal #${created}.`);
    expect(out).toContain('Sources: 1'); // the item, shown again, still on the original deal
    expect(out).toContain('Stopped. 0 item(s) resolved.');

    expect(await sourcesOf(d.dealId)).toEqual([d.articleIds[0]]);
    expect(await sourcesOf(created)).toEqual([d.articleIds[1], d.articleIds[2]]);
    expect((await deal(created)).amount_value).toBe(8_000_000); // the figure the moved source stated
    expect((await deal(created)).company_id).toBe(d.companyId);
    expect(await itemStatus(item)).toBe('open');
  });

  it('mc searches companies by name (country, deal count), merges after yes and closes the item', async () => {
    const own = await insertDeal(t.db, { company: 'Paysa Technologies', country: 'GB' });
    const target = await insertDeal(t.db, { company: 'Paysa', country: 'GB', round: 'series_a' });
    await insertDeal(t.db, { companyId: target.companyId, round: 'series_b', announced_on: '2025-06-01' });
    const other = await insertDeal(t.db, { company: 'Paysanne Foods', country: 'FR' });
    const item = await insertItem(t.db, { kind: 'low_confidence', dealId: own.dealId });

    const out = await run(['mc', 'paysa', '1', 'y']);
    expect(out).toContain('1) Paysa · GB · 2 deal(s)');
    expect(out).toContain('2) Paysanne Foods · FR · 1 deal(s)');
    expect(out).toContain(`merge   company #${own.companyId}: Paysa Technologies · GB · 1 deal(s) · names: Paysa Technologies`);
    expect(out).toContain(`into    company #${target.companyId}: Paysa · GB · 2 deal(s) · names: Paysa`);
    expect(out).toContain(
      `Merged company #${own.companyId} Paysa Technologies into #${target.companyId} Paysa: 1 deal(s), 1 name(s) moved; item #${item} closed as merged.`,
    );

    expect((await deal(own.dealId)).company_id).toBe(target.companyId);
    expect((await company(own.companyId)).merged_into).toBe(target.companyId);
    expect((await company(other.companyId)).merged_into).toBeNull();
    expect(await aliasesOf(target.companyId)).toEqual(['Paysa', 'Paysa Technologies']);
    expect(await itemStatus(item)).toBe('merged');
  });

  it('sc moves the chosen names and deals to a new company named after the first chosen name', async () => {
    const first = await insertDeal(t.db, { company: 'Kestrel Grid', country: 'NO', announced_on: '2024-05-01' });
    const second = await insertDeal(t.db, { companyId: first.companyId, round: 'series_a', announced_on: '2025-02-01' });
    await insertAlias(t.db, first.companyId, 'Kestrel Labs');
    const item = await insertItem(t.db, { kind: 'low_confidence', dealId: first.dealId });

    const out = await run(['sc', '2', '2', '', 'q']);
    expect(out).toContain(`Names of company #${first.companyId} Kestrel Grid:`);
    expect(out).toContain('2) Kestrel Labs');
    expect(out).toContain(`2) #${second.dealId} 2025-02-01 · series_a`);
    const created = Number(/into new company #(\d+) Kestrel Labs\./.exec(out)?.[1]);
    expect(out).toContain(
      `Split 1 name(s) and 1 deal(s) of company #${first.companyId} Kestrel Grid into new company #${created} Kestrel Labs.`,
    );

    expect(await company(created)).toEqual({ name: 'Kestrel Labs', merged_into: null });
    expect(await aliasesOf(created)).toEqual(['Kestrel Labs']);
    expect(await aliasesOf(first.companyId)).toEqual(['Kestrel Grid']);
    expect((await deal(second.dealId)).company_id).toBe(created);
    expect((await deal(first.dealId)).company_id).toBe(first.companyId);
    expect(await itemStatus(item)).toBe('open');
  });

  it('possible duplicates: d merges the pair (deals, or a company picked from several), k keeps them apart', async () => {
    const storedDeal = await insertDeal(t.db, { company: 'Brisa Energy', amount: usd(12_000_000) });
    const newDeal = await insertDeal(t.db, { company: 'Brisa Energia', amount: usd(12_000_000) });
    const dealPair = await insertItem(t.db, {
      kind: 'possible_duplicate',
      dealId: newDeal.dealId,
      reason: `Possible duplicate of deal #${storedDeal.dealId}`,
      payload: { dealIds: [storedDeal.dealId, newDeal.dealId] },
    });
    const left = await insertDeal(t.db, { company: 'Tarn Analytics', round: 'seed' });
    const right = await insertDeal(t.db, { company: 'Tarn Analytics', round: 'series_a' });
    const apart = await insertItem(t.db, {
      kind: 'possible_duplicate',
      dealId: right.dealId,
      payload: { dealIds: [left.dealId, right.dealId] },
    });
    const haneul = await insertCompany(t.db, 'Haneul Pay', 'KR');
    const hanil = await insertCompany(t.db, 'Hanil Pay', 'KR');
    const hanul = await insertDeal(t.db, { company: 'Hanul Pay', country: 'KR' });
    const companyPair = await insertItem(t.db, {
      kind: 'possible_duplicate',
      dealId: hanul.dealId,
      payload: { companyIds: [hanil.id, haneul.id], company: 'Hanul Pay' },
    });

    const out = await run(['d', 'y', 'k', 'd', '3', '2', 'y'], 'possible_duplicate');
    expect(out).toContain(`Other deal #${storedDeal.dealId}: Brisa Energy · seed · USD 12,000,000`);
    expect(out).toContain('[d] merge the two [k] keep apart');
    expect(out).toContain(`Merged deal #${newDeal.dealId} into #${storedDeal.dealId}.`);
    expect(out).toContain(`Kept apart from deal #${left.dealId}; item #${apart} resolved.`);
    expect(out).toContain(`1) company #${hanil.id}: Hanil Pay · KR · 0 deal(s)`);
    expect(out).toContain(`2) company #${haneul.id}: Haneul Pay · KR · 0 deal(s)`);
    expect(out).toContain('! "3" is not in the list (1-2).');
    expect(out).toContain('Queue done. 3 item(s) resolved.');

    expect((await deal(newDeal.dealId)).merged_into).toBe(storedDeal.dealId);
    expect(await itemStatus(dealPair)).toBe('merged');
    expect([(await deal(left.dealId)).merged_into, (await deal(right.dealId)).merged_into]).toEqual([null, null]);
    expect(await itemStatus(apart)).toBe('approved');
    expect((await company(hanul.companyId)).merged_into).toBe(haneul.id);
    expect((await company(hanil.id)).merged_into).toBeNull();
    expect((await deal(hanul.dealId)).company_id).toBe(haneul.id);
    expect(await itemStatus(companyPair)).toBe('merged');
  });

  it('bad input is reported and changes nothing; input ending mid-merge stops without merging', async () => {
    const d = await insertDeal(t.db, { company: 'Quillon Maps' });
    await insertDeal(t.db, { company: 'Quillon Mapping' });
    const item = await insertItem(t.db, { kind: 'low_confidence', dealId: d.dealId });
    const before = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();

    const out = await run([
      '?',
      'sd', // one source: not offered
      'k', // not a possible duplicate
      'zz',
      'md',
      'Nonexistent Widgets',
      '', // no match, then cancel
      'sc',
      '1,x', // garbage in a number list
      'mc',
      '%%', // matches nothing
      'quillon', // search again
      '1',
      'y', // Quillon Mapping, then...
    ]);
    expect(out).toContain(
      "  md  merge deal: merge this deal into another: type part of its company's name, pick it from the list, confirm",
    );
    expect(out).not.toContain('  k   keep apart:'); // ? lists only the keys that apply here
    expect(out).toContain('"sd" (split deal) needs a live deal with two or more sources; keys here: a, r, e, md, mc, sc, s, q, ?.');
    expect(out).toContain('"k" (keep apart) needs a possible duplicate');
    expect(out).toContain('Unknown key "zz"');
    expect(out).toContain('No deal to merge into matches "Nonexistent Widgets".');
    expect(out).toContain('Cancelled; nothing changed.');
    expect(out).toContain('! "x" is not a number from 1 to 1');
    expect(out).toContain('No company to merge into matches "%%".');
    expect(out).toContain('1) Quillon Mapping · DE · 1 deal(s)');
    expect(out).toContain('Merged company');

    // The same start, but the input ends at the confirmation: nothing merges.
    const e = await insertDeal(t.db, { company: 'Velder Audio' });
    await insertDeal(t.db, { company: 'Velder Acoustics' });
    const item2 = await insertItem(t.db, { kind: 'extraction_error', dealId: e.dealId });
    const stopped = await run(['md', 'velder', '1'], 'extraction_error');
    expect(stopped).toContain('Stopped. 0 item(s) resolved.');
    expect((await deal(e.dealId)).merged_into).toBeNull();
    expect(await itemStatus(item2)).toBe('open');
    // Only the confirmed company merge wrote: its company row and the item it closed.
    const written = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id'])
      .where('id', '>', Number(before.id ?? 0))
      .orderBy('id')
      .execute();
    expect(written.map((r) => [r.action, r.target_type])).toEqual([
      ['merge_companies', 'company'],
      ['merge_companies', 'review_item'],
    ]);
    expect(await itemStatus(item)).toBe('merged');
  });

  it('parses number lists', () => {
    expect(parseNumbers('1, 3 2-2', 3)).toEqual([0, 2, 1]);
    expect(parseNumbers('', 3)).toEqual([]);
    expect(() => parseNumbers('0', 3)).toThrow('"0" is not a number from 1 to 3');
    expect(() => parseNumbers('2-1', 3)).toThrow('"2-1" is not a number');
  });
});
