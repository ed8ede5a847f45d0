import type { Db } from '../db/connect.js';
import type { ReferenceRate } from '../normalise/fx.js';

/** Store reference rates (idempotent: a re-fetched day overwrites itself). */
export async function saveReferenceRates(db: Db, rates: ReferenceRate[], source: string): Promise<number> {
  const CHUNK = 1000;
  for (let i = 0; i < rates.length; i += CHUNK) {
    await db
      .insertInto('fx_rates')
      .values(rates.slice(i, i + CHUNK).map((r) => ({ currency: r.currency, rate_date: r.date, per_eur: r.perEur, source })))
      .onConflict((oc) =>
        oc
          .columns(['currency', 'rate_date'])
          .doUpdateSet((eb) => ({ per_eur: eb.ref('excluded.per_eur'), source: eb.ref('excluded.source') })),
      )
      .execute();
  }
  return rates.length;
}

/** Every stored reference rate, oldest first. */
export async function loadReferenceRates(db: Db): Promise<ReferenceRate[]> {
  const rows = await db.selectFrom('fx_rates').select(['currency', 'rate_date', 'per_eur']).orderBy('rate_date').execute();
  return rows.map((r) => ({ currency: r.currency, date: dateString(r.rate_date), perEur: Number(r.per_eur) }));
}

function dateString(d: Date | string): string {
  return typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
}
