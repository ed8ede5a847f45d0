import { type RawDeal, STATUS_RANK, VAGUE_ROUNDS } from '../../deal/schema.js';
import { type DealFacts, sameDeal } from '../../dedupe/match.js';
import { companyKey, investorKey } from '../../normalise/company.js';
import { parseMoney } from '../../normalise/money.js';

/** An answer as the same-deal rule sees it: figures as written, parsed once (no conversion, no date). */
function factsOfRaw(d: RawDeal): DealFacts {
  const money = d.amountText ? parseMoney(d.amountText) : null;
  return {
    companyKey: companyKey(d.company),
    round: d.round,
    status: d.status,
    amount: money ? { value: money.value, currency: money.currency, usd: null } : null,
    announcedOn: null,
    investorKeys: d.investors.map((i) => investorKey(i.name)),
  };
}

function mergeTwo(a: RawDeal, b: RawDeal): RawDeal {
  const investors = new Map<string, { name: string; lead: boolean }>();
  for (const inv of [...a.investors, ...b.investors]) {
    const key = investorKey(inv.name);
    const seen = investors.get(key);
    investors.set(key, { name: seen?.name ?? inv.name, lead: (seen?.lead ?? false) || inv.lead });
  }
  const evidence = [...a.evidence];
  for (const e of b.evidence) {
    if (!evidence.some((x) => x.field === e.field && x.quote === e.quote)) evidence.push(e);
  }
  return {
    company: a.company,
    country: a.country ?? b.country,
    round: VAGUE_ROUNDS.has(a.round) ? b.round : a.round,
    status: STATUS_RANK[b.status] > STATUS_RANK[a.status] ? b.status : a.status,
    amountText: a.amountText ?? b.amountText,
    valuationText: a.valuationText ?? b.valuationText,
    investors: [...investors.values()],
    announcedOn: a.announcedOn ?? b.announcedOn,
    evidence,
    confidence: Math.max(a.confidence, b.confidence),
    // Told once as news (in any chunk), it is news.
    ...(a.background === true && b.background === true ? { background: true } : {}),
  };
}

/**
 * Deals from the chunks of one article, in order, with the same deal seen in several chunks merged
 * by the one same-deal rule (same company, a compatible round, figures that do not disagree). Deals of one chunk are never
 * merged with each other: the model already returned one entry per deal there, so two entries of a
 * company in one answer are two deals (a new round and an earlier one, a round and a tender offer).
 * Two different specific rounds of one company stay two deals. Scalars keep the first non-null value;
 * investors and evidence are united.
 */
export function mergeChunkAnswers(chunks: ReadonlyArray<readonly RawDeal[]>): RawDeal[] {
  const merged: Array<{ deal: RawDeal; chunks: Set<number> }> = [];
  chunks.forEach((deals, chunk) => {
    const before = merged.length;
    for (const deal of deals) {
      const target = merged.find(
        (m, i) => i < before && !m.chunks.has(chunk) && sameDeal(factsOfRaw(deal), factsOfRaw(m.deal), { sameArticle: true }),
      );
      if (!target) merged.push({ deal, chunks: new Set([chunk]) });
      else {
        target.deal = mergeTwo(target.deal, deal);
        target.chunks.add(chunk);
      }
    }
  });
  return merged.map((m) => m.deal);
}
