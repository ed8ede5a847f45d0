import { loadConfig, type Config } from './config.js';
import { openDatabase, redact, type OpenedDb } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createExtractor } from './extract/index.js';
import { createFetcher, fetcherOptionsFromConfig } from './fetch/http.js';
import { loadStoredRates } from './fx/refresh.js';
import { createLogger, type Logger } from './logger.js';
import { rekeyAtStartup } from './pipeline/rekey.js';
import type { PipelineDeps } from './pipeline/deps.js';

export interface App extends PipelineDeps {
  database: OpenedDb;
  close(): Promise<void>;
}

/**
 * Compose a process: config, logger, database (migrated at startup, stored name keys re-keyed when
 * the key functions changed), fetcher and extractor. `rekey: false` leaves the re-key to the caller.
 */
export async function createApp(opts: { config?: Config; log?: Logger; rekey?: boolean } = {}): Promise<App> {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, log);
  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ applied, db: redact(database.url) }, 'migrations applied');
  // Before anything matches names: rows keyed by older key functions would silently not match.
  if (opts.rekey !== false) await rekeyAtStartup(database.db, log);
  // Exchange rates fetched earlier (by any worker) are used for conversions from the start.
  await loadStoredRates(database.db);
  const fetcher = createFetcher(fetcherOptionsFromConfig(config));
  const extractor = createExtractor(config, { db: database.db, log });
  log.info({ engine: extractor.engine, model: extractor.engine === 'llm' ? config.LLM_MODEL : null }, 'extraction engine');
  return {
    config,
    log,
    db: database.db,
    database,
    fetcher,
    extractor,
    close: async () => {
      await fetcher.close();
      await database.close();
    },
  };
}
