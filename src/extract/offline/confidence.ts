/**
 * Confidence as a probability that an offline deal is right: a logistic model over what the
 * rules saw. The weights are data (confidence-weights.ts), fitted by src/eval/fit-confidence.ts on
 * labelled corpora; this module only reads them.
 */
import { WEIGHTS } from './confidence-weights.js';

/** What the engine knows about one deal, each in [0, 1]. */
export interface DealFeatures {
  /** An amount was read for the deal. */
  amount: number;
  /** A named round (not series_unknown / undisclosed). */
  namedRound: number;
  investors: number;
  country: number;
  rumored: number;
  inTalks: number;
  background: number;
  /** The company came from "it"/"the startup", a list topic or the headline, not written at the anchor. */
  resolved: number;
  /** Several mentions were merged into this deal (capped at 3, scaled to [0, 1]). */
  mentions: number;
  /** Only a heading or table row states it. */
  headingOnly: number;
  /** The name is one word of lower-case or a single all-capitals token (weaker evidence of a name). */
  oddName: number;
  /** An acquisition, IPO or other corporate event (no raise verb). */
  corporate: number;
  /** The name is written more than once in the article (a name met once is weaker evidence). */
  nameSeen: number;
  /** The headline names the company. */
  inTitle: number;
  /** The article reports four or more deals (roundups, digests: more room for crossed wires). */
  roundup: number;
  /** The company is the object of a construction ("invested in X", "acquire X", a gapped subject), not a raise verb's subject. */
  objectName: number;
  /** Neither an amount nor a named round: only the verb says there is a deal. */
  bare: number;
}

export const FEATURES = [
  'amount',
  'namedRound',
  'investors',
  'country',
  'rumored',
  'inTalks',
  'background',
  'resolved',
  'mentions',
  'headingOnly',
  'oddName',
  'corporate',
  'nameSeen',
  'inTitle',
  'roundup',
  'objectName',
  'bare',
] as const satisfies ReadonlyArray<keyof DealFeatures>;

export interface Weights {
  bias: number;
  coef: Record<(typeof FEATURES)[number], number>;
}

export function score(x: DealFeatures, w: Weights = WEIGHTS): number {
  let z = w.bias;
  for (const f of FEATURES) z += (w.coef[f] ?? 0) * x[f];
  return 1 / (1 + Math.exp(-z));
}

/** Probability rounded to two decimals, as stored. */
export function confidenceFrom(x: DealFeatures): number {
  return Math.round(score(x) * 100) / 100;
}
