// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Socket constants with Linux's values, as Python's `socket` module exports
 * them: address families, socket types and the `getaddrinfo()` /
 * `getnameinfo()` flags this library supports.
 *
 * @module
 */

/**
 * Any address family (`getaddrinfo()` returns IPv4 and IPv6). Mirrors Python's `socket.AF_UNSPEC`.
 *
 * @example
 * ```ts
 * import { AF_UNSPEC } from "@denoio/asyncio";
 * console.assert(AF_UNSPEC === 0);
 * ```
 */
export const AF_UNSPEC = 0;
/**
 * Unix domain sockets. Mirrors Python's `socket.AF_UNIX`.
 *
 * @example
 * ```ts
 * import { AF_UNIX } from "@denoio/asyncio";
 * console.assert(AF_UNIX === 1);
 * ```
 */
export const AF_UNIX = 1;
/**
 * IPv4. Mirrors Python's `socket.AF_INET`.
 *
 * @example
 * ```ts
 * import { AF_INET } from "@denoio/asyncio";
 * console.assert(AF_INET === 2);
 * ```
 */
export const AF_INET = 2;
/**
 * IPv6. Mirrors Python's `socket.AF_INET6` (Linux's value, 10).
 *
 * @example
 * ```ts
 * import { AF_INET6 } from "@denoio/asyncio";
 * console.assert(AF_INET6 === 10);
 * ```
 */
export const AF_INET6 = 10;

/**
 * A stream (TCP or Unix stream) socket. Mirrors Python's `socket.SOCK_STREAM`.
 *
 * @example
 * ```ts
 * import { SOCK_STREAM } from "@denoio/asyncio";
 * console.assert(SOCK_STREAM === 1);
 * ```
 */
export const SOCK_STREAM = 1;
/**
 * A datagram (UDP) socket. Mirrors Python's `socket.SOCK_DGRAM`.
 *
 * @example
 * ```ts
 * import { SOCK_DGRAM } from "@denoio/asyncio";
 * console.assert(SOCK_DGRAM === 2);
 * ```
 */
export const SOCK_DGRAM = 2;

/**
 * The TCP protocol number. Mirrors Python's `socket.IPPROTO_TCP`.
 *
 * @example
 * ```ts
 * import { IPPROTO_TCP } from "@denoio/asyncio";
 * console.assert(IPPROTO_TCP === 6);
 * ```
 */
export const IPPROTO_TCP = 6;
/**
 * The UDP protocol number. Mirrors Python's `socket.IPPROTO_UDP`.
 *
 * @example
 * ```ts
 * import { IPPROTO_UDP } from "@denoio/asyncio";
 * console.assert(IPPROTO_UDP === 17);
 * ```
 */
export const IPPROTO_UDP = 17;

/**
 * `getaddrinfo()` flag: with no host, return the wildcard address (for
 * binding) instead of loopback. Mirrors Python's `socket.AI_PASSIVE`.
 *
 * @example
 * ```ts
 * import { AI_PASSIVE } from "@denoio/asyncio";
 * console.assert(AI_PASSIVE === 1);
 * ```
 */
export const AI_PASSIVE = 0x1;
/**
 * `getaddrinfo()` flag: fill in `canonname` of the first entry. Mirrors Python's `socket.AI_CANONNAME`.
 *
 * @example
 * ```ts
 * import { AI_CANONNAME } from "@denoio/asyncio";
 * console.assert(AI_CANONNAME === 2);
 * ```
 */
export const AI_CANONNAME = 0x2;
/**
 * `getaddrinfo()` flag: the host must be an IP literal (no name lookup).
 * Mirrors Python's `socket.AI_NUMERICHOST`.
 *
 * @example
 * ```ts
 * import { AI_NUMERICHOST } from "@denoio/asyncio";
 * console.assert(AI_NUMERICHOST === 4);
 * ```
 */
export const AI_NUMERICHOST = 0x4;
/**
 * `getaddrinfo()` flag: with `AF_INET6`, a name without IPv6 addresses (or an
 * IPv4 literal) gives IPv4-mapped ones (`::ffff:127.0.0.1`). Mirrors Python's
 * `socket.AI_V4MAPPED`.
 *
 * @example
 * ```ts
 * import { AI_V4MAPPED } from "@denoio/asyncio";
 * console.assert(AI_V4MAPPED === 8);
 * ```
 */
