import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { type InvestorMerge, planInvestorKeys, type StoredInvestor } from '../dedupe/investor-keys.js';
import { companyLocksSql } from './company-locks.js';
import { inTransaction, retryTransaction, TRANSIENT_CODES, type Tx } from './transaction.js';

// Stored name keys and the version of the key functions they were computed with (data_versions):
// pages of rows to check, and the writes of the re-key (src/pipeline/rekey.ts), one bounded
// transaction per page. Re-keyed aliases take the company advisory locks of their skeletons, so a
// concurrent saveDeals of the same name waits and then sees the new keys.

/** data_versions.name of the name keys' version (KEYS_VERSION). */
const KEYS = 'keys';
/** Session advisory lock (namespace, key): one re-key at a time across processes. */
const REKEY_LOCK = [57_011, 1] as const;
/** Besides deadlocks: a unique or foreign key raced by a concurrent writer. The page is redone. */
const RETRY_CODES = [...TRANSIENT_CODES, '23505', '23503'];
const retrying = <T>(fn: () => Promise<T>): Promise<T> => retryTransaction(fn, RETRY_CODES);

export async function readKeysVersion(db: Db): Promise<number | null> {
  const row = await db.selectFrom('data_versions').select('version').where('name', '=', KEYS).executeTakeFirst();
  return row?.version ?? null;
}

export async function recordKeysVersion(db: Db, version: number): Promise<void> {
  await db
    .insertInto('data_versions')
    .values({ name: KEYS, version })
    .onConflict((oc) => oc.column('name').doUpdateSet({ version, updated_at: sql<Date>`now()` }))
    .execute();
}

/**
 * Run `fn` holding the re-key lock, on the one connection that holds it (so a pool of any size
 * works); `{ locked: false }` at once when another process holds it. A session lock, released
 * at the end or when the connection dies with its process.
 */
