/** Constructions seen in published news, each on sentences of our own about fictional companies. */
import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../../src/extract/offline/index.js';

const deals = (text: string, title: string | null = null) =>
  extractOffline({ url: 'https://example.test/a', title, text, publishedAt: '2026-03-02' }).deals;
const brief = (text: string, title: string | null = null) =>
  deals(text, title).map((d) => ({ company: d.company, amount: d.amountText, ...(d.background ? { background: true } : {}) }));

describe('offline rules on real-world wording', () => {
  it('reads a roundup participle and the subjects that share its verb', () => {
    expect(
      brief('Logistics had a strong quarter, with startups Trellomo landing $9 million and Quibbit, $4 million, from local funds.'),
    ).toEqual([
      { company: 'Trellomo', amount: '$9 million' },
      { company: 'Quibbit', amount: '$4 million' },
    ]);
    expect(brief('Zorvane raised $12 million, Palquist $6 million and Dremont $2 million.')).toEqual([
      { company: 'Zorvane', amount: '$12 million' },
      { company: 'Palquist', amount: '$6 million' },
      { company: 'Dremont', amount: '$2 million' },
    ]);
    // A figure compared with an earlier one is not another company's deal.
    expect(brief('Zorvane raised $12 million, up from $6 million in 2024.')).toEqual([{ company: 'Zorvane', amount: '$12 million' }]);
  });

  it('reads "X’s $N deal from Y" as X’s deal', () => {
    // Told in a March article, "closed in May" is last May's deal: history.
    expect(brief('Meanwhile, edtech startup Brindle’s $3 million deal from Oakhollow Capital closed in May.')).toEqual([
      { company: 'Brindle', amount: '$3 million', background: true },
    ]);
  });

  it('resolves "the startup" to the company the previous sentence introduces', () => {
    expect(
      brief(
        'The year saw big cheques, with names like Vextora, which opened a London office in spring. The startup announced in March that it had landed a $14 million deal.',
      ),
    ).toEqual([{ company: 'Vextora', amount: '$14 million' }]);
  });

  it('resolves a subordinate "it" to the sentence subject, not to a company named earlier', () => {
    const out = brief(
      'Glimmerfin may buy payments firm Tolloway as part of the deal. Glimmerfin, which counts Orbeck as a shareholder, was valued at $2 billion last year when it had raised $60 million from Orbeck.',
    );
    expect(out).toContainEqual({ company: 'Glimmerfin', amount: '$60 million', background: true });
    expect(out.find((d) => d.company === 'Tolloway')?.amount ?? null).toBeNull();
  });

  it('reads a subject whose appositive the writer never closed', () => {
    expect(
      deals(
        'Harrowgate Media Ltd, the Leeds-based privately held publisher received a takeover offer from Bluewick Inc for $90 million.',
      ).map((d) => [d.company, d.round]),
    ).toEqual([['Harrowgate Media Ltd', 'acquisition']]);
  });

  it('names the company as the article usually writes it', () => {
    // A service name written twice, the company's short name three times on its own.
    const text =
      'The operator of grocery app Basket Plumo has attracted $20 million from investors. Basket Plumo is popular with commuters. ' +
      'Plumo said the money would fund a warehouse. Plumo said demand had doubled, and Plumo plans to hire.';
    expect(brief(text).map((d) => d.company)).toEqual(['Plumo']);
    // A generic tail the article mostly leaves off.
    expect(
      brief(
        'Drayford agreed to buy Kestrel Power for £40 million. Kestrel Power Group Ltd supplies small firms. Kestrel Power has 90 staff.',
      ).map((d) => d.company),
    ).toEqual(['Kestrel Power']);
    // A short form inside another name does not count as the company's own.
    expect(brief('The Office of Energy awarded $5 million to Lumen Energy. Lumen Energy builds batteries.').map((d) => d.company)).toEqual([
      'Lumen Energy',
    ]);
  });

  it('reads an acquisition target named before a buyer whose verb has no object', () => {
    const out = deals(
      'Bravado is growing: Atlaspine, the Taiwanese site Bravado snapped up, launched in August. Vantor, which Bravado bought in 2019, has 50 staff.',
    );
    expect(out.map((d) => [d.company, d.round, d.background ?? false])).toEqual([
      ['Atlaspine', 'acquisition', false],
      ['Vantor', 'acquisition', true],
    ]);
  });

  it('treats a received takeover bid as talks, not a done deal', () => {
    expect(deals('Quorrel received a revised takeover bid from Helmsby for $40 million.').map((d) => [d.company, d.status])).toEqual([
      ['Quorrel', 'in_talks'],
    ]);
  });

  it('reads an earlier round named by its year as background', () => {
    const out = deals('Brackwater plans to take logistics company Yorvane private. Marsh led Yorvane through its 2021 IPO.');
    expect(out.map((d) => [d.company, d.round, d.background ?? false])).toContainEqual(['Yorvane', 'ipo', true]);
  });

  it('dates history by the date the text gives it, never by the article', () => {
    const [news, history] = deals(
      'Pemberly raised $30 million in a Series B on Monday. Pemberly had raised $8 million in August 2024 in a seed round led by Oakfen.',
    );
    expect(news).toMatchObject({ amountText: '$30 million', announcedOn: '2026-03-02' });
    expect(history).toMatchObject({ amountText: '$8 million', background: true, announcedOn: '2024-08-01' });
    const [undated] = deals('Last year, Corvex raised $5 million in a seed round.');
    expect(undated).toMatchObject({ background: true, announcedOn: null });
  });

  it('reads investor lists with a serial comma and adjectives before "investors"', () => {
    const [d] = deals(
      'Quillby has raised $45 million in a Series B round from well-known investors Harbor Lane, Brookfort Capital, and Mesa Nueva.',
    );
    expect(d?.investors.map((i) => i.name)).toEqual(['Harbor Lane', 'Brookfort Capital', 'Mesa Nueva']);
  });

  it('keeps a raise in progress apart from the earlier round it is compared with', () => {
    const out = deals(
      'Australian fintech Parrowex is raising more funds from investors. The platform was valued at $1 billion last year, after it raised $100 million from Tallow Capital.',
    );
    expect(out.map((d) => [d.company, d.status, d.amountText, d.background ?? false])).toEqual([
      ['Parrowex', 'in_talks', null, false],
      ['Parrowex', 'announced', '$100 million', true],
    ]);
  });

  it('does not take a generic "Fund" heading word for a company', () => {
    expect(
      deals('A group of founders have raised $200 million for investing in start-ups.', 'Fund eyes local start-ups with $200m'),
    ).toEqual([]);
  });

  it('names a company by the leading words the article keeps using for its long legal name', () => {
    const text =
      'Chip designer Shanghai Tenvor Intelligent Systems Co. is seeking to raise funds at a valuation of $2 billion, people familiar said. ' +
      'Tenvor wants as much as $300 million. Tenvor was founded in 2019. The startup said Tenvor would comment later.';
    expect(deals(text).map((d) => d.company)).toEqual(['Tenvor']);
  });

  it('tells the confidence model how the company was found and how well the article backs it', async () => {
    const { extractWithFeatures } = await import('../../../src/extract/offline/index.js');
    const [object] = extractWithFeatures({
      url: 'u',
      title: 'Harlow backs Quennet',
      text: 'Harlow Capital has invested $4 million in Quennet. Quennet makes sensors.',
      publishedAt: null,
    });
    expect(object!.features).toMatchObject({ objectName: 1, nameSeen: 1, inTitle: 1, roundup: 0, bare: 0 });
    const [bare] = extractWithFeatures({ url: 'u', title: null, text: 'Tamsin is raising more funds.', publishedAt: null });
    expect(bare!.features).toMatchObject({ objectName: 0, nameSeen: 0, inTitle: 0, bare: 1 });
  });
});
