import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Extractor } from '../extract/types.js';
import type { Fetcher } from '../fetch/http.js';
import type { Logger } from '../logger.js';

/** Everything a stage needs; built once per process and passed explicitly (no globals). */
export interface PipelineDeps {
  db: Db;
  fetcher: Fetcher;
  extractor: Extractor;
  config: Config;
  log: Logger;
}
