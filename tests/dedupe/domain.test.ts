import { describe, expect, it } from 'vitest';
import { linkedDomain, siteLabel } from '../../src/dedupe/company.js';

// The company's domain when the article links it: a pure rule over the article's outbound links.
const none = { hosts: [] as string[], investorNames: [] as string[] };
const link = (href: string, text = '') => ({ href, text });

describe('siteLabel', () => {
  it('finds the label that names the site, two-part country suffixes included', () => {
    expect(siteLabel('www.tallowby.ie')).toBe('tallowby');
    expect(siteLabel('app.brisaloop.io')).toBe('brisaloop');
    expect(siteLabel('harlowkiln.co.nz')).toBe('harlowkiln');
    expect(siteLabel('quillon.com.au')).toBe('quillon');
  });
});

describe('linkedDomain', () => {
  it('takes a link whose site label spells the name, with or without generic suffixes and spaces', () => {
    expect(linkedDomain('Harlow Kiln', [link('https://www.harlowkiln.co.nz/about')], none)).toBe('harlowkiln.co.nz');
    expect(linkedDomain('Brisa Loop Technologies', [link('https://getbrisaloop.com/')], none)).toBe('getbrisaloop.com');
    expect(linkedDomain('Ha-neul Robotics', [link('https://haneulrobotics.kr/')], none)).toBe('haneulrobotics.kr');
  });

  it('takes a home page linked under the company name, but not a deeper page elsewhere', () => {
    expect(linkedDomain('Tallowby', [link('https://tlwb.example/', 'Tallowby')], none)).toBe('tlwb.example');
    expect(linkedDomain('Tallowby', [link('https://othernews.example/2026/01/tallowby-raises', 'Tallowby')], none)).toBeNull();
  });

  it('ignores social networks, the publisher and investors', () => {
    const social = [link('https://www.linkedin.com/company/tallowby', 'Tallowby'), link('https://x.com/tallowby', 'Tallowby')];
    expect(linkedDomain('Tallowby', social, none)).toBeNull();
    expect(
      linkedDomain('Ledger', [link('https://ledger.example/', 'Ledger')], { hosts: ['www.ledger.example'], investorNames: [] }),
    ).toBeNull();
    // The investor's site named like the company's first word: not the company's.
    const investor = [link('https://northgate.vc/', 'Northgate Ventures'), link('https://northgatelabs.io/', 'Northgate Labs')];
    expect(linkedDomain('Northgate Labs', investor, { hosts: [], investorNames: ['Northgate Ventures'] })).toBe('northgatelabs.io');
    expect(linkedDomain('Northgate', [link('https://northgate.vc/', 'Northgate')], { hosts: [], investorNames: ['Northgate'] })).toBeNull();
  });

  it('is null when no link names the company', () => {
    expect(linkedDomain('Tallowby', [link('https://example.org/', 'a report')], none)).toBeNull();
    expect(linkedDomain('Tallowby', [], none)).toBeNull();
  });
});
