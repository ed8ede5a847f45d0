/** The shape every deal construction returns (anchors.ts, corporate.ts, history.ts). */
import type { MoneyMatch } from '../../normalise/money.js';
import type { Round } from '../../deal/schema.js';

export interface Anchor {
  /** Company name, or null when the sentence says "the company"/"it" (resolved by the caller). */
  company: string | null;
  /** Offset of the company name in the sentence (or of the verb when it is a pronoun). */
  companyAt: number;
  /** End of the span describing the company (its appositive), for locating its home country. */
  describedUntil: number;
  /** Object companies ("… invested in Acme") are described after the name, never before it. */
  isObject: boolean;
  money: MoneyMatch | null;
  round: Round;
  /** An investor stated by the construction itself ("Nvidia made … investment in Acme"). */
  investor: { name: string; lead: boolean } | null;
  /** An earlier deal told as history ("raised $5M last year"), not this article's news. */
  background?: boolean;
  /** One sum for each of several subjects ("A and B got €2m each"): the amount is not shared out. */
  split?: boolean;
  /** A roundup entry without a verb ("Acme – builds looms – $2.5M seed, Brightfield"). */
  item?: boolean;
  /** Status the construction itself implies ("received a takeover bid" is an offer, not a deal). */
  status?: 'in_talks';
}
