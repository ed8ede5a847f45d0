import { describe, expect, it } from 'vitest';
import { cleanCompanyName, companyKey, investorKey } from '../../src/normalise/company.js';
import { normaliseRound } from '../../src/normalise/round.js';

describe('cleanCompanyName', () => {
  it.each([
    ['Acme', 'Acme'],
    ['Berlin-based startup Acme', 'Acme'],
    ['the Berlin-based fintech company Trade Republic Bank GmbH', 'Trade Republic Bank'],
    ['fintech Revolut', 'Revolut'],
    ['Fintech Revolut', 'Revolut'],
    ['AI startup Mistral AI', 'Mistral AI'],
    ['German fintech startup N26', 'N26'],
    ["London's Acme", 'Acme'],
    ["Acme's", 'Acme'],
    ['Acme GmbH', 'Acme'],
    ['Acme, Inc.', 'Acme'],
    ['Acme Inc', 'Acme'],
    ['Acme Ltd.', 'Acme'],
    ['Acme Limited', 'Acme'],
    ['Acme LLC', 'Acme'],
    ['Acme AG', 'Acme'],
    ['Acme SA', 'Acme'],
    ['Acme SAS', 'Acme'],
    ['Société Générale S.A.', 'Société Générale'],
    ['Acme BV', 'Acme'],
    ['Acme B.V.', 'Acme'],
    ['Adyen N.V.', 'Adyen'],
    ['Wolt Oy', 'Wolt'],
    ['Spotify AB', 'Spotify'],
    ['Acme ApS', 'Acme'],
    ['Acme AS', 'Acme'],
    ['Acme Pty Ltd', 'Acme'],
    ['Acme Pvt. Ltd.', 'Acme'],
    ['Acme Private Limited', 'Acme'],
    ['Acme plc', 'Acme'],
    ['Acme Corp', 'Acme'],
    ['Acme Co.', 'Acme'],
    ['"Acme Labs".', 'Acme Labs'],
    ['“Acme”,', 'Acme'],
    ['Goldman Sachs-backed startup Acme', 'Acme'],
    ['growth equity firm General Atlantic', 'General Atlantic'],
    ['Platform Nine', 'Platform Nine'],
    ['GmbH', 'GmbH'],
    ['Inc.', 'Inc'],
  ])('%s → %s', (raw, clean) => {
    expect(cleanCompanyName(raw)).toBe(clean);
  });
});

describe('companyKey', () => {
  it('equates names differing only in case, accents, punctuation and legal suffixes', () => {
    const groups = [
      ['Acme', 'ACME Inc.', 'acme, inc', 'Acme Ltd', 'Acme GmbH', 'Acme B.V.', 'Acme Pty. Ltd.', 'Acme  Corp.'],
      ['Société Générale', 'Societe Generale S.A.', 'SOCIÉTÉ GÉNÉRALE SA'],
      ['AT&T', 'AT & T Inc.'],
    ];
    for (const group of groups) expect(new Set(group.map(companyKey)).size, group.join(' | ')).toBe(1);
    expect(companyKey('Acme Inc.')).toBe('acme');
    expect(companyKey('Acme Labs')).not.toBe(companyKey('Acme'));
  });

  it('keeps a name that is only a legal form', () => {
    expect(companyKey('Inc.')).toBe('inc');
  });

  it('is the investor key too', () => {
    expect(investorKey('Sequoia Capital, LLC')).toBe(investorKey('sequoia capital'));
  });
});

describe('normaliseRound', () => {
  it.each([
    ['Series A', 'series_a'],
    ['series-b', 'series_b'],
    ['SERIES C', 'series_c'],
    ['Series A extension', 'series_a'],
    ['Series B+', 'series_b'],
    ['Series A1', 'series_a'],
    ['Series J', 'series_j'],
    ['series_d', 'series_d'],
    ['Seed+', 'seed'],
    ['seed round', 'seed'],
    ['seed extension', 'seed'],
    ['pre-seed', 'pre_seed'],
    ['Pre Seed', 'pre_seed'],
    ['pre-Series A', 'seed'],
    ['angel round', 'angel'],
    ['growth round', 'series_unknown'],
    ['Series', 'series_unknown'],
    ['funding round', 'series_unknown'],
    ['bridge round', 'series_unknown'],
    ['debt financing', 'debt'],
    ['venture debt', 'debt'],
    ['credit facility', 'debt'],
    ['convertible note', 'convertible_note'],
    ['SAFE', 'convertible_note'],
    ['grant', 'grant'],
    ['EU subsidy', 'grant'],
    ['strategic investment', 'strategic'],
    ['private equity', 'private_equity'],
    ['buyout', 'private_equity'],
    ['secondary sale', 'secondary'],
    ['tender offer', 'secondary'],
    ['IPO', 'ipo'],
    ['initial public offering', 'ipo'],
    ['acquired', 'acquisition'],
    ['acquisition', 'acquisition'],
    ['undisclosed', 'undisclosed'],
  ])('%s → %s', (text, round) => {
    expect(normaliseRound(text)).toBe(round);
  });

  it('returns null when nothing names a kind of deal; an unknown letter is an unlettered series', () => {
    expect(normaliseRound('')).toBeNull();
    expect(normaliseRound('hello world')).toBeNull();
    expect(normaliseRound('Series Z')).toBe('series_unknown');
  });
});
