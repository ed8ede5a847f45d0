/**
 * How publishers word a round's investors, each construction on sentences of our own about
 * fictional companies and funds; negatives name advisers, customers, founders and earlier rounds.
 */
import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../../src/extract/offline/index.js';

const deals = (text: string, title: string | null = null) =>
  extractOffline({ url: 'https://example.test/a', title, text, publishedAt: '2026-03-02' }).deals;

/** Investor names of the article's one current deal, a lead marked with "*". */
function backers(text: string, title: string | null = null): string[] {
  const current = deals(text, title).filter((d) => !d.background);
  expect(current).toHaveLength(1);
  return current[0]!.investors.map((i) => (i.lead ? `${i.name}*` : i.name));
}

const ROUND = 'Osterly raised $30 million in a Series B led by Corvane Capital.';

describe('investor lists: participation wording', () => {
  it('reads "with participation from" and "backed by" lists', () => {
    expect(
      backers(
        'Brevilo, a Lisbon-based payroll startup, has raised $8 million in a Series A round with participation from Northgate Ventures, Pellam Capital and Oakridge Partners.',
      ),
    ).toEqual(['Northgate Ventures', 'Pellam Capital', 'Oakridge Partners']);
    expect(backers('Quarrino raised a $4 million seed round backed by Tallow Ventures and Mistral Peak Capital.')).toEqual([
      'Tallow Ventures',
      'Mistral Peak Capital',
    ]);
  });

  it('reads an inverted participant list in the next sentence', () => {
    expect(
      backers(
        'Osterly raised $30 million in a Series B. Participating in the round were Corvane Capital, Ashgrove Ventures and Pellam Capital.',
      ),
    ).toEqual(['Corvane Capital', 'Ashgrove Ventures', 'Pellam Capital']);
    expect(backers(`${ROUND} Joining the round were Ashgrove Ventures and Pellam Capital.`)).toEqual([
      'Corvane Capital*',
      'Ashgrove Ventures',
      'Pellam Capital',
    ]);
    expect(backers(`${ROUND} Also participating were Ashgrove Ventures and Pellam Capital.`)).toEqual([
      'Corvane Capital*',
      'Ashgrove Ventures',
      'Pellam Capital',
    ]);
  });

  it('reads participants in a later clause: "while X also participated", "; X … also took part", "as did X"', () => {
    expect(backers('Osterly raised $30 million in a Series B led by Corvane Capital, while Ashgrove Ventures also participated.')).toEqual([
      'Corvane Capital*',
      'Ashgrove Ventures',
    ]);
    expect(
      backers(
        'Osterly raised $30 million in a Series B led by Corvane Capital; Ashgrove Ventures, Pellam Capital and Tinder Peak also took part.',
      ),
    ).toEqual(['Corvane Capital*', 'Ashgrove Ventures', 'Pellam Capital', 'Tinder Peak']);
    expect(
      backers('Osterly raised $30 million in a Series B. Ashgrove Ventures also took part in the round, as did Pellam Capital.').sort(),
    ).toEqual(['Ashgrove Ventures', 'Pellam Capital']);
  });

  it('reads a returning participant described by a relative clause', () => {
    expect(backers(`${ROUND} Ashgrove Ventures, which led the company's seed round, also participated.`)).toEqual([
      'Corvane Capital*',
      'Ashgrove Ventures',
    ]);
    expect(backers(`${ROUND} Ashgrove Ventures was among the investors.`)).toEqual(['Corvane Capital*', 'Ashgrove Ventures']);
    expect(backers(`${ROUND} Pellam Capital and Tinder Peak rounded out the round.`)).toEqual([
      'Corvane Capital*',
      'Pellam Capital',
      'Tinder Peak',
    ]);
  });

  it('reads passive and supplying wording: "was provided by", "X provided the funding"', () => {
    expect(
      backers('Osterly has raised $5 million in seed funding. The funding was provided by Corvane Capital and Ashgrove Ventures.'),
    ).toEqual(['Corvane Capital', 'Ashgrove Ventures']);
    expect(backers('Osterly has raised $5 million in seed funding. Corvane Capital provided the funding.')).toEqual(['Corvane Capital']);
    expect(
      backers(
        'Osterly raised $30 million in a Series B. The round was led by Corvane Capital, with additional backing from Ashgrove Ventures.',
      ),
    ).toEqual(['Corvane Capital*', 'Ashgrove Ventures']);
  });

  it('reads "a round that included", "a consortium including" and "existing shareholders including"', () => {
    expect(backers('Osterly raised $30 million in a Series B round that included existing backer Ashgrove Ventures.')).toEqual([
      'Ashgrove Ventures',
    ]);
    expect(backers('Osterly raised $30 million from a consortium including Ashgrove Ventures and Pellam Capital.')).toEqual([
      'Ashgrove Ventures',
      'Pellam Capital',
    ]);
    expect(backers('Osterly raised $30 million from existing shareholders including Corvane Capital and Ashgrove Ventures.')).toEqual([
      'Corvane Capital',
      'Ashgrove Ventures',
    ]);
  });
});

