import { describe, expect, it } from 'vitest';
import { contentHash, hammingDistance, isNearDuplicate, simhash } from '../../src/parse/fingerprint.js';

// A deterministic ~500-word article built from varied sentences (no randomness in the test).
const SUBJECTS = ['The startup', 'Its founders', 'The lead investor', 'Analysts', 'The company', 'Regulators', 'Customers', 'Rivals'];
const VERBS = ['said', 'expected', 'argued', 'confirmed', 'estimated', 'warned', 'noted', 'announced'];
const OBJECTS = [
  'that revenue tripled last year',
  'a new office in Lisbon',
  'the round was oversubscribed',
  'hiring forty engineers',
  'margins would improve',
  'a partnership with two banks',
  'growth in the logistics market',
  'a product launch in spring',
  'the valuation had doubled',
];

function article(seed: number, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const k = i * 7 + seed;
    out.push(`${SUBJECTS[k % 8]} ${VERBS[(k * 3) % 8]} ${OBJECTS[(k * 5) % 9]} in quarter ${i + seed}.`);
  }
  return out.join(' ');
}

const original = article(1, 60);

describe('contentHash', () => {
  it('ignores case and whitespace differences but not wording', () => {
    expect(contentHash(original)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(`  ${original.toUpperCase().replace(/ /g, '\n\t ')} `)).toBe(contentHash(original));
    expect(contentHash(original.replace('tripled', 'doubled'))).not.toBe(contentHash(original));
  });
});

describe('simhash', () => {
  it('is 16 hex digits and deterministic', () => {
    expect(simhash(original)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(original)).toBe(simhash(original));
    expect(simhash('')).toBe('0000000000000000');
  });

  it('flags a syndicated copy with a different header and footer as a near duplicate', () => {
    const syndicated = `(Reuters) via Wire Service. ${original} Copyright 2024 Wire Service. Read more business news.`;
    expect(contentHash(syndicated)).not.toBe(contentHash(original));
    expect(hammingDistance(simhash(original), simhash(syndicated))).toBeLessThanOrEqual(3);
    expect(isNearDuplicate(simhash(original), simhash(syndicated))).toBe(true);
  });

  it('keeps different articles apart', () => {
    const other = article(5, 60);
    expect(hammingDistance(simhash(original), simhash(other))).toBeGreaterThan(10);
    expect(isNearDuplicate(simhash(original), simhash(other))).toBe(false);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('00000000000000f1', '0000000000000001')).toBe(4);
    expect(isNearDuplicate('0000000000000000', '8000000000000007')).toBe(false);
    expect(isNearDuplicate('0000000000000000', '8000000000000007', 4)).toBe(true);
  });

  it('rejects strings that are not simhashes', () => {
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow(TypeError);
    expect(() => hammingDistance('0', '0000000000000000')).toThrow(TypeError);
  });
});
