/**
 * Deduplication quality over articles: every (article, gold deal) pair an article states is a
 * mention; its predicted cluster is the stored deal the article is linked to for that deal
 * (deal_sources_clean → deals_clean). B-cubed over mentions then says how gold deals were split
 * across stored deals (recall) or merged into one (precision).
 *
 * Mapping a mention to a stored deal, per article:
 * 1. Candidates are the article's linked deals whose company name matches one of the gold deal's
 *    names (case, accents, punctuation and legal forms ignored; one name may be a whole-word
 *    prefix of the other, so "Marlo" matches "Marlo Analytics").
 * 2. Mentions and links are paired one to one, maximising agreement: the same round counts 4, a
 *    vague round ("series_unknown", "undisclosed") 1, an amount in the same currency within 10%
 *    2. A background mention the article has no link for stays unpaired instead of taking the
 *    link of the article's main deal.
 * 3. By elimination: when exactly one mention and one link of an article are left unpaired, they
 *    are paired (a deal stored under a wrong name, e.g. a dateline, still counts where it is
 *    linked, so two companies merged under one wrong name cost precision).
 * Unpaired mentions are singletons (an extraction miss costs recall only when the deal has other
 * mentions); links paired with no mention are reported as extra.
 */
import { bcubed, type BCubed, type ClusteredItem } from './bcubed.js';

export interface GoldDealRef {
  id: string;
  /** Every name the articles write it under. */
  names: string[];
  round: string;
  amount: { value: number; currency: string } | null;
  traps: readonly string[];
}

export interface GoldArticleRef {
  url: string;
  /** Gold deal ids the article states, background rounds included. */
  deals: readonly string[];
}

/** One row of deal_sources_clean joined to deals_clean and articles. */
export interface StoredLink {
  url: string;
  dealId: number;
  company: string;
  round: string;
  amountValue: number | null;
  amountCurrency: string | null;
}

export interface Mention {
  url: string;
  gold: string;
  predicted: number | null;
  how: 'name' | 'elimination' | null;
  /** Company name of the stored deal it was paired with. */
  storedAs: string | null;
}

export interface DealOutcome {
  id: string;
  traps: readonly string[];
  mentions: number;
  /** Mentions paired with a stored deal. */
  found: number;
  /** Distinct stored deals its mentions went to. */
  storedDeals: number[];
  /** Other gold deals sharing one of those stored deals. */
  mergedWith: string[];
  split: boolean;
  merged: boolean;
}

export interface TrapOutcome {
  trap: string;
  deals: number;
  split: string[];
  merged: string[];
  /** Mentions paired with no stored deal. */
  missed: number;
  bcubed: BCubed;
}

export interface DedupeQuality {
  bcubed: BCubed;
  mentions: number;
  pairedByName: number;
  pairedByElimination: number;
  unpaired: number;
  deals: DealOutcome[];
  traps: TrapOutcome[];
  /** Links no gold mention was paired with: spurious deals, or deals named too differently. */
  extra: StoredLink[];
  /** Stored deals the site produced (distinct ids over all links). */
  storedDeals: number;
  mentionList: Mention[];
}

const LEGAL = new Set(['inc', 'ltd', 'llc', 'gmbh', 'srl', 'bv', 'pte', 'plc', 'sa', 'sas', 'ag', 'corp', 'co', 'limited', 'pty']);
const VAGUE = new Set(['series_unknown', 'undisclosed']);

function tokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t && !LEGAL.has(t));
}

function namesMatch(stored: string, gold: readonly string[]): boolean {
  const s = tokens(stored);
  if (s.length === 0) return false;
  return gold.some((g) => {
    const t = tokens(g);
    if (t.length === 0) return false;
    if (s.join('') === t.join('')) return true;
    const [short, long] = s.length <= t.length ? [s, t] : [t, s];
    return short.every((w, i) => long[i] === w);
  });
}

function agreement(deal: GoldDealRef, link: StoredLink): number {
  let score = deal.round === link.round ? 4 : VAGUE.has(link.round) || VAGUE.has(deal.round) ? 1 : 0;
  if (deal.amount && link.amountValue !== null && link.amountCurrency === deal.amount.currency) {
    if (Math.abs(link.amountValue - deal.amount.value) <= 0.1 * deal.amount.value) score += 2;
  }
  return score;
}

