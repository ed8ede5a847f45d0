import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../../src/extract/offline/index.js';

const one = (text: string, title: string | null = null) =>
  extractOffline({ url: 'https://example.test/a', title, text, publishedAt: '2026-01-15' }).deals.map((d) => ({
    company: d.company,
    round: d.round,
    status: d.status,
    amount: d.amountText,
    investors: d.investors,
    ...(d.background ? { background: true } : {}),
  }));

describe('offline rules on single sentences', () => {
  it('reports an earlier round told as history as a background deal, not as news', () => {
    expect(one('Last year, Orlendo raised $30 million in a Series B led by GV.')).toEqual([
      {
        company: 'Orlendo',
        round: 'series_b',
        status: 'announced',
        amount: '$30 million',
        investors: [{ name: 'GV', lead: true }],
        background: true,
      },
    ]);
    expect(one('Pellucid lays off 10% of staff after raising $200 million in 2021.')).toMatchObject([
      { company: 'Pellucid', background: true },
    ]);
    const [d] = extractOffline({
      url: 'https://example.test/a',
      title: null,
      text: 'Tarnwell previously obtained $2m in a 2019 seed round led by Quarry Ventures.',
      publishedAt: '2026-01-15',
    }).deals;
    expect(d).toMatchObject({ company: 'Tarnwell', round: 'seed', background: true, announcedOn: null });
  });

  it('does not report totals, contracts, fines, guidance or VC fund closes as deals', () => {
    for (const text of [
      'Acme has raised $45 million so far.',
      'Acme secured a $10 million contract with the US Army.',
      'The company was fined $5 million by the regulator.',
      'Shares of Acme rose 5% after it raised its revenue guidance to $2 billion.',
      'Greenfield Capital closed its $400 million Fund IV on Tuesday.',
      'Investors poured $4.2 billion into AI startups in the quarter.',
    ])
      expect(one(text), text).toEqual([]);
  });

  it('reads investor-first constructions: the company is the object', () => {
    expect(one('Sequoia Capital has invested $50 million in Orbital, a Bengaluru-based logistics startup.')).toEqual([
      {
        company: 'Orbital',
        round: 'series_unknown',
        status: 'announced',
        amount: '$50 million',
        investors: [{ name: 'Sequoia Capital', lead: false }],
      },
    ]);
    expect(one('Index Ventures led a $20 million Series A round in Lumen AI, a Boston-based startup.')[0]).toMatchObject({
      company: 'Lumen AI',
      round: 'series_a',
      investors: [{ name: 'Index Ventures', lead: true }],
    });
  });

  it('resolves "the startup" to the company in the headline', () => {
    expect(
      one(
        'Audits are slow. The startup raised $6 million in seed funding led by Foundry Group.',
        'Kestrel Labs raises $6M seed to automate audits',
      ),
    ).toEqual([
      {
        company: 'Kestrel Labs',
        round: 'seed',
        status: 'announced',
        amount: '$6 million',
        investors: [{ name: 'Foundry Group', lead: true }],
      },
    ]);
  });

  it('keeps the amount of this round apart from the total and the pre-money figure', () => {
    expect(one('Acme has now raised $85 million in total, including a $25 million Series B announced today.')).toEqual([
      { company: 'Acme', round: 'series_b', status: 'announced', amount: '$25 million', investors: [] },
    ]);
  });

  it('reads IPOs and acquisitions told with future or passive verbs', () => {
    expect(one('Kinetic Motors will go public on Nasdaq after raising $500 million in its IPO.')[0]).toMatchObject({
      company: 'Kinetic Motors',
      round: 'ipo',
      amount: '$500 million',
    });
    expect(one('Widget Inc was bought by Acme Corp in a $2.1 billion deal.')[0]).toMatchObject({
      company: 'Widget Inc',
      round: 'acquisition',
      amount: '$2.1 billion',
    });
  });

  it('ignores a parenthetical after the company name', () => {
    expect(one('Acme (YC W21) raised $5 million in a seed round led by Initialized Capital.')[0]).toMatchObject({
      company: 'Acme',
      round: 'seed',
    });
  });
});

