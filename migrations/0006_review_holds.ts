import { sql, type Kysely } from 'kysely';

// Review items that hold a deal (src/deal/review.ts HOLD_KINDS): 'suspicious' (the article talks to
// a model, or lists more deals than the cap) and 'implausible' (figures no real round has). While
// one is open the deal stays out of the downstream views, so an injected or misread deal never
// reaches consumers before an operator approves it. The views keep their columns (the contract).
const HELD = `EXISTS (SELECT 1 FROM review_items r WHERE r.deal_id = d.id AND r.status = 'open' AND r.kind IN ('suspicious','implausible'))`;

function views(live: string): string {
  return `
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
WHERE ${live};

CREATE OR REPLACE VIEW deal_sources_clean AS
SELECT ds.deal_id, ds.article_id, ds.url, ds.publisher, ds.published_at, ds.quote
FROM deal_sources ds
JOIN deals d ON d.id = ds.deal_id
WHERE ${live};`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE review_items DROP CONSTRAINT IF EXISTS review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
  CHECK (kind IN ('low_confidence','evidence_failed','conflict','possible_duplicate','extraction_error','suspicious','implausible'));
-- Small (holds are rare) and exactly what the views' NOT EXISTS probes.
CREATE INDEX review_items_held_idx ON review_items (deal_id) WHERE status = 'open' AND kind IN ('suspicious','implausible');
${views(`d.merged_into IS NULL AND d.rejected_at IS NULL AND NOT ${HELD}`)}
COMMENT ON VIEW deals_clean IS 'One row per live funding deal (not merged into another, not rejected by an operator, not held for review as suspicious or implausible).';
COMMENT ON VIEW deal_sources_clean IS 'Articles reporting each live deal in deals_clean.';
`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
${views('d.merged_into IS NULL AND d.rejected_at IS NULL')}
COMMENT ON VIEW deals_clean IS 'One row per live funding deal (not merged into another, not rejected by an operator).';
DROP INDEX IF EXISTS review_items_held_idx;
DELETE FROM review_items WHERE kind IN ('suspicious','implausible');
ALTER TABLE review_items DROP CONSTRAINT IF EXISTS review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check CHECK (kind IN ('low_confidence','evidence_failed','conflict','possible_duplicate','extraction_error'));
`,
    )
    .execute(db);
}
