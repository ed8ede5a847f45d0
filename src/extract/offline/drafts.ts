/**
 * A deal as the offline rules read one mention of it (a draft), and the merge of an article's
 * drafts: one deal mentioned several times is one deal. Deal tables give drafts of their own.
 */
import { type RawDeal, type Round, type Status, VAGUE_ROUNDS } from '../../deal/schema.js';
import { type DealFacts, sameDeal as sameDealRule } from '../../dedupe/match.js';
import { companyKey } from '../../normalise/company.js';
import { mergeInvestorMentions, type Investor } from './investors.js';
import { amountsIn, roundNear } from './lexicon.js';
import { leadingName as nameAt } from './names.js';
import type { TableRow } from './structure.js';

export interface Draft {
  company: string;
  round: Round;
  status: Status;
  amountText: string | null;
  amountValue: number | null;
  amountCurrency: string | null;
  valuationText: string | null;
  investors: Investor[];
  country: string | null;
  evidence: RawDeal['evidence'];
  background: boolean;
  /**
   * The deal's own date as its words state it ("in August 2025", "last October", "on March 19"), else
   * null. History is dated only by it; news by it when it names a day, else by the article.
   */
  statedOn: string | null;
  /** Whether `statedOn` names a day. */
  statedDay: boolean;
  /** The unit the deal is stated in (one sentence can hold news and history). */
  sentence: number;
  /** Features for the confidence model. */
  resolved: boolean;
  mentions: number;
  headingOnly: boolean;
  corporate: boolean;
  objectName: boolean;
}

// A fund's own raise ("India Fund I", "First close") is not a deal in a company.
const FUND_ROW = /\bfund\b|\bfirst close\b|\bfinal close\b/i;

/** A deal table's row as a draft: each cell is its own evidence quote. */
export function tableDraft(row: TableRow): Draft | null {
  const company = nameAt(row.company, false);
  if (!company || FUND_ROW.test(row.company) || FUND_ROW.test(row.round ?? '')) return null;
  const money = row.amount ? (amountsIn(row.amount)[0] ?? null) : null;
  const evidence: RawDeal['evidence'] = [
    { field: 'company', quote: row.company },
    { field: 'status', quote: row.company },
  ];
  if (money) evidence.push({ field: 'amount', quote: row.amount! });
  const round = row.round ? roundNear(row.round, 0) : null;
  if (round) evidence.push({ field: 'round', quote: row.round! });
  const investors = (row.investors ?? '')
    .replace(/\([^()]*\)/g, ' ')
    .split(/;|,|\s+and\s+|\s+&\s+/)
    .map((x) => nameAt(x.replace(/^.*-(?:backed|powered|led|owned|based)\s+/i, ''), true, false))
    .filter((x): x is string => x !== null)
    .map((name) => ({ name, lead: false }));
  if (investors.length) evidence.push({ field: 'investors', quote: row.investors! });
  return {
    company,
    round: round ?? 'series_unknown',
    status: 'announced',
    amountText: money?.text ?? null,
    amountValue: money?.value ?? null,
    amountCurrency: money?.currency ?? null,
    valuationText: null,
    investors,
    country: null,
    evidence,
    background: false,
    statedOn: null,
    statedDay: false,
    sentence: -1,
    resolved: false,
    mentions: 1,
    headingOnly: true,
    corporate: false,
    objectName: false,
  };
}

/** A draft as the one same-deal rule (dedupe/match.ts) sees it. */
function factsOfDraft(d: Draft): DealFacts {
  const amount = d.amountValue !== null && d.amountCurrency ? { value: d.amountValue, currency: d.amountCurrency, usd: null } : null;
  return { companyKey: companyKey(d.company), round: d.round, status: d.status, amount, announcedOn: null, investorKeys: [] };
}

function sameDeal(a: Draft, b: Draft): boolean {
  // "is raising more funds … after it raised $100M last year": history is another deal.
  if (a.background !== b.background && (a.amountValue === null || b.amountValue === null)) return false;
  return sameDealRule(factsOfDraft(b), factsOfDraft(a), { sameArticle: true });
}

/** One deal mentioned several times is one deal: fill gaps from later mentions. */
export function mergeDrafts(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const same = out.find((o) => sameDeal(o, d));
    if (!same) {
      out.push(d);
      continue;
    }
    if (VAGUE_ROUNDS.has(same.round)) same.round = d.round;
    if (same.amountText === null) {
      same.amountText = d.amountText;
      same.amountValue = d.amountValue;
      same.amountCurrency = d.amountCurrency;
    }
    same.valuationText ??= d.valuationText;
    // Told once as news, it is news.
    same.background &&= d.background;
    if (same.statedOn === null && d.statedOn !== null) [same.statedOn, same.statedDay] = [d.statedOn, d.statedDay];
    same.mentions++;
    same.resolved &&= d.resolved;
    same.headingOnly &&= d.headingOnly;
    same.objectName &&= d.objectName;
    same.country ??= d.country;
    same.investors = mergeInvestorMentions([...same.investors, ...d.investors], [same.company]);
    same.evidence.push(...d.evidence.filter((e) => !same.evidence.some((x) => x.field === e.field && x.quote === e.quote)));
  }
  // A company's home is the same in all its deals (a grant reported after its equity round).
  for (const d of out) d.country ??= out.find((o) => companyKey(o.company) === companyKey(d.company) && o.country)?.country ?? null;
  return out;
}
