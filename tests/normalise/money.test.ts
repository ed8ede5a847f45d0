import { describe, expect, it } from 'vitest';
import { parseAllMoney, parseMoney } from '../../src/normalise/money.js';

// [text as written, value in whole units, ISO currency]
const CASES: Array<[string, number, string]> = [
  // Scales
  ['$60.2 million', 60_200_000, 'USD'],
  ['$60.2M', 60_200_000, 'USD'],
  ['$60.2m', 60_200_000, 'USD'],
  ['US$60.2mn', 60_200_000, 'USD'],
  ['$5 mln', 5_000_000, 'USD'],
  ['$20MM', 20_000_000, 'USD'],
  ['$3 mil', 3_000_000, 'USD'],
  ['$1.2 billion', 1_200_000_000, 'USD'],
  ['$1.2bn', 1_200_000_000, 'USD'],
  ['$1.2B', 1_200_000_000, 'USD'],
  ['$2b', 2_000_000_000, 'USD'],
  ['$500,000', 500_000, 'USD'],
  ['$500 thousand', 500_000, 'USD'],
  ['$750k', 750_000, 'USD'],
  ['€750K', 750_000, 'EUR'],
  ['$1.1 trillion', 1_100_000_000_000, 'USD'],
  ['¥2 tn', 2_000_000_000_000, 'JPY'],
  ['₹50 crore', 500_000_000, 'INR'],
  // Code or sign before the figure, hyphenated and capitalised scales (Indian, Hong Kong, Australian, Kenyan press)
  ['INR 250 Crore', 2_500_000_000, 'INR'],
  ['Rs 1,250-crore', 12_500_000_000, 'INR'],
  ['HK$795 million', 795_000_000, 'HKD'],
  ['USD 360 million', 360_000_000, 'USD'],
  ['$US25 million', 25_000_000, 'USD'],
  ['$A40m', 40_000_000, 'AUD'],
  ['Sh2.2bn', 2_200_000_000, 'KES'],
  ['Rp 1,5 miliar', 1_500_000_000, 'IDR'],
  ['Rp 300 juta', 300_000_000, 'IDR'],
  ['Rs 120 cr', 1_200_000_000, 'INR'],
  ['Rs. 500 Cr', 5_000_000_000, 'INR'],
  ['INR 75 lakh', 7_500_000, 'INR'],
  ['5 lakh rupees', 500_000, 'INR'],
  ['₹40 lac', 4_000_000, 'INR'],
  ['₹1.5 lakh crore', 1_500_000_000_000, 'INR'],
  ['₹5,000 crore', 50_000_000_000, 'INR'],
  ['€2,5 Mio.', 2_500_000, 'EUR'],
  ['2,5 Mio. €', 2_500_000, 'EUR'],
  ['12 Mio Euro', 12_000_000, 'EUR'],
  ['12 Millionen Euro', 12_000_000, 'EUR'],
  ['1,2 Milliarden Euro', 1_200_000_000, 'EUR'],
  ['3 Mrd. €', 3_000_000_000, 'EUR'],
  ['100 miljoner kronor', 100_000_000, 'SEK'],
  ['50 MSEK', 50_000_000, 'SEK'],
  ['40 Mkr', 40_000_000, 'SEK'],
  ['NOK 200 millioner', 200_000_000, 'NOK'],
  ['a $60.2-million round', 60_200_000, 'USD'],
  // Digit grouping
  ['$1,250,000', 1_250_000, 'USD'],
  ['1.250.000 €', 1_250_000, 'EUR'],
  ['€ 1 250 000', 1_250_000, 'EUR'],
  ["CHF 1'250'000", 1_250_000, 'CHF'],
  ['€1.250.000,50', 1_250_000.5, 'EUR'],
  ['$1,250,000.50', 1_250_000.5, 'USD'],
  ['$1,250 million', 1_250_000_000, 'USD'],
  ['$1.250 billion', 1_250_000_000, 'USD'],
  ['1,250 Mio. €', 1_250_000, 'EUR'],
  ['1.250 Mio. €', 1_250_000_000, 'EUR'],
  // Written numbers
  ['a billion dollars', 1_000_000_000, 'USD'],
  ['two million euros', 2_000_000, 'EUR'],
  ['twenty-five million dollars', 25_000_000, 'USD'],
  ['two hundred and fifty million euros', 250_000_000, 'EUR'],
  ['half a billion dollars', 500_000_000, 'USD'],
  ['ten million pounds', 10_000_000, 'GBP'],
  // Currencies, before or after, with or without a space
  ['USD 5 million', 5_000_000, 'USD'],
  ['5 million USD', 5_000_000, 'USD'],
  ['5 million U.S. dollars', 5_000_000, 'USD'],
  ['$ 5 million', 5_000_000, 'USD'],
  ['S$10 million', 10_000_000, 'SGD'],
  ['A$8m', 8_000_000, 'AUD'],
  ['AU$8m', 8_000_000, 'AUD'],
  ['C$15 million', 15_000_000, 'CAD'],
  ['CA$15 million', 15_000_000, 'CAD'],
  ['NZ$4m', 4_000_000, 'NZD'],
  ['HK$100 million', 100_000_000, 'HKD'],
  ['R$ 20 milhões', 20_000_000, 'BRL'],
  ['MX$300 million', 300_000_000, 'MXN'],
  ['€5m', 5_000_000, 'EUR'],
  ['5 million euros', 5_000_000, 'EUR'],
  ['EUR 7.5m', 7_500_000, 'EUR'],
  ['£3m', 3_000_000, 'GBP'],
  ['4 million pounds sterling', 4_000_000, 'GBP'],
  ['¥10 billion', 10_000_000_000, 'JPY'],
  ['10 billion yen', 10_000_000_000, 'JPY'],
  ['CN¥500 million', 500_000_000, 'CNY'],
  ['¥100 million yuan', 100_000_000, 'CNY'],
  ['RMB 100 million', 100_000_000, 'CNY'],
  ['₩5 billion', 5_000_000_000, 'KRW'],
  ['30 billion won', 30_000_000_000, 'KRW'],
  ['CHF 10 million', 10_000_000, 'CHF'],
  ['10 million Swiss francs', 10_000_000, 'CHF'],
  ['SEK 100m', 100_000_000, 'SEK'],
  ['500 Mio. kr.', 500_000_000, 'SEK'],
  ['NOK 50 million', 50_000_000, 'NOK'],
  ['DKK 75 million', 75_000_000, 'DKK'],
  ['60 million Danish kroner', 60_000_000, 'DKK'],
  ['NIS 20 million', 20_000_000, 'ILS'],
  ['₪20 million', 20_000_000, 'ILS'],
  ['20 million shekels', 20_000_000, 'ILS'],
  ['AED 10 million', 10_000_000, 'AED'],
  ['10 million dirhams', 10_000_000, 'AED'],
  ['SAR 50 million', 50_000_000, 'SAR'],
  ['50 million riyals', 50_000_000, 'SAR'],
  ['ZAR 30 million', 30_000_000, 'ZAR'],
  ['R2.5 billion', 2_500_000_000, 'ZAR'],
  ['30 million rand', 30_000_000, 'ZAR'],
  ['₦500 million', 500_000_000, 'NGN'],
  ['NGN 1.2 billion', 1_200_000_000, 'NGN'],
  ['KES 100 million', 100_000_000, 'KES'],
  ['15 million Kenyan shillings', 15_000_000, 'KES'],
  ['₺10 million', 10_000_000, 'TRY'],
  ['10 mln zł', 10_000_000, 'PLN'],
  ['PLN 40 million', 40_000_000, 'PLN'],
  ['2 billion naira', 2_000_000_000, 'NGN'],
  ['500€', 500, 'EUR'],
  ['10m€', 10_000_000, 'EUR'],
  ['5 million euro', 5_000_000, 'EUR'],
  ['Rs50 crore', 500_000_000, 'INR'],
  ['₹50crore', 500_000_000, 'INR'],
  ['250 millioner kr', 250_000_000, 'SEK'],
  ['one billion yen', 1_000_000_000, 'JPY'],
];

