import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, resolveUrl } from '../../src/fetch/url.js';

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTPS://Example.COM:443/a/B?utm_source=x&b=2&a=1#frag', 'https://example.com/a/B?a=1&b=2'],
    ['http://example.com:80', 'http://example.com/'],
    ['http://example.com:8080/x', 'http://example.com:8080/x'],
    [
      'https://example.com/p?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=5&ref_src=6&igshid=7&_hsenc=8&_hsmi=9&yclid=10',
      'https://example.com/p',
    ],
    ['https://example.com/p?UTM_Medium=x&id=3', 'https://example.com/p?id=3'],
    ['https://example.com/index.html', 'https://example.com/index.html'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
    ['  https://example.com/a?z=1&a=2&a=1  ', 'https://example.com/a?a=2&a=1&z=1'],
    ['https://example.com/a?q=hello%20world', 'https://example.com/a?q=hello+world'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = canonicalizeUrl('https://Ex.com/a?b=1&a=2&utm_x=3#h');
    expect(canonicalizeUrl(once)).toBe(once);
  });

  it('throws on relative or garbage input', () => {
    expect(() => canonicalizeUrl('/relative')).toThrow(TypeError);
    expect(() => canonicalizeUrl('not a url')).toThrow(TypeError);
  });
});

describe('resolveUrl', () => {
  const base = 'https://example.com/news/list';
  it.each([
    ['story', 'https://example.com/news/story'],
    ['/abs', 'https://example.com/abs'],
    ['//cdn.example.org/x', 'https://cdn.example.org/x'],
    [' https://other.example/a ', 'https://other.example/a'],
  ])('%s → %s', (href, expected) => {
    expect(resolveUrl(href, base)).toBe(expected);
  });

  it.each([null, undefined, '', '   ', '#top', 'javascript:alert(1)', 'mailto:a@b.c', 'data:text/html,x', 'http://[::1'])(
    'returns null for %s',
    (href) => {
      expect(resolveUrl(href, base)).toBeNull();
    },
  );

  it('returns null when the base itself is garbage', () => {
    expect(resolveUrl('x', 'not a base')).toBeNull();
  });
});
