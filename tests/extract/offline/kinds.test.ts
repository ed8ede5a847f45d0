/**
 * The kinds of wording that broke the offline engine on real news, each with sentences of our
 * own about fictional companies.
 */
import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../../src/extract/offline/index.js';
import { datelineLength, tableRows, toUnits } from '../../../src/extract/offline/structure.js';

const run = (text: string, title: string | null = null) =>
  extractOffline({ url: 'https://example.test/a', title, text, publishedAt: '2026-03-02' }).deals;
const brief = (text: string, title: string | null = null) =>
  run(text, title).map((d) => ({ company: d.company, round: d.round, amount: d.amountText }));

describe('document structure', () => {
  it('strips datelines and wire credits before the first sentence', () => {
    for (const [text, name] of [
      ['OSLO, Mar 2 (Newswire) - Fjordel raised $12 million in a Series A.', 'Fjordel'],
      ['LYON, Feb 10 — Brume Robotique has raised €8 million in seed funding.', 'Brume Robotique'],
      ['SPOKANE, Wash., March 2, 2026 /PRWire/ -- Tallgrass Metrics secured $5 million in a seed round.', 'Tallgrass Metrics'],
      ['(Wirefeed) -- Chip designer Quorl Semis raised $40 million in a Series B.', 'Quorl Semis'],
      ['May 07 (Dispatch) - Lantern Bay raised $3 million in seed funding.', 'Lantern Bay'],
      ['NEW HAVEN (Ledger.com) -- Ostrava Labs raised $9 million in a Series A.', 'Ostrava Labs'],
    ] as const) {
      expect(
        brief(text).map((d) => d.company),
        text,
      ).toEqual([name]);
    }
    expect(datelineLength('UK-based Pellmint raised £2m.')).toBe(0);
  });

  it('drops press-release boilerplate after "About …" and media contacts', () => {
    const text =
      'Harrowgate Foods raised $7 million in a Series A led by Ember Capital.\n\nAbout Ember Capital\n\nEmber Capital has raised $300 million for startups. Ember Capital secured $40 million from pension funds in 2024.';
    expect(brief(text)).toEqual([{ company: 'Harrowgate Foods', round: 'series_a', amount: '$7 million' }]);
  });

  it('reads list items "Name – description" as units with their own topic', () => {
    const text = [
      'Three startups from the valley won grants this week:',
      'Cindral Systems – is building heat pumps for ships. The startup received €1.8 million in grant funding.',
      'Ortolan – the Basel-based startup making lab robots received a €2.1 million grant for two years.',
    ].join('\n\n');
    expect(brief(text)).toEqual([
      { company: 'Cindral Systems', round: 'grant', amount: '€1.8 million' },
      { company: 'Ortolan', round: 'grant', amount: '€2.1 million' },
    ]);
    expect(toUnits(text).map((u) => u.topic)).toEqual([null, 'Cindral Systems', 'Cindral Systems', 'Ortolan']);
  });

  it('reads a deal table laid out one cell per line, skipping a fund row', () => {
    const text = [
      'Company',
      'Amount',
      'Round',
      'Lead investor(s)',
      'Sector',
      'Mistral Valley Fund',
      '$90 Mn',
      'First Close',
      'Anchor LPs',
      'Fund',
      'Pebblepath',
      '₹6 Cr',
      'Seed',
      'Orchard Angels; Quill Ventures',
      'Edtech',
      'Pebblepath, an edtech startup, has raised ₹6 crore in a round led by Orchard Angels.',
    ].join('\n');
    expect(tableRows(text)).toHaveLength(2);
    const deals = run(text);
    expect(deals.map((d) => [d.company, d.round, d.amountText])).toEqual([['Pebblepath', 'seed', '₹6 crore']]);
    expect(deals[0]!.investors).toEqual([
      { name: 'Orchard Angels', lead: true },
      { name: 'Quill Ventures', lead: false },
    ]);
  });
});

describe('described objects', () => {
  it('skips descriptions of any kind before an object company', () => {
    expect(brief('Norvane will acquire the assets of Danish chipmaker Skarv Semi for $300 million.')).toEqual([
      { company: 'Skarv Semi', round: 'acquisition', amount: '$300 million' },
    ]);
    expect(brief('Pinecrest Capital co-led a $15 million Series B+ round in online recipe publisher Hungry Owl.')).toEqual([
      { company: 'Hungry Owl', round: 'series_b', amount: '$15 million' },
    ]);
    expect(brief('Three funds have put $9 million in vending machine operator Boxlet in Porto.')).toEqual([
      { company: 'Boxlet', round: 'series_unknown', amount: '$9 million' },
    ]);
  });
});

