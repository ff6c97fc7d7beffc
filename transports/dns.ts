// Copyright 2026 the @denoio/asyncio authors. MIT license.
// `loop.getaddrinfo()` and `loop.getnameinfo()`: IP literals and `localhost`
// answered locally; other names through `node:dns` (which, like the C library's
// getaddrinfo, reads /etc/hosts; Deno.resolveDns does not).
import { lookup, lookupService } from "node:dns";
import type { EventLoop } from "../loop/event_loop.ts";
import { type AddrInfo, futureFromPromise, type GetaddrinfoOptions } from "../loop/io.ts";
import { describe } from "../loop/_internal.ts";
import { canonicalHost, checkPort, isIPv4, normalizeIPv6 } from "./_address.ts";
import {
  AF_INET,
  AF_INET6,
  AF_UNSPEC,
  AI_ADDRCONFIG,
  AI_ALL,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  AI_V4MAPPED,
  IPPROTO_TCP,
  IPPROTO_UDP,
  NI_DGRAM,
  NI_NAMEREQD,
  NI_NOFQDN,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
  SOCK_DGRAM,
  SOCK_STREAM,
} from "./constants.ts";
import { GaiError } from "./gai_error.ts";

const AI_KNOWN = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL |
  AI_ADDRCONFIG | AI_NUMERICSERV;
const NI_KNOWN = NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM;

/** Well-known services (the same port for TCP and UDP), for names given as ports. */
const SERVICES: Record<string, number> = {
  echo: 7,
  discard: 9,
  daytime: 13,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  pop3: 110,
  ntp: 123,
  imap: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  submission: 587,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
};
const SERVICE_NAMES = new Map(Object.entries(SERVICES).map(([name, port]) => [port, name]));

/** The port a `getaddrinfo()` port argument stands for. */
function servicePort(port: number | string | null | undefined, flags: number): number {
  if (port === null || port === undefined) return 0;
  if (typeof port === "number") return checkPort(port, "getaddrinfo()");
  if (typeof port !== "string") {
    throw new TypeError(
      `getaddrinfo(): port must be a number, a string or null, got ${describe(port)}`,
    );
  }
  if (/^\d+$/.test(port)) return checkPort(Number(port), "getaddrinfo()");
  const known = (flags & AI_NUMERICSERV) ? undefined : SERVICES[port.toLowerCase()];
  if (known === undefined) {
    throw new GaiError(
      -8,
      `getaddrinfo(): unknown service ${JSON.stringify(port)} ` +
        `(Servname not supported for ai_socktype; known names: ${
          Object.keys(SERVICES).join(", ")
        })`,
    );
  }
  return known;
}

/** The `[type, proto]` pairs to report for each address. */
function socketKinds(type: number, proto: number): [number, number][] {
  const stream: [number, number] = [SOCK_STREAM, IPPROTO_TCP];
  const dgram: [number, number] = [SOCK_DGRAM, IPPROTO_UDP];
  if (type === 0 && proto === 0) return [stream, dgram];
  if ((type === 0 || type === SOCK_STREAM) && (proto === 0 || proto === IPPROTO_TCP)) {
    return [stream];
  }
  if ((type === 0 || type === SOCK_DGRAM) && (proto === 0 || proto === IPPROTO_UDP)) {
    return [dgram];
  }
  if (type !== 0 && type !== SOCK_STREAM && type !== SOCK_DGRAM) {
    throw new GaiError(-7, `getaddrinfo(): ai_socktype not supported: type ${type}`);
  }
  throw new GaiError(-8, `getaddrinfo(): protocol ${proto} does not fit socket type ${type}`);
}

function checkInteger(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`${what} must be an integer, got ${describe(value)}`);
  }
  return value;
}

