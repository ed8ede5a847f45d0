import { toUsd } from '../../src/normalise/fx.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { approveItem, editDeal, mergeDealInto, rejectItem, splitDeal } from '../../src/review/actions.js';
import { createOperator, verifyOperator } from '../../src/review/operators.js';
import { countOpenItems, getItemDetail, listOpenItems } from '../../src/review/queries.js';
import { insertDeal, insertItem } from './fixtures.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

const auditFor = (action: string, targetId: number) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute();
const liveIds = async () => (await t.db.selectFrom('deals_clean').select('id').execute()).map((r) => r.id);

describe('approve / reject', () => {
  it('approves an open item once, with an audit row, and refuses a second resolution', async () => {
    const { dealId, articleIds } = await insertDeal(t.db);
    await t.db.updateTable('deals').set({ needs_review: true }).where('id', '=', dealId).execute();
    const itemId = await insertItem(t.db, { dealId, articleId: articleIds[0] });
    const item = await approveItem(t.db, itemId, 'alice');
    expect(item).toMatchObject({ status: 'approved', resolved_by: 'alice' });
    expect(item.resolved_at).toBeInstanceOf(Date);
    const [row] = await auditFor('approve', itemId);
    expect(row).toMatchObject({
      actor: 'alice',
      target_type: 'review_item',
      detail: { before: { status: 'open' }, after: { status: 'approved' }, deal_id: dealId },
    });
    expect((await t.db.selectFrom('deals').select('needs_review').where('id', '=', dealId).executeTakeFirstOrThrow()).needs_review).toBe(
      false,
    );
    await expect(approveItem(t.db, itemId, 'bob')).rejects.toThrow(/already approved \(by alice\)/);
    await expect(rejectItem(t.db, itemId, 'bob')).rejects.toMatchObject({ code: 'conflict' });
    await expect(approveItem(t.db, 987654, 'bob')).rejects.toMatchObject({
      code: 'not_found',
      message: 'Review item #987654 does not exist',
    });
  });

  it('reject removes the deal from deals_clean and closes its other open items', async () => {
    const { dealId } = await insertDeal(t.db);
    const a = await insertItem(t.db, { dealId });
    const b = await insertItem(t.db, { dealId, kind: 'conflict' });
    expect(await liveIds()).toContain(dealId);
    await rejectItem(t.db, a, 'alice');
    expect(await liveIds()).not.toContain(dealId);
    const items = await t.db.selectFrom('review_items').select(['id', 'status']).where('id', 'in', [a, b]).orderBy('id').execute();
    expect(items.map((i) => i.status)).toEqual(['rejected', 'rejected']);
    const [row] = await auditFor('reject', a);
    expect(row?.detail).toMatchObject({ after: { status: 'rejected', deal_rejected: true }, closed_items: expect.arrayContaining([a, b]) });
    await expect(editDeal(t.db, dealId, { round: 'series_a' }, 'alice')).rejects.toThrow(/was rejected/);
  });
});