describe('name boundaries', () => {
  it('keeps legal forms with dots inside the name', () => {
    expect(brief('Quetzal Rides Pvt. Ltd, an electric rickshaw platform, has raised Rs 40 crore in a Series A round.')[0]).toMatchObject({
      company: 'Quetzal Rides Pvt. Ltd',
      amount: 'Rs 40 crore',
    });
  });

  it('does not take months or sentence-initial participles for companies', () => {
    expect(brief('Payment app Sorbet said last October that it had secured 5 billion yen from investors.').map((d) => d.company)).toEqual([
      'Sorbet',
    ]);
    const text =
      'Founded in 2019, the programme backs hardware makers.\n\nGrindle Works – builds pumps. The startup received €1.1 million in grant funding.';
    expect(brief(text).map((d) => d.company)).toEqual(['Grindle Works']);
  });
});

describe('back-references', () => {
  it('resolves descriptive noun phrases to the company named earlier', () => {
    expect(brief('Talvik Bank Ltd shares rose on Friday, after the online bank raised $300 million in an IPO.')[0]).toMatchObject({
      company: 'Talvik Bank Ltd',
      round: 'ipo',
      amount: '$300 million',
    });
    expect(
      brief('Orrin Health declined to comment. The Denver, Colorado-based company raised $12 million in a Series A last week.')[0],
    ).toMatchObject({ company: 'Orrin Health', round: 'series_a' });
  });

  it('reads "is discussing to raise" with the possessive owner dropped', () => {
    expect(
      run("Jane Doe's Vexil AI is discussing to raise $2 billion, a newswire reported, citing a person familiar with the matter.")[0],
    ).toMatchObject({ company: 'Vexil AI', status: 'rumored', amountText: '$2 billion' });
  });
});

describe('deal constructions', () => {
  it('keeps status and investors inside each clause of a two-deal sentence', () => {
    const deals = run(
      'Grovewell is reportedly leading a $90 million round in Pemberly Motors, while Ostwind raised $20 million in a round led by Halyard Capital, a trade site reported.',
    );
    expect(deals.map((d) => [d.company, d.status, d.investors.map((i) => i.name)])).toEqual([
      ['Ostwind', 'announced', ['Halyard Capital']],
      ['Pemberly Motors', 'rumored', ['Grovewell']],
    ]);
  });

  it('reads a rival named through a possessive, and two acquisition targets', () => {
    expect(
      brief("Tarnhelm, which recently led a $700 million round in Orbis Motors' rival Veloz, declined to comment.").map((d) => d.company),
    ).toEqual(['Veloz']);
    expect(
      run(
        'The Northern Payments Alliance is to acquire Danish payment scheme Kroner Pay and Swishly, the wallet app run by several banks.',
      ).map((d) => [d.company, d.round, d.country]),
    ).toEqual([
      ['Kroner Pay', 'acquisition', 'DK'],
      ['Swishly', 'acquisition', null],
    ]);
  });

  it('reads investors who "have funded" a company, offerings named by size, and rounds "with a $X seed round"', () => {
    expect(
      brief('Fenwick Partners and Orla Capital have funded Trellis, a Lagos payments startup, as part of a Series C deal of $60 million.'),
    ).toEqual([{ company: 'Trellis', round: 'series_c', amount: '$60 million' }]);
    expect(brief('Shares of Kavach Metals Refining rose on debut. The Rs 800-crore initial share sale was subscribed 20 times.')).toEqual([
      { company: 'Kavach Metals Refining', round: 'ipo', amount: 'Rs 800-crore' },
    ]);
    expect(
      brief('Hopwise makes maps for hikers. Today the company came out of beta with a $2 million seed round from Alder Ventures.'),
    ).toEqual([{ company: 'Hopwise', round: 'seed', amount: '$2 million' }]);
  });

  it('does not count an IPO anchor book as a deal of its own', () => {
    expect(brief('Kavach Metals Refining raised Rs 300 crore from anchor investors ahead of its IPO.')).toEqual([]);
  });

  it('reads a money-less round led by a named investor', () => {
    expect(
      run('In May, Quillon co-led an angel investment round into Shenzhen-based Mossgrid, a chip startup.').map((d) => [
        d.company,
        d.round,
        d.country,
        d.investors,
      ]),
    ).toEqual([['Mossgrid', 'angel', 'CN', [{ name: 'Quillon', lead: true }]]]);
  });
});

