import type { Round } from '../../../src/deal/schema.js';

/**
 * Gold deals of the deduplication fixture site: fictional companies, each deal once, with every
 * name it is written under and the traps it exercises. Articles (articles.ts) name these ids.
 */

export const TRAPS = [
  'romanisation', // one company written three ways (Korean romanisation)
  'short_long_name', // "X Bio" / "X Biosciences", "Y" / "Y Technologies"
  'background', // a past round told as background in a later story, without its own date
  'background_dated', // the same, with its own date
  'rumour_confirmed', // "people familiar with the matter", later announced
  'amount_conflict', // one report's amount differs beyond tolerance ($45M vs $42M)
  'names_alike', // two companies whose names could be mis-extracted alike (shared first word, same-day wire datelines)
  'seed_then_a', // hard negative: a seed and the Series A of one company
  'extension', // hard negative: a Series B and its later extension
  'same_name_two_countries', // hard negative: one name, two companies in two countries
  'same_lead_same_week', // hard negative: one lead investor in two deals in the same week
  'equal_amount_same_day', // hard negative: equal amounts on the same day for different companies
  'roundup', // reported inside newsletter roundups with other deals
] as const;
export type Trap = (typeof TRAPS)[number];

export interface GoldDeal {
  id: string;
  /** Every name the articles write it under; the first is the canonical one. */
  names: string[];
  country: string;
  round: Round;
  /** As the announcement states it (written form in the comment). */
  amount: { value: number; currency: string };
  /** The announcement date (the confirmation, for a rumour later confirmed). */
  date: string;
  traps: Trap[];
}

