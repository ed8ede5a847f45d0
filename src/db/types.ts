import type { ReviewKind } from '../deal/review.js';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Row types for the schema in migrations/. numeric and bigint columns are parsed to JS numbers
// (see src/db/connect.ts); dates (`date`) stay 'YYYY-MM-DD' strings.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type Id = Generated<number>;

export interface SourcesTable {
  id: Id;
  url: string;
  kind: 'rss' | 'atom' | 'rdf' | 'jsonfeed' | 'html' | 'sitemap';
  name: string | null;
  enabled: Generated<boolean>;
  allow_private: Generated<boolean>;
  link_selector: string | null;
  interval_ms: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  last_checked_at: Timestamp | null;
  last_success_at: Timestamp | null;
  next_check_at: Timestamp | null;
  error_count: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
}

export type ArticleStatus = 'pending' | 'parsed' | 'extracted' | 'duplicate' | 'failed';

export interface ArticlesTable {
  id: Id;
  source_id: number | null;
  url: string;
  canonical_url: string;
  content_hash: string | null;
  simhash: string | null;
  duplicate_of: number | null;
  title: string | null;
  byline: string | null;
  published_at: Timestamp | null;
  language: string | null;
  site_name: string | null;
  text: string | null;
  status: Generated<ArticleStatus>;
  error: string | null;
  fetched_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ExtractionsTable {
  id: Id;
  article_id: number;
  engine: 'llm' | 'offline';
  model: string | null;
  prompt_version: string | null;
  raw: Json;
  deals: Json;
  input_tokens: Generated<number>;
  output_tokens: Generated<number>;
  cost_usd: Generated<number>;
  duration_ms: Generated<number>;
  cached: Generated<boolean>;
  error: string | null;
  created_at: Generated<Date>;
}

export interface LlmCacheTable {
  key: string;
  response: Json;
  input_tokens: Generated<number>;
  output_tokens: Generated<number>;
  created_at: Generated<Date>;
}

export interface CompaniesTable {
  id: Id;
  name: string;
  name_key: string;
  country: string | null;
  region: string | null;
  /** The company's web domain when an article linked it (migrations/0009). */
  domain: string | null;
  /** Set when an operator merged this company into another. */
  merged_into: number | null;
  created_at: Generated<Date>;
}

/** Names a company was written as, with the keys company resolution matches on (migrations/0009). */
export interface CompanyAliasesTable {
  id: Id;
  company_id: number;
  name: string;
  name_key: string;
  loose_key: string;
  skeleton: string;
  created_at: Generated<Date>;
}

export interface InvestorsTable {
  id: Id;
  name: string;
  name_key: string;
  created_at: Generated<Date>;
}

export interface DealsTable {
  id: Id;
  company_id: number;
  round: string;
  status: string;
  amount_value: number | null;
  amount_currency: string | null;
  amount_usd: number | null;
  valuation_value: number | null;
  valuation_currency: string | null;
  valuation_usd: number | null;
  fx_rate: number | null;
  fx_date: string | null;
  fx_source: string | null;
  country: string | null;
  region: string | null;
  announced_on: string | null;
  confidence: Generated<number>;
  needs_review: Generated<boolean>;
  merged_into: number | null;
  /** Set by an operator's reject (migrations/0003_views.ts). */
  rejected_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DealHistoryTable {
  id: Id;
  deal_id: number;
  change: Json;
  actor: Generated<string>;
  created_at: Generated<Date>;
}

export interface DealInvestorsTable {
  deal_id: number;
  investor_id: number;
  lead: Generated<boolean>;
}

export interface DealSourcesTable {
  deal_id: number;
  article_id: number;
  extraction_id: number | null;
  url: string;
  publisher: string | null;
  published_at: Timestamp | null;
  quote: string | null;
  /** 'report' (the article's news) or 'mention' (told as background). */
  role: Generated<'report' | 'mention'>;
  amount_value: number | null;
  amount_currency: string | null;
  amount_usd: number | null;
  valuation_value: number | null;
  valuation_currency: string | null;
  valuation_usd: number | null;
  announced_on: string | null;
  figures_disagree: Generated<boolean>;
  created_at: Generated<Date>;
}

export type { ReviewKind };
export type ReviewStatus = 'open' | 'approved' | 'rejected' | 'edited' | 'merged' | 'split';

export interface ReviewItemsTable {
  id: Id;
  kind: ReviewKind;
  status: Generated<ReviewStatus>;
  deal_id: number | null;
  article_id: number | null;
  extraction_id: number | null;
  reason: string;
  payload: Json;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface OperatorsTable {
  id: Id;
  username: string;
  password_hash: string;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Id;
  actor: string;
  action: string;
  target_type: string;
  target_id: number | null;
  detail: Json;
  created_at: Generated<Date>;
}

/** Read-only downstream views (migrations/0003_views.ts). */
export interface DealsCleanView {
  id: number;
  company_name: string;
  country: string | null;
  region: string | null;
  round: string;
  status: string;
  amount_value: number | null;
  amount_currency: string | null;
  amount_usd: number | null;
  valuation_value: number | null;
  valuation_currency: string | null;
  valuation_usd: number | null;
  announced_on: string | null;
  investors: { name: string; lead: boolean }[];
  investors_text: string;
  lead_investors: string;
  source_count: number;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  confidence: number;
  updated_at: Date;
  needs_review: boolean;
  fx_rate: number | null;
  fx_date: string | null;
  fx_source: string | null;
  /** companies_clean.id (migrations/0009). */
  company_id: number;
}

/** One row per live company (migrations/0009). */
export interface CompaniesCleanView {
  id: number;
  name: string;
  country: string | null;
  region: string | null;
  domain: string | null;
  /** Names the company was written as, first seen first. */
  aliases: string[];
  deal_count: number;
  first_deal_on: string | null;
  last_deal_on: string | null;
  total_usd: number | null;
}

/** Reference exchange rates (migrations/0007). */
export interface FxRatesTable {
  currency: string;
  rate_date: ColumnType<string, string, string>;
  per_eur: number;
  source: string;
  fetched_at: Generated<Date>;
}

export interface DealSourcesCleanView {
  deal_id: number;
  article_id: number;
  url: string;
  publisher: string | null;
  published_at: Date | null;
  quote: string | null;
  /** migrations/0009: the article's role and its own figures. */
  role: 'report' | 'mention';
  amount_value: number | null;
  amount_currency: string | null;
  amount_usd: number | null;
  valuation_value: number | null;
  valuation_currency: string | null;
  valuation_usd: number | null;
  announced_on: string | null;
  figures_disagree: boolean;
}

export interface WebSessionsTable {
  id_hash: string;
  username: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

/** Version of code-derived data the rows hold, by name ('keys': KEYS_VERSION; migrations/0011). */
export interface DataVersionsTable {
  name: string;
  version: number;
  updated_at: Generated<Date>;
}

export interface Database {
  sources: SourcesTable;
  articles: ArticlesTable;
  extractions: ExtractionsTable;
  llm_cache: LlmCacheTable;
  companies: CompaniesTable;
  company_aliases: CompanyAliasesTable;
  investors: InvestorsTable;
  deals: DealsTable;
  deal_history: DealHistoryTable;
  deal_investors: DealInvestorsTable;
  deal_sources: DealSourcesTable;
  review_items: ReviewItemsTable;
  operators: OperatorsTable;
  audit_log: AuditLogTable;
  fx_rates: FxRatesTable;
  web_sessions: WebSessionsTable;
  data_versions: DataVersionsTable;
  deals_clean: DealsCleanView;
  deal_sources_clean: DealSourcesCleanView;
  companies_clean: CompaniesCleanView;
}

export type Source = Selectable<SourcesTable>;
export type NewSource = Insertable<SourcesTable>;
export type Article = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type DealRow = Selectable<DealsTable>;
export type ReviewItem = Selectable<ReviewItemsTable>;
