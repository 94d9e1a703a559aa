// SSRF guard for feeds added from chat ("Safety"): only public addresses are fetched.
// Checked on the URL (IP-literal hosts, every redirect hop) and after DNS resolution (the `lookup`
// hook of fetch-feed.ts), so a name resolving to 127.0.0.1 or 169.254.169.254 is refused too.
// Ranges: IANA special-purpose registries (RFC 6890 and successors), RFC 6052 (NAT64), RFC 4291 (IPv6).
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import type { FetchOptions } from './fetch-types.ts';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has (the default asks the system resolver). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface GuardOptions {
  /** DNS resolution; injectable so tests can make a name resolve to loopback. */
  readonly resolve?: Resolver;
  /** Exact addresses allowed although not public (an operator's internal feed host). */
  readonly exempt?: readonly string[];
}

interface Range {
  readonly base: bigint;
  readonly bits: number;
  readonly why: string;
}

const V4_MAPPED_BITS = 96;

function v4(cidr: string, why: string): Range {
  const [address = '', bits = '32'] = cidr.split('/');
  return { base: (0xffffn << 32n) | BigInt(parseIPv4(address) ?? 0), bits: V4_MAPPED_BITS + Number(bits), why };
}

function v6(cidr: string, why: string): Range {
  const [address = '', bits = '128'] = cidr.split('/');
  return { base: parseIPv6(address) ?? 0n, bits: Number(bits), why };
}

/** Non-public IPv4 ranges, kept as IPv4-mapped IPv6 so one table serves both families. */
const BLOCKED: readonly Range[] = [
  v4('0.0.0.0/8', '"this network" (0.0.0.0/8)'),
  v4('10.0.0.0/8', 'a private address (10.0.0.0/8)'),
  v4('100.64.0.0/10', 'a carrier-grade NAT address (100.64.0.0/10)'),
  v4('127.0.0.0/8', 'a loopback address'),
  v4('169.254.0.0/16', 'a link-local or cloud metadata address (169.254.0.0/16)'),
  v4('172.16.0.0/12', 'a private address (172.16.0.0/12)'),
  v4('192.0.0.0/24', 'an IETF protocol address (192.0.0.0/24)'),
  v4('192.0.2.0/24', 'a documentation address (192.0.2.0/24)'),
  v4('192.88.99.0/24', 'a 6to4 relay address (192.88.99.0/24)'),
  v4('192.168.0.0/16', 'a private address (192.168.0.0/16)'),
  v4('198.18.0.0/15', 'a benchmarking address (198.18.0.0/15)'),
  v4('198.51.100.0/24', 'a documentation address (198.51.100.0/24)'),
  v4('203.0.113.0/24', 'a documentation address (203.0.113.0/24)'),
  v4('224.0.0.0/4', 'a multicast address (224.0.0.0/4)'),
  v4('240.0.0.0/4', 'a reserved address (240.0.0.0/4)'),
  v6('::/128', 'the unspecified address (::)'),
  v6('::1/128', 'a loopback address (::1)'),
  v6('::/96', 'an IPv4-compatible IPv6 address (::/96, deprecated)'),
  v6('64:ff9b:1::/48', 'a local-use NAT64 address (64:ff9b:1::/48)'),
  v6('100::/64', 'a discard-only address (100::/64)'),
  v6('2001::/23', 'an IETF protocol address (2001::/23, Teredo included)'),
  v6('2001:db8::/32', 'a documentation address (2001:db8::/32)'),
  v6('fc00::/7', 'a unique-local address (fc00::/7)'),
  v6('fe80::/10', 'a link-local address (fe80::/10)'),
  v6('fec0::/10', 'a site-local address (fec0::/10, deprecated)'),
  v6('ff00::/8', 'a multicast address (ff00::/8)'),
];

const NAT64 = v6('64:ff9b::/96', 'NAT64');
const SIX_TO_FOUR = v6('2002::/16', '6to4');

/**
 * Why `address` (IPv4 or IPv6 text) is not a public unicast address, or null when it is.
 * Addresses that embed an IPv4 address (mapped, NAT64, 6to4) are judged by the embedded one.
 */
