import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { resolveAdminToken } from '../../src/web/auth.js';
import { buildServer } from '../../src/web/server.js';
import { createTestDb } from '../helpers/db.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dealflow-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('admin token', () => {
  it('is generated once per data directory, kept private, and reused', async () => {
    const dataDir = path.join(dir, 'data');
    const first = await resolveAdminToken({ ADMIN_TOKEN: undefined, DATA_DIR: dataDir });
    expect(first.length).toBeGreaterThanOrEqual(20);
    expect(statSync(path.join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(await resolveAdminToken({ ADMIN_TOKEN: undefined, DATA_DIR: dataDir })).toBe(first);
    expect(await resolveAdminToken({ ADMIN_TOKEN: 'configured-token-0123456789', DATA_DIR: dataDir })).toBe('configured-token-0123456789');
  });

  it('a server is never built with a token it made up', async () => {
    const t = await createTestDb();
    try {
      await expect(buildServer({ db: t.db, config: loadConfig({ NODE_ENV: 'test' }) })).rejects.toThrow(/ADMIN_TOKEN/);
    } finally {
      await t.drop();
    }
  });
});