describe('deal kinds and lower-case brands', () => {
  it('reads going public, take-privates and takeover bids', () => {
    expect(
      run(
        'Electric-boat maker Vessa will go public through a merger with a blank check company at a $1.2 billion valuation, the companies said.',
      ).map((d) => [d.company, d.round, d.valuationText]),
    ).toEqual([['Vessa', 'ipo', '$1.2 billion']]);
    expect(
      run('Harwick Partners plans to take lab equipment company Tessaly private at a $900 million valuation.').map((d) => [
        d.company,
        d.round,
        d.investors.map((i) => i.name),
      ]),
    ).toEqual([['Tessaly', 'private_equity', ['Harwick Partners']]]);
    expect(brief('Orvane received a revised takeover bid from Lumon Corp for 120 francs a share.')).toEqual([
      { company: 'Orvane', round: 'acquisition', amount: null },
    ]);
  });

  it('reads an employee share buyback as a secondary, and an IPO told by its prospectus', () => {
    expect(
      brief(
        'Quickpay, the Pune-based fintech, on Thursday announced its second ESOP (employee stock option plan) buyback programme worth $8 million.',
      ),
    ).toEqual([{ company: 'Quickpay', round: 'secondary', amount: '$8 million' }]);
    expect(brief('Vaporo plans to raise HK$2.1 billion before the over-allotment option.')[0]).toMatchObject({
      company: 'Vaporo',
      round: 'ipo',
    });
    expect(brief('Lakeline Retail announced a $400 million share buyback.')).toEqual([]);
  });

  it('reads lower-case brands after their kind', () => {
    expect(brief('Chilean challenger bank, plata, has raised $30 million in a Series A round.')[0]).toMatchObject({
      company: 'plata',
      round: 'series_a',
    });
    expect(brief('Peruvian neobank yapo raises $12m in seed funding.')[0]).toMatchObject({ company: 'yapo', round: 'seed' });
  });

  it('resolves "It" to the subject of the paragraph, and reads the headline as a unit', () => {
    const text =
      'Leeds-based Corvel has raised £4 million in a seed round.\n\nLisbon-based biotech Algaria is turning seaweed into plastics. It has raised $9 million to build a plant.';
    expect(brief(text).map((d) => d.company)).toEqual(['Corvel', 'Algaria']);
    expect(brief('Analysts expect more deals this year.', 'Kettlebird raises $3M seed round from Ashgrove')).toEqual([
      { company: 'Kettlebird', round: 'seed', amount: '$3M' },
    ]);
  });

  it('reads "raised a total of X from A and B" as one raise', () => {
    expect(brief('Kumo Bio said it has raised a total of 2 billion yen from Sakura Ventures and others.')).toEqual([
      { company: 'Kumo Bio', round: 'series_unknown', amount: '2 billion yen' },
    ]);
  });
});

describe('confidence', () => {
  it('is a probability from the fitted model: fuller evidence scores higher', async () => {
    const { score, FEATURES } = await import('../../../src/extract/offline/confidence.js');
    const none = Object.fromEntries(FEATURES.map((f) => [f, 0])) as unknown as Parameters<typeof score>[0];
    const full = { ...none, amount: 1, namedRound: 1, investors: 1, country: 1 };
    expect(score(none)).toBeGreaterThan(0);
    expect(score(full)).toBeLessThan(1);
    expect(score(full)).toBeGreaterThan(score(none));
    // The engine reports exactly the model's probability for each deal's features.
    const { extractWithFeatures } = await import('../../../src/extract/offline/index.js');
    const [found] = extractWithFeatures({
      url: 'u',
      title: null,
      text: 'Quorra raised $4 million in a seed round led by Fenlow.',
      publishedAt: null,
    });
    expect(found!.deal.confidence).toBe(Math.round(score(found!.features) * 100) / 100);
  });

  it('fits weights that separate right from wrong deals', async () => {
    const { fit: fitModel } = await import('../../../src/eval/fit-confidence.js');
    const { score, FEATURES } = await import('../../../src/extract/offline/confidence.js');
    const base = Object.fromEntries(FEATURES.map((f) => [f, 0])) as unknown as Parameters<typeof score>[0];
    const good = { ...base, amount: 1, namedRound: 1 };
    const bad = { ...base, resolved: 1, headingOnly: 1 };
    const data = [...Array(30)]
      .map(() => ({ x: good, y: 1 }))
      .concat(
        [...Array(10)].map(() => ({ x: bad, y: 0 })),
        [{ x: bad, y: 1 }],
      );
    const w = fitModel(data, 0.001, 2000, 1);
    expect(score(good, w)).toBeGreaterThan(0.9);
    expect(score(bad, w)).toBeLessThan(0.3);
  });
});

