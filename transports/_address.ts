// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Address helpers shared by the datagram transport, Socket and DNS: IP literal
// parsing, `[host, port]` validation, and conversion to and from Deno's NetAddr.
import type { Address } from "../loop/io.ts";
import { RuntimeError } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC, SOCK_DGRAM, SOCK_STREAM } from "./constants.ts";

const IPV4_PART = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${IPV4_PART}(\\.${IPV4_PART}){3}$`);
const IPV6_CHARS = /^[0-9a-fA-F:.]+$/;

/** Whether `host` is a dotted-quad IPv4 literal. */
export function isIPv4(host: string): boolean {
  return IPV4.test(host);
}

/** The canonical (RFC 5952) form of an IPv6 literal, or `null` if `host` is not one. */
export function normalizeIPv6(host: string): string | null {
  if (!host.includes(":")) return null;
  const zone = host.indexOf("%");
  const bare = zone === -1 ? host : host.slice(0, zone);
  if (!IPV6_CHARS.test(bare)) return null;
  try {
    const name = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
    return withDottedTail(name) + (zone === -1 ? "" : host.slice(zone));
  } catch {
    return null;
  }
}

/**
 * IPv4-mapped (`::ffff:a.b.c.d`) and IPv4-compatible (`::a.b.c.d`) addresses end in dotted
 * form, as the C library's `inet_ntop()` (and so Python) writes them; `URL` writes hex words.
 */
function withDottedTail(name: string): string {
  const m = /^::(ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(name);
  if (m === null) return name;
  const hi = parseInt(m[2], 16), lo = parseInt(m[3], 16);
  if (m[1] === undefined && hi === 0) return name; // "::x" has a longer zero run: not dotted
  return `::${m[1] ?? ""}${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The family of an IP literal (`AF_INET`, `AF_INET6`), or `AF_UNSPEC` for a name. */
export function literalFamily(host: string): number {
  if (isIPv4(host)) return AF_INET;
  return normalizeIPv6(host) === null ? AF_UNSPEC : AF_INET6;
}

/** `host` in canonical form if it is an IP literal, else as given. */
export function canonicalHost(host: string): string {
  return normalizeIPv6(host) ?? host;
}

/** Throws a RangeError unless `port` is an integer in 0-65535. */
export function checkPort(port: unknown, what: string): number {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`${what}: port must be an integer in 0-65535, got ${describe(port)}`);
  }
  return port;
}

/** Validates a `[host, port]` address; returns it. */
export function checkAddress(addr: unknown, what: string): Address {
  if (!Array.isArray(addr) || addr.length < 2 || typeof addr[0] !== "string") {
    throw new TypeError(`${what}: expected a [host, port] array, got ${describe(addr)}`);
  }
  checkPort(addr[1], what);
  return addr as Address;
}

/** Throws unless `family` is one this library knows. */
export function checkFamily(family: unknown, what: string, allowUnspec = true): number {
  if (
    family === AF_INET || family === AF_INET6 || family === AF_UNIX ||
    (allowUnspec && family === AF_UNSPEC)
  ) {
    return family as number;
  }
  throw new RangeError(
    `${what}: unsupported address family ${describe(family)} ` +
      `(expected AF_INET (2), AF_INET6 (10), AF_UNIX (1)${allowUnspec ? " or AF_UNSPEC (0)" : ""})`,
  );
}

/** Throws unless `type` is `SOCK_STREAM` or `SOCK_DGRAM`. */
export function checkType(type: unknown, what: string): number {
  if (type === SOCK_STREAM || type === SOCK_DGRAM) return type;
  throw new RangeError(
    `${what}: unsupported socket type ${
      describe(type)
    } (expected SOCK_STREAM (1) or SOCK_DGRAM (2))`,
  );
}

/** The wildcard host of a family. */
export function wildcardHost(family: number): string {
  return family === AF_INET6 ? "::" : "0.0.0.0";
}

/** Whether `host` is a loopback IP literal. */
export function isLoopback(host: string): boolean {
  return host.startsWith("127.") || canonicalHost(host) === "::1";
}

/**
 * The local host to bind a UDP socket that talks to `remoteHost`: the loopback
 * address for a loopback peer (so `--allow-net=127.0.0.1` is enough), else the
 * family's wildcard.
 */
export function localHostFor(remoteHost: string, family: number): string {
  if (isLoopback(remoteHost)) return family === AF_INET6 ? "::1" : "127.0.0.1";
  return wildcardHost(family);
}

/** Whether two `[host, port]` addresses are the same (IP literals compared canonically). */
export function sameAddress(a: Address, b: Address): boolean {
  return a[1] === b[1] && (a[0] === b[0] || canonicalHost(a[0]) === canonicalHost(b[0]));
}

/** `[host, port]` of a Deno address (a path string for Unix sockets). */
export function fromDenoAddr(addr: Deno.Addr): Address | string {
  if (addr.transport === "tcp" || addr.transport === "udp") return [addr.hostname, addr.port];
  return (addr as Deno.UnixAddr).path ?? "";
}

/** `Deno.listenDatagram`, or a clear error when `--unstable-net` is missing. */
export function listenDatagram(
  options: Deno.UdpListenOptions & { transport: "udp" },
): Deno.DatagramConn {
  const listen = (Deno as { listenDatagram?: typeof Deno.listenDatagram }).listenDatagram;
  if (typeof listen !== "function") {
    throw new RuntimeError(
      "UDP needs Deno's unstable net API: run with --unstable-net " +
        'or add "unstable": ["net"] to deno.json',
    );
  }
  return listen(options);
}