describe('editDeal', () => {
  it('applies a validated patch, records history and audit with before/after', async () => {
    const { dealId, companyId } = await insertDeal(t.db, {
      company: 'Edith',
      amount: { value: 5_000_000, currency: 'EUR', usd: 5_400_000 },
    });
    const changes = await editDeal(
      t.db,
      dealId,
      { round: 'series_a', amount: { value: 10_000_000, currency: 'EUR' }, company_name: 'Edith Labs', country: 'FR' },
      'carol',
    );
    expect(Object.keys(changes).sort()).toEqual(['amount', 'company_name', 'country', 'round']);
    const deal = await t.db.selectFrom('deals').selectAll().where('id', '=', dealId).executeTakeFirstOrThrow();
    // Same currency: the stored USD figure scales with the value (same rate).
    expect(deal).toMatchObject({
      round: 'series_a',
      amount_value: 10_000_000,
      amount_currency: 'EUR',
      amount_usd: 10_800_000,
      country: 'FR',
    });
    expect((await t.db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow()).name).toBe(
      'Edith Labs',
    );
    const history = await t.db.selectFrom('deal_history').selectAll().where('deal_id', '=', dealId).execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'carol', change: { action: 'edit', fields: { round: { from: 'seed', to: 'series_a' } } } });
    const [row] = await auditFor('edit', dealId);
    expect(row?.detail).toMatchObject({ before: { round: 'seed', country: null }, after: { round: 'series_a', country: 'FR' } });

    await editDeal(t.db, dealId, { amount: { value: 3_000_000, currency: 'GBP' } }, 'carol');
    const gbp = await t.db.selectFrom('deals').select(['amount_usd', 'announced_on']).where('id', '=', dealId).executeTakeFirstOrThrow();
    // A new currency converts at the rate of the deal's date.
    expect(gbp.amount_usd).toBe(toUsd(3_000_000, 'GBP', gbp.announced_on)!.usd);
    await editDeal(t.db, dealId, { amount: null }, 'carol');
    expect(
      await t.db.selectFrom('deals').select(['amount_value', 'amount_currency']).where('id', '=', dealId).executeTakeFirstOrThrow(),
    ).toEqual({ amount_value: null, amount_currency: null });
  });

  it('rejects invalid patches with a clear message and changes nothing', async () => {
    const { dealId } = await insertDeal(t.db);
    await expect(editDeal(t.db, dealId, { round: 'series_z' }, 'x')).rejects.toThrow(/Invalid edit: round/);
    await expect(editDeal(t.db, dealId, { amount: { value: -1, currency: 'USD' } }, 'x')).rejects.toThrow(/amount\.value/);
    await expect(editDeal(t.db, dealId, { amount: { value: 1, currency: 'usd' } }, 'x')).rejects.toThrow(/3-letter ISO/);
    await expect(editDeal(t.db, dealId, { announced_on: '2025-02-30' }, 'x')).rejects.toThrow(/real calendar date/);
    await expect(editDeal(t.db, dealId, { hacked: true }, 'x')).rejects.toThrow(/Invalid edit/);
    await expect(editDeal(t.db, dealId, {}, 'x')).rejects.toThrow(/nothing to change/);
    await expect(editDeal(t.db, 99999999, { round: 'seed' }, 'x')).rejects.toMatchObject({ code: 'not_found' });
    expect(await t.db.selectFrom('deal_history').selectAll().where('deal_id', '=', dealId).execute()).toEqual([]);
  });
});

