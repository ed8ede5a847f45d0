import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/sources/dates.js';

describe('parseDate: zones', () => {
  it.each([
    ['Fri, 07 Jun 2024 09:30:00 MET', '2024-06-07T08:30:00.000Z'],
    ['Fri, 07 Jun 2024 09:30:00 MEST', '2024-06-07T07:30:00.000Z'],
    ['Fri, 07 Jun 2024 09:30:00 CEST', '2024-06-07T07:30:00.000Z'],
    ['Mon, 03 June 2024 16:05:00 PT', '2024-06-04T00:05:00.000Z'],
    ['Mon, 03 June 2024 16:05:00 ET', '2024-06-03T21:05:00.000Z'],
    ['Mon, 03 Jun 2024 16:05:00 Etc/GMT', '2024-06-03T16:05:00.000Z'],
    ['Mon, 03 Jun 2024 16:05:00 GMT+02:30', '2024-06-03T13:35:00.000Z'],
    ['Mon, 03 Jun 2024 16:05:00 +0000 (UTC)', '2024-06-03T16:05:00.000Z'],
    ['Mon Jun 03 2024 16:05:00 GMT+0200 (Central European Summer Time)', '2024-06-03T14:05:00.000Z'], // JavaScript's Date#toString
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each([
    'Mon, 03 Jun 2024 16:05:00 XYZT',
    'Mon, 03 Jun 2024 16:05:00 IST', // India, Ireland or Israel: ambiguous
    'Mon, 03 Jun 2024 16:05:00 +27:00',
    'Mon, 03 Jun 2024 16:05:00 +00:zz',
    'Mon Jun 03 2024 16:05:00 (Central European Summer Time)',
  ])('an unknown or broken zone gives null, not a guess: %s', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('parseDate: RFC 822 variants', () => {
  it.each([
    ['Tue, 04 Jun 24 08:15:00 GMT', '2024-06-04T08:15:00.000Z'], // two-digit year
    ['Tue, 4 Jun 2024 08:15 GMT', '2024-06-04T08:15:00.000Z'], // no seconds
    ['Tue, 04 Jun 2024', '2024-06-04T00:00:00.000Z'], // no time
    ['Tue,04 Jun 2024 08:15:00 -0000', '2024-06-04T08:15:00.000Z'],
    ['Tue, 04 Jun, 2024 08:15:00 UTC', '2024-06-04T08:15:00.000Z'],
    ['Tue Jun 04 2024 08:15:00 +0200', '2024-06-04T06:15:00.000Z'], // month before day
    ['Tue Jun  4 08:15:00 2024', '2024-06-04T08:15:00.000Z'], // asctime
    ['Tue, 2024/06/04 08:15:00 EDT', '2024-06-04T12:15:00.000Z'],
    ['June 4th, 2024 at 8:15 PM', '2024-06-04T20:15:00.000Z'], // "at" here is a word, not the Atlantic zone
    ['2024-06-04 08:15:00 UTC', '2024-06-04T08:15:00.000Z'],
    ['Tuesday, 04-Jun-24 08:15:00 GMT', '2024-06-04T08:15:00.000Z'], // RFC 850
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each([
    'Tue, 04 Foo 2024 08:15:00 GMT',
    'Tue, 41 Jun 2024 08:15:00 GMT',
    'Tue, 04 Jun 2024 1:2:3:4 GMT',
    'Tue, 04 Jun zz 08:15:00 GMT',
  ])('rejects %s', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('parseDate: localized names', () => {
  it.each([
    ['Seg, 24 Set 2018 14:00:00 -0300', '2018-09-24T17:00:00.000Z'], // Portuguese
    ['Ter, 02 Out 2018 09:00:00 GMT', '2018-10-02T09:00:00.000Z'],
    ['mar., 12 mars 2024 10:00:00 +0100', '2024-03-12T09:00:00.000Z'], // French
    ['Di, 14 Mai 2024 10:00:00 MESZ', '2024-05-14T08:00:00.000Z'], // German
    ['Τρι, 09 Ιούλ 2024 12:00:00 EET', '2024-07-09T10:00:00.000Z'], // Greek
    ['Δευ, 11 Νοέ 2024 08:00:00 +0200', '2024-11-11T06:00:00.000Z'],
    ['2024-július-09T9:15-05:00', '2024-07-09T14:15:00.000Z'], // Hungarian
    ['2024년 06월 11일  09:30:00', '2024-06-11T00:30:00.000Z'], // Korean, KST implied
    ['2024-06-11 오후 03:20:00', '2024-06-11T06:20:00.000Z'], // Korean PM
    ['24 de setembro de 2018', '2018-09-24T00:00:00.000Z'],
    ['3. Juni 2024', '2024-06-03T00:00:00.000Z'],
    ['03.06.2024 14:05', '2024-06-03T14:05:00.000Z'], // day.month.year
    ['2 juin 2024 à 14h30', '2024-06-02T14:30:00.000Z'],
    ['2024年6月3日 10:00', '2024-06-03T10:00:00.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });
});

describe('parseDate: ISO 8601 and W3C-DTF', () => {
  it.each([
    ['2024-06-11T09:30:00.25+02:00', '2024-06-11T07:30:00.250Z'],
    ['2024-06', '2024-06-01T00:00:00.000Z'],
    ['2024', '2024-01-01T00:00:00.000Z'],
    ['2024-006-11T09:30:00Z', '2024-06-11T09:30:00.000Z'], // a stray zero in the month
    ['2024-02-28T20:00:00-08:00', '2024-02-29T04:00:00.000Z'],
    ['2024-06-11 09:30:00 -00:30', '2024-06-11T10:00:00.000Z'],
    ['240611', '2024-06-11T00:00:00.000Z'],
    ['24-06-11', '2024-06-11T00:00:00.000Z'],
    ['20240611T093000Z', '2024-06-11T09:30:00.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each(['2024-06-11T25:00:00Z', '2024-06-11T10:61:00Z', '2024-06-11-01', '2024-06-11T10:00:00-06:00Textra', '2024-xx-11'])(
    'rejects %s',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );
});
