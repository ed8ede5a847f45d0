import type { Db } from '../db/connect.js';
import { keysOf } from '../dedupe/company.js';
import type { Logger } from '../logger.js';
import { companyKey, investorKey, KEYS_VERSION } from '../normalise/company.js';
import {
  aliasKeysAfter,
  companyKeysAfter,
  investorKeysAfter,
  readKeysVersion,
  recordKeysVersion,
  rekeyInvestors,
  updateAliasKeys,
  updateCompanyKeys,
  withRekeyLock,
} from '../store/keys.js';

/**
 * The re-key stage: stored name keys (company_aliases, companies.name_key, investors.name_key)
 * recomputed with the current key functions, so a name stored before a key function changed
 * still matches the same name written today. Runs at startup when the database records another
 * KEYS_VERSION (or none), and on demand (`dealflow migrate --rekey`). Rows are read in id order a
 * page at a time and each page's changes are written in one short transaction, so a large table
 * never holds locks for long and the pipeline keeps running. Investors whose names now share a
 * key merge (their deal links kept); companies whose re-keyed aliases now share a key with
 * another company are raised as possible duplicates, never merged. Idempotent: a second run changes nothing.
 */

/** Rows read (and at most written) per transaction. */
export const REKEY_BATCH = 500;
/** The actor of the history and audit rows the re-key writes. */
const ACTOR = 'rekey';

export interface RekeyReport {
  /** current: nothing to do; rekeyed: every row checked and the version recorded; busy: another process is re-keying. */
  status: 'current' | 'rekeyed' | 'busy';
  keysVersion: number;
  /** The version the database recorded before this run (null: none). */
  previousVersion: number | null;
  aliases: { scanned: number; updated: number };
  companies: { scanned: number; updated: number };
  investors: { scanned: number; updated: number; merged: number; unkeyable: number };
  /** Possible-duplicate review items opened for companies that now share a key. */
  possibleDuplicates: number;
  ms: number;
}

