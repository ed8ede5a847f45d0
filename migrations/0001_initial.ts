import { sql, type Kysely } from 'kysely';

// Enum values mirror src/deal/schema.ts; CHECK constraints keep bad data out even from raw SQL.
const ROUNDS = `'pre_seed','seed','angel','series_a','series_b','series_c','series_d','series_e','series_f','series_g','series_h','series_i','series_j','series_unknown','strategic','convertible_note','debt','grant','private_equity','secondary','ipo','acquisition','undisclosed'`;
const STATUSES = `'announced','in_talks','rumored'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE sources (
  id bigserial PRIMARY KEY,
  url text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('rss','atom','rdf','jsonfeed','html','sitemap')),
  name text,
  enabled boolean NOT NULL DEFAULT true,
  allow_private boolean NOT NULL DEFAULT false,
  link_selector text,
  interval_ms integer NOT NULL DEFAULT 900000 CHECK (interval_ms > 0),
  etag text,
  last_modified text,
  last_checked_at timestamptz,
  last_success_at timestamptz,
  next_check_at timestamptz,
  error_count integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
  id bigserial PRIMARY KEY,
  source_id bigint REFERENCES sources(id) ON DELETE SET NULL,
  url text NOT NULL,
  canonical_url text NOT NULL UNIQUE,
  content_hash text,
  simhash text,
  duplicate_of bigint REFERENCES articles(id) ON DELETE SET NULL,
  title text,
  byline text,
  published_at timestamptz,
  language text,
  site_name text,
  text text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','parsed','extracted','duplicate','failed')),
  error text,
  fetched_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_content_hash_idx ON articles (content_hash);
CREATE INDEX articles_source_idx ON articles (source_id, created_at DESC);
CREATE INDEX articles_status_idx ON articles (status) WHERE status IN ('pending','failed');

CREATE TABLE extractions (
  id bigserial PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  engine text NOT NULL CHECK (engine IN ('llm','offline')),
  model text,
  prompt_version text,
  raw jsonb NOT NULL,
  deals jsonb NOT NULL DEFAULT '[]',
  input_tokens integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  cost_usd numeric(12,6) NOT NULL DEFAULT 0,
  duration_ms integer NOT NULL DEFAULT 0,
  cached boolean NOT NULL DEFAULT false,
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX extractions_article_idx ON extractions (article_id, created_at DESC);

-- LLM responses keyed by content hash + prompt version + model: a re-run costs no tokens.
CREATE TABLE llm_cache (
  key text PRIMARY KEY,
  response jsonb NOT NULL,
  input_tokens integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE companies (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  name_key text NOT NULL UNIQUE,
  country char(2) CHECK (country ~ '^[A-Z]{2}$'),
  region text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE investors (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  name_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE deals (
  id bigserial PRIMARY KEY,
  company_id bigint NOT NULL REFERENCES companies(id),
  round text NOT NULL CHECK (round IN (${ROUNDS})),
  status text NOT NULL CHECK (status IN (${STATUSES})),
  amount_value numeric(24,2) CHECK (amount_value >= 0),
  amount_currency char(3) CHECK (amount_currency ~ '^[A-Z]{3}$'),
  amount_usd numeric(24,2) CHECK (amount_usd >= 0),
  valuation_value numeric(24,2) CHECK (valuation_value >= 0),
  valuation_currency char(3) CHECK (valuation_currency ~ '^[A-Z]{3}$'),
  valuation_usd numeric(24,2) CHECK (valuation_usd >= 0),
  fx_rate numeric(20,10),
  fx_date date,
  fx_source text,
  country char(2) CHECK (country ~ '^[A-Z]{2}$'),
  region text,
  announced_on date,
  confidence real NOT NULL DEFAULT 0 CHECK (confidence BETWEEN 0 AND 1),
  needs_review boolean NOT NULL DEFAULT false,
  merged_into bigint REFERENCES deals(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((amount_value IS NULL) = (amount_currency IS NULL)),
  CHECK ((valuation_value IS NULL) = (valuation_currency IS NULL))
);
-- Blocking index for deduplication: candidates share a company and a date window.
CREATE INDEX deals_company_date_idx ON deals (company_id, announced_on) WHERE merged_into IS NULL;
CREATE INDEX deals_announced_idx ON deals (announced_on DESC, id DESC) WHERE merged_into IS NULL;

CREATE TABLE deal_history (
  id bigserial PRIMARY KEY,
  deal_id bigint NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  change jsonb NOT NULL,
  actor text NOT NULL DEFAULT 'pipeline',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deal_history_deal_idx ON deal_history (deal_id, created_at);

CREATE TABLE deal_investors (
  deal_id bigint NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  investor_id bigint NOT NULL REFERENCES investors(id),
  lead boolean NOT NULL DEFAULT false,
  PRIMARY KEY (deal_id, investor_id)
);
CREATE INDEX deal_investors_investor_idx ON deal_investors (investor_id);

CREATE TABLE deal_sources (
  deal_id bigint NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  extraction_id bigint REFERENCES extractions(id) ON DELETE SET NULL,
  url text NOT NULL,
  publisher text,
  published_at timestamptz,
  quote text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deal_id, article_id)
);
CREATE INDEX deal_sources_article_idx ON deal_sources (article_id);

CREATE TABLE review_items (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('low_confidence','evidence_failed','conflict','possible_duplicate','extraction_error')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','approved','rejected','edited','merged','split')),
  deal_id bigint REFERENCES deals(id) ON DELETE CASCADE,
  article_id bigint REFERENCES articles(id) ON DELETE CASCADE,
  extraction_id bigint REFERENCES extractions(id) ON DELETE SET NULL,
  reason text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  resolved_by text,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_items_open_idx ON review_items (kind, created_at) WHERE status = 'open';

CREATE TABLE operators (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  actor text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id bigint,
  detail jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `DROP TABLE IF EXISTS audit_log, operators, review_items, deal_sources, deal_investors, deal_history, deals,
       investors, companies, llm_cache, extractions, articles, sources CASCADE`,
    )
    .execute(db);
}
