/**
 * Past rounds an article states besides its news: in a clause or sentence of their own, about the
 * article's company or another one, with or without a date of their own. Every such round is a
 * deal, marked background and dated only by what the text says (never by the article). All
 * companies, investors and sentences are made up, in the many ways publishers word them.
 */
import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../../src/extract/offline/index.js';

/** Articles of Thursday 5 March 2026 unless a test says otherwise. */
const ON = '2026-03-05';

interface Seen {
  company: string;
  round: string;
  amount: string | null;
  background: boolean;
  on: string | null;
}

const deals = (text: string, publishedAt = ON, title: string | null = null): Seen[] =>
  extractOffline({ url: 'https://example.test/a', title, text, publishedAt }).deals.map((d) => ({
    company: d.company,
    round: d.round,
    amount: d.amountText,
    background: d.background === true,
    on: d.announcedOn,
  }));

/** The one deal with this amount as written. */
const withAmount = (out: Seen[], amount: string): Seen | undefined => out.find((d) => d.amount === amount);

describe('a past round with its own date', () => {
  it.each([
    ['Brindle Analytics previously raised a $12 million Series B led by Oakhurst Partners in 2024.', '$12 million', 'series_b', null],
    ['Kestrel Grid closed a €20m Series A in March 2024, led by Fjord Capital.', '€20m', 'series_a', '2024-03-01'],
    ['The company raised $7.5 million in seed funding in October 2023 from Halden Ventures.', '$7.5 million', 'seed', '2023-10-01'],
    ['Back in September 2022, Larchmont Bio secured a $9 million seed round.', '$9 million', 'seed', '2022-09-01'],
    ['Pemberly announced a $40 million Series C on 12 February 2025.', '$40 million', 'series_c', '2025-02-12'],
    ['In June 2024, Sorrel Freight landed £6m in Series A funding from Mersey Growth.', '£6m', 'series_a', '2024-06-01'],
    ['In 2022, Otterly Foods raised $5.5 million from Cobble Hill Ventures.', '$5.5 million', 'series_unknown', null],
    ['It previously secured $4.2 million in a pre-seed round in April 2025.', '$4.2 million', 'pre_seed', '2025-04-01'],
    ['Maplewood Data raised a $9m Series A in Q3 2024.', '$9m', 'series_a', null],
    ['Founded in 2019, Ashby Robotics closed a $6 million seed round in early 2023.', '$6 million', 'seed', null],
    ['Ravelin Bio’s $18 million seed round in 2023 was led by Northfield Partners.', '$18 million', 'seed', null],
    [
      'The startup last raised in November 2024, when it closed a $14 million Series A co-led by Brightwater.',
      '$14 million',
      'series_a',
      '2024-11-01',
    ],
  ])('%s', (text, amount, round, on) => {
    const d = withAmount(deals(`Quintal Systems has opened an office in Leeds. ${text}`), amount);
    expect(d, text).toMatchObject({ round, background: true, on });
  });

  it('reads a round that is the subject of "closed on <date>" after a lead-in', () => {
    const out = deals(
      'Ostrel Metrics has raised $60 million in a Series C round. For context — its $25 million Series B closed on March 19, 2024, when it had a third of today’s customers.',
    );
    expect(out).toContainEqual({ company: 'Ostrel Metrics', round: 'series_b', amount: '$25 million', background: true, on: '2024-03-19' });
    expect(withAmount(out, '$60 million')).toMatchObject({ round: 'series_c', background: false, on: ON });
  });

  it('reads "the company’s $X Series B, announced last October" with the month of the year before', () => {
    const out = deals(
      'Halvard Robotics raised $55 million in a Series C. Halvard’s $30 million Series B, announced last October, was led by Quarry Lane.',
    );
    expect(withAmount(out, '$30 million')).toMatchObject({
      company: 'Halvard Robotics',
      round: 'series_b',
      background: true,
      on: '2025-10-01',
    });
  });
});

