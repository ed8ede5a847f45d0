/** Article text and metadata as the parse stage produces it (`dealflow parse --json`). */
export interface ParsedArticle {
  /** The URL the page was fetched from (after redirects). */
  url: string;
  /** Canonical URL: <link rel=canonical>/og:url when trustworthy, tracking params and fragment removed. */
  canonicalUrl: string;
  title: string | null;
  byline: string | null;
  /** ISO 8601 timestamp (or YYYY-MM-DD when only a date is known). */
  publishedAt: string | null;
  /** BCP 47 primary tag, e.g. 'en'. */
  language: string | null;
  siteName: string | null;
  /** Main text, paragraphs separated by a blank line. */
  text: string;
  paragraphs: string[];
  /** Links in the article text to other hosts (a company's site, a filing): target and anchor text. */
  links: ArticleLink[];
}

export interface ArticleLink {
  /** Absolute http(s) URL, without fragment. */
  href: string;
  text: string;
}
