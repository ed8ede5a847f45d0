import { describe, expect, it } from 'vitest';
import { regionOf, toCountryCode } from '../../src/normalise/country.js';
import { DEMONYMS } from '../../src/normalise/demonyms.js';
import { REGIONS } from '../../src/deal/schema.js';

const CASES: Array<[string, string | null]> = [
  ['Germany', 'DE'],
  ['German', 'DE'],
  ['DE', 'DE'],
  ['Berlin-based', 'DE'],
  ['Munich', 'DE'],
  ['UK', 'GB'],
  ['U.K.', 'GB'],
  ['Britain', 'GB'],
  ['England', 'GB'],
  ['Scotland', 'GB'],
  ['British', 'GB'],
  ['London-based', 'GB'],
  ['US', 'US'],
  ['U.S.', 'US'],
  ['USA', 'US'],
  ['the United States', 'US'],
  ['America', 'US'],
  ['American', 'US'],
  ['San Francisco-based', 'US'],
  ['New Jersey', 'US'],
  ['Atlanta, Georgia', 'US'],
  ['Georgia', 'GE'],
  ['Bengaluru-based', 'IN'],
  ['Bangalore', 'IN'],
  ['Indian', 'IN'],
  ['France', 'FR'],
  ['a Paris-based startup', 'FR'],
  ['Swiss', 'CH'],
  ['Zürich', 'CH'],
  ['Czech Republic', 'CZ'],
  ['Czechia', 'CZ'],
  ['Türkiye', 'TR'],
  ['Turkey', 'TR'],
  ['Istanbul', 'TR'],
  ['South Korea', 'KR'],
  ['Korean', 'KR'],
  ['Seoul', 'KR'],
  ['Hong Kong', 'HK'],
  ['Côte d’Ivoire', 'CI'],
  ['Ivory Coast', 'CI'],
  ['UAE', 'AE'],
  ['Dubai', 'AE'],
  ['Emirati', 'AE'],
  ['Tel Aviv-based', 'IL'],
  ['Israeli', 'IL'],
  ['Lagos', 'NG'],
  ['Nigerian', 'NG'],
  ['South African', 'ZA'],
  ['Cape Town', 'ZA'],
  ['São Paulo', 'BR'],
  ['Sao Paulo-based', 'BR'],
  ['Mexico City', 'MX'],
  ['Singapore', 'SG'],
  ['Jakarta', 'ID'],
  ['Sydney', 'AU'],
  ['Kiwi', 'NZ'],
  ['Almaty', 'KZ'],
  ['Dutch', 'NL'],
  ['Netherlands', 'NL'],
  ['Latin American', null],
  ['European', null],
  ['Mars', null],
  ['', null],
  ['us', null],
  ['in', null],
];

describe('toCountryCode', () => {
  it.each(CASES)('%s → %s', (text, code) => {
    expect(toCountryCode(text)).toBe(code);
  });

  it('returns null for null', () => {
    expect(toCountryCode(null)).toBeNull();
  });
});

describe('regionOf', () => {
  it.each([
    ['US', 'north_america'],
    ['CA', 'north_america'],
    ['MX', 'latin_america'],
    ['BR', 'latin_america'],
    ['GB', 'europe'],
    ['DE', 'europe'],
    ['UA', 'europe'],
    ['IL', 'middle_east'],
    ['AE', 'middle_east'],
    ['SA', 'middle_east'],
    ['TR', 'middle_east'],
    ['EG', 'africa'],
    ['NG', 'africa'],
    ['IN', 'south_asia'],
    ['PK', 'south_asia'],
    ['CN', 'east_asia'],
    ['JP', 'east_asia'],
    ['SG', 'southeast_asia'],
    ['ID', 'southeast_asia'],
    ['AU', 'oceania'],
    ['NZ', 'oceania'],
    ['KZ', 'central_asia'],
  ])('%s → %s', (code, region) => {
    expect(regionOf(code)).toBe(region);
  });

  it('maps every assigned ISO country to a region (Antarctic territories excepted)', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    // Current ISO 3166-1 codes, listed independently of the module.
    const iso = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
      BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
      FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ
      IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
      ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN
      PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH
      TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/);
    expect(iso).toHaveLength(249);
    const antarctic = new Set(['AQ', 'BV', 'TF', 'HM']);
    for (const code of iso) {
      if (antarctic.has(code)) expect(regionOf(code)).toBeNull();
      else expect(REGIONS, `${code} (${names.of(code)})`).toContain(regionOf(code));
      // Every country is also found by its English name.
      expect(toCountryCode(names.of(code) ?? ''), names.of(code)).toBe(code);
    }
    expect(regionOf('ZZ')).toBeNull();
    expect(regionOf(null)).toBeNull();
  });
});

describe('demonyms', () => {
  it.each([
    ['a Rwandan logistics startup', 'RW'],
    ['Burkinabe', 'BF'],
    ['the Malagasy fintech', 'MG'],
    ['Beninese', 'BJ'],
    ['a Bolivian marketplace', 'BO'],
    ['Emirati', 'AE'],
    ['Welsh', 'GB'],
    ['Congolese', 'CD'],
  ])('%s → %s', (text, code) => {
    expect(toCountryCode(text)).toBe(code);
  });

  it('maps every listed demonym to its country, read from that word alone', () => {
    expect(DEMONYMS.size).toBeGreaterThan(200);
    for (const [word, code] of DEMONYMS) {
      expect(regionOf(code) ?? code, word).toBeTruthy();
      expect(toCountryCode(word), word).toBe(code);
    }
  });
});
