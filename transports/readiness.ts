// Copyright 2026 the @denoio/asyncio authors. MIT license.
// `loop.addReader()` and friends: level-triggered readiness of library Sockets.
// Deno exposes no descriptors to poll, so "readable" means the Socket's
// receive buffer has bytes, a datagram, a connection to accept, EOF or an
// error; "writable" means its send queue is below its limit. While the
// condition holds, the callback runs once per loop iteration (like epoll).
import type { EventLoop } from "../loop/event_loop.ts";
import type { SocketLike } from "../loop/io.ts";
import { describe, ON_CLOSE } from "../loop/_internal.ts";
import { READY, type ReadyKind, WATCH } from "./_socket_internal.ts";
import { Socket, socketByFileno } from "./socket.ts";

class Watch {
  #loop: EventLoop;
  #sock: Socket;
  #kind: ReadyKind;
  #callback: () => void;
  #scheduled = false;
  #active = true;
  #unsubscribe: () => void;
  #onStop: () => void;

  constructor(
    loop: EventLoop,
    sock: Socket,
    kind: ReadyKind,
    callback: () => void,
    onStop: () => void,
  ) {
    this.#loop = loop;
    this.#sock = sock;
    this.#kind = kind;
    this.#callback = callback;
    this.#onStop = onStop;
    this.#unsubscribe = sock[WATCH](kind, this.poke);
  }

  /** Schedules one call for the next iteration if the condition holds. */
  poke = (): void => {
    if (!this.#active || this.#scheduled) return;
    if (this.#loop.isClosed() || this.#sock.fileno() === -1) return this.stop();
    if (!this.#sock[READY](this.#kind)) return;
    this.#scheduled = true;
    this.#loop.callSoon(this.#run);
  };

  #run = (): void => {
    this.#scheduled = false;
    if (!this.#active || !this.#sock[READY](this.#kind)) return;
    try {
      this.#callback();
    } finally {
      this.poke();
    }
  };

  stop(): void {
    if (!this.#active) return;
    this.#active = false;
    this.#unsubscribe();
    this.#onStop();
  }
}

const registries = new WeakMap<EventLoop, Map<Socket, Watch>[]>();

function registry(loop: EventLoop, kind: ReadyKind): Map<Socket, Watch> {
  let maps = registries.get(loop);
  if (maps === undefined) {
    const created: Map<Socket, Watch>[] = [new Map(), new Map()];
    maps = created;
    registries.set(loop, maps);
    loop[ON_CLOSE](() => {
      for (const map of created) for (const watch of [...map.values()]) watch.stop();
    });
  }
  return maps[kind === "read" ? 0 : 1];
}

/** The open library Socket `fd` stands for, or a clear error. */
function socketOf(fd: SocketLike | number, what: string): Socket {
  if (fd instanceof Socket) {
    if (fd.fileno() === -1) throw new Deno.errors.BadResource(`${what}: the socket is closed`);
    return fd;
  }
  const n = typeof fd === "number" ? fd : typeof fd?.fileno === "function" ? fd.fileno() : NaN;
  const sock = Number.isInteger(n) ? socketByFileno(n) : undefined;
  if (sock === undefined) {
    throw new RangeError(
      `${what}: expected an open Socket of this library or its fileno(), got ${describe(fd)}`,
    );
  }
  return sock;
}

function add(loop: EventLoop, fd: SocketLike | number, callback: () => void, kind: ReadyKind) {
  const sock = socketOf(fd, kind === "read" ? "addReader()" : "addWriter()");
  const map = registry(loop, kind);
  map.get(sock)?.stop();
  const watch: Watch = new Watch(loop, sock, kind, callback, () => {
    if (map.get(sock) === watch) map.delete(sock);
  });
  map.set(sock, watch);
  watch.poke();
}

function remove(loop: EventLoop, fd: SocketLike | number, kind: ReadyKind): boolean {
  const map = registry(loop, kind);
  const n = typeof fd === "number" ? fd : fd?.fileno?.();
  for (const [sock, watch] of map) {
    if (sock === fd || (n !== -1 && sock.fileno() === n)) {
      watch.stop();
      return true;
    }
  }
  return false;
}

/** The provider of `loop.addReader()`. */
export function addReader(loop: EventLoop, fd: SocketLike | number, callback: () => void): void {
  add(loop, fd, callback, "read");
}

/** The provider of `loop.removeReader()`. */
export function removeReader(loop: EventLoop, fd: SocketLike | number): boolean {
  return remove(loop, fd, "read");
}

/** The provider of `loop.addWriter()`. */
export function addWriter(loop: EventLoop, fd: SocketLike | number, callback: () => void): void {
  add(loop, fd, callback, "write");
}

/** The provider of `loop.removeWriter()`. */
export function removeWriter(loop: EventLoop, fd: SocketLike | number): boolean {
  return remove(loop, fd, "write");
}