export function whyNotPublic(address: string): string | null {
  const kind = nonPublicKind(address);
  return kind === null ? null : `${address} is ${kind}`;
}

/** What kind of non-public address `address` is ("a loopback address (127.0.0.0/8)"), or null when it is public. */
function nonPublicKind(address: string): string | null {
  const value = parseAddress(address);
  if (value === null) return 'not an IP address';
  const embedded = embeddedIPv4(value);
  const judged = embedded === null ? value : (0xffffn << 32n) | BigInt(embedded);
  return BLOCKED.find((range) => inRange(judged, range))?.why ?? null;
}

/**
 * Pre-fetch and per-redirect check of a URL: http(s) only, no credentials, and an IP-literal host
 * must be public (fetch-feed.ts does not call `lookup` for literals). Names are checked by `lookup`.
 */
export function checkPublicUrl(url: URL, exempt: readonly string[] = []): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https feeds are allowed, not ${url.protocol}`;
  if (url.username !== '' || url.password !== '') return 'feed URLs with a user name or password are not allowed';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) === 0) return null;
  if (exempt.includes(host)) return null;
  const why = whyNotPublic(host);
  return why === null ? null : `refused ${url.host}: ${why}`;
}

/** A `lookup` for fetchFeed that resolves the name and refuses it when any of its addresses is not public. */
export function createPublicLookup(options: GuardOptions = {}): LookupFunction {
  const resolve = options.resolve ?? resolveWithSystem;
  const exempt = options.exempt ?? [];
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const blocked = addresses.find((a) => !exempt.includes(a.address) && nonPublicKind(a.address) !== null);
        if (blocked !== undefined) {
          callback(new Error(`refused ${hostname}: it resolves to ${blocked.address}, which is ${nonPublicKind(blocked.address) ?? 'not public'}`), '', 4);
          return;
        }
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? addresses.filter((a) => a.family === lookupOptions.family) : addresses;
        const first = wanted[0];
        if (first === undefined) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 4);
          return;
        }
        if (lookupOptions.all === true) callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
}

/** FetchOptions with the guard on: every hop's URL checked, every name resolved through the guard. */
export function guardFetchOptions(base: FetchOptions, options: GuardOptions = {}): FetchOptions {
  const exempt = options.exempt ?? [];
  return { ...base, lookup: createPublicLookup(options), allowUrl: (url) => checkPublicUrl(url, exempt) };
}

async function resolveWithSystem(hostname: string): Promise<readonly ResolvedAddress[]> {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

function inRange(value: bigint, range: Range): boolean {
  const shift = BigInt(128 - range.bits);
  return value >> shift === range.base >> shift;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIPv4(value: bigint): number | null {
  if (value >> 32n === 0xffffn) return Number(value & 0xffffffffn);
  if (inRange(value, NAT64)) return Number(value & 0xffffffffn);
  if (inRange(value, SIX_TO_FOUR)) return Number((value >> 80n) & 0xffffffffn);
  return null;
}

/** IPv4 → the IPv4-mapped IPv6 value; IPv6 (zone id ignored) → its value; else null. */
function parseAddress(address: string): bigint | null {
  const v4Value = parseIPv4(address);
  if (v4Value !== null) return (0xffffn << 32n) | BigInt(v4Value);
  return parseIPv6(address.replace(/%.*$/, ''));
}

/** Strict dotted-quad decimal (the form node and the URL parser produce). */
function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | null {
  if (isIP(text) !== 6) return null;
  let head = text;
  let tailGroups: string[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const v4Value = parseIPv4(dotted[1]);
    if (v4Value === null) return null;
    tailGroups = [(v4Value >>> 16).toString(16), (v4Value & 0xffff).toString(16)];
    head = text.slice(0, -dotted[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right] = head.split('::');
  const leftGroups = left === '' ? [] : left.split(':');
  const rightGroups = right === undefined || right === '' ? [] : right.split(':');
  const given = [...leftGroups, ...rightGroups, ...tailGroups].length;
  const fill = right === undefined ? [] : Array<string>(8 - given).fill('0');
  const groups = [...leftGroups, ...fill, ...rightGroups, ...tailGroups];
  if (groups.length !== 8) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
