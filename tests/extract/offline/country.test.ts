/**
 * Where the offline engine places a deal's company: demonyms for every country, descriptions
 * beside the name elsewhere in the article, the country an article's opening is about, and the
 * market a deal is a record of — never an investor's or another company's home.
 */
import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../../src/extract/offline/index.js';
import { findPlaces } from '../../../src/extract/offline/places.js';

const run = (text: string, title: string | null = null) =>
  extractOffline({ url: 'https://example.test/a', title, text, publishedAt: '2026-03-02' }).deals;
const homes = (text: string, title: string | null = null) => run(text, title).map((d) => [d.company, d.country]);

describe('company country', () => {
  it('reads a demonym before the company or its descriptor, for any country', () => {
    for (const [text, name, code] of [
      ['Rwandan logistics startup Kivu Haul raised $4 million in a seed round.', 'Kivu Haul', 'RW'],
      ['Malagasy fintech Vanilo Pay has raised $2 million in a seed round led by Baobab Partners.', 'Vanilo Pay', 'MG'],
      ['The Burkinabe solar company Sahel Volt secured $6 million in a Series A.', 'Sahel Volt', 'BF'],
      ['Bolivian marketplace Altiplano Go raised $3 million in a Series A.', 'Altiplano Go', 'BO'],
    ] as const) {
      expect(homes(text), text).toEqual([[name, code]]);
    }
  });

  it('takes the description given beside the name in another sentence', () => {
    const text =
      'Lyon-based materials maker Ferrolin turns scrap into coatings. Ferrolin has raised $12 million in a Series A to build its first plant.';
    expect(homes(text)).toEqual([['Ferrolin', 'FR']]);
    const appositive = 'Quillbright, a Kenyan edtech startup, teaches coding by text message. The company raised $5 million in a Series A.';
    expect(homes(appositive)).toEqual([['Quillbright', 'KE']]);
  });

  it("does not borrow an investor's home", () => {
    const text = 'Ostrel raised $8 million in a Series A. Singaporean fund Merlion Peak led the round.';
    expect(homes(text)).toEqual([['Ostrel', null]]);
  });

  it('gives listed companies the one country the headline or opening is about', () => {
    const text = [
      'Three Danish startups closed rounds this week.',
      'Fjordlight raised $4 million in a seed round.',
      'Kobberhus secured $9 million in a Series A.',
    ].join('\n\n');
    expect(homes(text)).toEqual([
      ['Fjordlight', 'DK'],
      ['Kobberhus', 'DK'],
    ]);
    const titled = homes('Tessala raised $2 million in a seed round.', 'Funding for Tunisian startups hits a record');
    expect(titled).toEqual([['Tessala', 'TN']]);
    // An opening about two countries names no single home.
    const mixed = 'Danish startups and Norwegian startups raised more this year.\n\nFjordlight raised $4 million in a seed round.';
    expect(homes(mixed)).toEqual([['Fjordlight', null]]);
  });

  it('reads "SA" as South Africa, but not as a legal form after a name', () => {
    expect(homes('Karoo Ledger raised R40 million in a Series A.', 'The fintech scene in SA keeps growing')).toEqual([
      ['Karoo Ledger', 'ZA'],
    ]);
    expect(findPlaces('Helvetra SA raised CHF 5 million.').map((p) => p.code)).toEqual([]);
  });

  it('reads the market a deal is a record of ("in Japan\'s largest IPO")', () => {
    const text = 'Shares of Mizuchi Pay jumped on Friday after the payments firm raised $300 million in Japan’s largest IPO this year.';
    expect(run(text, 'Mizuchi Pay shares jump on debut').map((d) => [d.company, d.country])).toEqual([['Mizuchi Pay', 'JP']]);
  });

  it('knows the startup cities and regions the normaliser knows', () => {
    expect(homes('Kigali-based Imara Freight raised $3 million in a seed round.')).toEqual([['Imara Freight', 'RW']]);
    expect(homes('Tengri Ledger, a lender headquartered in Almaty, raised $7 million in a Series A.')).toEqual([['Tengri Ledger', 'KZ']]);
    expect(homes('Kerala-based Backwater Bikes secured $2 million in a seed round.')).toEqual([['Backwater Bikes', 'IN']]);
  });

  it('places a listing on an exchange that lists almost only its own companies', () => {
    const text =
      'Shares of Varuna Polymers rose 12% on debut. The Rs 900-crore initial public offering was subscribed five times. The stock closed at Rs 410 on the NSE.';
    expect(homes(text, 'Varuna Polymers shares rise on market debut')).toEqual([['Varuna Polymers', 'IN']]);
    // Nasdaq lists companies from everywhere: no home from it.
    const nasdaq = 'Corvane Systems raised $200 million in its initial public offering on the Nasdaq.';
    expect(homes(nasdaq)).toEqual([['Corvane Systems', null]]);
  });

  it('reads a nameless "Oslo startup" only in an article about one company', () => {
    const one = 'A year ago the Oslo startup showed a demo. Today Brennvik raised $9 million in a Series A led by Polar Fund.';
    expect(homes(one, 'Brennvik raises $9 million')).toEqual([['Brennvik', 'NO']]);
    const two =
      'A year ago the Oslo startup showed a demo. Brennvik raised $9 million in a Series A.\n\nSkarholt secured $4 million in a seed round.';
    expect(homes(two)).toEqual([
      ['Brennvik', null],
      ['Skarholt', null],
    ]);
  });

  it("ignores a dateline's city", () => {
    expect(homes('3:15 PM Frankfurt – Talvera Bio received a $40 million Series B led by Orchid Health Fund.')).toEqual([
      ['Talvera Bio', null],
    ]);
  });
});