/** Maps a `node:dns` failure to a `GaiError`, or a permission failure to `NotCapable`. */
function lookupError(error: unknown, host: string, syscall: string): Error {
  const code = (error as { code?: string })?.code;
  if (code === "EPERM") {
    return new Deno.errors.NotCapable(
      `Requires net access to "${host}", run again with the --allow-net flag`,
      { cause: error },
    );
  }
  const [errno, text] = code === "ENOTFOUND"
    ? [-2, "Name or service not known"]
    : code === "ENODATA"
    ? [-5, "No address associated with hostname"]
    : code === "EAI_AGAIN" || code === "ETIMEOUT" || code === "ESERVFAIL"
    ? [-3, "Temporary failure in name resolution"]
    : [-4, `Non-recoverable failure in name resolution (${code ?? String(error)})`];
  return new GaiError(errno, `${syscall}(${JSON.stringify(host)}): ${text}`, { cause: error });
}

function lookupAll(host: string, family: number, flags: number): Promise<[number, string][]> {
  const hints = flags & AI_ADDRCONFIG ? 0x400 /* dns.ADDRCONFIG */ : 0;
  return new Promise((resolve, reject) => {
    lookup(
      host,
      { all: true, family: family === AF_INET ? 4 : family === AF_INET6 ? 6 : 0, hints },
      (err, addresses) => {
        if (err) return reject(lookupError(err, host, "getaddrinfo"));
        resolve(
          addresses.map((a) => [a.family === 6 ? AF_INET6 : AF_INET, canonicalHost(a.address)]),
        );
      },
    );
  });
}

/** The addresses (family and literal) of `host`, without sockets. */
async function hostAddresses(
  loop: EventLoop,
  host: string | null | undefined,
  family: number,
  flags: number,
): Promise<[number, string][]> {
  const want = (f: number) => family === AF_UNSPEC || family === f;
  if (host === "") {
    throw new GaiError(-2, `getaddrinfo(""): Name or service not known (use null for no host)`);
  }
  if (host === null || host === undefined) {
    const passive = (flags & AI_PASSIVE) !== 0;
    const out: [number, string][] = [];
    if (want(AF_INET)) out.push([AF_INET, passive ? "0.0.0.0" : "127.0.0.1"]);
    if (want(AF_INET6)) out.push([AF_INET6, passive ? "::" : "::1"]);
    return out;
  }
  if (typeof host !== "string") {
    throw new TypeError(`getaddrinfo(): host must be a string or null, got ${describe(host)}`);
  }
  const literal: [number, string] | null = isIPv4(host)
    ? [AF_INET, host]
    : normalizeIPv6(host) !== null
    ? [AF_INET6, normalizeIPv6(host)!]
    : null;
  // AF_INET6 with AI_V4MAPPED: IPv4 addresses as IPv4-mapped IPv6 ones, when there is no IPv6
  // address (or always, with AI_ALL), as the C library's getaddrinfo() does.
  const mapV4 = family === AF_INET6 && (flags & AI_V4MAPPED) !== 0;
  if (mapV4 && literal !== null && literal[0] === AF_INET) {
    return [[AF_INET6, normalizeIPv6(`::ffff:${host}`)!]];
  }
  if (literal !== null) {
    if (!want(literal[0])) {
      throw new GaiError(
        -9,
        `getaddrinfo(${JSON.stringify(host)}): Address family for hostname not supported`,
      );
    }
    return [literal];
  }
  if (flags & AI_NUMERICHOST) {
    throw new GaiError(
      -2,
      `getaddrinfo(${
        JSON.stringify(host)
      }): Name or service not known (AI_NUMERICHOST needs an IP literal)`,
    );
  }
  const lower = host.toLowerCase();
  if (lower === "localhost" || lower === "localhost." || lower.endsWith(".localhost")) {
    const out: [number, string][] = [];
    if (want(AF_INET)) out.push([AF_INET, "127.0.0.1"]);
    if (want(AF_INET6)) out.push([AF_INET6, "::1"]);
    if (mapV4 && (flags & AI_ALL)) out.push([AF_INET6, "::ffff:127.0.0.1"]);
    return out;
  }
  if (!mapV4) return await futureFromPromise(loop, lookupAll(host, family, flags));
  let v6: [number, string][] = [];
  let failure: unknown = null;
  try {
    v6 = await futureFromPromise(loop, lookupAll(host, AF_INET6, flags));
  } catch (e) {
    failure = e;
  }
  if (v6.length > 0 && !(flags & AI_ALL)) return v6;
  try {
    const v4 = await futureFromPromise(loop, lookupAll(host, AF_INET, flags));
    return [
      ...v6,
      ...v4.map(([, a]): [number, string] => [AF_INET6, normalizeIPv6(`::ffff:${a}`)!]),
    ];
  } catch (e) {
    if (v6.length > 0) return v6;
    throw failure ?? e;
  }
}