/** Run the callback on each page of rows, in id order; returns the number of rows read. */
async function eachPage<R extends { id: number }>(
  read: (afterId: number, limit: number) => Promise<R[]>,
  size: number,
  visit: (rows: R[]) => Promise<void>,
): Promise<number> {
  let scanned = 0;
  for (let after = 0; ; ) {
    const rows = await read(after, size);
    scanned += rows.length;
    if (rows.length > 0) await visit(rows);
    if (rows.length < size) return scanned;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Re-key unless the database already records this KEYS_VERSION (`force`: re-key anyway, e.g. after
 * an older process wrote rows during a rolling deploy). One process at a time: another finds the
 * lock taken and returns 'busy' at once.
 */
export async function rekeyStoredKeys(db: Db, log: Logger, opts: { force?: boolean; batchSize?: number } = {}): Promise<RekeyReport> {
  const started = Date.now();
  const size = opts.batchSize ?? REKEY_BATCH;
  const report: RekeyReport = {
    status: 'current',
    keysVersion: KEYS_VERSION,
    previousVersion: await readKeysVersion(db),
    aliases: { scanned: 0, updated: 0 },
    companies: { scanned: 0, updated: 0 },
    investors: { scanned: 0, updated: 0, merged: 0, unkeyable: 0 },
    possibleDuplicates: 0,
    ms: 0,
  };
  const done = (status: RekeyReport['status']) => ({ ...report, status, ms: Date.now() - started });
  if (!opts.force && report.previousVersion === KEYS_VERSION) return done('current');

  const run = await withRekeyLock(db, async (conn) => {
    // Another process may have finished while we were deciding.
    report.previousVersion = await readKeysVersion(conn);
    if (!opts.force && report.previousVersion === KEYS_VERSION) return done('current');
    log.info({ keysVersion: KEYS_VERSION, previousVersion: report.previousVersion }, 're-keying stored names');
    await rekeyAliases(conn, size, report);
    await rekeyCompanies(conn, size, report);
    await rekeyAllInvestors(conn, log, size, report);
    await recordKeysVersion(conn, KEYS_VERSION);
    return done('rekeyed');
  });
  if (!run.locked) {
    // Several processes start together (worker, server): one re-keys, the others go on.
    log.info({ keysVersion: KEYS_VERSION }, 'another process is re-keying stored names; not waiting for it');
    return done('busy');
  }
  const r = run.value;
  if (r.status === 'rekeyed') {
    log.info(r, 'stored names re-keyed');
    if (r.possibleDuplicates > 0)
      log.info({ possibleDuplicates: r.possibleDuplicates }, 're-keying found companies that now share a name key: see the review queue');
  }
  return r;
}

async function rekeyAliases(db: Db, size: number, report: RekeyReport): Promise<void> {
  report.aliases.scanned = await eachPage(
    (after, limit) => aliasKeysAfter(db, after, limit),
    size,
    async (rows) => {
      const stale = rows.flatMap((r) => {
        const k = keysOf(r.name);
        if (!k.key || (k.key === r.name_key && k.loose === r.loose_key && k.skeleton === r.skeleton)) return [];
        return [{ id: r.id, name: r.name, name_key: k.key, loose_key: k.loose, skeleton: k.skeleton }];
      });
      const w = await updateAliasKeys(db, stale, KEYS_VERSION);
      report.aliases.updated += w.updated;
      report.possibleDuplicates += w.reviewItems;
    },
  );
}

async function rekeyCompanies(db: Db, size: number, report: RekeyReport): Promise<void> {
  report.companies.scanned = await eachPage(
    (after, limit) => companyKeysAfter(db, after, limit),
    size,
    async (rows) => {
      const stale = rows.flatMap((r) => {
        const key = companyKey(r.name);
        return key && key !== r.name_key ? [{ id: r.id, name: r.name, name_key: key }] : [];
      });
      report.companies.updated += await updateCompanyKeys(db, stale);
    },
  );
}

async function rekeyAllInvestors(db: Db, log: Logger, size: number, report: RekeyReport): Promise<void> {
  report.investors.scanned = await eachPage(
    (after, limit) => investorKeysAfter(db, after, limit),
    size,
    async (rows) => {
      const unkeyable = rows.filter((r) => !investorKey(r.name));
      if (unkeyable.length > 0) {
        report.investors.unkeyable += unkeyable.length;
        log.warn(
          { investors: unkeyable.map((r) => ({ id: r.id, name: r.name })) },
          'investor names without a key under the current function: left as stored',
        );
      }
      const stale = rows.filter((r) => {
        const key = investorKey(r.name);
        return key && key !== r.name_key;
      });
      const w = await rekeyInvestors(
        db,
        stale.map((r) => r.id),
        investorKey,
        { actor: ACTOR, keysVersion: KEYS_VERSION },
      );
      report.investors.updated += w.updated;
      for (const m of w.merges) {
        report.investors.merged += m.from.length;
        log.warn(
          {
            key: m.key,
            into: { id: m.into.id, name: m.into.name },
            merged: m.from.map((f) => ({ id: f.id, name: f.name, name_key: f.name_key })),
            deals: m.deals,
          },
          'investors merged: their names now share one key (deal links moved to the survivor)',
        );
      }
    },
  );
}

/** The startup re-key: its failure is logged, never fatal (matching then misses renamed keys until it succeeds). */
export async function rekeyAtStartup(db: Db, log: Logger): Promise<RekeyReport | null> {
  try {
    return await rekeyStoredKeys(db, log);
  } catch (err) {
    log.error(
      { err: (err as Error).message, keysVersion: KEYS_VERSION },
      're-keying stored names failed; names stored under older keys may not match until it succeeds (next startup, or `dealflow migrate --rekey`)',
    );
    return null;
  }
}
