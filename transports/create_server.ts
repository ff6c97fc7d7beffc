// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The loop's `createServer()` and `createUnixServer()`. Internal: users call them on the loop.
import type { EventLoop } from "../loop/event_loop.ts";
import type { CreateServerOptions, CreateUnixServerOptions, SocketLike } from "../loop/io.ts";
import type { ProtocolFactory } from "../protocols/protocols.ts";
import { checkCallable } from "../loop/_internal.ts";
import { AF_INET, AF_INET6, checkTimeout, show, SOCK_STREAM } from "./_net.ts";
import { AF_UNSPEC } from "./constants.ts";
import { checkPort, literalFamily } from "./_address.ts";
import { detachFrom } from "./create_connection.ts";
import { serverContextOf } from "./_tls.ts";
import { Server } from "./server.ts";

function takeListener(sock: SocketLike, what: string): Deno.Listener {
  const listener = detachFrom(sock, what) as Deno.Listener | Deno.Conn | null | undefined;
  if (
    listener === null || listener === undefined ||
    typeof (listener as Deno.Listener).accept !== "function"
  ) {
    (listener as Deno.Conn | null)?.close?.();
    throw new TypeError(`${what}: sock must be a bound stream Socket, got ${show(sock)}`);
  }
  return listener as Deno.Listener;
}

function checkBacklog(backlog: unknown, what: string): number {
  if (typeof backlog !== "number" || !Number.isInteger(backlog) || backlog < 0) {
    throw new RangeError(`${what}: expected backlog to be an integer >= 0, got ${show(backlog)}`);
  }
  return backlog;
}

/**
 * The addresses to listen on. Without a host, every interface of `family`. With `family`, an IP
 * literal must be of it and a name is resolved to its addresses of that family (as Python
 * resolves each host with getaddrinfo); without, a name goes to Deno.listen() as it is.
 */
async function hostsOf(
  loop: EventLoop,
  host: string | string[] | null | undefined,
  port: number,
  family: number,
  what: string,
): Promise<{ hosts: string[]; any: boolean }> {
  if (family !== AF_UNSPEC && family !== AF_INET && family !== AF_INET6) {
    throw new RangeError(`${what}: unsupported address family ${show(family)}`);
  }
  if (host === undefined || host === null || host === "") {
    if (family === AF_INET) return { hosts: ["0.0.0.0"], any: true };
    if (family === AF_INET6) return { hosts: ["::"], any: true };
    return { hosts: ["0.0.0.0", "::"], any: true };
  }
  const given = typeof host === "string" ? [host] : Array.isArray(host) ? [...host] : null;
  if (given === null || given.length === 0 || given.some((h) => typeof h !== "string" || !h)) {
    throw new TypeError(
      `${what}: expected host to be a string, a non-empty list of strings or null, got ${
        show(host)
      }`,
    );
  }
  if (family === AF_UNSPEC) return { hosts: given, any: false };
  const hosts: string[] = [];
  for (const name of given) {
    const literal = literalFamily(name);
    if (literal === family) {
      hosts.push(name);
    } else if (literal !== AF_UNSPEC) {
      throw new Deno.errors.AddrNotAvailable(
        `${what}: ${name} is not an address of family ${family}`,
      );
    } else {
      const infos = await loop.getaddrinfo(name, port, { family, type: SOCK_STREAM });
      const found = [...new Set(infos.map((info) => info[4][0] as string))];
      if (found.length === 0) {
        throw new Deno.errors.NotFound(`${what}: no address of family ${family} for ${name}`);
      }
      hosts.push(...found);
    }
  }
  return { hosts, any: false };
}

/** `loop.createServer()`. */
export async function createServer(
  loop: EventLoop,
  factory: ProtocolFactory,
  host?: string | string[] | null,
  port?: number | null,
  options: CreateServerOptions = {},
): Promise<Server> {
  const what = "createServer()";
  checkCallable(factory, `${what}: protocolFactory`);
  const context = serverContextOf(options.ssl, what);
  if (context === null && options.sslHandshakeTimeout !== undefined) {
    throw new TypeError(`${what}: sslHandshakeTimeout is only meaningful with ssl`);
  }
  const sslHandshakeTimeout = checkTimeout(options.sslHandshakeTimeout, what);
  const backlog = checkBacklog(options.backlog ?? 100, what);
  const listeners: Deno.Listener[] = [];
  if (options.sock !== undefined && options.sock !== null) {
    if ((host ?? null) !== null || (port ?? null) !== null) {
      throw new TypeError(`${what}: host/port and sock can not be specified at the same time`);
    }
    if (context !== null) {
      throw new Deno.errors.NotSupported(
        `${what}: ssl with sock is not supported: Deno cannot add TLS to an existing listener`,
      );
    }
    listeners.push(takeListener(options.sock, what));
  } else {
    const portNumber = checkPort(port ?? 0, what);
    const { hosts, any } = await hostsOf(loop, host, portNumber, options.family ?? AF_UNSPEC, what);
    try {
      for (const hostname of hosts) {
        const listenOptions = {
          hostname,
          port: portNumber,
          tcpBacklog: backlog,
          ...(options.reusePort ? { reusePort: true } : {}),
        };
        try {
          listeners.push(
            context === null ? Deno.listen(listenOptions) : Deno.listenTls({
              ...listenOptions,
              cert: context.cert!,
              key: context.key!,
              alpnProtocols: context.alpnProtocols,
            }),
          );
        } catch (e) {
          // all interfaces: "::" may be missing, or already dual-stack on the port of "0.0.0.0"
          if (any && hostname === "::" && listeners.length > 0) continue;
          throw e;
        }
      }
    } catch (e) {
      for (const listener of listeners) listener.close();
      throw e;
    }
  }
  const server = new Server(loop, factory, listeners, {
    ssl: context,
    sslHandshakeTimeout,
    keepAlive: options.keepAlive,
  });
  if (options.startServing ?? true) await server.startServing();
  return server;
}

/** `loop.createUnixServer()`. */
export async function createUnixServer(
  loop: EventLoop,
  factory: ProtocolFactory,
  path: string,
  options: CreateUnixServerOptions = {},
): Promise<Server> {
  const what = "createUnixServer()";
  checkCallable(factory, `${what}: protocolFactory`);
  const context = serverContextOf(options.ssl, what);
  if (context === null && options.sslHandshakeTimeout !== undefined) {
    throw new TypeError(`${what}: sslHandshakeTimeout is only meaningful with ssl`);
  }
  checkTimeout(options.sslHandshakeTimeout, what);
  checkBacklog(options.backlog ?? 100, what);
  let listener: Deno.Listener;
  if (options.sock !== undefined && options.sock !== null) {
    if ((path ?? null) !== null) {
      throw new TypeError(`${what}: path and sock can not be specified at the same time`);
    }
    listener = takeListener(options.sock, what);
  } else {
    if (typeof path !== "string" || path === "") {
      throw new TypeError(`${what}: expected path to be a non-empty string, got ${show(path)}`);
    }
    // as Python: a stale socket file left by a previous server is removed
    try {
      if (Deno.lstatSync(path).isSocket) Deno.removeSync(path);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    listener = Deno.listen({ transport: "unix", path });
  }
  // Deno.listenTls() is TCP-only: with ssl, TLS runs as a layer over each accepted connection.
  const server = new Server(loop, factory, [listener], {
    ssl: context,
    sslHandshakeTimeout: options.sslHandshakeTimeout,
    layeredTls: context !== null,
  });
  if (options.startServing ?? true) await server.startServing();
  return server;
}
