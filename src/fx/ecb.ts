import * as cheerio from 'cheerio';
import type { ReferenceRate } from '../normalise/fx.js';

export class EcbFormatError extends Error {}

/**
 * Parse the ECB's euro foreign exchange reference rates (eurofxref-daily.xml, -hist-90d.xml,
 * -hist.xml): `<Cube time="YYYY-MM-DD"><Cube currency="USD" rate="1.0512"/>…</Cube>`.
 * A document without a single dated rate is an error, so a changed format never passes silently.
 */
export function parseEcbRates(xml: string): ReferenceRate[] {
  const $ = cheerio.load(xml, { xml: true });
  const out: ReferenceRate[] = [];
  $('Cube[time]').each((_, day) => {
    const date = $(day).attr('time')?.trim() ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return;
    $(day)
      .children('Cube[currency]')
      .each((_, cube) => {
        const currency = ($(cube).attr('currency') ?? '').trim().toUpperCase();
        const perEur = Number($(cube).attr('rate'));
        if (/^[A-Z]{3}$/.test(currency) && Number.isFinite(perEur) && perEur > 0) out.push({ date, currency, perEur });
      });
  });
  if (out.length === 0) throw new EcbFormatError('no reference rates found (expected ECB eurofxref XML)');
  return out;
}
