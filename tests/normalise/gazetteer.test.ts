/**
 * One country table for the normaliser and the offline engine: names the package gives, names
 * the project's tables add, and the one place where the two readers differ on purpose.
 */
import { describe, expect, it } from 'vitest';
import { findPlaces } from '../../src/extract/offline/places.js';
import { toCountryCode } from '../../src/normalise/country.js';
import { COUNTRY_CODES, placeNames } from '../../src/normalise/gazetteer.js';

const placed = (text: string) => findPlaces(text).map((p) => [p.name, p.code]);

describe('gazetteer', () => {
  it('gives both readers the same country for a name', () => {
    for (const [name, code] of [
      ['Czechia', 'CZ'],
      ['Ivory Coast', 'CI'],
      ['Laos', 'LA'],
      ['Holland', 'NL'],
      ['Calif.', 'US'],
      ['Wrocław', 'PL'],
      ['Queensland', 'AU'],
      ['Kenyan', 'KE'],
    ] as const) {
      expect(toCountryCode(name), name).toBe(code);
      expect(placed(`Acme moved to ${name} last year.`), name).toEqual([[name, code]]);
    }
  });

  it('reads "St." for "Saint" and a longer name before a shorter one', () => {
    expect(toCountryCode('St. Lucia')).toBe('LC');
    expect(placed('A St. Lucia resort')).toEqual([['St. Lucia', 'LC']]);
    expect(placed('Founded in Cambridge, Mass. in 2019')).toEqual([['Cambridge, Mass.', 'US']]);
    expect(toCountryCode('New Mexico')).toBe('US');
  });

  it('reads "Georgia" as the country in a country field and as the US state in prose', () => {
    expect(toCountryCode('Georgia')).toBe('GE');
    expect(placed('a Georgia-based insurer')).toEqual([['Georgia', 'US']]);
  });

  it('keeps a valid code for its own country in the normaliser ("SA" is Saudi Arabia there)', () => {
    expect(toCountryCode('SA')).toBe('SA');
    expect(toCountryCode('Acme SA')).toBeNull();
  });

  it('names only known codes, and areas with no code', () => {
    const names = placeNames();
    expect(COUNTRY_CODES.size).toBeGreaterThanOrEqual(249);
    for (const p of names) if (p.code !== null) expect(COUNTRY_CODES.has(p.code), `${p.name} → ${p.code}`).toBe(true);
    expect(names.filter((p) => p.code === null).every((p) => p.kind === 'area')).toBe(true);
    expect(toCountryCode('Latin American')).toBeNull();
  });
});