/** The one-to-one pairing of an article's mentions with its links that maximises agreement. */
function pairByName(golds: GoldDealRef[], links: StoredLink[]): (number | null)[] {
  let best: (number | null)[] = golds.map(() => null);
  let bestScore = -1;
  const current: (number | null)[] = [];
  const used = new Set<number>();
  const visit = (i: number, score: number) => {
    if (i === golds.length) {
      // A pairing's worth: agreement, plus one per pair so that pairing beats leaving unpaired.
      if (score > bestScore) [bestScore, best] = [score, [...current]];
      return;
    }
    current.push(null);
    visit(i + 1, score);
    current.pop();
    links.forEach((link, j) => {
      if (used.has(j) || !namesMatch(link.company, golds[i]!.names)) return;
      used.add(j);
      current.push(j);
      visit(i + 1, score + 1 + agreement(golds[i]!, link));
      current.pop();
      used.delete(j);
    });
  };
  visit(0, 0);
  return best;
}

export function scoreDedupe(
  goldDeals: readonly GoldDealRef[],
  articles: readonly GoldArticleRef[],
  links: readonly StoredLink[],
): DedupeQuality {
  const dealById = new Map(goldDeals.map((d) => [d.id, d]));
  const linksByUrl = new Map<string, StoredLink[]>();
  for (const l of links) linksByUrl.set(l.url, [...(linksByUrl.get(l.url) ?? []), l]);
  const mentions: Mention[] = [];
  const pairedLinks = new Set<StoredLink>();
  for (const article of articles) {
    const golds = article.deals.map((id) => {
      const d = dealById.get(id);
      if (!d) throw new Error(`article ${article.url} names unknown gold deal ${id}`);
      return d;
    });
    const mine = linksByUrl.get(article.url) ?? [];
    const pairing = pairByName(golds, mine);
    const unpaired = pairing.flatMap((p, i) => (p === null ? [i] : []));
    const unusedLinks = mine.filter((_, j) => !pairing.includes(j));
    golds.forEach((g, i) => {
      const j = pairing[i] ?? null;
      let link = j === null ? null : mine[j]!;
      let how: Mention['how'] = link ? 'name' : null;
      if (!link && unpaired.length === 1 && unusedLinks.length === 1) [link, how] = [unusedLinks[0]!, 'elimination'];
      if (link) pairedLinks.add(link);
      mentions.push({ url: article.url, gold: g.id, predicted: link?.dealId ?? null, how, storedAs: link?.company ?? null });
    });
  }
  const items: ClusteredItem[] = mentions.map((m) => ({ gold: m.gold, predicted: m.predicted === null ? null : String(m.predicted) }));

  const goldOfStored = new Map<number, Set<string>>();
  for (const m of mentions)
    if (m.predicted !== null) goldOfStored.set(m.predicted, (goldOfStored.get(m.predicted) ?? new Set()).add(m.gold));
  const deals: DealOutcome[] = goldDeals.map((d) => {
    const own = mentions.filter((m) => m.gold === d.id);
    const stored = [...new Set(own.flatMap((m) => (m.predicted === null ? [] : [m.predicted])))].sort((a, b) => a - b);
    const mergedWith = [...new Set(stored.flatMap((s) => [...goldOfStored.get(s)!].filter((g) => g !== d.id)))].sort();
    return {
      id: d.id,
      traps: d.traps,
      mentions: own.length,
      found: own.filter((m) => m.predicted !== null).length,
      storedDeals: stored,
      mergedWith,
      split: stored.length > 1,
      merged: mergedWith.length > 0,
    };
  });
  const trapNames = [...new Set(goldDeals.flatMap((d) => d.traps))];
  const traps: TrapOutcome[] = trapNames.map((trap) => {
    const mine = deals.filter((d) => d.traps.includes(trap));
    const ids = new Set(mine.map((d) => d.id));
    return {
      trap,
      deals: mine.length,
      split: mine.filter((d) => d.split).map((d) => d.id),
      merged: mine.filter((d) => d.merged).map((d) => d.id),
      missed: mentions.filter((m) => ids.has(m.gold) && m.predicted === null).length,
      bcubed: bcubed(items, (item) => ids.has(item.gold)),
    };
  });
  return {
    bcubed: bcubed(items),
    mentions: mentions.length,
    pairedByName: mentions.filter((m) => m.how === 'name').length,
    pairedByElimination: mentions.filter((m) => m.how === 'elimination').length,
    unpaired: mentions.filter((m) => m.how === null).length,
    deals,
    traps,
    extra: links.filter((l) => !pairedLinks.has(l)),
    storedDeals: new Set(links.map((l) => l.dealId)).size,
    mentionList: mentions,
  };
}
