import { describe, expect, it } from 'vitest';
import { MAX_WILDCARD_PATTERN_CHARS, parseRobots, productToken } from '../../src/fetch/robots.js';

const UA = 'dealflow/0.1 (+https://github.com/dealflow/dealflow)';

describe('parseRobots', () => {
  it('applies our named group instead of *', () => {
    const p = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: DealFlow\nDisallow: /private\nCrawl-delay: 2\n', UA);
    expect(p.isAllowed('/news/a')).toBe(true);
    expect(p.isAllowed('/private/x')).toBe(false);
    expect(p.crawlDelayMs).toBe(2000);
  });

  it('falls back to * and merges repeated groups', () => {
    const p = parseRobots('User-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /a\n\nUser-agent: *\nDisallow: /b\n', UA);
    expect(p.isAllowed('/a/1')).toBe(false);
    expect(p.isAllowed('/b/1')).toBe(false);
    expect(p.isAllowed('/c')).toBe(true);
  });

  it('shares rules across consecutive User-agent lines', () => {
    const p = parseRobots('User-agent: googlebot\nUser-agent: dealflow\nDisallow: /x\n', UA);
    expect(p.isAllowed('/x')).toBe(false);
  });

  it('lets the longest match win and Allow win ties', () => {
    const p = parseRobots('User-agent: *\nDisallow: /news\nAllow: /news/public\nAllow: /same\nDisallow: /same\n', UA);
    expect(p.isAllowed('/news/secret')).toBe(false);
    expect(p.isAllowed('/news/public/1')).toBe(true);
    expect(p.isAllowed('/same')).toBe(true);
  });

  it('supports * and $ patterns and queries', () => {
    const p = parseRobots('User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?sessionid=\n', UA);
    expect(p.isAllowed('/doc.pdf')).toBe(false);
    expect(p.isAllowed('/doc.pdf.html')).toBe(true);
    expect(p.isAllowed('/a?sessionid=1')).toBe(false);
    expect(p.isAllowed('/a?x=1')).toBe(true);
  });

  it('treats an empty Disallow, comments and rules outside groups as allowing', () => {
    const p = parseRobots('Disallow: /\n# comment\nUser-agent: * # all\nDisallow:\n', UA);
    expect(p.isAllowed('/anything')).toBe(true);
  });

  it('always allows /robots.txt and compares percent-encoded paths decoded', () => {
    const p = parseRobots('User-agent: *\nDisallow: /\nAllow: /caf%C3%A9\n', UA);
    expect(p.isAllowed('/robots.txt')).toBe(true);
    expect(p.isAllowed('/café')).toBe(true);
  });

  it('allows everything when no group applies', () => {
    expect(parseRobots('User-agent: somebot\nDisallow: /\n', UA).isAllowed('/')).toBe(true);
  });

  it('extracts the product token', () => {
    expect(productToken(UA)).toBe('dealflow');
    expect(productToken('Mozilla/5.0 (X11)')).toBe('mozilla');
  });
});

describe('parseRobots on hostile files', () => {
  const within = (ms: number, fn: () => void): number => {
    const started = performance.now();
    fn();
    const took = performance.now() - started;
    expect(took).toBeLessThan(ms);
    return took;
  };

  it('matches a many-wildcard pattern in linear time (no regex backtracking)', () => {
    const p = parseRobots(`User-agent: *\nDisallow: /${'*a'.repeat(12)}b\nDisallow: /x*y*z$\n`, UA);
    within(500, () => {
      expect(p.isAllowed(`/${'a'.repeat(80)}`)).toBe(true);
      expect(p.isAllowed(`/${'a'.repeat(80)}b`)).toBe(false);
      expect(p.isAllowed('/x1y2z')).toBe(false);
      expect(p.isAllowed('/x1y2z3')).toBe(true);
    });
  });

  it('bounds the wildcard work a huge file can ask for, keeping the rules within the bound', () => {
    const rules = Array.from({ length: 40_000 }, (_, i) => `Disallow: /*q*${i}`).join('\n');
    const p = parseRobots(`User-agent: *\nDisallow: /*secret\n${rules}\nDisallow: /plain-prefix\n`, UA);
    within(3000, () => {
      expect(p.isAllowed(`/${'a'.repeat(2000)}`)).toBe(true);
    });
    expect(p.isAllowed('/top/secret')).toBe(false); // within the bound
    expect(p.isAllowed('/plain-prefix/1')).toBe(false); // rules without * are always kept
    expect(MAX_WILDCARD_PATTERN_CHARS).toBeGreaterThan(1000);
  });

  it('reads Crawl-delay of the applicable group and ignores a negative one', () => {
    expect(parseRobots('User-agent: *\nCrawl-delay: 1.5\n', UA).crawlDelayMs).toBe(1500);
    expect(parseRobots('User-agent: *\nCrawl-delay: -3\n', UA).crawlDelayMs).toBeNull();
    expect(parseRobots('User-agent: dealflow\nCrawl-delay: 4\n\nUser-agent: *\nCrawl-delay: 1\nDisallow: /\n', UA)).toMatchObject({
      crawlDelayMs: 4000,
    });
  });
});