export const GOLD_DEALS: GoldDeal[] = [
  {
    id: 'haneul-a',
    names: ['Haneul Robotics', 'Hanul Robotics', 'Ha-neul Robotics'],
    country: 'KR',
    round: 'series_a',
    amount: { value: 18_000_000_000, currency: 'KRW' }, // ₩18 billion
    date: '2026-01-14',
    traps: ['romanisation', 'background', 'roundup'],
  },
  {
    id: 'veltra-a',
    names: ['Veltra Biosciences', 'Veltra Bio'],
    country: 'US',
    round: 'series_a',
    amount: { value: 24_000_000, currency: 'USD' }, // $24 million
    date: '2026-01-21',
    traps: ['short_long_name', 'roundup'],
  },
  {
    id: 'quillpay-seed',
    names: ['Quillpay Technologies', 'Quillpay'],
    country: 'NG',
    round: 'seed',
    amount: { value: 4_500_000, currency: 'USD' }, // $4.5 million
    date: '2026-02-03',
    traps: ['short_long_name', 'roundup'],
  },
  {
    id: 'corvane-seed',
    names: ['Corvane'],
    country: 'US',
    round: 'seed',
    amount: { value: 3_000_000, currency: 'USD' }, // $3 million
    date: '2025-08-12',
    traps: ['seed_then_a', 'background', 'background_dated'],
  },
  {
    id: 'corvane-a',
    names: ['Corvane'],
    country: 'US',
    round: 'series_a',
    amount: { value: 16_000_000, currency: 'USD' }, // $16 million
    date: '2026-01-28',
    traps: ['seed_then_a', 'background'],
  },
  {
    id: 'lintu-b',
    names: ['Lintu Energy'],
    country: 'FI',
    round: 'series_b',
    amount: { value: 45_000_000, currency: 'EUR' }, // €45 million
    date: '2025-08-20',
    traps: ['extension', 'background'],
  },
  {
    id: 'lintu-b-ext',
    names: ['Lintu Energy'],
    country: 'FI',
    round: 'series_b',
    amount: { value: 15_000_000, currency: 'EUR' }, // €15 million
    date: '2026-02-17',
    traps: ['extension', 'roundup'],
  },
  {
    id: 'solace-us-a',
    names: ['Solace Health'],
    country: 'US',
    round: 'series_a',
    amount: { value: 12_000_000, currency: 'USD' }, // $12 million
    date: '2026-02-09',
    traps: ['same_name_two_countries', 'background'],
  },
  {
    id: 'solace-au-seed',
    names: ['Solace Health'],
    country: 'AU',
    round: 'seed',
    amount: { value: 5_000_000, currency: 'AUD' }, // A$5 million
    date: '2026-02-11',
    traps: ['same_name_two_countries', 'roundup'],
  },
  {
    id: 'marlo-analytics-a',
    names: ['Marlo Analytics'],
    country: 'GB',
    round: 'series_a',
    amount: { value: 8_000_000, currency: 'GBP' }, // £8 million
    date: '2026-03-03',
    traps: ['names_alike', 'roundup'],
  },
  {
    id: 'marlo-aero-seed',
    names: ['Marlo Aerospace'],
    country: 'FR',
    round: 'seed',
    amount: { value: 2_500_000, currency: 'EUR' }, // €2.5 million
    date: '2026-03-03',
    traps: ['names_alike', 'roundup'],
  },
  {
    id: 'ferrovia-a',
    names: ['Ferrovia Labs'],
    country: 'IT',
    round: 'series_a',
    amount: { value: 10_000_000, currency: 'USD' }, // $10 million
    date: '2026-02-24',
    traps: ['equal_amount_same_day'],
  },
  {
    id: 'tallis-a',
    names: ['Tallis Data'],
    country: 'US',
    round: 'series_a',
    amount: { value: 10_000_000, currency: 'USD' }, // $10 million
    date: '2026-02-24',
    traps: ['equal_amount_same_day', 'roundup'],
  },
  {
    id: 'okapi-a',
    names: ['Okapi Freight'],
    country: 'KE',
    round: 'series_a',
    amount: { value: 20_000_000, currency: 'USD' }, // $20 million
    date: '2026-01-12',
    traps: ['same_lead_same_week', 'background', 'roundup'],
  },
  {
    id: 'velorum-a',
    names: ['Velorum Games'],
    country: 'PL',
    round: 'series_a',
    amount: { value: 18_000_000, currency: 'USD' }, // $18 million
    date: '2026-01-15',
    traps: ['same_lead_same_week', 'roundup'],
  },
  {
    id: 'sunder-b',
    names: ['Sunder Pay'],
    country: 'SG',
    round: 'series_b',
    amount: { value: 30_000_000, currency: 'USD' }, // US$30 million
    date: '2026-02-05',
    traps: ['rumour_confirmed', 'roundup'],
  },
  {
    id: 'calyx-b',
    names: ['Calyx Mobility'],
    country: 'DE',
    round: 'series_b',
    amount: { value: 42_000_000, currency: 'USD' }, // $42 million
    date: '2026-02-12',
    traps: ['amount_conflict'],
  },
  {
    id: 'ostrava-c',
    names: ['Ostrava Metrics'],
    country: 'CZ',
    round: 'series_c',
    amount: { value: 60_000_000, currency: 'USD' }, // $60 million
    date: '2026-03-10',
    traps: [],
  },
  {
    id: 'ostrava-b',
    names: ['Ostrava Metrics'],
    country: 'CZ',
    round: 'series_b',
    amount: { value: 25_000_000, currency: 'USD' }, // $25 million
    date: '2024-03-19',
    traps: ['background', 'background_dated'],
  },
  {
    id: 'pennywort-seed',
    names: ['Pennywort'],
    country: 'GB',
    round: 'seed',
    amount: { value: 1_200_000, currency: 'GBP' }, // £1.2 million
    date: '2026-01-27',
    traps: ['roundup'],
  },
  {
    id: 'kaveri-a',
    names: ['Kaveri Agritech'],
    country: 'IN',
    round: 'series_a',
    amount: { value: 1_200_000_000, currency: 'INR' }, // ₹120 crore
    date: '2026-02-02',
    traps: ['roundup'],
  },
  {
    id: 'brackwater-preseed',
    names: ['Brackwater Labs'],
    country: 'US',
    round: 'pre_seed',
    amount: { value: 1_500_000, currency: 'USD' }, // $1.5 million
    date: '2026-01-08',
    traps: [],
  },
  {
    id: 'lumenfold-b',
    names: ['Lumenfold'],
    country: 'NL',
    round: 'series_b',
    amount: { value: 30_000_000, currency: 'EUR' }, // €30 million
    date: '2026-02-19',
    traps: [],
  },
  {
    id: 'mawar-seed',
    names: ['Mawar Health'],
    country: 'ID',
    round: 'seed',
    amount: { value: 6_000_000, currency: 'USD' }, // US$6 million
    date: '2026-01-29',
    traps: ['roundup'],
  },
  {
    id: 'sagebrush-debt',
    names: ['Sagebrush Solar'],
    country: 'US',
    round: 'debt',
    amount: { value: 35_000_000, currency: 'USD' }, // $35 million
    date: '2026-03-05',
    traps: ['roundup'],
  },
  {
    id: 'juniper-a',
    names: ['Juniper Loop'],
    country: 'US',
    round: 'series_a',
    amount: { value: 9_000_000, currency: 'USD' }, // $9 million
    date: '2026-03-12',
    traps: [],
  },
  {
    id: 'riverine-seed',
    names: ['Riverine AI'],
    country: 'SG',
    round: 'seed',
    amount: { value: 8_000_000, currency: 'SGD' }, // S$8 million
    date: '2026-03-02',
    traps: ['roundup'],
  },
  {
    id: 'hollowmere-a',
    names: ['Hollowmere Games'],
    country: 'GB',
    round: 'series_a',
    amount: { value: 6_500_000, currency: 'GBP' }, // £6.5 million
    date: '2026-02-26',
    traps: ['roundup'],
  },
  {
    id: 'zephyra-a',
    names: ['Zephyra Water'],
    country: 'ES',
    round: 'series_a',
    amount: { value: 9_000_000, currency: 'EUR' }, // €9 million
    date: '2026-03-16',
    traps: [],
  },
  {
    id: 'nimbari-b',
    names: ['Nimbari Health'],
    country: 'AU',
    round: 'series_b',
    amount: { value: 40_000_000, currency: 'AUD' }, // A$40 million
    date: '2026-03-18',
    traps: ['roundup'],
  },
];
