/**
 * Wordings met in published funding news the engine had never been scored on, each retold in
 * sentences of our own about fictional companies: investor lists, valuations, deal kinds, figures
 * without a currency, descriptive subjects.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus } from '../../../src/eval/score.js';
import { createOfflineExtractor, extractOffline } from '../../../src/extract/offline/index.js';
import { cleanCompanyName } from '../../../src/normalise/company.js';

const deals = (text: string, title: string | null = null) =>
  extractOffline({ url: 'https://example.test/a', title, text, publishedAt: '2026-03-02' }).deals;
const one = (text: string, title: string | null = null) => {
  const out = deals(text, title);
  expect(out, text).toHaveLength(1);
  return out[0]!;
};
const names = (text: string) => one(text).investors.map((i) => `${i.name}${i.lead ? '*' : ''}`);

describe('investors', () => {
  it('reads existing investors who "will also participate" in a later sentence', () => {
    expect(
      names(
        'Tarnwell Mobility is raising $300 million in a new round. Existing investors Corvane Management and Ribbon Capital will also participate in the round.',
      ),
    ).toEqual(['Corvane Management', 'Ribbon Capital']);
  });

  it('reads "Other investors in the funding round include …" and "investors such as …"', () => {
    expect(
      names(
        "Okapay's $400 million funding round was led by Hollis Vision Fund. Other investors in the funding round include Redline China, Source Grove Capital and 3W Capital.",
      ),
    ).toEqual(['Hollis Vision Fund*', 'Redline China', 'Source Grove Capital', '3W Capital']);
    expect(
      names(
        'Haqmark, a social enterprise startup, closed its seed round at Rs 6.65 crore from investors such as Deepak Group and Ivory Partners.',
      ),
    ).toEqual(['Deepak Group', 'Ivory Partners']);
  });

  it('drops a place possessive before a firm and reads angels named "like …"', () => {
    expect(
      names(
        'Mirro Sisters, developer of a food delivery app, received investments worth 57 billion won from China’s Hillcrest Capital Group.',
      ),
    ).toEqual(['Hillcrest Capital Group']);
    expect(
      names(
        'Delhi-based parking platform ParkNest has raised an undisclosed amount of funding from Campus Grove Fund and angels like Ravi Menon and Asha Rao.',
      ),
    ).toEqual(['Campus Grove Fund', 'Ravi Menon', 'Asha Rao']);
  });

  it('reads backers who "put in" an amount each, after a round closed by "Series B."', () => {
    expect(names('Solvane raised $40 million in a Series B. Northgate Capital and Elm Partners put in $15 million each.')).toEqual([
      'Northgate Capital',
      'Elm Partners',
    ]);
  });

  it('reads shares allotted to investors as their investment', () => {
    expect(
      names(
        'Tokyo-based Hanaroku raised 6.8 billion yen through a third-party allotment of shares to Nippon Growth Partners and Kaede Capital.',
      ),
    ).toEqual(['Nippon Growth Partners', 'Kaede Capital']);
  });

  it('does not take the SPAC a company merges with for an investor', () => {
    const d = one('Haulix will go public by merging with Sandbar Acquisition Corp, a special purpose acquisition company.');
    expect([d.company, d.round, d.investors]).toEqual(['Haulix', 'ipo', []]);
  });
});

describe('valuations and figures', () => {
  it('keeps "worth" after a financing noun as the amount, not a valuation', () => {
    const d = one('Mirro Sisters received investments worth 57 billion won from Hillcrest Capital.');
    expect([d.amountText, d.valuationText]).toEqual(['57 billion won', null]);
    const loan = deals(
      'Tech startup Decaform raised USD 1.5 million in seed funding. The company has also secured a student loan facility worth USD 25 million from Sterline Bank.',
    );
    expect(loan.map((x) => [x.round, x.amountText, x.valuationText])).toEqual([
      ['seed', 'USD 1.5 million', null],
      ['debt', 'USD 25 million', null],
    ]);
  });

  it('gives an earlier round its own valuation when the deal itself is history', () => {
    const d = one('Zentrix also raised $6.6 billion at a valuation of $157 billion last month.');
    expect([d.amountText, d.valuationText, d.background]).toEqual(['$6.6 billion', '$157 billion', true]);
  });

  it('reads a price stated as "in a deal valued at" as the amount of a take-private', () => {
    const d = one('Pellow Capital agreed to take Ridgeway Foods private in a deal valued at $3.1 billion including debt.');
    expect([d.company, d.round, d.amountText, d.valuationText]).toEqual(['Ridgeway Foods', 'private_equity', '$3.1 billion', null]);
    // A valuation the article calls one stays a valuation.
    const v = one('Pellow Capital plans to take Ridgeway Foods private at a $3.1 billion valuation.');
    expect([v.amountText, v.valuationText]).toEqual([null, '$3.1 billion']);
  });

  it('reads a sum "each" for every company of a listed subject, in the article’s currency', () => {
    const out = deals(
      'Brussels will put €9.5 million into four startups. Vortyx, Sequelo and Novamix will receive 2.5 million each, while Palomar gets 2 million.',
    );
    expect(out.map((d) => [d.company, d.amountText])).toEqual([
      ['Vortyx', '2.5 million'],
      ['Sequelo', '2.5 million'],
      ['Novamix', '2.5 million'],
      ['Palomar', '2 million'],
    ]);
    // A share price "each" is not a sum for each party; a bare count is not money.
    expect(deals('Lumio Health raised $240 million in its IPO, selling 12 million shares at $20 each.').map((d) => d.amountText)).toEqual([
      '$240 million',
    ]);
    expect(deals('The app has 10 million users. Bramble raised $5 million in seed funding.').map((d) => d.amountText)).toEqual([
      '$5 million',
    ]);
  });
});

describe('deal kinds', () => {
  it('reads rounds raised for an undisclosed amount', () => {
    expect([one('Celsior, a cold chain marketplace startup raised an undisclosed seed round from a group of investors.').round]).toEqual([
      'seed',
    ]);
    expect(one('Nestwise has secured an undisclosed amount from Harbor Angels.').company).toBe('Nestwise');
  });

  it('reads SPAC mergers as the target’s listing', () => {
    const d = one('Sandbar Acquisition Corp, a blank-check company, agreed to merge with electric truck maker Haulix.');
    expect([d.company, d.round]).toEqual(['Haulix', 'ipo']);
  });

  it('reads offerings named as the subject or by their issuer', () => {
    expect([one('Quarry Mining said its initial share sale raised gross proceeds of $410 million.').round]).toEqual(['ipo']);
    const d = one('The Rs 1,250-crore initial share sale of Jaipur Metals was subscribed 12 times on its final day.');
    expect([d.company, d.round, d.amountText]).toEqual(['Jaipur Metals', 'ipo', 'Rs 1,250-crore']);
    expect([one('Halvorsen Group priced $2 billion of senior notes due 2031.').round]).toEqual(['debt']);
  });

  it('reads a tender offer as a secondary deal with its valuation', () => {
    const d = one('Telvio offered to buy back shares from employees in a tender offer that values the company at $8 billion.');
    expect([d.company, d.round, d.valuationText]).toEqual(['Telvio', 'secondary', '$8 billion']);
  });

  it('reads "after its $90 million Series C" as the subject’s round', () => {
    const d = one('Glint, the Jakarta-based lender, reached unicorn status after its $90 million Series C led by Asia Peak.');
    expect([d.company, d.round, d.amountText, d.investors]).toEqual([
      'Glint',
      'series_c',
      '$90 million',
      [{ name: 'Asia Peak', lead: true }],
    ]);
  });

  it('reports no deal for a venture firm raising its own fund', () => {
    expect(deals('Brightpeak Ventures said its Fund III has closed at €175 million, above its target.')).toEqual([]);
    expect(deals('Seattle-based venture capital firm Capra has raised a $100 million fund to invest in 20 startups.')).toEqual([]);
  });
});

describe('company names', () => {
  it('drops a sentence-initial description before the name', () => {
    expect(one('Ride-hailing startup Zipto recently turned unicorn after raising $120 million in a Series E round.').company).toBe('Zipto');
    expect(one('Fintech Orbly raised €20 million from Halcyon.').company).toBe('Orbly');
    expect(one('Hong Kong-listed Fenghua Robotics raised HK$795 million in its Hong Kong IPO.').company).toBe('Fenghua Robotics');
  });

  it('reads a subject whose unclosed appositive has an "and" inside', () => {
    expect(one('Rulezen, a legal and fintech platform raised Rs 10 crore in seed funding from Rainwater Capital.').company).toBe('Rulezen');
  });

  it('resolves "The X-backed startup, which …, raised" to the company named before', () => {
    const d = one(
      'Quillon, a payroll app for restaurants, has 400 staff. The Redwood-backed startup, which was valued at $1.2 billion in its last round, raised $150 million in a Series D.',
    );
    expect([d.company, d.round, d.valuationText]).toEqual(['Quillon', 'series_d', null]);
  });
});

describe('roundup and newsletter wording', () => {
  it('reads a participle clause whose subject comes after it or before "by raising"', () => {
    const d = one(
      'Online beauty platform Nyxa attained soonicorn status by raising Rs 100 crore from Tapir Growth, at a valuation of $725 million.',
    );
    expect([d.company, d.amountText, d.valuationText]).toEqual(['Nyxa', 'Rs 100 crore', '$725 million']);
    const e = one(
      'After raising $225 million in fresh funding, Ronnie Sharma-founded Upskill Education Pvt increased its valuation to $2.25 billion.',
    );
    expect([e.company, e.amountText, e.valuationText]).toEqual(['Upskill Education Pvt', '$225 million', '$2.25 billion']);
  });

  it('reads "took a chunk of", investors after "a round of $N by", and a firm’s fund', () => {
    expect(one('Among the four Series A deals, BharaPay took a chunk of $15.5 million, led by Insite Partners.').company).toBe('BharaPay');
    expect(names('Agritech platform Intello raised a seed round of $2 million by Nexon Venture Partners and Omnivest.')).toEqual([
      'Nexon Venture Partners',
      'Omnivest',
    ]);
    expect(names("In another round, Infra.Mart has raised $50 million from Liquidity Group's Mars Unicorn Fund.")).toEqual([
      'Mars Unicorn Fund',
    ]);
  });

  it('does not take a plural common noun for a company', () => {
    const out = deals(
      'Startups raised $1.2 billion this week. The largest round went to Novaqua, a water analytics firm, which raised $200 million.',
    );
    expect(out.map((d) => d.company)).toEqual(['Novaqua']);
  });

  it('reads a round known only by its reported valuation', () => {
    const d = one('Clubroom is reportedly being valued at $4 billion in a fresh round led by Andreas Partners.');
    expect([d.company, d.status, d.amountText, d.valuationText]).toEqual(['Clubroom', 'rumored', null, '$4 billion']);
  });

  it('reads "scooped up" and "agreed to sell itself to" as acquisitions', () => {
    expect(deals('Skypo scooped up start-up GroupMo on Monday for an undisclosed price.').map((d) => [d.company, d.round])).toEqual([
      ['GroupMo', 'acquisition'],
    ]);
    expect(deals('Skypo agreed to sell itself to Bigsoft for $8.5 billion.').map((d) => [d.company, d.round, d.amountText])).toEqual([
      ['Skypo', 'acquisition', '$8.5 billion'],
    ]);
  });
});

describe('hard fixture corpus (also fitted by the confidence model)', () => {
  it('keeps wrong deals rare on articles written to trip the rules', async () => {
    // Fictional articles with traps (history, talks, founders, roundups, translated wording);
    // several deals are still missed, which the floor below allows for.
    const report = await evaluateCorpus(path.join(import.meta.dirname, '../../fixtures/corpus-hard'), createOfflineExtractor());
    expect(report.deals.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.deals.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('resolves back-references a lead-in sentence sets up', () => {
    const out = deals(
      'Vantor Bio is in early talks to raise $80 million, according to people familiar with the matter. The company last raised $25 million in 2024 from Elmstead Capital.',
    );
    expect(out.map((d) => [d.company, d.status, d.amountText])).toEqual([
      ['Vantor Bio', 'rumored', '$80 million'],
      ['Vantor Bio', 'announced', '$25 million'],
    ]);
    expect(one('Quay Robotics Inc. of Osaka raised 1.5 billion yen from Himawari Capital.').company).toBe('Quay Robotics Inc');
    expect(
      deals('The office awarded grants to three firms on Tuesday. Solvarta received €2 million and Peatline €1.5 million.').map(
        (d) => d.round,
      ),
    ).toEqual(['grant', 'grant']);
    // History stays announced when a later clause is about new talks.
    expect(
      deals('Caspian Airways secured a $1.5 billion loan guarantee last year and is now seeking more.').map((d) => [
        d.status,
        d.background,
      ]),
    ).toEqual([['announced', true]]);
  });
});

describe('people, shared verbs and legal forms', () => {
  const deal = (text: string) => {
    const d = one(text);
    return [d.company, d.amountText, d.status];
  };

  it('never takes a founder or chief executive for the company', () => {
    expect(deal('Founder Maya Lind said she raised $4 million for Quillbright, her payroll startup.')).toEqual([
      'Quillbright',
      '$4 million',
      'announced',
    ]);
    expect(
      deal('Quillbright makes payroll software for bakeries. Founder Maya Lind said she raised $4 million from Harbor Lane Ventures.')[0],
    ).toBe('Quillbright');
    expect(deal('Tessorio sells solar kits. Anouk Verbeek, its chief executive, raised €3 million from Polder Ventures.')[0]).toBe(
      'Tessorio',
    );
  });

  it('reads a second verb that shares the subject across "and" without a comma', () => {
    expect(
      deals('Parvel Labs raised $5M and is now seeking another $50M from new investors.').map((d) => [d.company, d.amountText, d.status]),
    ).toEqual([
      ['Parvel Labs', '$5M', 'announced'],
      ['Parvel Labs', '$50M', 'in_talks'],
    ]);
  });

  it('keeps a company whose name ends in a foreign legal form, and the normaliser drops the form', () => {
    for (const [text, name, bare] of [
      [
        'Ostrava Metrics s.r.o. today announced it has raised €4 million in seed funding from Vltava Partners.',
        'Ostrava Metrics s.r.o',
        'Ostrava Metrics',
      ],
      ['Hinode Robotics K.K. raised 1 billion yen from Sakura Growth.', 'Hinode Robotics K.K', 'Hinode Robotics'],
      ['Solenne Tech S.A. raised $15 million led by Garonne Ventures.', 'Solenne Tech S.A', 'Solenne Tech'],
      ['Merlion Grid Pte. Ltd. has raised $8 million in Series A funding from Straits Capital.', 'Merlion Grid Pte. Ltd', 'Merlion Grid'],
    ] as const) {
      expect(one(text).company).toBe(name);
      expect(cleanCompanyName(name)).toBe(bare);
    }
  });
});

describe('roundup entries without a verb', () => {
  it('reads "Name – description – amount round, Backer" entries, even after the last full sentence', () => {
    const out = deals(
      'Here are the week’s rounds.\n\nLoomhaven – a marketplace for used looms – $2.5M seed, Brightfield Ventures\n\nTessaro – an app for tailors – $1.2M pre-seed, Oakrun Capital and Vell Angels',
    );
    expect(out.map((d) => [d.company, d.round, d.amountText, d.investors.map((i) => i.name)])).toEqual([
      ['Loomhaven', 'seed', '$2.5M', ['Brightfield Ventures']],
      ['Tessaro', 'pre_seed', '$1.2M', ['Oakrun Capital', 'Vell Angels']],
    ]);
  });

  it('reads "Name (City) — amount round, led by X." entries, the city as home', () => {
    const out = deals('Kelvaro (Lisbon) — €9M Series A, led by Mirante Partners.\nDunsway (Tallinn) — €3M seed, led by Baltic Row.');
    expect(out.map((d) => [d.company, d.round, d.amountText, d.country, d.investors.map((i) => `${i.name}${i.lead ? '*' : ''}`)])).toEqual([
      ['Kelvaro', 'series_a', '€9M', 'PT', ['Mirante Partners*']],
      ['Dunsway', 'seed', '€3M', 'EE', ['Baltic Row*']],
    ]);
  });
});

describe('more deal wordings', () => {
  const facts = (text: string) => deals(text).map((d) => [d.company, d.round, d.amountText]);

  it('reads debt taken, translated "achieved an investment", and an intransitive "sold to" with a price', () => {
    expect(facts('Stavola took $50M in debt from Crestline Bank to expand its fleet.')).toEqual([['Stavola', 'debt', '$50M']]);
    expect(facts('The Valencian startup Brisell has achieved an investment of 3 million euros led by Aldea Capital.')).toEqual([
      ['Brisell', 'series_unknown', '3 million euros'],
    ]);
    expect(facts('Mossfield sold to Cardeno Group for $120 million.')).toEqual([['Mossfield', 'acquisition', '$120 million']]);
    // Selling goods to customers is no exit; revenue achieved is no investment.
    expect(facts('Mossfield sold to Walmart and Target last year.')).toEqual([]);
    expect(facts('Brisell achieved revenue of 3 million euros last year.')).toEqual([]);
  });

  it('reads each listed subject when relative clauses describe them', () => {
    expect(
      facts(
        'Ferrovia, which develops rail sensors, and Quintal, which builds farm robots, receive 2.5 million euros each from the regional fund.',
      ),
    ).toEqual([
      ['Ferrovia', 'series_unknown', '2.5 million euros'],
      ['Quintal', 'series_unknown', '2.5 million euros'],
    ]);
  });
});

describe('rounds named by a relative clause', () => {
  it('reads "The Series B, which closed at $45M, …" for the company named before or right after', () => {
    for (const text of [
      'Orrel Health builds clinic software. The Series B, which closed at $45M, was led by Tamsin Capital.',
      'The Series B, which closed at $45M, was led by Tamsin Capital. Orrel Health will use it to hire.',
    ]) {
      const d = one(text);
      expect([d.company, d.round, d.amountText, d.investors.map((i) => `${i.name}${i.lead ? '*' : ''}`)]).toEqual([
        'Orrel Health',
        'series_b',
        '$45M',
        ['Tamsin Capital*'],
      ]);
    }
  });
});