describe('a past round dated only relative to the article', () => {
  it.each([
    // A month without a year is the latest such month before the article.
    ['The company closed its $15 million Series A in May.', '$15 million', 'series_a', '2025-05-01'],
    ['The startup raised a $4 million seed round in January.', '$4 million', 'seed', '2026-01-01'],
    ['It raised the first $30 million of the round in June, led by Carrow Fields.', '$30 million', 'series_unknown', '2025-06-01'],
    [
      'The company raised $12 million in a Series A round led by Larkspur Capital last month and has since signed two hospitals.',
      '$12 million',
      'series_a',
      null,
    ],
    ['The round follows a $3m seed last spring.', '$3m', 'seed', null],
    ['The new money comes eight months after a $10 million Series A led by Ridgeback Ventures.', '$10 million', 'series_a', null],
    ['It comes on the heels of a $2.5 million pre-seed round in 2024.', '$2.5 million', 'pre_seed', null],
    ['This builds on the $8 million seed round the company announced last year.', '$8 million', 'seed', null],
    ['The raise comes just six months after Tarrow Health’s $7 million seed round.', '$7 million', 'seed', null],
    ['That round came less than a year after a $2 million pre-seed.', '$2 million', 'pre_seed', null],
    ['Earlier this year, Tarrow Health picked up $3 million in seed funding.', '$3 million', 'seed', null],
    ['The company raised $8m in a seed round led by Porthleven Capital 18 months ago.', '$8m', 'seed', null],
    ['Tarrow Health’s last raise, a $6 million seed extension, closed in December.', '$6 million', 'seed', '2025-12-01'],
    ['The hires follow the company’s $5 million seed round in January.', '$5 million', 'seed', '2026-01-01'],
    ['Since raising $9 million in a seed round last year, Tarrow Health has doubled its staff.', '$9 million', 'seed', null],
  ])('%s', (text, amount, round, on) => {
    const out = deals(`Tarrow Health, a Leeds-based clinic software maker, has raised $20 million in a Series B round. ${text}`);
    expect(withAmount(out, amount), text).toMatchObject({ company: 'Tarrow Health', round, background: true, on });
    expect(withAmount(out, '$20 million')).toMatchObject({ round: 'series_b', background: false, on: ON });
  });

  it('keeps this month’s own round as the news', () => {
    const out = deals('Fennick closed a $10 million Series A in March, the company said on Thursday.');
    expect(out).toEqual([{ company: 'Fennick', round: 'series_a', amount: '$10 million', background: false, on: ON }]);
  });
});

describe('extensions', () => {
  it('reads the extension as news and the round it extends as history', () => {
    const out = deals('Lorvik Solar has extended its $40 million Series B with a further $15 million from Tidewater Capital.');
    expect(withAmount(out, '$15 million')).toMatchObject({ company: 'Lorvik Solar', round: 'series_b', background: false, on: ON });
    expect(withAmount(out, '$40 million')).toMatchObject({ company: 'Lorvik Solar', round: 'series_b', background: true, on: null });
  });

  it('dates the extended round by "it announced in March"', () => {
    const out = deals('Quenby Labs extends the $40m Series B it announced in March with $10m from Arden Partners.', '2026-06-10');
    expect(withAmount(out, '$10m')).toMatchObject({ company: 'Quenby Labs', round: 'series_b', background: false });
    expect(withAmount(out, '$40m')).toMatchObject({ company: 'Quenby Labs', round: 'series_b', background: true, on: '2026-03-01' });
  });

  it.each([
    ['Morrow Health has added $8 million to its Series A, bringing the round to $28 million.', '$8 million', 'series_a'],
    ['Farrow Foods topped up its seed round with another £2m from Calder Angels.', '£2m', 'seed'],
    ['Aldwych Bio has tacked on $5 million to its Series B, an extension led by Ravel Partners.', '$5 million', 'series_b'],
    ['Coda Robotics extended its Series A round by $6 million.', '$6 million', 'series_a'],
    [
      'Pinecrest Energy has expanded its Series A to $25 million with a new $7 million tranche from Kelvin Partners.',
      '$7 million',
      'series_a',
    ],
    ['Arkwright Tools has closed a $12 million extension to its Series A, led by Humber Ventures.', '$12 million', 'series_a'],
  ])('reads "%s" as the extension', (text, amount, round) => {
    const out = deals(text);
    expect(
      out.filter((d) => !d.background),
      text,
    ).toHaveLength(1);
    expect(withAmount(out, amount), text).toMatchObject({ round, background: false });
  });

  it('reads the first close of an extended round as history with its month', () => {
    const out = deals(
      'Helsinki-based Kuura Heat has bagged a further €15m as an extension of its Series B round, taking the total to €60m. The extension was led by Ilves Climate. The first close of €45m, led by Pohja Capital, was announced last August.',
      '2026-02-18',
    );
    expect(withAmount(out, '€15m')).toMatchObject({ company: 'Kuura Heat', round: 'series_b', background: false });
    expect(withAmount(out, '€45m')).toMatchObject({ company: 'Kuura Heat', background: true, on: '2025-08-01' });
    expect(withAmount(out, '€60m')).toBeUndefined();
  });

  it('does not lend the earlier close’s lead to the extension', () => {
    const [news] = extractOffline({
      url: 'https://example.test/a',
      title: null,
      text: 'Kuura Heat has bagged a further €15m as an extension of its Series B round. The extension was led by Ilves Climate. The first close of €45m, led by Pohja Capital, was announced last August.',
      publishedAt: '2026-02-18',
    }).deals;
    expect(news?.investors.map((i) => i.name)).toEqual(['Ilves Climate']);
  });
});