describe('offline rules: status and possessives', () => {
  it('reads a possessive round and a rumour attributed to a report', () => {
    expect(one("Acme's $20 million Series B was led by Index Ventures.")).toEqual([
      {
        company: 'Acme',
        round: 'series_b',
        status: 'announced',
        amount: '$20 million',
        investors: [{ name: 'Index Ventures', lead: true }],
      },
    ]);
    expect(one('Acme is close to raising $40 million, according to a report by a trade newsletter.')[0]).toMatchObject({
      status: 'rumored',
      amount: '$40 million',
    });
    expect(one('Acme is nearing a deal to raise $40 million from Tiger Global.')[0]).toMatchObject({
      status: 'in_talks',
      investors: [{ name: 'Tiger Global', lead: false }],
    });
  });
});

describe('offline rules: described objects', () => {
  it('skips a description before the object company of an acquisition or investment', () => {
    expect(one('Salesforce has agreed to acquire data management company Cloudbase for $1.9 billion in cash.')).toEqual([
      { company: 'Cloudbase', round: 'acquisition', status: 'announced', amount: '$1.9 billion', investors: [] },
    ]);
    expect(one('Accel invested $20 million in Israeli security startup Cyvera.')[0]).toMatchObject({
      company: 'Cyvera',
      amount: '$20 million',
      investors: [{ name: 'Accel', lead: false }],
    });
  });

  it('takes the price of an acquisition "deal worth" as the amount, not a valuation', () => {
    expect(one('Investment firm Thoma Bravo has agreed to buy cybersecurity company Darktrace in a deal worth $5.3 billion.')).toEqual([
      { company: 'Darktrace', round: 'acquisition', status: 'announced', amount: '$5.3 billion', investors: [] },
    ]);
  });

  it('does not take the counterparty of talks for the company raising', () => {
    expect(
      one('Hexaware, the Chennai-based IT services firm, is in talks with investors including Temasek to raise $200 million.')[0],
    ).toMatchObject({ company: 'Hexaware', status: 'in_talks', amount: '$200 million' });
  });

  it('reads a current raise after a past one in the same sentence, and a located acquisition target', () => {
    expect(one('Finch, which raised $50 million last year, is now raising $100 million, according to two sources.')).toEqual([
      { company: 'Finch', round: 'series_unknown', status: 'announced', amount: '$50 million', investors: [], background: true },
      { company: 'Finch', round: 'series_unknown', status: 'rumored', amount: '$100 million', investors: [] },
    ]);
    expect(one('Shopify acquired Toronto-based Vantage Analytics. Terms of the deal were not disclosed.')).toEqual([
      { company: 'Vantage Analytics', round: 'acquisition', status: 'announced', amount: null, investors: [] },
    ]);
  });

  it('keeps investor firms whose names start with a place', () => {
    expect(
      one('Korean beauty platform Glowpick raised ₩30 billion from KB Investment and Korea Investment Partners.')[0]?.investors,
    ).toEqual([
      { name: 'KB Investment', lead: false },
      { name: 'Korea Investment Partners', lead: false },
    ]);
  });

  it('reads debt taken on from a named lender', () => {
    expect(one('Nubank took on a $500 million credit facility from Goldman Sachs.')).toEqual([
      {
        company: 'Nubank',
        round: 'debt',
        status: 'announced',
        amount: '$500 million',
        investors: [{ name: 'Goldman Sachs', lead: false }],
      },
    ]);
    expect(one('Acme took on new staff and $5 million in revenue.')).toEqual([]);
  });

  it('gives a grant to its recipient, not to the body that awards it', () => {
    expect(one('The European Innovation Council awarded Swedish battery startup Voltera a €2.5 million grant.')).toEqual([
      { company: 'Voltera', round: 'grant', status: 'announced', amount: '€2.5 million', investors: [] },
    ]);
    expect(one('The U.S. Department of Energy awarded $45 million to Form Energy to build a battery factory.')).toEqual([
      { company: 'Form Energy', round: 'grant', status: 'announced', amount: '$45 million', investors: [] },
    ]);
  });
});
