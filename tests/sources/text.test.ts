import { describe, expect, it } from 'vitest';
import { cleanText, htmlToText, parseDate } from '../../src/sources/text.js';

describe('parseDate', () => {
  it.each([
    ['Tue, 14 May 2024 09:30:00 GMT', '2024-05-14T09:30:00.000Z'],
    ['Tue, 14 May 2024 09:30:00 +0200', '2024-05-14T07:30:00.000Z'],
    ['Sun, 12 May 2024 10:00:00 EDT', '2024-05-12T14:00:00.000Z'],
    ['Tue, 14 May 2024 09:30:00', '2024-05-14T09:30:00.000Z'],
    ['Tue, 14 May 2024 09:30:00 CEST', '2024-05-14T07:30:00.000Z'],
    ['2024-05-13T08:00:00+02:00', '2024-05-13T06:00:00.000Z'],
    ['2024-05-13T08:00:00', '2024-05-13T08:00:00.000Z'],
    ['2024-05-13 08:00', '2024-05-13T08:00:00.000Z'],
    ['2024-06-30', '2024-06-30T00:00:00.000Z'],
    ['  2024-06-30T00:00:00.123Z ', '2024-06-30T00:00:00.123Z'],
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each([null, undefined, '', 'yesterday', 'May 20', '0000-00-00', '1970-01-01T00:00:00Z', '2024-13-45'])('rejects %s', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('htmlToText / cleanText', () => {
  it('strips markup, scripts and entities and collapses whitespace', () => {
    expect(htmlToText('<p>Hi&nbsp;<b>there</b></p>\n<script>x()</script>  &amp; more')).toBe('Hi there & more');
    expect(htmlToText('   ')).toBeNull();
  });

  it('caps length at a word boundary', () => {
    const out = cleanText('word '.repeat(100), 42)!;
    expect(out.endsWith('word…')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(43);
  });
});