describe('an article about something else', () => {
  it.each([
    [
      'Pellbrook, the Austin payroll startup, plans to hire 60 engineers this year. The company raised $22 million in a Series B round led by Mesa Verde Capital last month and has since opened an office in Dallas.',
      'Pellbrook',
      '$22 million',
    ],
    [
      'Vireo Labs launched its second app on Tuesday. The launch comes six months after the company closed a $5 million seed round led by Ashgrove Capital.',
      'Vireo Labs',
      '$5 million',
    ],
    [
      'Corrib Mobility will open a depot in Galway next month. The company raised a €16 million Series A led by Shannon Partners in January and said the depot would employ 40 people.',
      'Corrib Mobility',
      '€16 million',
    ],
    ['Dunmore Analytics, which raised $9 million last year, is now hiring in Leeds.', 'Dunmore Analytics', '$9 million'],
    [
      'Halloway Foods has opened a second bakery in Bristol. The company, which landed £3m from Severn Growth in 2024, now employs 90 people.',
      'Halloway Foods',
      '£3m',
    ],
  ])('%s', (text, company, amount) => {
    const out = deals(text);
    expect(out, text).toHaveLength(1);
    expect(out[0]).toMatchObject({ company, amount, background: true });
    expect(out[0]!.on).not.toBe(ON);
  });
});

describe('another company’s round in passing', () => {
  it('reads "after a $X round for <company> on Monday" with the weekday’s date', () => {
    const out = deals(
      'Warsaw studio Brzoza Games has raised $18 million in a Series A round led by Cobalt Arch. It is the second investment Cobalt Arch has led this week, after a $20 million round for Kenyan freight broker Tembo Haul on Monday.',
    );
    expect(withAmount(out, '$18 million')).toMatchObject({ company: 'Brzoza Games', background: false, on: ON });
    expect(withAmount(out, '$20 million')).toMatchObject({ company: 'Tembo Haul', background: true, on: '2026-03-02' });
  });

  it('reads a round closed without a figure, "which closed its Series A in May", as history', () => {
    const out = deals(
      'Brightmoor opened a factory in Ohio on Wednesday. Brightmoor, which closed its Series A in May, employs 300 people.',
    );
    expect(out).toEqual([{ company: 'Brightmoor', round: 'series_a', amount: null, background: true, on: '2025-05-01' }]);
  });

  it.each([
    ['Rival Quorra, which raised $9 million last year, is also expanding into Spain.', 'Quorra', '$9 million'],
    ['Its closest competitor, Heronsgate, raised $22 million in October.', 'Heronsgate', '$22 million'],
    ['That follows Mossgiel’s $11 million seed round in December, also led by Harrow Peak.', 'Mossgiel', '$11 million'],
    ['Harbor Lane also backed Ostrel, which closed a $30 million Series B in November.', 'Ostrel', '$30 million'],
    ['The deal comes weeks after competitor Finlo raised $50 million.', 'Finlo', '$50 million'],
    ['Last month, fellow Lagos startup Kobo Route picked up $4 million in seed funding.', 'Kobo Route', '$4 million'],
  ])('%s', (text, company, amount) => {
    const out = deals(`Lantern Pay has raised $12 million in a Series A round. ${text}`);
    expect(withAmount(out, '$12 million'), text).toMatchObject({ company: 'Lantern Pay', background: false });
    expect(withAmount(out, amount), text).toMatchObject({ company, background: true });
    expect(withAmount(out, amount)!.on).not.toBe(ON);
  });
});

describe('a later round’s story that states the earlier one', () => {
  it.each([
    ['The financing follows a $25 million Series B round in 2024.', 'series_b'],
    ['The Series C comes two years after Kovalent’s $25 million Series B.', 'series_b'],
    ['The company’s previous round, a $25 million Series B in 2024, was led by Vltava Growth.', 'series_b'],
    ['Kovalent last raised in 2023, when it closed a $25 million Series B.', 'series_b'],
    ['To date, Kovalent has raised $80 million, including a $25 million Series B in 2023.', 'series_b'],
    ['Kovalent had raised $25 million in a Series B before this round.', 'series_b'],
  ])('%s', (text, round) => {
    const out = deals(`Kovalent has raised $60 million in a Series C round led by Morava Growth. ${text}`);
    expect(withAmount(out, '$60 million'), text).toMatchObject({ company: 'Kovalent', round: 'series_c', background: false, on: ON });
    expect(withAmount(out, '$25 million'), text).toMatchObject({ company: 'Kovalent', round, background: true, on: null });
    expect(withAmount(out, '$80 million'), text).toBeUndefined();
  });

  it('reads an undated earlier-stage round in a later round’s story as history', () => {
    const out = deals(
      'Corvane has raised $16 million in a Series A round led by Granite Arch Partners. The company closed a $3 million seed round led by Aspen Row Ventures and now counts 140 water districts as customers.',
    );
    expect(withAmount(out, '$3 million')).toMatchObject({ round: 'seed', background: true, on: null });
    expect(withAmount(out, '$16 million')).toMatchObject({ round: 'series_a', background: false, on: ON });
  });

  it('keeps two rounds announced together in one sentence as news', () => {
    const out = deals('Tamber has raised $15 million, combining a $3 million seed round and a $12 million Series A.');
    expect(out.every((d) => !d.background)).toBe(true);
  });
});

