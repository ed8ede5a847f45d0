import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { mergeCompanyByName, mergeDealByName, showCompany, splitCompanyByName, splitDealBySources } from '../../src/review/entity-cli.js';
import { insertDeal } from './fixtures.js';

// `dealflow review` merge and split subcommands: targets by name, candidates listed when a name is
// ambiguous, "#ID" to pick one; the functions directly, then the built binary end to end.
const run = promisify(execFile);
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

const usd = (value: number) => ({ value, currency: 'USD', usd: value });
const companyOf = async (dealId: number) =>
  (await t.db.selectFrom('deals').select('company_id').where('id', '=', dealId).executeTakeFirstOrThrow()).company_id;

async function dealflow(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_') && k !== 'LOG_LEVEL'));
  return run(process.execPath, ['bin/dealflow.js', ...args], { env: { ...env, DATABASE_URL: t.url }, timeout: 60_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('review subcommands (functions)', () => {
  it('merge-company takes the same name over a longer one, lists candidates when ambiguous, and accepts #ID', async () => {
    const paysa = await insertDeal(t.db, { company: 'Paysa', country: 'GB' });
    const tech = await insertDeal(t.db, { company: 'Paysa Technologies', country: 'GB', round: 'series_a' });
    const bio = await insertDeal(t.db, { company: 'Veltra Bio', country: 'FI' });
    const sci = await insertDeal(t.db, { company: 'Veltra Biosciences', country: 'FI', round: 'series_a' });

    const out = await mergeCompanyByName(t.db, { name: 'Paysa Technologies', into: 'paysa', actor: 'term' });
    expect(out).toEqual([
      `Merged company #${tech.companyId} Paysa Technologies into #${paysa.companyId} Paysa: 1 deal(s), 1 name(s) moved.`,
    ]);
    expect(await companyOf(tech.dealId)).toBe(paysa.companyId);

    const ambiguous = mergeCompanyByName(t.db, { name: 'Veltra', into: 'Veltra Bio', actor: 'term' });
    await expect(ambiguous).rejects.toThrow(/"Veltra" matches 2 companies; give a more precise name or one of the ids as #ID/);
    await expect(mergeCompanyByName(t.db, { name: 'Veltra', into: 'Veltra Bio', actor: 'term' })).rejects.toThrow(
      new RegExp(`#${bio.companyId} Veltra Bio · FI · 1 deal\\(s\\)[\\s\\S]*#${sci.companyId} Veltra Biosciences`),
    );
    await expect(mergeCompanyByName(t.db, { name: 'Nonesuch Widgets', into: 'Paysa', actor: 'term' })).rejects.toThrow(
      'No company matches "Nonesuch Widgets"',
    );
    await mergeCompanyByName(t.db, { name: `#${sci.companyId}`, into: 'Veltra Bio', actor: 'term' });
    expect(await companyOf(sci.dealId)).toBe(bio.companyId);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'merge_companies').execute();
    expect(audit.map((a) => [a.actor, a.target_id])).toEqual([
      ['term', paysa.companyId],
      ['term', bio.companyId],
    ]);
  });

  it('company shows names and the timeline; split-company moves names and deals by name', async () => {
    const a = await insertDeal(t.db, { company: 'Kettlewick', country: 'IE', round: 'seed', announced_on: '2022-05-05' });
    const b = await insertDeal(t.db, {
      companyId: a.companyId,
      round: 'series_a',
      announced_on: '2024-05-05',
      sources: [{ publisher: 'Liffey Post', role: 'mention' }],
    });
    await t.db
      .insertInto('company_aliases')
      .values({ company_id: a.companyId, name: 'Kettlewick Labs', name_key: 'kettlewick labs', loose_key: 'kettlewick', skeleton: 'ktlwk' })
      .execute();
    const shown = await showCompany(t.db, 'Kettlewick Labs');
    expect(shown[0]).toBe(`Company #${a.companyId}: Kettlewick · IE`);
    expect(shown[1]).toBe('Names: Kettlewick, Kettlewick Labs');
    expect(shown.slice(3).map((l) => l.trim().split(' · ')[0])).toEqual([`#${a.dealId} 2022-05-05`, `#${b.dealId} 2024-05-05`]);
    expect(shown[4]).toContain('Liffey Post (mention)');

    await expect(splitCompanyByName(t.db, { name: 'Kettlewick', names: ['Kettle'], deals: [], actor: 'term' })).rejects.toThrow(
      '"Kettle" is not a name of company',
    );
    const out = await splitCompanyByName(t.db, { name: 'Kettlewick', names: ['kettlewick labs'], deals: [b.dealId], actor: 'term' });
    const created = Number(/new company #(\d+)/.exec(out[0]!)![1]);
    expect(await companyOf(b.dealId)).toBe(created);
    expect((await t.db.selectFrom('companies').select('name').where('id', '=', created).executeTakeFirstOrThrow()).name).toBe(
      'Kettlewick Labs',
    );
  });

  it('merge-deal finds the target deal by company name and split-deal takes article ids or URLs', async () => {
    const keep = await insertDeal(t.db, { company: 'Orrin Maps', round: 'series_b', amount: usd(20_000_000) });
    const dup = await insertDeal(t.db, {
      company: 'Orrin Maps',
      round: 'series_b',
      amount: usd(20_000_000),
      sources: [{}, { amount: usd(24_000_000) }],
    });
    await insertDeal(t.db, { company: 'Orrin Mapping', round: 'seed' });
    await expect(mergeDealByName(t.db, { dealId: dup.dealId, into: 'Orrin', actor: 'term' })).rejects.toThrow(
      new RegExp(`"Orrin" matches 2 deals[\\s\\S]*#${keep.dealId} Orrin Maps · series_b · USD 20,000,000`),
    );
    await expect(mergeDealByName(t.db, { dealId: dup.dealId, into: `#${dup.dealId}`, actor: 'term' })).rejects.toThrow('into itself');

    const url = (await t.db.selectFrom('articles').select('url').where('id', '=', dup.articleIds[1]!).executeTakeFirstOrThrow()).url;
    await expect(splitDealBySources(t.db, { dealId: dup.dealId, sources: ['https://elsewhere.example/x'], actor: 'term' })).rejects.toThrow(
      new RegExp(`is not a source of deal #${dup.dealId}; its sources[\\s\\S]*${dup.articleIds[0]} `),
    );
    const split = await splitDealBySources(t.db, { dealId: dup.dealId, sources: [url], actor: 'term' });
    const created = Number(/new deal #(\d+)/.exec(split[0]!)![1]);
    expect((await t.db.selectFrom('deals').select('amount_value').where('id', '=', created).executeTakeFirstOrThrow()).amount_value).toBe(
      24_000_000,
    );

    // The split-off deal is another "Orrin Maps" deal now: the name alone is ambiguous, #ID is not.
    await expect(mergeDealByName(t.db, { dealId: dup.dealId, into: 'Orrin Maps', actor: 'term' })).rejects.toThrow('matches 2 deals');
    expect(await mergeDealByName(t.db, { dealId: dup.dealId, into: `#${keep.dealId}`, actor: 'term' })).toEqual([
      `Merged deal #${dup.dealId} into #${keep.dealId}.`,
    ]);
    expect((await t.db.selectFrom('deals').select('merged_into').where('id', '=', dup.dealId).executeTakeFirstOrThrow()).merged_into).toBe(
      keep.dealId,
    );
  });
});

describe('review subcommands (built CLI)', () => {
  it('merge-company by name records the actor; an ambiguous name lists candidates and exits 1', async () => {
    const keep = await insertDeal(t.db, { company: 'Haneul Robotics', country: 'KR' });
    const gone = await insertDeal(t.db, { company: 'Ha-neul Robotics Co', country: 'KR', round: 'series_a' });
    await insertDeal(t.db, { company: 'Haneul Foods', country: 'KR' });
    const ambiguous = await dealflow(['review', 'merge-company', 'Haneul', '--into', 'Haneul Robotics']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/^dealflow: "Haneul" matches \d companies; give a more precise name or one of the ids as #ID:\n/);
    expect(ambiguous.stderr).toContain('Haneul Foods');
    const ok = await dealflow(['review', 'merge-company', 'Ha-neul Robotics Co', '--into', 'Haneul Robotics', '--actor', 'mira']);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout.trim()).toBe(
      `Merged company #${gone.companyId} Ha-neul Robotics Co into #${keep.companyId} Haneul Robotics: 1 deal(s), 1 name(s) moved.`,
    );
    expect(await companyOf(gone.dealId)).toBe(keep.companyId);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'merge_companies')
      .where('target_id', '=', keep.companyId)
      .execute();
    expect(audit).toEqual([{ actor: 'mira' }]);
  });

  it('split-deal --sources moves the named sources; a bad id is refused with the usage', async () => {
    const d = await insertDeal(t.db, { company: 'Brisling Data', sources: [{}, {}, { amount: usd(7_000_000) }] });
    const res = await dealflow(['review', 'split-deal', String(d.dealId), '--sources', `${d.articleIds[1]},${d.articleIds[2]}`]);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const created = Number(/new deal #(\d+)/.exec(res.stdout)![1]);
    const moved = await t.db.selectFrom('deal_sources').select('article_id').where('deal_id', '=', created).orderBy('article_id').execute();
    expect(moved.map((m) => m.article_id)).toEqual(d.articleIds.slice(1));
    const bad = await dealflow(['review', 'split-deal', 'x', '--sources', '1']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('expected a deal id');
  });
});