describe('mergeDealInto', () => {
  it('moves sources and investors without key clashes and retires the merged deal', async () => {
    const into = await insertDeal(t.db, { investors: [{ name: 'Shared VC' }, { name: 'Only Into' }], sources: [{ quote: 'q1' }] });
    const from = await insertDeal(t.db, {
      investors: [{ name: 'Shared VC', lead: true }, { name: 'Only From' }],
      sources: [{ quote: 'q2' }, { quote: 'q3' }],
    });
    // The same article reporting both deals: the target keeps its own row.
    await t.db
      .insertInto('deal_sources')
      .values({ deal_id: from.dealId, article_id: into.articleIds[0]!, url: 'https://dup.example', quote: 'dup' })
      .execute();
    const item = await insertItem(t.db, { dealId: from.dealId, kind: 'possible_duplicate' });
    const earlier = await insertDeal(t.db);
    await t.db.updateTable('deals').set({ merged_into: from.dealId }).where('id', '=', earlier.dealId).execute();

    await mergeDealInto(t.db, from.dealId, into.dealId, 'dave');
    const sources = await t.db
      .selectFrom('deal_sources')
      .select(['deal_id', 'article_id', 'quote'])
      .where('deal_id', 'in', [from.dealId, into.dealId])
      .orderBy('article_id')
      .execute();
    expect(sources.map((s) => [s.deal_id, s.article_id])).toEqual([into.articleIds[0], ...from.articleIds].map((a) => [into.dealId, a]));
    expect(sources.find((s) => s.article_id === into.articleIds[0])?.quote).toBe('q1');
    const inv = await t.db
      .selectFrom('deal_investors as di')
      .innerJoin('investors as i', 'i.id', 'di.investor_id')
      .select(['i.name', 'di.lead', 'di.deal_id'])
      .where('di.deal_id', 'in', [from.dealId, into.dealId])
      .orderBy('i.name')
      .execute();
    expect(inv).toEqual([
      { name: 'Only From', lead: false, deal_id: into.dealId },
      { name: 'Only Into', lead: false, deal_id: into.dealId },
      { name: 'Shared VC', lead: true, deal_id: into.dealId },
    ]);
    const rows = await t.db
      .selectFrom('deals')
      .select(['id', 'merged_into'])
      .where('id', 'in', [from.dealId, earlier.dealId])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.merged_into)).toEqual([into.dealId, into.dealId]);
    expect((await t.db.selectFrom('review_items').select('status').where('id', '=', item).executeTakeFirstOrThrow()).status).toBe('merged');
    const live = await t.db
      .selectFrom('deals_clean')
      .select(['id', 'source_count', 'lead_investors'])
      .where('id', 'in', [from.dealId, into.dealId])
      .execute();
    expect(live).toEqual([{ id: into.dealId, source_count: 3, lead_investors: 'Shared VC' }]);
    expect((await auditFor('merge', from.dealId))[0]?.detail).toMatchObject({ after: { merged_into: into.dealId }, closed_items: [item] });

    await expect(mergeDealInto(t.db, from.dealId, into.dealId, 'dave')).rejects.toThrow(/was merged into/);
    await expect(mergeDealInto(t.db, into.dealId, into.dealId, 'dave')).rejects.toThrow(/into itself/);
    await expect(mergeDealInto(t.db, into.dealId, 99999999, 'dave')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('splitDeal', () => {
  it('moves the chosen articles to a copy of the deal', async () => {
    const orig = await insertDeal(t.db, {
      round: 'series_b',
      investors: [{ name: 'Split Capital', lead: true }],
      sources: [{ quote: 'a' }, { quote: 'b' }, { quote: 'c' }],
    });
    const moved = orig.articleIds.slice(1);
    const itemOnMoved = await insertItem(t.db, { dealId: orig.dealId, articleId: moved[0] });
    const newId = await splitDeal(t.db, orig.dealId, moved, 'erin');
    expect(newId).not.toBe(orig.dealId);
    const byDeal = async (id: number) =>
      (await t.db.selectFrom('deal_sources').select('article_id').where('deal_id', '=', id).orderBy('article_id').execute()).map(
        (r) => r.article_id,
      );
    expect(await byDeal(orig.dealId)).toEqual([orig.articleIds[0]]);
    expect(await byDeal(newId)).toEqual(moved);
    const copy = await t.db.selectFrom('deals_clean').selectAll().where('id', '=', newId).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({
      round: 'series_b',
      amount_value: 5_000_000,
      investors: [{ name: 'Split Capital', lead: true }],
      source_count: 2,
    });
    expect((await t.db.selectFrom('review_items').select('deal_id').where('id', '=', itemOnMoved).executeTakeFirstOrThrow()).deal_id).toBe(
      newId,
    );
    expect((await auditFor('split', orig.dealId))[0]?.detail).toMatchObject({ after: { new_deal: newId, new_deal_articles: moved } });

    await expect(splitDeal(t.db, orig.dealId, [orig.articleIds[0]!], 'erin')).rejects.toThrow(/keep at least one/);
    await expect(splitDeal(t.db, orig.dealId, [moved[0]!], 'erin')).rejects.toThrow(/not sources of deal/);
    await expect(splitDeal(t.db, orig.dealId, [], 'erin')).rejects.toThrow(/at least one/);
  });
});

describe('queries and operators', () => {
  it('lists open items by kind with counts and a detail with evidence quotes', async () => {
    const { dealId, articleIds } = await insertDeal(t.db, { sources: [{ quote: 'raised $5M', text: 'Acme raised $5M in seed funding.' }] });
    const id = await insertItem(t.db, {
      dealId,
      articleId: articleIds[0],
      kind: 'evidence_failed',
      payload: { evidence: [{ field: 'amount', quote: 'seed funding' }] },
    });
    const counts = await countOpenItems(t.db);
    expect(counts.evidence_failed).toBeGreaterThanOrEqual(1);
    expect(Object.keys(counts).sort()).toEqual([
      'conflict',
      'evidence_failed',
      'extraction_error',
      'implausible',
      'low_confidence',
      'possible_duplicate',
      'suspicious',
    ]);
    const listed = await listOpenItems(t.db, { kind: 'evidence_failed' });
    expect(listed.every((i) => i.kind === 'evidence_failed')).toBe(true);
    expect(listed.map((i) => i.id)).toContain(id);
    const d = await getItemDetail(t.db, id);
    expect(d.article?.text).toBe('Acme raised $5M in seed funding.');
    expect(d.quotes.map((q) => q.quote).sort()).toEqual(['raised $5M', 'seed funding']);
    await expect(getItemDetail(t.db, 424242)).rejects.toThrow(/does not exist/);
  });

  it('stores scrypt hashes and verifies operator passwords', async () => {
    const op = await createOperator(t.db, 'Reviewer1', 'correct horse battery');
    expect(op.username).toBe('reviewer1');
    const stored = await t.db.selectFrom('operators').select('password_hash').where('id', '=', op.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored.password_hash).not.toContain('horse');
    expect(await verifyOperator(t.db, 'reviewer1', 'correct horse battery')).toEqual(op);
    expect(await verifyOperator(t.db, 'reviewer1', 'wrong password!')).toBeNull();
    expect(await verifyOperator(t.db, 'nobody', 'correct horse battery')).toBeNull();
    await expect(createOperator(t.db, 'reviewer1', 'another password')).rejects.toThrow(/already exists/);
    await expect(createOperator(t.db, 'x', 'short')).rejects.toThrow(/Username/);
  });
});