describe('investor lists: leads', () => {
  it('reads a lead written as a compound adjective', () => {
    expect(backers('Osterly raised $30 million in a Corvane Capital-led Series B round.')).toEqual(['Corvane Capital*']);
  });

  it('reads "X led the round for Y, joined by …" and "X co-led … with Y"', () => {
    expect(backers('Corvane Capital led the $15 million round for Teslin, joined by Ashgrove Ventures and Pellam Capital.')).toEqual([
      'Corvane Capital*',
      'Ashgrove Ventures',
      'Pellam Capital',
    ]);
    expect(
      backers(
        'Marlow Ventures co-led the $30 million Series B round for Osterly with Corvane Capital, while Ashgrove Ventures also participated.',
      ),
    ).toEqual(['Marlow Ventures*', 'Corvane Capital*', 'Ashgrove Ventures']);
  });

  it('keeps participants after "with existing backers" out of the lead list', () => {
    expect(
      backers(
        'Osterly raised $30 million in a Series B round led by Corvane Capital, with existing backers Ashgrove Ventures and Pellam Capital participating.',
      ),
    ).toEqual(['Corvane Capital*', 'Ashgrove Ventures', 'Pellam Capital']);
    expect(
      backers(
        'Osterly raised $2 million in a pre-seed round led by Corvane Capital, with angel investors including Maren Holt and Tobias Lindqvist also participating.',
      ),
    ).toEqual(['Corvane Capital*', 'Maren Holt', 'Tobias Lindqvist']);
    expect(
      backers('Osterly raised $30 million in a Series B led by Corvane Capital and featuring Ashgrove Ventures and Pellam Capital.'),
    ).toEqual(['Corvane Capital*', 'Ashgrove Ventures', 'Pellam Capital']);
  });
});

