import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createDb } from '../../src/db/connect.js';
import type { Deal } from '../../src/deal/schema.js';
import { keysOf } from '../../src/dedupe/company.js';
import type { Logger } from '../../src/logger.js';
import { companyKey, KEYS_VERSION } from '../../src/normalise/company.js';
import { type RekeyReport, rekeyAtStartup, rekeyStoredKeys } from '../../src/pipeline/rekey.js';
import { editDeal } from '../../src/review/actions.js';
import { getItemCompanies } from '../../src/review/companies.js';
import { withRekeyLock } from '../../src/store/keys.js';
import { deal, saveOne, usd } from '../fixtures/dedupe/deals.js';
import { testConfig } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { urlFor } from '../helpers/env.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

/** A logger whose JSON lines are kept, to read the structured logs. */
function capture(): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines };
}
const quiet = () => capture().log;

const save = (d: Deal) => saveOne(t.db, d, { site: 'wire', publishers: 3, publishedAt: '2025-05-02T08:00:00Z' });

const at = (name: string, country: string, over: Partial<Deal> = {}) =>
  deal({ company: { name, country }, region: null, investors: [], ...over });

/**
 * Keys as an older version of the functions wrote them: case, accents and punctuation dropped but
 * no legal form or generic suffix recognised ("Kirin Data K.K." → "kirin data kk").
 */
function legacyKeys(name: string) {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean);
  const loose = words.join('');
  return {
    name_key: words.join(' '),
    loose_key: loose,
    skeleton: (loose[0] + loose.slice(1).replace(/[aeiouy]/g, '')).replace(/(\p{L})\1+/gu, '$1'),
  };
}

/** Make a company look stored before the key functions changed: its aliases and name keyed the old way. */
async function makeStale(companyId: number): Promise<void> {
  const aliases = await t.db.selectFrom('company_aliases').select(['id', 'name']).where('company_id', '=', companyId).execute();
  for (const a of aliases) await t.db.updateTable('company_aliases').set(legacyKeys(a.name)).where('id', '=', a.id).execute();
  const { name } = await t.db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow();
  await t.db
    .updateTable('companies')
    .set({ name_key: legacyKeys(name).name_key })
    .where('id', '=', companyId)
    .execute();
}

async function aliasKeys(companyId: number) {
  return t.db
    .selectFrom('company_aliases')
    .select(['name', 'name_key', 'loose_key', 'skeleton'])
    .where('company_id', '=', companyId)
    .execute();
}

async function setRecordedVersion(version: number | null): Promise<void> {
  await t.db.deleteFrom('data_versions').execute();
  if (version !== null) await t.db.insertInto('data_versions').values({ name: 'keys', version }).execute();
}

async function recordedVersion(): Promise<number | null> {
  return (await t.db.selectFrom('data_versions').select('version').where('name', '=', 'keys').executeTakeFirst())?.version ?? null;
}

const links = (dealId: number) =>
  t.db
    .selectFrom('deal_investors as di')
    .innerJoin('investors as i', 'i.id', 'di.investor_id')
    .select(['i.id', 'i.name', 'di.lead'])
    .where('di.deal_id', '=', dealId)
    .orderBy('i.name')
    .execute();

async function insertInvestor(name: string, name_key: string): Promise<number> {
  return (await t.db.insertInto('investors').values({ name, name_key }).returning('id').executeTakeFirstOrThrow()).id;
}