describe('more wordings of a later round’s background', () => {
  // A UK trade-press story of Monday 20 April 2026 with one background line each.
  const NEWS = 'Glenrock Analytics has secured £14m in a Series A round led by Tyneside Ventures.';
  it.each([
    ['The Newcastle firm bagged £3.5m in seed funding in 2024.', 'seed', null],
    ['It follows a £3.5m seed raise in autumn 2024.', 'seed', null],
    ['Glenrock’s seed round of £3.5m was completed in October.', 'seed', '2025-10-01'],
    ['This latest investment follows the company’s £3.5m seed round, which was backed by Northern Gritstone.', 'seed', null],
    ['Two years ago the start-up raised £3.5m from Mercia.', 'series_unknown', null],
    ['The round comes hot on the heels of a £3.5m seed investment in 2024.', 'seed', null],
    ['Glenrock Analytics was spun out of Durham University in 2021 and raised £3.5m in a seed round a year later.', 'seed', null],
    ['Glenrock closed a £3.5m seed in February of last year.', 'seed', '2025-02-01'],
    ['Its prior round, a £3.5m seed, closed in February 2025.', 'seed', '2025-02-01'],
    ['Tyneside Ventures also led last year’s £3.5m seed round.', 'seed', null],
  ])('%s', (text, round, on) => {
    const out = deals(`${NEWS} ${text}`, '2026-04-20');
    expect(withAmount(out, '£14m'), text).toMatchObject({
      company: 'Glenrock Analytics',
      round: 'series_a',
      background: false,
      on: '2026-04-20',
    });
    expect(withAmount(out, '£3.5m'), text).toMatchObject({ company: 'Glenrock Analytics', round, background: true, on });
  });

  it('reads two earlier rounds joined by "and", each with its stage and year', () => {
    const out = deals(`${NEWS} Glenrock raised £6m in Series A funding in 2024 and £2m in seed funding in 2022.`, '2026-04-20');
    expect(withAmount(out, '£6m')).toMatchObject({ round: 'series_a', background: true, on: null });
    expect(withAmount(out, '£2m')).toMatchObject({ round: 'seed', background: true, on: null });
  });

  it('reads an investor’s other deals as history of their own companies', () => {
    const out = deals(
      `${NEWS} Tyneside Ventures, which also backed Pallion Robotics’ £5m round in February, has now led two deals this year. It led the deal days after it led a £2m round in Wearside Bio on Tuesday.`,
      '2026-04-20',
    );
    expect(withAmount(out, '£5m')).toMatchObject({ company: 'Pallion Robotics', background: true, on: '2026-02-01' });
    expect(withAmount(out, '£2m')).toMatchObject({ company: 'Wearside Bio', background: true, on: '2026-04-14' });
  });
});

describe('dates that are not the round’s', () => {
  it.each([
    'Acme Rail, founded in March 2019, has raised $5 million in seed funding.',
    'Acme Rail raised $5 million in seed funding and plans to open an office in Lisbon in May.',
    'Acme Rail has raised $5 million in seed funding to launch its app in November.',
    'Acme Rail raised $20 million in a Series B round, the company said on Monday.',
    'Acme Rail said it had raised $20 million in a Series B round led by Arden Partners.',
    'Acme Rail expects to raise a $20 million Series B in June.',
    'Acme Rail raised $12 million in a Series A round, months after launching its app.',
    'Acme Rail raised $12 million in a Series A round, two years after it was founded in 2024.',
    'Acme Rail is raising a $30 million Series C, a year after its Series B.',
  ])('%s', (text) => {
    const out = deals(text);
    expect(out, text).toHaveLength(1);
    expect(out[0]).toMatchObject({ background: false });
  });

  it.each([
    'Sales rose after a $3 million marketing campaign in 2024.',
    'The round follows strong growth in 2024.',
    'Acme Rail has raised $60 million in total since launching in 2019.',
    'The company, which has since hired 40 people, did not disclose its revenue.',
  ])('finds no deal in "%s"', (text) => {
    expect(deals(text), text).toEqual([]);
  });
});
