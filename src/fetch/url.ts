// Query parameters that only track the visitor; they never change which article a URL names.
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  'ref_url',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wickedid',
  'twclid',
  'ttclid',
  'srsltid',
  'spm',
  'cmpid',
  's_cid',
  'ncid',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_'];

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * One spelling per article URL, so the same article reached through different links dedupes:
 * lowercase scheme/host (WHATWG URL does this), no default port, no fragment, no tracking
 * parameters, remaining parameters sorted. Paths are kept as published (servers may be case-sensitive).
 * Throws TypeError on a string that is not an absolute URL.
 */
export function canonicalizeUrl(url: string): string {
  const u = new URL(url.trim());
  u.hash = '';
  u.username = '';
  u.password = '';
  const kept = [...u.searchParams.entries()].filter(([k]) => !isTrackingParam(k));
  // Stable sort by name keeps the relative order of repeated keys (?a=2&a=1 stays meaningful).
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = kept.length ? new URLSearchParams(kept).toString() : '';
  if (u.pathname === '') u.pathname = '/';
  return u.toString();
}

/** Resolve an href found in a document against its base; null for garbage or non-http(s) targets. */
export function resolveUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith('#')) return null;
  try {
    const u = new URL(trimmed, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (!u.hostname) return null;
    return u.toString();
  } catch {
    return null;
  }
}