describe('parseMoney', () => {
  it.each(CASES)('%s → %d %s', (text, value, currency) => {
    const parsed = parseMoney(text);
    expect(parsed).not.toBeNull();
    expect(parsed!.currency).toBe(currency);
    expect(parsed!.value).toBeCloseTo(value, 2);
  });

  it('takes the stated figure after qualifiers and ignores the surrounding prose', () => {
    for (const q of ['up to', 'more than', 'nearly', 'about', 'over', 'approximately', '~']) {
      expect(parseMoney(`raised ${q} $40 million from investors`)).toEqual({ value: 40_000_000, currency: 'USD', text: '$40 million' });
    }
  });

  it('returns null when there is no amount with a currency', () => {
    for (const t of ['', 'no money here', '5 million users', '2 lakh customers', 'Series B', 'founded in 2019', 'R100', 'B2B SaaS']) {
      expect(parseMoney(t)).toBeNull();
    }
  });

  it('returns null for ranges, which state no single figure', () => {
    for (const t of ['$5-10 million', 'between $5m and $10m', '$5m–$10m', '5 to 10 million euros']) expect(parseMoney(t)).toBeNull();
  });

  it('reads currency-less amounts and bare $ / kr with the default currency', () => {
    expect(parseMoney('60 million', { defaultCurrency: 'EUR' })).toMatchObject({ value: 60_000_000, currency: 'EUR' });
    expect(parseMoney('30 crore', { defaultCurrency: 'INR' })).toMatchObject({ value: 300_000_000, currency: 'INR' });
    expect(parseMoney('$60 million', { defaultCurrency: 'AUD' })).toMatchObject({ currency: 'AUD' });
    expect(parseMoney('$60 million', { defaultCurrency: 'EUR' })).toMatchObject({ currency: 'USD' });
    expect(parseMoney('50 mio. kr.', { defaultCurrency: 'DKK' })).toMatchObject({ currency: 'DKK' });
  });

  it('does not let a clashing word after a symbol override it', () => {
    expect(parseMoney('$5 million won the jury over')).toEqual({ value: 5_000_000, currency: 'USD', text: '$5 million' });
  });
});

describe('parseAllMoney', () => {
  it('finds every amount with its offsets in the source text', () => {
    const text = 'Acme raised €25 million at a valuation of €200m, after a $3m seed in 2021.';
    const found = parseAllMoney(text);
    expect(found.map((m) => [m.value, m.currency])).toEqual([
      [25_000_000, 'EUR'],
      [200_000_000, 'EUR'],
      [3_000_000, 'USD'],
    ]);
    for (const m of found) expect(text.slice(m.index, m.end)).toBe(m.text);
    expect(found.every((m) => !m.range)).toBe(true);
  });

  it('marks both ends of a range', () => {
    const found = parseAllMoney('It plans to raise between $5m and $10m next year.');
    expect(found.map((m) => [m.value, m.range])).toEqual([
      [5_000_000, true],
      [10_000_000, true],
    ]);
  });

  it('does not join two amounts that are merely listed', () => {
    expect(parseAllMoney('It raised $5m and $10m in two rounds.').map((m) => m.range)).toEqual([false, false]);
  });
});
