import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_dedupe.js';
import * as m0003 from './0003_views.js';
import * as m0004 from './0004_article_fingerprints.js';
import * as m0005 from './0005_article_duplicate_of.js';
import * as m0006 from './0006_review_holds.js';
import * as m0007 from './0007_sessions.js';
import * as m0008 from './0008_fx_rates_and_view_columns.js';
import * as m0009 from './0009_companies_and_source_figures.js';
import * as m0010 from './0010_one_extraction_per_article.js';
import * as m0011 from './0011_data_versions.js';

// Listed explicitly (not read from disk) so the same list works from TypeScript sources and dist/.
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_dedupe': m0002,
  '0003_views': m0003,
  '0004_article_fingerprints': m0004,
  '0005_article_duplicate_of': m0005,
  '0006_review_holds': m0006,
  '0007_sessions': m0007,
  '0008_fx_rates_and_view_columns': m0008,
  '0009_companies_and_source_figures': m0009,
  '0010_one_extraction_per_article': m0010,
  '0011_data_versions': m0011,
};