describe('re-keying stored names', () => {
  it('re-keys stale aliases and company keys, records the version, and a later article then finds the stored company', async () => {
    await setRecordedVersion(null);
    const kirin = await save(at('Kirin Data K.K.', 'JP', { round: 'seed', amount: usd(3_000_000), announcedOn: '2024-02-01' }));
    await makeStale(kirin.companyId);
    expect((await aliasKeys(kirin.companyId))[0]?.name_key).toBe('kirin data kk');

    const { log, lines } = capture();
    const report = await rekeyStoredKeys(t.db, log, { batchSize: 2 });
    expect(report).toMatchObject({ status: 'rekeyed', keysVersion: KEYS_VERSION, previousVersion: null });
    expect(report.aliases.updated).toBe(1);
    expect(report.companies.updated).toBe(1);
    const k = keysOf('Kirin Data K.K.');
    expect(await aliasKeys(kirin.companyId)).toEqual([
      { name: 'Kirin Data K.K.', name_key: k.key, loose_key: k.loose, skeleton: k.skeleton },
    ]);
    const company = await t.db.selectFrom('companies').select('name_key').where('id', '=', kirin.companyId).executeTakeFirstOrThrow();
    expect(company.name_key).toBe(companyKey('Kirin Data K.K.'));
    expect(await recordedVersion()).toBe(KEYS_VERSION);
    // The structured summary carries the counts.
    const summary = lines.find((l) => l.msg === 'stored names re-keyed');
    expect(summary).toMatchObject({ aliases: { updated: 1 }, companies: { updated: 1 }, keysVersion: KEYS_VERSION });

    const later = await save(at('Kirin Data', 'JP', { round: 'series_a', amount: usd(15_000_000), announcedOn: '2025-05-01' }));
    expect(later.companyId).toBe(kirin.companyId);
  });

  it('is idempotent: with the version recorded it does nothing, and a forced run finds nothing to change', async () => {
    const again = await rekeyStoredKeys(t.db, quiet());
    expect(again).toMatchObject({ status: 'current', previousVersion: KEYS_VERSION });
    expect(again.aliases.scanned + again.companies.scanned + again.investors.scanned).toBe(0);
    const forced = await rekeyStoredKeys(t.db, quiet(), { force: true, batchSize: 1 });
    expect(forced.status).toBe('rekeyed');
    expect(forced.aliases.scanned).toBeGreaterThanOrEqual(2);
    expect([
      forced.aliases.updated,
      forced.companies.updated,
      forced.investors.updated,
      forced.investors.merged,
      forced.possibleDuplicates,
    ]).toEqual([0, 0, 0, 0, 0]);
  });

  it('raises companies that now share a key in one country as a possible duplicate, without merging them', async () => {
    const old = await save(at('Selasih Sdn Bhd', 'MY', { round: 'seed', amount: usd(2_000_000), announcedOn: '2023-06-01' }));
    await makeStale(old.companyId);
    // The drift itself: under stale keys the same company written today is not found.
    const fresh = await save(at('Selasih', 'MY', { round: 'series_b', amount: usd(40_000_000), announcedOn: '2025-04-20' }));
    expect(fresh.companyId).not.toBe(old.companyId);
    // Same name in another country: a different company, whatever its keys.
    const abroad = await save(at('Selasih Sdn. Bhd.', 'ID', { round: 'seed', amount: usd(1_000_000), announcedOn: '2022-01-10' }));
    await makeStale(abroad.companyId);
    // Two companies that already shared a key (kept apart by an operator): a second name of one
    // re-keyed onto that key reveals nothing new.
    const ostrava = await save(at('Ostrava Labs', 'CZ', { announcedOn: '2024-09-09' }));
    await t.db
      .insertInto('company_aliases')
      .values({ company_id: ostrava.companyId, name: 'Ostrava Labs s.r.o.', ...legacyKeys('Ostrava Labs s.r.o.') })
      .execute();
    const twin = await t.db
      .insertInto('companies')
      .values({ name: 'Ostrava Labs', name_key: 'ostrava labs', country: 'CZ' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const k = keysOf('Ostrava Labs');
    await t.db
      .insertInto('company_aliases')
      .values({ company_id: twin.id, name: 'Ostrava Labs', name_key: k.key, loose_key: k.loose, skeleton: k.skeleton })
      .execute();
    const itemsBefore = await t.db.selectFrom('review_items').select('id').execute();

    const report = await rekeyStoredKeys(t.db, quiet(), { force: true, batchSize: 3 });
    expect(report.aliases.updated).toBe(3);
    expect(report.possibleDuplicates).toBe(1);
    const items = await t.db
      .selectFrom('review_items')
      .selectAll()
      .where(
        'id',
        'not in',
        itemsBefore.map((i) => i.id),
      )
      .execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'possible_duplicate', status: 'open', deal_id: null });
    expect((items[0]!.payload as { companyIds: number[] }).companyIds).toEqual([old.companyId, fresh.companyId]);
    expect(items[0]!.reason).toContain('"selasih"');
    // Nothing merged: both live, each with its own deal.
    const companies = await t.db
      .selectFrom('companies')
      .select(['id', 'merged_into'])
      .where('id', 'in', [old.companyId, fresh.companyId, abroad.companyId])
      .execute();
    expect(companies.every((c) => c.merged_into === null)).toBe(true);
    const owners = await t.db
      .selectFrom('deals')
      .select('company_id')
      .where('id', 'in', [old.dealId, fresh.dealId])
      .orderBy('id')
      .execute();
    expect(owners.map((o) => o.company_id)).toEqual([old.companyId, fresh.companyId]);
    // The review screen shows both companies side by side.
    const shown = await getItemCompanies(t.db, items[0]!, null);
    expect(shown.map((c) => c.company.id)).toEqual([old.companyId, fresh.companyId]);

    // A second run asks nothing again.
    const second = await rekeyStoredKeys(t.db, quiet(), { force: true });
    expect(second.possibleDuplicates).toBe(0);
    expect(await t.db.selectFrom('review_items').select('id').execute()).toHaveLength(itemsBefore.length + 1);
  });

  it('merges investors whose names now share a key, keeping every deal link, and logs each merge', async () => {
    const d1 = await save(
      at('Brightwater Foods', 'SG', { investors: [{ name: 'Veltra Capital', lead: false }], announcedOn: '2025-03-01' }),
    );
    const d2 = await save(
      at('Tidewell Energy', 'SG', { investors: [{ name: 'Pinecrest Partners', lead: true }], announcedOn: '2025-03-02' }),
    );
    const veltra = (await links(d1.dealId))[0]!.id;
    // Rows stored under older keys: "s.r.o." and "Pte." were not legal forms then.
    const veltraSro = await insertInvestor('Veltra Capital s.r.o.', 'veltra capital sro');
    const corvidPte = await insertInvestor('Corvid Capital Pte.', 'corvid capital pte');
    const corvidLtd = await insertInvestor('Corvid Capital Pte. Ltd.', 'corvid capital pte ltd');
    // Two keys stored the wrong way round: they move onto each other.
    const ardenSeed = await insertInvestor('Arden Seed', 'arden growth');
    const ardenGrowth = await insertInvestor('Arden Growth', 'arden seed');
    await t.db
      .insertInto('deal_investors')
      .values([
        { deal_id: d1.dealId, investor_id: veltraSro, lead: true },
        { deal_id: d1.dealId, investor_id: corvidPte, lead: false },
        { deal_id: d2.dealId, investor_id: veltraSro, lead: false },
        { deal_id: d2.dealId, investor_id: corvidLtd, lead: false },
        { deal_id: d2.dealId, investor_id: ardenSeed, lead: false },
        { deal_id: d2.dealId, investor_id: ardenGrowth, lead: false },
      ])
      .execute();

    const { log, lines } = capture();
    const report = await rekeyStoredKeys(t.db, log, { force: true, batchSize: 2 });
    expect(report.investors).toMatchObject({ merged: 2, updated: 3, unkeyable: 0 });

    const rows = await t.db
      .selectFrom('investors')
      .select(['id', 'name_key'])
      .where('id', 'in', [veltra, veltraSro, corvidPte, corvidLtd, ardenSeed, ardenGrowth])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: veltra, name_key: 'veltra capital' },
      { id: corvidPte, name_key: 'corvid capital' },
      { id: ardenSeed, name_key: 'arden seed' },
      { id: ardenGrowth, name_key: 'arden growth' },
    ]);
    // Links moved to the survivors; a lead on either side stays a lead; no deal lost an investor.
    expect(await links(d1.dealId)).toEqual([
      { id: corvidPte, name: 'Corvid Capital Pte.', lead: false },
      { id: veltra, name: 'Veltra Capital', lead: true },
    ]);
    expect((await links(d2.dealId)).map((l) => [l.name, l.lead])).toEqual([
      ['Arden Growth', false],
      ['Arden Seed', false],
      ['Corvid Capital Pte.', false],
      ['Pinecrest Partners', true],
      ['Veltra Capital', false],
    ]);
    const clean = await t.db
      .selectFrom('deals_clean')
      .select(['investors_text', 'lead_investors'])
      .where('id', '=', d1.dealId)
      .executeTakeFirstOrThrow();
    expect(clean).toEqual({ investors_text: 'Veltra Capital; Corvid Capital Pte.', lead_investors: 'Veltra Capital' });

    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'merge_investors').orderBy('target_id').execute();
    expect(audit.map((a) => [a.actor, a.target_id])).toEqual([
      ['rekey', veltra],
      ['rekey', corvidPte],
    ]);
    // Each deal whose links moved says so in its history (one row per merging transaction).
    const history = await t.db.selectFrom('deal_history').select(['deal_id', 'change']).where('actor', '=', 'rekey').execute();
    const moved = history.flatMap((h) => {
      const change = h.change as { action: string; merged: Array<{ from: number; into: number }> };
      return change.merged.map((m) => [h.deal_id, change.action, m.from, m.into]);
    });
    expect(moved).toEqual(
      expect.arrayContaining([
        [d1.dealId, 'investors_merged', veltraSro, veltra],
        [d2.dealId, 'investors_merged', veltraSro, veltra],
        [d2.dealId, 'investors_merged', corvidLtd, corvidPte],
      ]),
    );
    expect(moved).toHaveLength(3);
    const merged = lines.filter((l) => l.level === 40 && String(l.msg).startsWith('investors merged'));
    expect(merged).toHaveLength(2);
    expect(merged).toContainEqual(
      expect.objectContaining({ key: 'veltra capital', into: { id: veltra, name: 'Veltra Capital' }, deals: 2 }),
    );

    // The merged name, written again, links to the survivor instead of a new row.
    const d3 = await save(
      at('Harbourline Labs', 'SG', { investors: [{ name: 'Veltra Capital s.r.o.', lead: true }], announcedOn: '2025-04-01' }),
    );
    expect((await links(d3.dealId)).map((l) => l.id)).toEqual([veltra]);
    expect((await rekeyStoredKeys(t.db, quiet(), { force: true })).investors).toMatchObject({ merged: 0, updated: 0 });
  });

  it('keeps a renamed company keyed by its new name', async () => {
    const c = await save(at('Lumaro Systems', 'KR', { announcedOn: '2025-02-01' }));
    await editDeal(t.db, c.dealId, { company_name: 'Lumaro Holdings Co., Ltd.' }, 'op');
    const row = await t.db.selectFrom('companies').select(['name', 'name_key']).where('id', '=', c.companyId).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Lumaro Holdings Co., Ltd.', name_key: companyKey('Lumaro Holdings Co., Ltd.') });
  });
});

