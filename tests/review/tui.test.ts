import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { parseFieldEdit, runReviewCli } from '../../src/review/tui.js';
import { insertDeal, insertItem } from './fixtures.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

async function run(keys: string[], kind?: string): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  await runReviewCli({ db: t.db, actor: 'term', input: Readable.from(keys.map((k) => `${k}\n`)), output, kind });
  return Buffer.concat(chunks).toString('utf8');
}

const statusOf = async (id: number) =>
  (await t.db.selectFrom('review_items').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('runReviewCli', () => {
  it('shows each item and applies approve / edit / reject / skip from piped keys', async () => {
    const a = await insertDeal(t.db, {
      company: 'Termina',
      sources: [{ quote: 'raised €5M', text: 'Termina raised €5M in a seed round led by Nordic VC.' }],
      investors: [{ name: 'Nordic VC', lead: true }],
    });
    const b = await insertDeal(t.db, { company: 'Bravo' });
    const c = await insertDeal(t.db, { company: 'Charlie' });
    const i1 = await insertItem(t.db, { kind: 'conflict', dealId: a.dealId, articleId: a.articleIds[0], reason: 'round disagrees' });
    const i2 = await insertItem(t.db, { kind: 'conflict', dealId: b.dealId });
    const i3 = await insertItem(t.db, { kind: 'conflict', dealId: c.dealId });
    const other = await insertItem(t.db, { kind: 'low_confidence', dealId: c.dealId });

    const out = await run(['x', 'e', 'round series_a', 'e', 'amount lots', 'a', 'r', 's'], 'conflict');
    expect(out).toContain(`Item #${i1}`);
    expect(out).toContain('Termina · seed');
    expect(out).toContain('Reason: round disagrees');
    expect(out).toContain('» [source] raised €5M');
    expect(out).toContain('Termina raised €5M in a seed round');
    expect(out).toContain('Investors: Nordic VC (lead)');
    expect(out).toContain('Unknown key "x"; keys here: a, r, e, md, mc, sc, s, q, ?.');
    expect(out).toContain('Saved round.');
    expect(out).toContain('Termina · series_a');
    expect(out).toContain('! Amount must look like "5000000 USD"');
    expect(out).toContain(`Rejected #${i2} and deal #${b.dealId}.`);
    expect(out).toContain('Queue done. 2 item(s) resolved.');
    expect(out).not.toContain(`Item #${other} `);
    expect([await statusOf(i1), await statusOf(i2), await statusOf(i3), await statusOf(other)]).toEqual([
      'approved',
      'rejected',
      'open',
      'open',
    ]);
    expect((await t.db.selectFrom('deals').select('round').where('id', '=', a.dealId).executeTakeFirstOrThrow()).round).toBe('series_a');
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action']).where('actor', '=', 'term').orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual(['edit', 'approve', 'reject']);
  });

  it('stops on q or end of input and rejects an unknown kind', async () => {
    const d = await insertDeal(t.db);
    const id = await insertItem(t.db, { kind: 'extraction_error', dealId: d.dealId });
    expect(await run(['q'], 'extraction_error')).toContain('Stopped. 0 item(s) resolved.');
    expect(await run([], 'extraction_error')).toContain('Stopped. 0 item(s) resolved.');
    expect(await statusOf(id)).toBe('open');
    await expect(run([], 'bogus')).rejects.toThrow(/Unknown review kind: bogus/);
    expect(await run([], 'evidence_failed')).toContain('No open review items.');
  });

  it('parses field edits', () => {
    expect(parseFieldEdit('amount 5,000,000 usd')).toEqual({ amount: { value: 5_000_000, currency: 'USD' } });
    expect(parseFieldEdit('valuation=none')).toEqual({ valuation: null });
    expect(parseFieldEdit('country fr')).toEqual({ country: 'FR' });
    expect(parseFieldEdit('company Acme Robotics')).toEqual({ company_name: 'Acme Robotics' });
    expect(() => parseFieldEdit('color blue')).toThrow(/Unknown field "color"/);
    expect(() => parseFieldEdit('round')).toThrow(/Give a field and a value/);
  });
});
