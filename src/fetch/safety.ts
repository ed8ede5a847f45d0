import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { FetchError } from './errors.js';

/** Why an address must not be fetched, or null when it is a public unicast address. */
export type AddressClass = 'private' | 'loopback' | 'link_local' | 'cgnat' | 'unspecified' | 'multicast' | 'reserved' | 'invalid';

type V4Rule = [base: number, bits: number, cls: AddressClass];
const V4_RULES: V4Rule[] = [
  [ip4(0, 0, 0, 0), 8, 'unspecified'],
  [ip4(10, 0, 0, 0), 8, 'private'],
  [ip4(100, 64, 0, 0), 10, 'cgnat'],
  [ip4(127, 0, 0, 0), 8, 'loopback'],
  [ip4(169, 254, 0, 0), 16, 'link_local'], // includes the cloud metadata endpoint 169.254.169.254
  [ip4(172, 16, 0, 0), 12, 'private'],
  [ip4(192, 0, 0, 0), 24, 'reserved'], // IETF protocol assignments
  [ip4(192, 0, 2, 0), 24, 'reserved'], // TEST-NET-1
  [ip4(192, 88, 99, 0), 24, 'reserved'], // 6to4 relay anycast
  [ip4(192, 168, 0, 0), 16, 'private'],
  [ip4(198, 18, 0, 0), 15, 'reserved'], // benchmarking
  [ip4(198, 51, 100, 0), 24, 'reserved'], // TEST-NET-2
  [ip4(203, 0, 113, 0), 24, 'reserved'], // TEST-NET-3
  [ip4(224, 0, 0, 0), 4, 'multicast'],
  [ip4(240, 0, 0, 0), 4, 'reserved'], // includes broadcast 255.255.255.255
];

function ip4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function parseV4(addr: string): number | null {
  const parts = addr.split('.');
  if (parts.length !== 4) return null;
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (nums.some((n) => !(n >= 0 && n <= 255))) return null;
  const [a, b, c, d] = nums as [number, number, number, number];
  return ip4(a, b, c, d);
}

function classifyV4(n: number): AddressClass | null {
  for (const [base, bits, cls] of V4_RULES) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === base) return cls;
  }
  return null;
}

/** Expand an IPv6 literal into its eight 16-bit groups (an embedded dotted IPv4 tail is allowed). */
function parseV6(addr: string): number[] | null {
  let s = addr.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  // Rewrite an embedded dotted IPv4 tail (::ffff:1.2.3.4) as two hex groups, then parse uniformly.
  const lastColon = s.lastIndexOf(':');
  const dotted = s.slice(lastColon + 1);
  if (dotted.includes('.')) {
    const v4 = parseV4(dotted);
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const toGroups = (h: string | undefined): number[] | null => {
    if (!h) return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0]);
  const rest = toGroups(halves[1]);
  if (!head || !rest) return null;
  const explicit = head.length + rest.length;
  if (halves.length === 1) return explicit === 8 ? head : null;
  if (explicit > 7) return null;
  return [...head, ...new Array<number>(8 - explicit).fill(0), ...rest];
}

function classifyV6(g: number[]): AddressClass | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const v4Tail = ((g6 << 16) | g7) >>> 0;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0) {
    if (g6 === 0 && g7 === 0) return 'unspecified';
    if (g6 === 0 && g7 === 1) return 'loopback';
    // Deprecated IPv4-compatible form ::a.b.c.d: judge by the IPv4 inside.
    return classifyV4(v4Tail) ?? 'reserved';
  }
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-translated ::ffff:0:a.b.c.d reach the IPv4 host.
  if (firstFiveZero && g5 === 0xffff) return classifyV4(v4Tail);
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return classifyV4(v4Tail);
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4 address a gateway will connect to.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyV4(v4Tail);
  if (g0 === 0x2002) return classifyV4(((g1 << 16) | g2) >>> 0);
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'link_local'; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved'; // documentation
  if (g0 === 0x2001 && g1 === 0) return 'reserved'; // Teredo: the IPv4 inside is obfuscated, refuse
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // discard prefix
  return null;
}

/** Classify an IP literal (IPv4, IPv6, bracketed IPv6); null means a public address. */
export function classifyAddress(address: string): AddressClass | null {
  const a = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const version = isIP(a.split('%')[0] ?? '');
  if (version === 4) {
    const n = parseV4(a);
    return n === null ? 'invalid' : classifyV4(n);
  }
  if (version === 6) {
    const g = parseV6(a);
    return g === null ? 'invalid' : classifyV6(g);
  }
  return 'invalid';
}

const BLOCKED_NAMES = new Set(['localhost', 'metadata', 'metadata.google.internal', 'instance-data']);
const BLOCKED_SUFFIXES = ['.localhost', '.local', '.localdomain', '.internal', '.home.arpa'];

/** Host names that point inside the machine or the cloud network whatever DNS says. */
export function isBlockedHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return BLOCKED_NAMES.has(h) || BLOCKED_SUFFIXES.some((s) => h.endsWith(s));
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/** Resolve every address of a host with the given lookup (the one the connection will use). */
export function resolverFor(lookup: LookupFunction = dnsLookup as LookupFunction): Resolver {
  return (hostname) =>
    new Promise((resolve, reject) => {
      const opts: LookupAllOptions = { all: true };
      lookup(hostname, opts, (err, addresses) => {
        if (err) reject(err);
        else resolve(Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }]);
      });
    });
}

function refuse(host: string, why: string): FetchError {
  return new FetchError('blocked_address', host, `refusing to fetch ${why}`);
}

/**
 * Throw a `blocked_address` FetchError unless `host` (name or IP literal) is, and only
 * resolves to, public addresses. Every resolved address must pass: one private answer is enough
 * to refuse, since the connection could pick it.
 */
export async function assertPublicAddress(host: string, resolve: Resolver = resolverFor()): Promise<void> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare.split('%')[0] ?? '')) {
    const cls = classifyAddress(bare);
    if (cls) throw refuse(host, `${cls} address ${bare}`);
    return;
  }
  if (isBlockedHostname(bare)) throw refuse(host, `internal host name ${bare}`);
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(bare);
  } catch (err) {
    throw new FetchError('network', host, `DNS lookup failed for ${bare}: ${(err as Error).message}`, {
      retryable: true,
      cause: err,
    });
  }
  if (addresses.length === 0) throw new FetchError('network', host, `DNS returned no address for ${bare}`);
  for (const { address } of addresses) {
    const cls = classifyAddress(address);
    if (cls) throw refuse(host, `${bare}, which resolves to ${cls} address ${address}`);
  }
}

/**
 * A `lookup` for net/tls connect that refuses non-public answers. Installed on the undici Agent so
 * the address actually connected to is checked, which defeats DNS rebinding between the pre-check
 * and the connection.
 */
export function createGuardedLookup(base: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    if (isBlockedHostname(hostname)) {
      callback(refuse(hostname, `internal host name ${hostname}`) as unknown as NodeJS.ErrnoException, '', 4);
      return;
    }
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list: LookupAddress[] = Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }];
      const bad = list.find((a) => classifyAddress(a.address) !== null);
      if (bad) {
        const e = refuse(hostname, `${hostname}, which resolves to ${classifyAddress(bad.address)} address ${bad.address}`);
        return callback(e as unknown as NodeJS.ErrnoException, '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
      callback(null, first.address, first.family);
    });
  };
}
