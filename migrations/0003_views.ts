import { sql, type Kysely } from 'kysely';

// Downstream contract: consumers read these views (as dealflow_reader), never the raw tables,
// so the storage schema can change behind them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE deals ADD COLUMN rejected_at timestamptz;
COMMENT ON COLUMN deals.rejected_at IS 'Set when an operator rejects the deal; rejected deals leave deals_clean.';

CREATE VIEW deals_clean AS
SELECT
  d.id,
  c.name AS company_name,
  COALESCE(d.country, c.country) AS country,
  COALESCE(d.region, c.region) AS region,
  d.round,
  d.status,
  d.amount_value,
  d.amount_currency,
  d.amount_usd,
  d.valuation_value,
  d.valuation_currency,
  d.valuation_usd,
  d.announced_on,
  COALESCE(inv.investors, '[]'::jsonb) AS investors,
  COALESCE(inv.investors_text, '') AS investors_text,
  COALESCE(inv.lead_investors, '') AS lead_investors,
  COALESCE(src.source_count, 0) AS source_count,
  src.first_seen_at,
  src.last_seen_at,
  d.confidence,
  d.updated_at
FROM deals d
JOIN companies c ON c.id = d.company_id
LEFT JOIN LATERAL (
  SELECT
    jsonb_agg(jsonb_build_object('name', i.name, 'lead', di.lead) ORDER BY di.lead DESC, i.name) AS investors,
    string_agg(i.name, '; ' ORDER BY di.lead DESC, i.name) AS investors_text,
    string_agg(i.name, '; ' ORDER BY i.name) FILTER (WHERE di.lead) AS lead_investors
  FROM deal_investors di JOIN investors i ON i.id = di.investor_id
  WHERE di.deal_id = d.id
) inv ON true
LEFT JOIN LATERAL (
  SELECT count(*) AS source_count, min(ds.created_at) AS first_seen_at, max(ds.created_at) AS last_seen_at
  FROM deal_sources ds WHERE ds.deal_id = d.id
) src ON true
WHERE d.merged_into IS NULL AND d.rejected_at IS NULL;

COMMENT ON VIEW deals_clean IS 'One row per live funding deal (not merged into another, not rejected by an operator).';
COMMENT ON COLUMN deals_clean.id IS 'Stable deal id; also the key of deal_sources_clean.deal_id.';
COMMENT ON COLUMN deals_clean.company_name IS 'Company display name.';
COMMENT ON COLUMN deals_clean.country IS 'ISO 3166-1 alpha-2 of the company (deal value, else company value).';
COMMENT ON COLUMN deals_clean.region IS 'Region code (north_america, europe, ...).';
COMMENT ON COLUMN deals_clean.round IS 'Round type (seed, series_a, ..., undisclosed).';
COMMENT ON COLUMN deals_clean.status IS 'announced | in_talks | rumored.';
COMMENT ON COLUMN deals_clean.amount_value IS 'Amount raised in whole units of amount_currency.';
COMMENT ON COLUMN deals_clean.amount_currency IS 'ISO 4217 currency of amount_value, as reported.';
COMMENT ON COLUMN deals_clean.amount_usd IS 'Amount in USD at the historical rate of the deal date; NULL when unknown.';
COMMENT ON COLUMN deals_clean.valuation_value IS 'Reported valuation in whole units of valuation_currency.';
COMMENT ON COLUMN deals_clean.valuation_currency IS 'ISO 4217 currency of valuation_value.';
COMMENT ON COLUMN deals_clean.valuation_usd IS 'Valuation in USD; NULL when unknown.';
COMMENT ON COLUMN deals_clean.announced_on IS 'Announcement date (YYYY-MM-DD).';
COMMENT ON COLUMN deals_clean.investors IS 'JSON array of {name, lead}, leads first.';
COMMENT ON COLUMN deals_clean.investors_text IS 'Investor names joined with "; ", leads first.';
COMMENT ON COLUMN deals_clean.lead_investors IS 'Lead investor names joined with "; ".';
COMMENT ON COLUMN deals_clean.source_count IS 'Number of articles reporting the deal.';
COMMENT ON COLUMN deals_clean.first_seen_at IS 'When the first reporting article was linked to the deal.';
COMMENT ON COLUMN deals_clean.last_seen_at IS 'When the latest reporting article was linked to the deal.';
COMMENT ON COLUMN deals_clean.confidence IS 'Extraction confidence 0..1.';
COMMENT ON COLUMN deals_clean.updated_at IS 'Last change to the deal row.';

CREATE VIEW deal_sources_clean AS
SELECT ds.deal_id, ds.article_id, ds.url, ds.publisher, ds.published_at, ds.quote
FROM deal_sources ds
JOIN deals d ON d.id = ds.deal_id
WHERE d.merged_into IS NULL AND d.rejected_at IS NULL;

COMMENT ON VIEW deal_sources_clean IS 'Articles reporting each live deal in deals_clean.';
COMMENT ON COLUMN deal_sources_clean.deal_id IS 'deals_clean.id';
COMMENT ON COLUMN deal_sources_clean.article_id IS 'Internal article id (one per canonical URL).';
COMMENT ON COLUMN deal_sources_clean.url IS 'Article URL.';
COMMENT ON COLUMN deal_sources_clean.publisher IS 'Publisher / site name.';
COMMENT ON COLUMN deal_sources_clean.published_at IS 'Article publication time.';
COMMENT ON COLUMN deal_sources_clean.quote IS 'Sentence of the article that states the deal.';

-- Roles are cluster-wide: another database (test clones, a second install) may have created it,
-- possibly at the same moment, which surfaces as duplicate_object or unique_violation.
DO $$
BEGIN
  CREATE ROLE dealflow_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO dealflow_reader;
GRANT SELECT ON deals_clean, deal_sources_clean TO dealflow_reader;
`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The role stays: other databases in the cluster may still grant to it.
  await sql
    .raw(
      `REVOKE USAGE ON SCHEMA public FROM dealflow_reader;
       DROP VIEW IF EXISTS deal_sources_clean, deals_clean;
       ALTER TABLE deals DROP COLUMN IF EXISTS rejected_at;`,
    )
    .execute(db);
}