export async function withRekeyLock<T>(db: Db, fn: (conn: Db) => Promise<T>): Promise<{ locked: true; value: T } | { locked: false }> {
  const [ns, key] = REKEY_LOCK;
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${ns}::int, ${key}::int) AS locked`.execute(conn);
    if (!rows[0]?.locked) return { locked: false as const };
    try {
      return { locked: true as const, value: await fn(conn) };
    } finally {
      await sql`SELECT pg_advisory_unlock(${ns}::int, ${key}::int)`.execute(conn);
    }
  });
}

export interface AliasKeys {
  id: number;
  name: string;
  name_key: string;
  loose_key: string;
  skeleton: string;
}

/** The next `limit` aliases after id `afterId` (keyset pagination). */
export async function aliasKeysAfter(db: Db, afterId: number, limit: number): Promise<AliasKeys[]> {
  return db
    .selectFrom('company_aliases')
    .select(['id', 'name', 'name_key', 'loose_key', 'skeleton'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface KeyWrite {
  /** Rows whose stored keys changed (a concurrent run may have changed some already). */
  updated: number;
  /** Possible-duplicate items opened for companies that now share a key. */
  reviewItems: number;
}

/** Store the aliases' new keys (rows carry the keys to store); companies that now share a key are raised for review. */
export async function updateAliasKeys(db: Db, rows: readonly AliasKeys[], keysVersion: number): Promise<KeyWrite> {
  if (rows.length === 0) return { updated: 0, reviewItems: 0 };
  return retrying(() =>
    inTransaction(db, async (tx) => {
      await sql.raw(companyLocksSql(rows.map((r) => r.skeleton))).execute(tx);
      // The name guard and IS DISTINCT FROM make the write a no-op for rows another run already re-keyed.
      const { rows: changed } = await sql<ChangedKey>`
        UPDATE company_aliases a SET name_key = x.name_key, loose_key = x.loose_key, skeleton = x.skeleton
        FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.name_key)}::text[],
          ${rows.map((r) => r.loose_key)}::text[], ${rows.map((r) => r.skeleton)}::text[]) AS x(id, name, name_key, loose_key, skeleton)
        WHERE a.id = x.id AND a.name = x.name AND (a.name_key, a.loose_key, a.skeleton) IS DISTINCT FROM (x.name_key, x.loose_key, x.skeleton)
        RETURNING a.id, a.company_id, a.name_key, a.skeleton`.execute(tx);
      return { updated: changed.length, reviewItems: await raiseSharedKeys(tx, changed, keysVersion) };
    }),
  );
}

export interface CompanyKeys {
  id: number;
  name: string;
  name_key: string;
}

/** The next `limit` companies after id `afterId` (keyset pagination). */
export async function companyKeysAfter(db: Db, afterId: number, limit: number): Promise<CompanyKeys[]> {
  return db.selectFrom('companies').select(['id', 'name', 'name_key']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/**
 * Store companies' new name_key. It is the key of the display name, not unique and not matched on
 * (company resolution matches aliases), so no collision is possible and nothing new is revealed.
 */
export async function updateCompanyKeys(db: Db, rows: readonly CompanyKeys[]): Promise<number> {
  if (rows.length === 0) return 0;
  return retrying(async () => {
    const { rows: changed } = await sql<{ id: number }>`
      UPDATE companies c SET name_key = x.name_key
      FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.name_key)}::text[]) AS x(id, name, name_key)
      WHERE c.id = x.id AND c.name = x.name AND c.name_key IS DISTINCT FROM x.name_key
      RETURNING c.id`.execute(db);
    return changed.length;
  });
}

interface ChangedKey {
  /** The re-keyed alias. */
  id: number;
  company_id: number;
  name_key: string;
  skeleton: string;
}

/**
 * Possible-duplicate items for live companies that a re-keyed alias now gives the exact key of
 * another live company's alias, countries not disagreeing (company resolution would now match
 * either). A company that already had that key under an alias this page did not change shared
 * it before (or an earlier page raised it): not new. One item per group, not raised again when
 * an item (open or answered) already names the same companies. Nothing is merged: the operator
 * decides from the item (deal_id null; payload.companyIds).
 */
async function raiseSharedKeys(tx: Tx, changed: readonly ChangedKey[], keysVersion: number): Promise<number> {
  if (changed.length === 0) return 0;
  // The alias skeleton index finds the other names; equal name keys imply equal skeletons.
  const { rows: pairs } = await sql<{ id: number; name: string; name_key: string; other_id: number; other_name: string }>`
    WITH ch AS (
      SELECT DISTINCT company_id, name_key, skeleton FROM unnest(${changed.map((c) => c.company_id)}::bigint[],
        ${changed.map((c) => c.name_key)}::text[], ${changed.map((c) => c.skeleton)}::text[]) AS ch(company_id, name_key, skeleton)
    )
    SELECT DISTINCT c.id, c.name, ch.name_key, o.id AS other_id, o.name AS other_name
    FROM ch
    JOIN companies c ON c.id = ch.company_id AND c.merged_into IS NULL
    JOIN company_aliases a ON a.skeleton = ch.skeleton AND a.name_key = ch.name_key AND a.company_id <> c.id
    JOIN companies o ON o.id = a.company_id AND o.merged_into IS NULL
    WHERE (c.country IS NULL OR o.country IS NULL OR c.country = o.country)
      AND NOT EXISTS (
        SELECT 1 FROM company_aliases s
        WHERE s.company_id = c.id AND s.skeleton = ch.skeleton AND s.name_key = ch.name_key AND s.id <> ALL(${changed.map((c) => c.id)}::bigint[]))
    ORDER BY c.id, o.id`.execute(tx);
  if (pairs.length === 0) return 0;
  const byCompany = new Map<number, typeof pairs>();
  for (const p of pairs) byCompany.set(p.id, [...(byCompany.get(p.id) ?? []), p]);
  const candidates = [...byCompany].map(([id, list]) => {
    const others = [...new Map(list.map((p) => [p.other_id, p.other_name]))];
    return {
      ids: [id, ...others.map(([o]) => o)],
      names: [list[0]!.name, ...others.map(([, n]) => n)],
      keys: [...new Set(list.map((p) => p.name_key))],
    };
  });
  // Re-keyed companies find each other: a group inside a larger one adds no question.
  const groups: typeof candidates = [];
  for (const g of candidates.sort((a, b) => b.ids.length - a.ids.length)) {
    if (!groups.some((big) => g.ids.every((id) => big.ids.includes(id)))) groups.push(g);
  }
  const items = groups.map((g) => ({
    reason: `Companies ${g.ids.map((id, i) => `#${id} "${g.names[i]}"`).join(', ')} now share the name key ${g.keys.map((k) => `"${k}"`).join(', ')} (keys recomputed for KEYS_VERSION ${keysVersion}): the same company?`,
    payload: JSON.stringify({ companyIds: g.ids, company: g.names[0], rekey: { keys: g.keys, keysVersion } }),
  }));
  const { rows } = await sql<{ id: number }>`
    INSERT INTO review_items (kind, reason, payload)
    SELECT 'possible_duplicate', x.reason, x.payload
    FROM unnest(${items.map((i) => i.reason)}::text[], ${items.map((i) => i.payload)}::jsonb[]) AS x(reason, payload)
    WHERE NOT EXISTS (
      SELECT 1 FROM review_items r WHERE r.kind = 'possible_duplicate' AND (r.payload -> 'companyIds') @> (x.payload -> 'companyIds'))
    RETURNING id`.execute(tx);
  return rows.length;
}

/** The next `limit` investors after id `afterId` (keyset pagination). */
export async function investorKeysAfter(db: Db, afterId: number, limit: number): Promise<StoredInvestor[]> {
  return db.selectFrom('investors').select(['id', 'name', 'name_key']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export interface InvestorKeyWrite {
  updated: number;
  /** Investors merged because their names now share a key; `deals` is how many deals' links moved. */
  merges: Array<InvestorMerge & { deals: number }>;
}

/**
 * Re-key the investors `ids` with `keyOf` in one transaction. investors.name_key is unique, so the
 * rows holding the keys they move to are locked and planned with them (dedupe/investor-keys): rows
 * now sharing a key merge (deal links move to the survivor, a lead on either side stays a lead,
 * each moved deal gets a history row and each merge an audit row) and the merged rows are deleted.
 */
export async function rekeyInvestors(
  db: Db,
  ids: readonly number[],
  keyOf: (name: string) => string,
  opts: { actor: string; keysVersion: number },
): Promise<InvestorKeyWrite> {
  if (ids.length === 0) return { updated: 0, merges: [] };
  return retrying(() =>
    inTransaction(db, async (tx) => {
      const rows = new Map<number, StoredInvestor>();
      let fresh = await lockInvestors(tx, sql`id = ANY(${[...ids]}::bigint[])`);
      // Until closed: a holder whose own key is stale moves too, and the holder of its key is needed.
      while (fresh.length > 0) {
        for (const r of fresh) rows.set(r.id, r);
        const targets = [...new Set(fresh.map((r) => keyOf(r.name)).filter((k, i) => k && k !== fresh[i]!.name_key))];
        if (targets.length === 0) break;
        fresh = await lockInvestors(tx, sql`name_key = ANY(${targets}::text[]) AND id <> ALL(${[...rows.keys()]}::bigint[])`);
      }
      const plan = planInvestorKeys([...rows.values()], keyOf);
      const merges = await applyMerges(tx, plan.merges, opts);
      if (plan.updates.length > 0) {
        const upIds = plan.updates.map((u) => u.id);
        // Keys may move in a chain or a cycle; the unique index is checked per row, so every moving
        // row first takes a placeholder no key can equal (keys hold only letters, digits and spaces).
        if (plan.updates.length > 1)
          await sql`UPDATE investors SET name_key = chr(1) || id::text WHERE id = ANY(${upIds}::bigint[])`.execute(tx);
        await sql`
          UPDATE investors i SET name_key = x.key
          FROM unnest(${upIds}::bigint[], ${plan.updates.map((u) => u.key)}::text[]) AS x(id, key)
          WHERE i.id = x.id`.execute(tx);
      }
      return { updated: plan.updates.length, merges };
    }),
  );
}

async function lockInvestors(tx: Tx, where: RawBuilder<unknown>): Promise<StoredInvestor[]> {
  const { rows } = await sql<StoredInvestor>`SELECT id, name, name_key FROM investors WHERE ${where} ORDER BY id FOR UPDATE`.execute(tx);
  return rows;
}

async function applyMerges(
  tx: Tx,
  merges: readonly InvestorMerge[],
  opts: { actor: string; keysVersion: number },
): Promise<Array<InvestorMerge & { deals: number }>> {
  if (merges.length === 0) return [];
  const from = merges.flatMap((m) => m.from.map((f) => f.id));
  const into = merges.flatMap((m) => m.from.map(() => m.into.id));
  const reason = `investor names share one key under KEYS_VERSION ${opts.keysVersion}`;
  const { rows } = await sql<{ into_id: number; deals: number }>`
    WITH m AS (SELECT * FROM unnest(${from}::bigint[], ${into}::bigint[]) AS m(from_id, into_id)),
    moved AS (SELECT di.deal_id, di.lead, m.from_id, m.into_id FROM deal_investors di JOIN m ON di.investor_id = m.from_id),
    ins AS (
      INSERT INTO deal_investors (deal_id, investor_id, lead)
      SELECT deal_id, into_id, bool_or(lead) FROM moved GROUP BY deal_id, into_id
      ON CONFLICT (deal_id, investor_id) DO UPDATE SET lead = deal_investors.lead OR excluded.lead
    ),
    del AS (DELETE FROM deal_investors di USING m WHERE di.investor_id = m.from_id),
    hist AS (
      INSERT INTO deal_history (deal_id, actor, change)
      SELECT deal_id, ${opts.actor}, jsonb_build_object('action', 'investors_merged', 'reason', ${reason}::text,
        'merged', jsonb_agg(jsonb_build_object('from', from_id, 'into', into_id) ORDER BY from_id))
      FROM moved GROUP BY deal_id
    )
    SELECT into_id, count(DISTINCT deal_id)::int AS deals FROM moved GROUP BY into_id`.execute(tx);
  await sql`DELETE FROM investors WHERE id = ANY(${from}::bigint[])`.execute(tx);
  const deals = new Map(rows.map((r) => [r.into_id, r.deals]));
  await tx
    .insertInto('audit_log')
    .values(
      merges.map((m) => ({
        actor: opts.actor,
        action: 'merge_investors',
        target_type: 'investor',
        target_id: m.into.id,
        detail: JSON.stringify({
          reason,
          key: m.key,
          before: { into: m.into, from: m.from },
          after: { into: m.into.id, name_key: m.key, deals: deals.get(m.into.id) ?? 0 },
        }),
      })),
    )
    .execute();
  return merges.map((m) => ({ ...m, deals: deals.get(m.into.id) ?? 0 }));
}
