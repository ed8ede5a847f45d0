import { z } from 'zod';

// The single source of configuration: every setting is an environment variable validated here.
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/dealflow'),
  /** When the configured Postgres is unreachable, start an embedded one under DATA_DIR. */
  EMBEDDED_POSTGRES: z.enum(['auto', 'always', 'never']).default('auto'),
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().default('dealflow'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Operator login token for the review UI and API writes; generated at startup when unset. */
  ADMIN_TOKEN: z.string().min(12).optional(),
  /** Bearer token that may read /metrics only (ADMIN_TOKEN and a login session also may). */
  METRICS_TOKEN: z.string().min(12).optional(),
  /** When set, /metrics is also served on this separate listener (no login; METRICS_TOKEN if set). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Failed review UI logins allowed per client address, and in total, per minute; then 429. */
  LOGIN_FAILURES_PER_IP: z.coerce.number().int().positive().default(10),
  LOGIN_FAILURES_GLOBAL: z.coerce.number().int().positive().default(100),
  /**
   * Honour X-Forwarded-For/-Proto (client address for login throttling, `Secure` cookies) only from
   * these proxies: 'false' (default), 'true' (any), a hop count, or comma-separated addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' || v === '' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  /** Either this or OPENAI_BASE_URL selects the LLM engine (a local server needs no key). */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  LLM_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  LLM_CHUNK_TOKENS: z.coerce.number().int().min(500).default(6000),
  /** USD per 1M tokens, input and output, for cost estimates. */
  LLM_PRICE_INPUT: z.coerce.number().min(0).default(0.15),
  LLM_PRICE_OUTPUT: z.coerce.number().min(0).default(0.6),
  FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  FETCH_HOST_CONCURRENCY: z.coerce.number().int().positive().default(2),
  FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  FETCH_USER_AGENT: z.string().default('dealflow/0.1 (+https://github.com/dealflow/dealflow)'),
  FETCH_RESPECT_ROBOTS: bool.default(true),
  /** Extra attempts after a network error, timeout, 5xx or 429 (exponential backoff with full jitter). */
  FETCH_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Allow fetching private/loopback addresses for every source (tests, the bundled demo). */
  FETCH_ALLOW_PRIVATE: bool.default(false),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  /** How long a worker's job lock lasts without renewal; a killed worker's jobs are re-run after it expires. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How often workers look for jobs whose lock expired (their worker died) and put them back in the queue. */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  SOURCE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  /** Most items read from one source per poll (a sitemap index and its children together); a cut is logged and noted on the source. */
  SOURCE_MAX_ITEMS: z.coerce.number().int().positive().max(50_000).default(5000),
  /** Port of the bundled demo news site that `npm start` serves when no sources are configured. */
  DEMO_PORT: z.coerce.number().int().min(0).max(65535).default(4816),
  /** ECB euro reference rates (eurofxref XML), fetched on a schedule by workers; the bundled table is the offline fallback. */
  FX_RATES_URL: z.string().url().default('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml'),
  /** How often workers fetch FX_RATES_URL; 0 = never (bundled table and already stored rates only). */
  FX_REFRESH_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(6 * 3_600_000),
  REVIEW_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.6),
  /** Deals kept per article; an article listing more is held for review (see src/deal/review.ts). */
  ARTICLE_MAX_DEALS: z.coerce.number().int().positive().default(50),
  /** Deals above this USD amount are held for review: near half the largest venture round on record. */
  DEAL_MAX_USD: z.coerce.number().positive().default(20e9),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/**
 * The environment with empty values removed: `KEY=` (as docker compose passes an unset
 * `${KEY}`) means "not set", so the default applies instead of failing validation.
 */
export function withoutEmptyValues(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