describe('investor lists: list shapes', () => {
  it('reads "as well as" and a semicolon-separated list', () => {
    expect(
      backers(
        'Osterly raised $30 million in a Series B led by Corvane Capital, with Ashgrove Ventures as well as Pellam Capital also participating.',
      ),
    ).toEqual(['Corvane Capital*', 'Ashgrove Ventures', 'Pellam Capital']);
    expect(backers('Osterly raised $30 million in a Series B from Corvane Capital; Ashgrove Ventures; and Pellam Capital.')).toEqual([
      'Corvane Capital',
      'Ashgrove Ventures',
      'Pellam Capital',
    ]);
  });

  it('drops appositives and descriptions inside a list', () => {
    expect(
      backers(
        'Osterly has raised $5 million in seed funding. The backers were Corvane Capital, a Seoul-based fund, and Ashgrove Ventures.',
      ),
    ).toEqual(['Corvane Capital', 'Ashgrove Ventures']);
    expect(
      backers(
        'Osterly raised $30 million in a Series B with participation from Tallis Capital as well as Japanese trading house Morita Shoji.',
      ),
    ).toEqual(['Tallis Capital', 'Morita Shoji']);
    expect(
      backers('Osterly raised $30 million in a Series B with participation from Tallis Capital’s growth fund and Kestrel Partners.'),
    ).toEqual(['Tallis Capital', 'Kestrel Partners']);
  });

  it('keeps a legal form written with dots whole', () => {
    expect(
      backers(
        'Osterly raised $30 million in a Series B with participation from Kestrel Partners and Oriel Holdings Pte. Ltd. in Singapore.',
      ),
    ).toEqual(['Kestrel Partners', 'Oriel Holdings Pte. Ltd']);
  });

  it('merges a short form made of the initials with the full name', () => {
    expect(
      backers('Verdale Grid has signed a €50 million loan agreement with the Nordic Green Bank. The NGB loan will fund two battery sites.'),
    ).toEqual(['Nordic Green Bank']);
  });
});

describe('investor lists: wire styles and lead roles', () => {
  it('reads "led by X, followed by Y and Z" and "jointly invested by"', () => {
    expect(
      backers(
        'Osterly completed a 100 million yuan Series A financing, led by Corvane Capital, followed by Ashgrove Ventures and Pellam Capital.',
      ),
    ).toEqual(['Corvane Capital*', 'Ashgrove Ventures', 'Pellam Capital']);
    expect(
      backers('Osterly completed a 100 million yuan Series A financing, jointly invested by Corvane Capital and Ashgrove Ventures.'),
    ).toEqual(['Corvane Capital', 'Ashgrove Ventures']);
    // "followed by" with no name after it names nobody.
    expect(backers('Osterly raised $30 million in a Series B led by Corvane Capital, followed by strong growth in Spain.')).toEqual([
      'Corvane Capital*',
    ]);
  });

  it('reads a lead named by its role', () => {
    expect(backers('Osterly raised $30 million in a Series B, with Corvane Capital as the lead investor.')).toEqual(['Corvane Capital*']);
    expect(backers('Osterly raised $30 million in a Series B. The lead investor was Corvane Capital.')).toEqual(['Corvane Capital*']);
    expect(
      backers('Osterly raised $30 million in a Series B. Corvane Capital acted as lead investor, and Ashgrove Ventures also participated.'),
    ).toEqual(['Corvane Capital*', 'Ashgrove Ventures']);
  });

  it('reads a conglomerate’s affiliates and a described fund among the backers', () => {
    expect(
      backers(
        'Korean startup Osterly secured 5 billion won in Series A funding from Hanmir Group affiliates and a private equity firm, Daesan Partners.',
      ),
    ).toEqual(['Hanmir Group', 'Daesan Partners']);
    expect(backers('Osterly raised $30 million in a Series B from the likes of Corvane Capital and Ashgrove Ventures.')).toEqual([
      'Corvane Capital',
      'Ashgrove Ventures',
    ]);
  });
});

describe('investor lists: names of people and firms', () => {
  it('keeps initials, titles and abbreviations from cutting a name', () => {
    expect(backers('Osterly raised $2 million in a seed round from Maren J. Holt, Dr. Tobias Lindqvist and St. Albans Capital.')).toEqual([
      'Maren J. Holt',
      'Tobias Lindqvist',
      'St. Albans Capital',
    ]);
  });

  it('drops a person’s role and a multi-word home before the name', () => {
    expect(
      backers(
        'Osterly raised $2 million in a seed round from former Quinta Bank chief executive Maren Holt and Hong Kong-based Pellam Capital.',
      ),
    ).toEqual(['Maren Holt', 'Pellam Capital']);
    expect(backers('Osterly raised $2 million in a seed round from Singapore state investor Tallis Holdings and Corvane Capital.')).toEqual(
      ['Tallis Holdings', 'Corvane Capital'],
    );
  });
});

