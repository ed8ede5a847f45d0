import { canonicalizeUrl, resolveUrl } from '../fetch/url.js';
import { textOf, type PageIndex } from './page.js';

/** The fields of a schema.org Article (JSON-LD) that the parser uses. */
export interface JsonLdArticle {
  headline: string | null;
  author: string | null;
  datePublished: string | null;
  publisher: string | null;
  inLanguage: string | null;
  articleBody: string | null;
}

const ARTICLE_TYPE = /Article|BlogPosting|Report|NewsArticle|Posting|WebPage/;

function str(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.replace(/\s+/g, ' ').trim();
    return t || null;
  }
  return null;
}

function names(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) {
    const all = v.map(names).filter((x): x is string => x !== null);
    return all.length ? [...new Set(all)].join(', ') : null;
  }
  if (v && typeof v === 'object') return str((v as Record<string, unknown>).name);
  return null;
}

function flattenLd(v: unknown, out: Record<string, unknown>[], depth = 0): void {
  if (depth > 4 || !v || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) flattenLd(x, out, depth + 1);
    return;
  }
  const obj = v as Record<string, unknown>;
  out.push(obj);
  if (obj['@graph']) flattenLd(obj['@graph'], out, depth + 1);
  if (obj.mainEntity) flattenLd(obj.mainEntity, out, depth + 1);
}

function typeOf(obj: Record<string, unknown>): string {
  const t = obj['@type'];
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '';
}

/** The most article-like JSON-LD object on the page (Article types beat WebPage). */
export function readJsonLd(page: PageIndex): JsonLdArticle | null {
  const objects: Record<string, unknown>[] = [];
  for (const raw of page.jsonLd) {
    try {
      flattenLd(JSON.parse(raw), objects);
    } catch {
      // Malformed JSON-LD is common; the other metadata sources still apply.
    }
  }
  const candidates = objects.filter((o) => ARTICLE_TYPE.test(typeOf(o)));
  const obj = candidates.find((o) => !/^WebPage$/.test(typeOf(o))) ?? candidates[0];
  if (!obj) return null;
  const body = typeof obj.articleBody === 'string' ? obj.articleBody : '';
  return {
    headline: str(obj.headline) ?? str(obj.name),
    author: names(obj.author) ?? names(obj.creator),
    datePublished: str(obj.datePublished) ?? str(obj.dateCreated),
    publisher: names(obj.publisher),
    inLanguage: str(obj.inLanguage),
    // Some sites put HTML in articleBody; tags are dropped, paragraph breaks kept.
    articleBody: body.replace(/<[^>]*>/g, ' ').trim() || null,
  };
}

/** Content of the first <meta> among `keys` (lowercase), in order of preference. */
function metaContent(page: PageIndex, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = str(page.metas.get(key));
    if (value) return value;
  }
  return null;
}

function elementText(el: Parameters<typeof textOf>[0] | null): string | null {
  return el ? str(textOf(el)) : null;
}

const TITLE_SEPARATORS = /\s+[|\-–—:·•»]\s+/;

