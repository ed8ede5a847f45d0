import { z } from 'zod';

// Enums exactly as in the labelled corpus format (shared/corpus/README.md).
export const ROUNDS = [
  'pre_seed',
  'seed',
  'angel',
  'series_a',
  'series_b',
  'series_c',
  'series_d',
  'series_e',
  'series_f',
  'series_g',
  'series_h',
  'series_i',
  'series_j',
  'series_unknown',
  'strategic',
  'convertible_note',
  'debt',
  'grant',
  'private_equity',
  'secondary',
  'ipo',
  'acquisition',
  'undisclosed',
] as const;
export const STATUSES = ['announced', 'in_talks', 'rumored'] as const;
export const REGIONS = [
  'north_america',
  'latin_america',
  'europe',
  'middle_east',
  'africa',
  'south_asia',
  'east_asia',
  'southeast_asia',
  'oceania',
  'central_asia',
] as const;
export const DEAL_FIELDS = ['company', 'round', 'status', 'amount', 'valuation', 'investors', 'country', 'announcedOn'] as const;

export const Round = z.enum(ROUNDS);
export const Status = z.enum(STATUSES);
export const Region = z.enum(REGIONS);
export type Round = z.infer<typeof Round>;
export type Status = z.infer<typeof Status>;

/** Rounds that say "we don't know which round": compatible with any round, replaced by a named one. */
export const VAGUE_ROUNDS: ReadonlySet<Round> = new Set(['series_unknown', 'undisclosed']);
/** How far a deal has got: a rumour, then talks, then an announcement. */
export const STATUS_RANK: Record<Status, number> = { rumored: 0, in_talks: 1, announced: 2 };
export type Region = z.infer<typeof Region>;

export const Money = z.object({
  /** Whole units of `currency` (60200000 for "$60.2 million"). */
  value: z.number().nonnegative(),
  /** ISO 4217, as the article states it. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Converted at the historical rate of the article date; null when no rate is known. */
  usd: z.number().nonnegative().nullable(),
  /** The rate behind `usd` (USD per unit), its date and source ("article" when the article states it). */
  fx: z.object({ rate: z.number().positive(), date: z.string().nullable(), source: z.string() }).optional(),
});
export type Money = z.infer<typeof Money>;

export const Evidence = z.object({ field: z.enum(DEAL_FIELDS), quote: z.string().min(1) });
export type Evidence = z.infer<typeof Evidence>;

/** A normalised deal: the contract of `dealflow extract --json` and of stored records. */
export const Deal = z.object({
  company: z.object({
    name: z.string().min(1),
    /** ISO 3166-1 alpha-2. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
  }),
  round: Round,
  status: Status,
  amount: Money.nullable(),
  valuation: Money.nullable(),
  investors: z.array(z.object({ name: z.string().min(1), lead: z.boolean() })),
  region: Region.nullable(),
  /** YYYY-MM-DD */
  announcedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  evidence: z.array(Evidence),
  confidence: z.number().min(0).max(1),
  /**
   * True when the article mentions the deal as history (an earlier round told as background),
   * not as its news: storage links it to the deal it already has rather than dating it today.
   * Absent means news.
   */
  background: z.boolean().optional(),
});
export type Deal = z.infer<typeof Deal>;

/**
 * What an extraction engine (LLM or offline rules) returns for one deal: figures as written plus
 * quotes. Code, not the model, turns text into numbers, currencies and codes. Fields are nullable
 * rather than optional so the schema works with strict structured outputs.
 */
const rawDealFields = {
  company: z.string(),
  /** Country as the article says it (name, demonym or code), or null. */
  country: z.string().nullable(),
  round: Round,
  status: Status,
  /** The raised amount exactly as written, e.g. "$60.2 million" or "₹50 crore". */
  amountText: z.string().nullable(),
  valuationText: z.string().nullable(),
  investors: z.array(z.object({ name: z.string(), lead: z.boolean() })),
  /** YYYY-MM-DD when the article dates the deal, else null. */
  announcedOn: z.string().nullable(),
  evidence: z.array(z.object({ field: z.enum(DEAL_FIELDS), quote: z.string() })),
  confidence: z.number(),
};
/** True for an earlier round the article tells as history (see Deal.background); null or false for its news. */
const background = z.boolean().nullable();

/** The schema sent to the model: strict structured outputs require every property, so background is required (nullable). */
export const RawExtractionSchema = z.object({ deals: z.array(z.object({ ...rawDealFields, background })) });
/** What is accepted back: answers cached before `background` existed, and the offline engine, may omit it. */
export const RawDeal = z.object({ ...rawDealFields, background: background.optional() });
export type RawDeal = z.infer<typeof RawDeal>;

export const RawExtraction = z.object({ deals: z.array(RawDeal) });
export type RawExtraction = { deals: RawDeal[] };