describe('talks, reported speech and valuations', () => {
  it('reads "is believed to be in discussions with X to raise" as a rumour about the subject', () => {
    expect(
      run('Wallet company Paymo is believed to be in discussions with Japanese group Kiritsu to raise over USD 500 million.').map((d) => [
        d.company,
        d.status,
      ]),
    ).toEqual([['Paymo', 'rumored']]);
  });

  it('reads "said it has raised" and a valuation of a described company', () => {
    expect(brief('Norita Bio Inc., based in Sendai, said it has raised 3 billion yen from Hanami Capital.')[0]).toMatchObject({
      company: 'Norita Bio Inc',
    });
    const [d] = run('Tollway is raising $200 million. The deal will value the Orbit-backed Tollway at over $2 billion.');
    expect(d?.valuationText).toBe('$2 billion');
  });

  it('does not extend a name with a product written after "the"', () => {
    expect(
      brief('Velora will go public on Nasdaq after raising $300 million. Proceeds fund the Velora Arrow sedan.').map((d) => d.company),
    ).toEqual(['Velora']);
  });
});

describe('investors', () => {
  it('reads inverted leads, "comes from", parentheticals and descriptions before investor names', () => {
    const [d] = run(
      'Brindle, a map app, has raised a £600,000 seed round. Leading the round is Leeds VC Copperfield Capital, with participation from Marlow (the media group) and angel investors including Ada Venn (founder of Kite). Part of the investment also comes from the Northern Growth Fund.',
    );
    expect(d?.investors).toEqual([
      { name: 'Copperfield Capital', lead: true },
      { name: 'Marlow', lead: false },
      { name: 'Ada Venn', lead: false },
      { name: 'Northern Growth Fund', lead: false },
    ]);
    const [e] = run('Tidepool raised $5 million in a round led by Hanover Motor arm Hanover Finance.');
    expect(e?.investors).toEqual([{ name: 'Hanover Finance', lead: true }]);
  });

  it('reads a corporation earmarking money on a startup', () => {
    expect(
      brief('The telecom operator Kestrel is earmarking 3 billion won on Moonlit Studios, a webtoon maker.').map((d) => d.company),
    ).toEqual(['Moonlit Studios']);
  });
});

describe('raises without an amount', () => {
  it('reads "is raising more funds" as talks, and drops "X-backed" before a name', () => {
    expect(
      run('Australian fintech Paloma is raising more funds from investors, its co-founder confirmed.').map((d) => [
        d.company,
        d.status,
        d.amountText,
      ]),
    ).toEqual([['Paloma', 'in_talks', null]]);
    expect(brief('Film star-backed Zephyr Cabs raises funding from Alpine Angels.').map((d) => d.company)).toEqual(['Zephyr Cabs']);
    expect(brief('The startup raised concerns about the rules.')).toEqual([]);
  });
});

describe('past acquisitions', () => {
  it('reads "bought X last year, shelling out £Y" as a background acquisition', () => {
    expect(
      run('Hexagram bought Pixelry last year for a similar amount, reportedly shelling out £400 million for the photo app.').map((d) => [
        d.company,
        d.round,
        d.amountText,
        d.background,
        d.status,
      ]),
    ).toEqual([['Pixelry', 'acquisition', '£400 million', true, 'announced']]);
  });
});

describe('title-case headlines and money-less rounds', () => {
  it('takes the company of a title-case headline for "the company" in the body', () => {
    expect(
      brief(
        'Oslo has many startups. Today the company left beta with a $2 million seed round from Fjell Ventures.',
        'Made in Oslo, Tindra Raises Capital from US Investors',
      ),
    ).toEqual([{ company: 'Tindra', round: 'seed', amount: '$2 million' }]);
  });

  it('reads "invested … in a Series C funding of <described> X" without an amount', () => {
    expect(
      run('Marrow Capital has invested multi-millions in a Series C funding of Polish freight and delivery firm Kolejka in Gdansk.').map(
        (d) => [d.company, d.round, d.investors],
      ),
    ).toEqual([['Kolejka', 'series_c', [{ name: 'Marrow Capital', lead: false }]]]);
  });

  it('does not take a place opening the article for the company', () => {
    expect(brief('South Korea’s outlook is mixed. The startup raised $4 million in a seed round.')).toEqual([]);
  });
});

describe('investor names in roundups', () => {
  it('drops descriptions, "-driven" words and the reporting outlet from investor lists', () => {
    const [d] = run(
      'Ferngrove has raised $9 million in a Series A led by Tallis Capital. Online furniture company Oakbridge Homes joined in.',
    );
    expect(d?.investors).toEqual([
      { name: 'Tallis Capital', lead: true },
      { name: 'Oakbridge Homes', lead: false },
    ]);
    const [e] = run('Quibble, a Lyon-based startup with AI-driven tools, has raised $3 million in seed funding.');
    expect(e?.investors).toEqual([]);
    const [f] = run(
      'Rivulet has raised $2 million. The company raised this capital from Heron Angels and Dune Ventures, Startup Wire reported.',
    );
    expect(f?.investors.map((i) => i.name)).toEqual(['Heron Angels', 'Dune Ventures']);
  });
});
