interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

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

function toRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-encoding differences must not decide a match: compare decoded forms where possible. */
function normalisePath(p: string): string {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | null;
}

/**
 * Parse robots.txt (RFC 9309): consecutive User-agent lines open a group; the groups naming our
 * product token apply, else the `*` groups (merged when repeated). The longest matching pattern
 * wins, Allow wins ties; `*` and a trailing `$` are supported.
 */
export function parseRobots(text: string, userAgent: string): RobotsPolicy {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!lastWasAgent || !current) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue; // rules before any User-agent line belong to no group
    if (key === 'allow' || key === 'disallow') {
      if (!value) continue; // "Disallow:" with no path allows everything: no rule needed
      const pattern = normalisePath(value);
      current.rules.push({ allow: key === 'allow', pattern, regex: toRegex(pattern) });
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
    }
  }

  const token = productToken(userAgent);
  const named = groups.filter((g) => g.agents.some((a) => a !== '*' && productToken(a) === token));
  const chosen = named.length ? named : groups.filter((g) => g.agents.includes('*'));
  if (chosen.length === 0) return ALLOW_ALL;
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.crawlDelay).filter((d): d is number => d !== null);

  return {
    crawlDelayMs: delays.length ? Math.max(...delays) * 1000 : null,
    isAllowed(pathAndQuery: string): boolean {
      const path = normalisePath(pathAndQuery);
      if (path === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const r of rules) {
        if (!r.regex.test(path)) continue;
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow)) {
          best = r;
        }
      }
      return best ? best.allow : true;
    },
  };
}