describe('investor lists: where the backers are named', () => {
  it('reads backers named in a headline or in the lede before the round', () => {
    expect(
      backers('Osterly has raised $5 million in seed funding to expand into Spain.', 'Corvane Capital backs Osterly in $5M seed round'),
    ).toEqual(['Corvane Capital']);
    expect(backers('Corvane Capital has backed Osterly. The startup raised $5 million in seed funding, it said on Monday.')).toEqual([
      'Corvane Capital',
    ]);
  });

  it('reads a lead named in a later paragraph or after a sub-heading of a one-deal article', () => {
    expect(
      backers(
        'Osterly has raised $5 million in seed funding. The company makes payroll tools. It employs 40 people. It plans to hire 20 more. Its founder said demand is strong. Corvane Capital led the round.',
      ),
    ).toEqual(['Corvane Capital*']);
    expect(backers('Osterly raised $5 million in seed funding.\n\nFunding details\n\nThe round was led by Corvane Capital.')).toEqual([
      'Corvane Capital*',
    ]);
  });
});

describe('investor lists: names that are not the round’s investors', () => {
  it('leaves out advisers, counsel and placement agents', () => {
    expect(
      backers(
        `${ROUND} Nordlys Bank acted as sole financial adviser, while Brecken & Lowe advised on legal matters. Halvard Securities served as placement agent.`,
      ),
    ).toEqual(['Corvane Capital*']);
  });

  it('leaves out customers, partners and the founders', () => {
    expect(backers(`${ROUND} It counts Tavira Foods, Pelmark Retail and Quinta Bank as customers.`)).toEqual(['Corvane Capital*']);
    expect(backers('Osterly raised $30 million in a Series B led by Corvane Capital to work with Tavira Foods on new products.')).toEqual([
      'Corvane Capital*',
    ]);
    expect(backers(`${ROUND} The startup was founded by Maren Holt and Tobias Lindqvist, who previously worked at Quinta Bank.`)).toEqual([
      'Corvane Capital*',
    ]);
  });

  it('leaves out the cap table told as history or as a running total', () => {
    expect(backers(`${ROUND} Its earlier backers include Ashgrove Ventures and Pellam Capital.`)).toEqual(['Corvane Capital*']);
    expect(backers('Osterly, which is backed by Ashgrove Ventures, raised $30 million in a Series B led by Corvane Capital.')).toEqual([
      'Corvane Capital*',
    ]);
    expect(backers(`${ROUND} The company is also backed by Ashgrove Ventures.`)).toEqual(['Corvane Capital*']);
    expect(
      backers(
        'Osterly has raised $30 million in a Series B led by Corvane Capital. The company has now raised $45 million to date from investors including Ashgrove Ventures.',
      ),
    ).toEqual(['Corvane Capital*']);
  });

  it('keeps a later sentence about "that round" or "its previous round" off the new deal', () => {
    expect(
      backers(
        'Osterly has raised $5 million in seed funding. The company previously raised $2 million in 2023. That round was led by Ashgrove Ventures.',
      ),
    ).toEqual([]);
    // A relative clause about the earlier round only describes a participant of this one.
    expect(backers(`${ROUND} Ashgrove Ventures, which led its previous round, also joined.`)).toEqual([
      'Corvane Capital*',
      'Ashgrove Ventures',
    ]);
  });

  it('gives an earlier round’s investor to that round, not to the new one', () => {
    const out = deals(`${ROUND} Osterly previously raised a $5 million seed round from Ashgrove Ventures in 2023.`);
    const current = out.find((d) => !d.background);
    const earlier = out.find((d) => d.background);
    expect(current?.investors.map((i) => i.name)).toEqual(['Corvane Capital']);
    expect(earlier?.investors.map((i) => i.name)).toEqual(['Ashgrove Ventures']);
  });
});
