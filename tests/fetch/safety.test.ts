import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/errors.js';
import { assertPublicAddress, classifyAddress, createGuardedLookup, isBlockedHostname } from '../../src/fetch/safety.js';

describe('classifyAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link_local'],
    ['169.254.0.1', 'link_local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['192.0.2.5', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['febf::1', 'link_local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:0:192.168.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link_local'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['not-an-ip', 'invalid'],
    ['256.1.1.1', 'invalid'],
  ])('%s is %s', (addr, cls) => {
    expect(classifyAddress(addr)).toBe(cls);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '100.63.255.255', // just below CGNAT
    '100.128.0.0', // just above CGNAT
    '172.15.255.255', // just below 172.16/12
    '172.32.0.0', // just above
    '169.253.255.255',
    '192.169.0.1',
    '11.0.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    'fbff::1', // just below fc00::/7
  ])('%s is public', (addr) => {
    expect(classifyAddress(addr)).toBeNull();
  });
});

describe('isBlockedHostname', () => {
  it.each([
    'localhost',
    'LOCALHOST.',
    'app.localhost',
    'metadata.google.internal',
    'metadata',
    'printer.local',
    'db.internal',
    'nas.home.arpa',
  ])('blocks %s', (h) => expect(isBlockedHostname(h)).toBe(true));
  it.each(['example.com', 'localhost.example.com', 'internal.example.com', 'news.local.example.org'])('allows %s', (h) =>
    expect(isBlockedHostname(h)).toBe(false),
  );
});

const fakeResolver =
  (table: Record<string, string[]>) =>
  async (host: string): Promise<LookupAddress[]> => {
    const addrs = table[host];
    if (!addrs) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addrs.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('assertPublicAddress', () => {
  const resolve = fakeResolver({
    'public.example': ['93.184.216.34', '2606:2800:220:1::'],
    'mixed.example': ['93.184.216.34', '10.0.0.5'],
    'meta.example': ['169.254.169.254'],
    'empty.example': [],
  });

  it('accepts public literals and names resolving only to public addresses', async () => {
    await expect(assertPublicAddress('8.8.8.8', resolve)).resolves.toBeUndefined();
    await expect(assertPublicAddress('[2606:4700:4700::1111]', resolve)).resolves.toBeUndefined();
    await expect(assertPublicAddress('public.example', resolve)).resolves.toBeUndefined();
  });

  it.each([
    '127.0.0.1',
    '169.254.169.254',
    '[::1]',
    '[::ffff:127.0.0.1]',
    'localhost',
    'metadata.google.internal',
    'mixed.example',
    'meta.example',
  ])('refuses %s with blocked_address', async (host) => {
    const err = await assertPublicAddress(host, resolve).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('blocked_address');
    expect((err as FetchError).message).toContain(host);
  });

  it('reports DNS failures as retryable network errors', async () => {
    const err = (await assertPublicAddress('nx.example', resolve).catch((e: unknown) => e)) as FetchError;
    expect(err.code).toBe('network');
    expect(err.retryable).toBe(true);
    const empty = (await assertPublicAddress('empty.example', resolve).catch((e: unknown) => e)) as FetchError;
    expect(empty.code).toBe('network');
  });
});

describe('createGuardedLookup', () => {
  const base: LookupFunction = (hostname, _options, callback) => {
    const table: Record<string, LookupAddress[]> = {
      'ok.example': [{ address: '93.184.216.34', family: 4 }],
      'rebind.example': [{ address: '127.0.0.1', family: 4 }],
    };
    const list = table[hostname];
    if (!list) return callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), '', 4);
    (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
  };
  const guarded = createGuardedLookup(base);
  const run = (host: string, all: boolean) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
      guarded(host, { all }, (err, address, family) => resolve({ err, address, family })),
    );

  it('passes public answers through in the shape asked for', async () => {
    expect(await run('ok.example', false)).toMatchObject({ err: null, address: '93.184.216.34', family: 4 });
    expect(await run('ok.example', true)).toMatchObject({ err: null, address: [{ address: '93.184.216.34', family: 4 }] });
  });

  it('refuses private answers and blocked names at connect time', async () => {
    const rebind = await run('rebind.example', true);
    expect((rebind.err as FetchError).code).toBe('blocked_address');
    expect((await run('localhost', false)).err).toBeInstanceOf(FetchError);
  });

  it('forwards DNS errors', async () => {
    expect((await run('nx.example', false)).err?.message).toBe('ENOTFOUND');
  });
});
