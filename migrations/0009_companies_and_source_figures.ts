import { sql, type Kysely } from 'kysely';
import { companyKey, looseKey, nameSkeleton } from '../src/normalise/company.js';

// A company entity: names as written (aliases) with the keys company resolution matches on, the
// domain, and merged_into for operator merges. Every deal source keeps its own figures and role
// ('report' or 'mention' for a past round told as background) and a flag when its figures
// disagree with the deal's. Views gain columns (none removed) and companies_clean is added.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
ALTER TABLE companies ADD COLUMN domain text, ADD COLUMN merged_into bigint REFERENCES companies(id);
-- Companies are resolved through their aliases now (saveDeals serialises by name skeleton), and
-- one name may belong to two companies (another country, a merged-away record): no longer unique.
ALTER TABLE companies DROP CONSTRAINT companies_name_key_key;
CREATE INDEX companies_name_key_idx ON companies (name_key);

CREATE TABLE company_aliases (
  id bigserial PRIMARY KEY,
  company_id bigint NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name text NOT NULL,
  name_key text NOT NULL,
  loose_key text NOT NULL,
  skeleton text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (company_id, name)
);
COMMENT ON TABLE company_aliases IS 'Names a company was written as: name_key (exact dedupe key), loose_key (no generic suffixes, spaces or romanisation variants), skeleton (fuzzy blocking key).';
-- Company resolution blocks on the skeleton (which every looser key implies); search by prefix.
CREATE INDEX company_aliases_skeleton_idx ON company_aliases (skeleton);
CREATE INDEX company_aliases_loose_idx ON company_aliases (loose_key text_pattern_ops);
CREATE INDEX company_aliases_company_idx ON company_aliases (company_id);

ALTER TABLE deal_sources
  ADD COLUMN role text NOT NULL DEFAULT 'report' CHECK (role IN ('report', 'mention')),
  ADD COLUMN amount_value numeric(24,2),
  ADD COLUMN amount_currency char(3),
  ADD COLUMN amount_usd numeric(24,2),
  ADD COLUMN valuation_value numeric(24,2),
  ADD COLUMN valuation_currency char(3),
  ADD COLUMN valuation_usd numeric(24,2),
  ADD COLUMN announced_on date,
  ADD COLUMN figures_disagree boolean NOT NULL DEFAULT false;
`,
    )
    .execute(db);

  // Backfill: every company's own name is its first alias (keys computed by the same functions
  // the pipeline uses), in batches so a large table does not build one huge statement.
  const batch = 5000;
  for (let after = 0; ; ) {
    const { rows } = await sql<{ id: number; name: string }>`
      SELECT id::int AS id, name FROM companies WHERE id > ${after} ORDER BY id LIMIT ${batch}`.execute(db);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    await sql`
      INSERT INTO company_aliases (company_id, name, name_key, loose_key, skeleton)
      SELECT * FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.name)}::text[],
        ${rows.map((r) => companyKey(r.name))}::text[], ${rows.map((r) => looseKey(r.name))}::text[], ${rows.map((r) => nameSkeleton(r.name))}::text[])
      ON CONFLICT DO NOTHING`.execute(db);
  }
  // Sources stored before this migration: the deal's figures are the best record of what they said.
  await sql`
    UPDATE deal_sources ds SET amount_value = d.amount_value, amount_currency = d.amount_currency, amount_usd = d.amount_usd,
      valuation_value = d.valuation_value, valuation_currency = d.valuation_currency, valuation_usd = d.valuation_usd,
      announced_on = d.announced_on
    FROM deals d WHERE d.id = ds.deal_id`.execute(db);

  await sql
    .raw(
      `
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
  d.fx_source,
  d.company_id
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
COMMENT ON COLUMN deals_clean.company_id IS 'companies_clean.id of the deal''s company.';

CREATE OR REPLACE VIEW deal_sources_clean AS
SELECT ds.deal_id, ds.article_id, ds.url, ds.publisher, ds.published_at, ds.quote,
  ds.role, ds.amount_value, ds.amount_currency, ds.amount_usd, ds.valuation_value, ds.valuation_currency, ds.valuation_usd,
  ds.announced_on, ds.figures_disagree
FROM deal_sources ds
JOIN deals d ON d.id = ds.deal_id
WHERE d.merged_into IS NULL AND d.rejected_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.deal_id = d.id AND r.status = 'open' AND r.kind IN ('suspicious','implausible'));
COMMENT ON COLUMN deal_sources_clean.role IS 'report: the article reports the deal as news; mention: it tells the deal as background (an earlier round).';
COMMENT ON COLUMN deal_sources_clean.amount_value IS 'Amount as this article states it (whole units of amount_currency).';
COMMENT ON COLUMN deal_sources_clean.amount_usd IS 'This article''s amount in USD.';
COMMENT ON COLUMN deal_sources_clean.valuation_value IS 'Valuation as this article states it.';
COMMENT ON COLUMN deal_sources_clean.announced_on IS 'Deal date as this article states it (or its publication date).';
COMMENT ON COLUMN deal_sources_clean.figures_disagree IS 'True when this article''s amount or valuation differs from the deal''s beyond rounding (a conflict review item is opened).';

CREATE VIEW companies_clean AS
SELECT
  c.id,
  c.name,
  c.country,
  c.region,
  c.domain,
  COALESCE(al.aliases, '[]'::jsonb) AS aliases,
  COALESCE(dl.deal_count, 0) AS deal_count,
  dl.first_deal_on,
  dl.last_deal_on,
  dl.total_usd
FROM companies c
LEFT JOIN LATERAL (
  SELECT jsonb_agg(a.name ORDER BY a.id) AS aliases FROM company_aliases a WHERE a.company_id = c.id
) al ON true
LEFT JOIN LATERAL (
  SELECT count(*) AS deal_count, min(dc.announced_on) AS first_deal_on, max(dc.announced_on) AS last_deal_on, sum(dc.amount_usd) AS total_usd
  FROM deals_clean dc WHERE dc.company_id = c.id
) dl ON true
WHERE c.merged_into IS NULL;
COMMENT ON VIEW companies_clean IS 'One row per live company (merged ones left out), with the names it was written as and its clean deals.';
COMMENT ON COLUMN companies_clean.aliases IS 'JSON array of the names the company was written as, first seen first.';
COMMENT ON COLUMN companies_clean.deal_count IS 'Number of its deals in deals_clean.';
COMMENT ON COLUMN companies_clean.total_usd IS 'Sum of amount_usd over its deals in deals_clean (deals without a USD amount count 0).';
GRANT SELECT ON companies_clean TO dealflow_reader;
`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Views cannot drop columns in place: the appended view columns stay until an earlier down replaces the views.
  await sql
    .raw(
      `DROP VIEW IF EXISTS companies_clean;
       DROP TABLE IF EXISTS company_aliases;`,
    )
    .execute(db);
}
