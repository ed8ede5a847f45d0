import { createHash } from 'node:crypto';

const WORD_RE = /[\p{L}\p{N}]+/gu;
/** Lowercased words: punctuation, case and whitespace differences don't change a fingerprint. */
function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD_RE) ?? [];
}

/** sha256 (hex) of the whitespace/case-normalised text: equal for exact copies of an article. */
export function contentHash(text: string): string {
  const normalised = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Two independent 32-bit string hashes (FNV-1a and a murmur-style multiply), finalised. */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [mix32(a), mix32(b)];
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * 64-bit simhash (16 hex digits) over word 4-shingles. Copies that differ in a small part (a
 * syndication header, a changed footer) land within a few bits of each other.
 */
export function simhash(text: string): string {
  const tokens = words(text);
  const n = 4;
  const counts = new Int32Array(64);
  const shingleCount = tokens.length >= n ? tokens.length - n + 1 : tokens.length > 0 ? 1 : 0;
  for (let i = 0; i < shingleCount; i++) {
    const [hi, lo] = hash64(tokens.slice(i, i + n).join(' '));
    for (let bit = 0; bit < 32; bit++) {
      counts[bit]! += (hi >>> bit) & 1 ? 1 : -1;
      counts[bit + 32]! += (lo >>> bit) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (counts[bit]! > 0) hi |= 1 << bit;
    if (counts[bit + 32]! > 0) lo |= 1 << bit;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

const SIMHASH_RE = /^[0-9a-f]{16}$/i;

/** Number of differing bits between two simhashes; throws TypeError on anything but 16 hex digits. */
export function hammingDistance(a: string, b: string): number {
  for (const h of [a, b]) {
    if (!SIMHASH_RE.test(h)) throw new TypeError(`not a 64-bit hex simhash: ${JSON.stringify(h)}`);
  }
  const half = (h: string, i: number): number => Number.parseInt(h.slice(i, i + 8), 16);
  return popcount32(half(a, 0) ^ half(b, 0)) + popcount32(half(a, 8) ^ half(b, 8));
}
/** True when two simhashes are within `maxDistance` bits: the same article, lightly edited. */
export function isNearDuplicate(a: string, b: string, maxDistance = 3): boolean {
  return hammingDistance(a, b) <= maxDistance;
}