export const AI_V4MAPPED = 0x8;
/**
 * `getaddrinfo()` flag: with `AI_V4MAPPED`, the IPv6 addresses and the mapped
 * IPv4 ones. Mirrors Python's `socket.AI_ALL`.
 *
 * @example
 * ```ts
 * import { AI_ALL } from "@denoio/asyncio";
 * console.assert(AI_ALL === 0x10);
 * ```
 */
export const AI_ALL = 0x10;
/**
 * `getaddrinfo()` flag: only families the host has addresses for (passed to
 * the resolver for names). Mirrors Python's `socket.AI_ADDRCONFIG`.
 *
 * @example
 * ```ts
 * import { AI_ADDRCONFIG } from "@denoio/asyncio";
 * console.assert(AI_ADDRCONFIG === 0x20);
 * ```
 */
export const AI_ADDRCONFIG = 0x20;
/**
 * `getaddrinfo()` flag: the port must be numeric (no service names).
 * Mirrors Python's `socket.AI_NUMERICSERV`.
 *
 * @example
 * ```ts
 * import { AI_NUMERICSERV } from "@denoio/asyncio";
 * console.assert(AI_NUMERICSERV === 0x400);
 * ```
 */
export const AI_NUMERICSERV = 0x400;

/**
 * `getnameinfo()` flag: return the host as an IP literal. Mirrors Python's `socket.NI_NUMERICHOST`.
 *
 * @example
 * ```ts
 * import { NI_NUMERICHOST } from "@denoio/asyncio";
 * console.assert(NI_NUMERICHOST === 1);
 * ```
 */
export const NI_NUMERICHOST = 0x1;
/**
 * `getnameinfo()` flag: return the port as a number string. Mirrors Python's `socket.NI_NUMERICSERV`.
 *
 * @example
 * ```ts
 * import { NI_NUMERICSERV } from "@denoio/asyncio";
 * console.assert(NI_NUMERICSERV === 2);
 * ```
 */
export const NI_NUMERICSERV = 0x2;
/**
 * `getnameinfo()` flag: return only the first label of a local host's name.
 * Mirrors Python's `socket.NI_NOFQDN`.
 *
 * @example
 * ```ts
 * import { NI_NOFQDN } from "@denoio/asyncio";
 * console.assert(NI_NOFQDN === 4);
 * ```
 */
export const NI_NOFQDN = 0x4;
/**
 * `getnameinfo()` flag: fail when the address has no name (instead of
 * returning it numerically). Mirrors Python's `socket.NI_NAMEREQD`.
 *
 * @example
 * ```ts
 * import { NI_NAMEREQD } from "@denoio/asyncio";
 * console.assert(NI_NAMEREQD === 8);
 * ```
 */
export const NI_NAMEREQD = 0x8;
/**
 * `getnameinfo()` flag: the service is a datagram (UDP) one. Mirrors Python's `socket.NI_DGRAM`.
 *
 * @example
 * ```ts
 * import { NI_DGRAM } from "@denoio/asyncio";
 * console.assert(NI_DGRAM === 16);
 * ```
 */
export const NI_DGRAM = 0x10;

/**
 * `Socket.shutdown()`: no more receives. Mirrors Python's `socket.SHUT_RD`.
 *
 * @example
 * ```ts
 * import { SHUT_RD } from "@denoio/asyncio";
 * console.assert(SHUT_RD === 0);
 * ```
 */
export const SHUT_RD = 0;
/**
 * `Socket.shutdown()`: no more sends (half-close). Mirrors Python's `socket.SHUT_WR`.
 *
 * @example
 * ```ts
 * import { SHUT_WR } from "@denoio/asyncio";
 * console.assert(SHUT_WR === 1);
 * ```
 */
export const SHUT_WR = 1;
/**
 * `Socket.shutdown()`: both directions. Mirrors Python's `socket.SHUT_RDWR`.
 *
 * @example
 * ```ts
 * import { SHUT_RDWR } from "@denoio/asyncio";
 * console.assert(SHUT_RDWR === 2);
 * ```
 */
export const SHUT_RDWR = 2;
