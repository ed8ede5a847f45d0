import robotsParserModule from 'robots-parser';

// The package is CommonJS (module.exports = the function) while its types declare an ES default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsPolicy {
  isAllowed(pathAndQuery: string): boolean;
  /** Crawl-delay in milliseconds from the group that applies to us, or null. */
  crawlDelayMs: number | null;
}

export const ALLOW_ALL: RobotsPolicy = { isAllowed: () => true, crawlDelayMs: null };
export const DISALLOW_ALL: RobotsPolicy = { isAllowed: (p) => p === '/robots.txt', crawlDelayMs: null };

/** The product token robots.txt groups are matched against: "dealflow/0.1 (+…)" → "dealflow". */
export function productToken(userAgent: string): string {
  return (userAgent.trim().split(/[\s/]/)[0] ?? '').toLowerCase();
}

/**
 * Matching a wildcard rule costs about (pattern length after its first `*`) × (path length), and
 * robots.txt is written by the site. Past this many such pattern characters, further wildcard rules
 * are ignored, so a hostile file cannot hold the event loop (real files use a few thousand at most).
 */
export const MAX_WILDCARD_PATTERN_CHARS = 20_000;

function boundWildcardRules(text: string): string {
  let budget = MAX_WILDCARD_PATTERN_CHARS;
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => {
      const rule = /^\s*(?:dis)?allow\s*:([^#]*)/i.exec(line);
      const star = rule?.[1]?.indexOf('*') ?? -1;
      if (star < 0) return true;
      budget -= rule![1]!.trim().length - star;
      return budget >= 0;
    })
    .join('\n');
}

// robots-parser judges full URLs against the robots.txt URL's origin; the caller has already picked
// the origin, so both sides use this placeholder.
const ORIGIN = 'http://robots.invalid';

/**
 * Parse robots.txt (RFC 9309) with robots-parser: the groups naming our product token apply, else
 * the `*` groups (merged when repeated); the longest matching pattern wins, Allow wins ties; `*`
 * and a trailing `$` are supported and percent-encoding is normalised. /robots.txt is always allowed.
 */
export function parseRobots(text: string, userAgent: string): RobotsPolicy {
  const robots = robotsParser(`${ORIGIN}/robots.txt`, boundWildcardRules(text));
  const token = productToken(userAgent);
  const delay = robots.getCrawlDelay(token);
  return {
    crawlDelayMs: typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 ? delay * 1000 : null,
    isAllowed(pathAndQuery: string): boolean {
      const path = pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`;
      if (path === '/robots.txt') return true;
      return robots.isAllowed(`${ORIGIN}${path}`, token) !== false;
    },
  };
}
