/**
 * Articles reporting several deals: each investor phrase belongs to the deal whose anchor is
 * nearest (same clause, else earlier in the same paragraph or list item), never to a deal across a
 * heading or list-item boundary; history rounds keep their own investors. Fictional companies and
 * funds, sentences of our own.
 */
import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../../src/extract/offline/index.js';

const deals = (text: string, title: string | null = null) =>
  extractOffline({ url: 'https://example.test/a', title, text, publishedAt: '2026-03-02' }).deals;

/** Company → its investors (lead marked "*"), current deals only unless `all`. */
function byCompany(text: string, title: string | null = null, all = false): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of deals(text, title)) {
    if (d.background && !all) continue;
    out[d.company] = d.investors.map((i) => (i.lead ? `${i.name}*` : i.name));
  }
  return out;
}

describe('investor attribution in multi-deal articles', () => {
  it("keeps each roundup bullet's investors to its own company", () => {
    const text = [
      'Funding roundup: the week in climate software.',
      '• Tessaly raised $12 million in a Series A. The round was led by Hollin Ventures, with Marrow Bay Capital joining.',
      '• Quorvia closed a $4 million seed round. Pinecrest Angels and Odal Fund participated.',
      '• Brightmere secured $20 million in Series B funding.',
    ].join('\n\n');
    const got = byCompany(text);
    expect(got.Tessaly).toEqual(['Hollin Ventures*', 'Marrow Bay Capital']);
    expect(got.Quorvia).toEqual(['Pinecrest Angels', 'Odal Fund']);
    // The last bullet names no backer: nothing spills into it from the bullets above.
    expect(got.Brightmere).toEqual([]);
  });

  it('reads a newsletter of three items, each under its own heading', () => {
    const text = [
      'Deals we are watching',
      'Calvora',
      'Calvora, a freight analytics startup, has raised $9 million in a Series A.',
      'Ashvale Partners led the round.',
      'Nimbrel',
      'Nimbrel has closed a $2.5 million pre-seed round.',
      'Existing backer Tern Capital also invested.',
      'Drovik',
      'Drovik raised $40 million in Series C funding.',
      'The company will use the money to hire engineers.',
    ].join('\n\n');
    const got = byCompany(text);
    expect(got.Calvora).toEqual(['Ashvale Partners*']);
    expect(got.Nimbrel).toEqual(['Tern Capital']);
    expect(got.Drovik).toEqual([]);
  });

  it("keeps a one-deal story's investors off the other deals its last paragraph lists", () => {
    const text = [
      'Orvelle, a Berlin-based maker of battery diagnostics, has raised €15 million in a Series A round led by Stellan Capital.',
      'Quillmark Ventures and Fenbrook also participated in the round.',
      'The company plans to open an office in Madrid next year.',
      'Elsewhere in the sector, Paxtide raised €6 million in a seed round, and Verrow closed a €3 million seed round from Gallin Partners.',
    ].join('\n\n');
    const got = byCompany(text);
    expect(got.Orvelle).toEqual(['Stellan Capital*', 'Quillmark Ventures', 'Fenbrook']);
    expect(got.Paxtide ?? []).toEqual([]);
    expect(got.Verrow).toEqual(['Gallin Partners']);
  });

  it('splits two deals in one sentence by clause', () => {
    const got = byCompany(
      'Ambrel raised $5 million in a round led by Kestrow Ventures, while Sidlow closed a $3 million seed round from Yarrow Capital.',
    );
    expect(got.Ambrel).toEqual(['Kestrow Ventures*']);
    expect(got.Sidlow).toEqual(['Yarrow Capital']);
  });

  it("stops a deal's clause where another company's raise begins, even one it cannot read as a deal", () => {
    const got = byCompany('Ambrel raised $5 million led by Kestrow Ventures, while Sidlow closed $3 million from Yarrow Capital.');
    expect(got.Ambrel).toEqual(['Kestrow Ventures*']);
    if (got.Sidlow) expect(got.Sidlow).toEqual(['Yarrow Capital']);
  });

  it(`attaches "X led Acme's round" to Acme, in its own sentence and in a shared one`, () => {
    const one = byCompany(
      ['Halvern has raised $18 million in a Series A.', "Corbel Ventures led Torvane's $5 million seed round."].join('\n\n'),
    );
    expect(one.Halvern).toEqual([]);
    expect(one.Torvane).toEqual(['Corbel Ventures*']);
    const two = byCompany(
      "Hollin Ventures led Tessaly's $12 million Series A, while Pinecrest Angels backed Quorvia's $4 million seed round.",
    );
    expect(two.Tessaly).toEqual(['Hollin Ventures*']);
    expect(two.Quorvia).toEqual(['Pinecrest Angels']);
  });

  it(`attaches "Acme's round was led by X" to Acme, not to the story's deal`, () => {
    const text = [
      'Halvern has raised $18 million in a Series A led by Corbel Ventures.',
      'In other news, Torvane raised a $5 million seed round last week.',
      "Torvane's round was led by Millbrook Partners.",
    ].join('\n\n');
    const got = byCompany(text);
    expect(got.Halvern).toEqual(['Corbel Ventures*']);
    expect(got.Torvane).toEqual(['Millbrook Partners*']);
  });

  it('never carries backers across a list-item boundary into the next item', () => {
    const text = [
      '• Tessaly raised $12 million in a Series A.',
      '• Quorvia, a payments startup, is hiring. Its backers include Pinecrest Angels.',
      '• Brightmere secured $20 million in Series B funding.',
    ].join('\n\n');
    const got = byCompany(text);
    expect(got.Tessaly).toEqual([]);
    expect(got.Brightmere).toEqual([]);
  });

  it('keeps an unbulleted paragraph under a numbered item with that item', () => {
    const text = [
      '1. Tessaly raised $12 million in a Series A.',
      'The round was led by Hollin Ventures.',
      '2. Quorvia raised $4 million in a seed round.',
      'Pinecrest Angels and Odal Fund participated.',
    ].join('\n\n');
    const got = byCompany(text);
    expect(got.Tessaly).toEqual(['Hollin Ventures*']);
    expect(got.Quorvia).toEqual(['Pinecrest Angels', 'Odal Fund']);
  });

  it('gives a paragraph about another company its own backers, not the deal above', () => {
    const text = [
      'Tessaly raised $12 million in a Series A.',
      'Quorvia is a payments startup in Leeds. Backers include Pinecrest Angels and Odal Fund.',
    ].join('\n\n');
    expect(byCompany(text).Tessaly).toEqual([]);
  });

  it("leaves a background round's investors with that round", () => {
    const text = [
      'Pellory has raised $25 million in a Series B led by Ridgeway Growth.',
      'The startup raised a $6 million Series A in 2024, which was led by Ostra Ventures.',
    ].join('\n\n');
    const current = deals(text).filter((d) => !d.background);
    expect(current).toHaveLength(1);
    expect(current[0]!.investors.map((i) => i.name)).toEqual(['Ridgeway Growth']);
  });

  it('gives "X led that round" to the earlier round it follows, not the news', () => {
    const text = [
      'Tessaly raised $12 million in a Series A led by Hollin Ventures.',
      'Last month Quorvia raised a $4 million seed round. Pinecrest Angels led that round.',
    ].join('\n\n');
    const got = byCompany(text, null, true);
    expect(got.Tessaly).toEqual(['Hollin Ventures*']);
    expect(got.Quorvia).toEqual(['Pinecrest Angels*']);
  });

  it('negatives: a paragraph about another company without a deal lends it no investors', () => {
    const text = [
      'Sorrel Labs has raised $7 million in a seed round.',
      'Rival Kindra, which is backed by Halcyon Fund, sells a similar product.',
    ].join('\n\n');
    expect(byCompany(text)['Sorrel Labs']).toEqual([]);
  });
});