/** Drop a " | Site Name" style suffix (or prefix) from a <title>. */
function stripSiteSuffix(title: string, siteName: string | null): string {
  const parts = title
    .split(TITLE_SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return title;
  const site = siteName?.toLowerCase();
  const rest = site ? parts.filter((p) => p.toLowerCase() !== site) : parts;
  if (rest.length === 1) return rest[0]!;
  // Without a known site name, the longest segment is the headline.
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.split(/\s+/).length >= 3 ? longest : title;
}

export function extractTitle(page: PageIndex, ld: JsonLdArticle | null, siteName: string | null): string | null {
  const og = metaContent(page, ['og:title', 'twitter:title']);
  if (og) return stripSiteSuffix(og, siteName);
  if (ld?.headline) return ld.headline;
  const h1 = elementText(page.h1);
  if (h1) return h1;
  const title = elementText(page.title);
  return title ? stripSiteSuffix(title, siteName) : null;
}

function cleanByline(s: string | null): string | null {
  if (!s) return null;
  const t = s.replace(/^\s*(?:by|von|par|por|di|door)\s+/i, '').trim();
  if (!t || t.length > 120 || /^https?:\/\//.test(t)) return null;
  return t;
}

export function extractByline(page: PageIndex, ld: JsonLdArticle | null): string | null {
  return (
    cleanByline(ld?.author ?? null) ??
    cleanByline(metaContent(page, ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator'])) ??
    cleanByline(elementText(page.relAuthor)) ??
    cleanByline(elementText(page.itempropAuthor)) ??
    cleanByline(elementText(page.bylineElement))
  );
}

const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const URL_DATE = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/;

/** ISO string for a date-ish value, YYYY-MM-DD when only a day is known; null when unparseable. */
function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (ISO_DATE_ONLY.test(v)) return validDay(v) ? v : null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) {
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    return compact ? normalizeDate(`${compact[1]}-${compact[2]}-${compact[3]}`) : null;
  }
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return year >= 1990 && year <= 2100 ? d.toISOString() : null;
}

function validDay(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  const year = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(ymd) && year >= 1990 && year <= 2100;
}

export function extractPublishedAt(page: PageIndex, ld: JsonLdArticle | null, url: string): string | null {
  const candidates = [
    ld?.datePublished,
    metaContent(page, [
      'article:published_time',
      'og:published_time',
      'datepublished',
      'date',
      'pubdate',
      'publishdate',
      'publish-date',
      'dc.date',
      'dc.date.issued',
      'dcterms.created',
      'dcterms.date',
      'sailthru.date',
      'parsely-pub-date',
      'article.published',
    ]),
    page.pubdateTime,
    page.articleTime,
    page.firstTime,
  ];
  for (const c of candidates) {
    const d = normalizeDate(c);
    if (d) return d;
  }
  const m = URL_DATE.exec(url);
  if (m) return normalizeDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
  return null;
}

function primaryTag(v: string | null | undefined): string | null {
  const m = v ? /^\s*([a-z]{2,3})(?:$|[-_,;\s])/i.exec(v) : null;
  return m ? m[1]!.toLowerCase() : null;
}

export function declaredLanguage(page: PageIndex, ld: JsonLdArticle | null): string | null {
  return (
    primaryTag(page.html?.attribs.lang ?? page.html?.attribs['xml:lang']) ??
    primaryTag(metaContent(page, ['og:locale'])) ??
    primaryTag(metaContent(page, ['content-language', 'language', 'dc.language'])) ??
    primaryTag(ld?.inLanguage)
  );
}

function hostnameOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function extractSiteName(page: PageIndex, ld: JsonLdArticle | null, url: string): string | null {
  return metaContent(page, ['og:site_name']) ?? ld?.publisher ?? hostnameOf(url);
}

/** Registrable-ish site: last two labels, or three when the second-level label is a generic one (co.uk). */
function siteKey(host: string): string {
  const labels = host.toLowerCase().split('.').filter(Boolean);
  const n = labels.length >= 3 && /^(?:co|com|net|org|gov|ac|edu|ne|or)$/.test(labels[labels.length - 2]!) ? 3 : 2;
  return labels.slice(-n).join('.');
}

function safeCanonical(url: string): string {
  try {
    return canonicalizeUrl(url);
  } catch {
    return url;
  }
}

/** rel=canonical / og:url when it stays on the same site as the fetched URL, else the fetched URL. */
export function extractCanonicalUrl(page: PageIndex, url: string): string {
  const fallback = safeCanonical(url);
  const fetchedHost = hostnameOf(url);
  for (const href of [page.canonicalHref, metaContent(page, ['og:url'])]) {
    const resolved = resolveUrl(href, fetchedHost ? url : 'http://invalid.invalid/');
    if (!resolved || !fetchedHost) continue;
    const host = new URL(resolved).hostname;
    if (siteKey(host) === siteKey(fetchedHost)) return safeCanonical(resolved);
  }
  return fallback;
}