/**
 * Resolves `host` and `port` to socket addresses. The provider of
 * `loop.getaddrinfo()`; see the loop's docs.
 */
export async function getaddrinfo(
  loop: EventLoop,
  host: string | null,
  port: number | string | null,
  options: GetaddrinfoOptions = {},
): Promise<AddrInfo[]> {
  const family = checkInteger(options.family ?? AF_UNSPEC, "getaddrinfo(): family");
  const type = checkInteger(options.type ?? 0, "getaddrinfo(): type");
  const proto = checkInteger(options.proto ?? 0, "getaddrinfo(): proto");
  const flags = checkInteger(options.flags ?? 0, "getaddrinfo(): flags");
  if (family !== AF_UNSPEC && family !== AF_INET && family !== AF_INET6) {
    throw new GaiError(
      -6,
      `getaddrinfo(): ai_family not supported: ${family} (expected AF_INET, AF_INET6 or AF_UNSPEC)`,
    );
  }
  if (flags & ~AI_KNOWN) {
    throw new GaiError(-1, `getaddrinfo(): Bad value for ai_flags: 0x${flags.toString(16)}`);
  }
  const kinds = socketKinds(type, proto);
  const portNumber = servicePort(port, flags);
  const addresses = await hostAddresses(loop, host, family, flags);
  const out: AddrInfo[] = [];
  for (const [fam, address] of addresses) {
    for (const [t, p] of kinds) {
      const canon = out.length === 0 && (flags & AI_CANONNAME) ? host ?? address : "";
      out.push([fam, t, p, canon, [address, portNumber]]);
    }
  }
  return out;
}

function reverseLookup(host: string, port: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    lookupService(host, port, (err, hostname) => {
      if (!err) return resolve(hostname);
      const code = (err as { code?: string }).code;
      if (code === "ENOTFOUND" || code === "ENODATA") return resolve(null);
      reject(lookupError(err, host, "getnameinfo"));
    });
  });
}

/**
 * Resolves a socket address to a host name and service name. The provider of
 * `loop.getnameinfo()`; see the loop's docs.
 */
export async function getnameinfo(
  loop: EventLoop,
  sockaddr: [string, number],
  flags = 0,
): Promise<[string, string]> {
  if (!Array.isArray(sockaddr) || typeof sockaddr[0] !== "string") {
    throw new TypeError(
      `getnameinfo(): sockaddr must be a [host, port] array, got ${describe(sockaddr)}`,
    );
  }
  const port = checkPort(sockaddr[1], "getnameinfo()");
  checkInteger(flags, "getnameinfo(): flags");
  if (flags & ~NI_KNOWN) {
    throw new GaiError(-1, `getnameinfo(): Bad value for flags: 0x${flags.toString(16)}`);
  }
  const host = sockaddr[0];
  const literal = isIPv4(host) ? host : normalizeIPv6(host);
  if (literal === null) {
    throw new GaiError(
      -2,
      `getnameinfo(${
        JSON.stringify(host)
      }): Name or service not known (the host must be an IP literal)`,
    );
  }
  const service = (flags & NI_NUMERICSERV) ? String(port) : SERVICE_NAMES.get(port) ?? String(port);
  if (flags & NI_NUMERICHOST) return [literal, service];
  let name = await futureFromPromise(loop, reverseLookup(literal, port));
  if (name === null) {
    if (flags & NI_NAMEREQD) {
      throw new GaiError(-2, `getnameinfo(${JSON.stringify(host)}): Name or service not known`);
    }
    name = literal;
  } else if ((flags & NI_NOFQDN) && name.includes(".") && name !== literal) {
    name = name.slice(0, name.indexOf("."));
  }
  return [name, service];
}