describe('re-keying from startup and the CLI', () => {
  it('startup re-keys when the database records another version, and records this one', async () => {
    const c = await save(at('Orbisk Labs GmbH', 'DE', { region: 'europe', announcedOn: '2025-01-15' }));
    await makeStale(c.companyId);
    await setRecordedVersion(KEYS_VERSION - 1);
    const app = await createApp({ config: testConfig({ DATABASE_URL: t.url }), log: quiet() });
    await app.close();
    expect((await aliasKeys(c.companyId))[0]?.name_key).toBe(companyKey('Orbisk Labs GmbH'));
    expect(await recordedVersion()).toBe(KEYS_VERSION);
  });

  it('a second process finds the re-key running and neither waits nor fails', async () => {
    const c = await save(at('Zwaluw B.V.', 'NL', { region: 'europe', announcedOn: '2025-01-20' }));
    await makeStale(c.companyId);
    const held = await withRekeyLock(t.db, () => rekeyStoredKeys(t.db, quiet(), { force: true }));
    expect(held.locked && held.value.status).toBe('busy');
    expect((await aliasKeys(c.companyId))[0]?.name_key).toBe('zwaluw bv');
    // Cleaned up by the next forced run.
    expect((await rekeyStoredKeys(t.db, quiet(), { force: true })).aliases.updated).toBe(1);
  });

  it('a failing startup re-key is logged, not thrown', async () => {
    const missing = createDb(urlFor('dealflow_rekey_no_such_database'), 1);
    const { log, lines } = capture();
    try {
      expect(await rekeyAtStartup(missing, log)).toBeNull();
    } finally {
      await missing.destroy();
    }
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringContaining('re-keying stored names failed') }));
  });

  it('`dealflow migrate --rekey --json` re-keys whatever version is recorded and prints the report', async () => {
    const c = await save(at('Tinta Ltda.', 'BR', { region: 'latin_america', announcedOn: '2025-02-10' }));
    await makeStale(c.companyId);
    await setRecordedVersion(KEYS_VERSION);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_')));
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/dealflow.js', 'migrate', '--rekey', '--json'], {
      env: { ...env, DATABASE_URL: t.url, LOG_LEVEL: 'silent' },
      timeout: 30_000,
    });
    const report = JSON.parse(stdout) as RekeyReport;
    expect(report).toMatchObject({ status: 'rekeyed', previousVersion: KEYS_VERSION, aliases: { updated: 1 }, companies: { updated: 1 } });
    expect((await aliasKeys(c.companyId))[0]?.name_key).toBe('tinta');
  });
});
