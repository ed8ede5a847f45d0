import type { DealCandidate } from '../deal/review.js';
import { type Deal, STATUS_RANK, VAGUE_ROUNDS } from '../deal/schema.js';
import { uniqueInvestors } from '../normalise/company.js';
import { factsOf, sameDeal } from './match.js';

/** Two reports of one deal → one: the more advanced (then more confident) report wins, gaps filled from the other. */
export function combineReports(a: Deal, b: Deal): Deal {
  const aFirst =
    STATUS_RANK[a.status] !== STATUS_RANK[b.status] ? STATUS_RANK[a.status] > STATUS_RANK[b.status] : a.confidence >= b.confidence;
  const [main, other] = aFirst ? [a, b] : [b, a];
  return {
    company: { name: main.company.name, country: main.company.country ?? other.company.country },
    round: VAGUE_ROUNDS.has(main.round) && !VAGUE_ROUNDS.has(other.round) ? other.round : main.round,
    status: main.status,
    amount: main.amount ?? other.amount,
    valuation: main.valuation ?? other.valuation,
    investors: uniqueInvestors([...main.investors, ...other.investors]),
    region: main.region ?? other.region,
    announcedOn: main.announcedOn ?? other.announcedOn,
    evidence: [...main.evidence, ...other.evidence.filter((e) => !main.evidence.some((m) => m.field === e.field && m.quote === e.quote))],
    confidence: Math.max(a.confidence, b.confidence),
    // Told once as news, it is news.
    ...(a.background && b.background ? { background: true } : {}),
  };
}

/** Collapse one article's candidates that describe the same deal (e.g. headline and body both extracted). */
export function collapseCandidates(candidates: DealCandidate[]): DealCandidate[] {
  const out: DealCandidate[] = [];
  for (const c of candidates) {
    const i = out.findIndex((o) => sameDeal(factsOf(c.deal), factsOf(o.deal), { sameArticle: true }));
    const prev = i >= 0 ? out[i] : undefined;
    if (!prev) {
      out.push({ deal: c.deal, flags: [...c.flags] });
      continue;
    }
    const flags = [...prev.flags, ...c.flags.filter((f) => !prev.flags.some((p) => p.kind === f.kind && p.reason === f.reason))];
    out[i] = { deal: combineReports(prev.deal, c.deal), flags };
  }
  return out;
}
