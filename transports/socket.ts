// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Socket`: the library's stand-in for Python's `socket.socket`.
 *
 * @module
 */
import { BlockingIOError, RuntimeError } from "../errors.ts";
import type { Address, SocketLike } from "../loop/io.ts";
import { describe } from "../loop/_internal.ts";
import {
  canonicalHost,
  checkAddress,
  checkFamily,
  checkType,
  fromDenoAddr,
  listenDatagram,
  literalFamily,
  localHostFor,
  sameAddress,
  wildcardHost,
} from "./_address.ts";
import {
  ADOPT,
  CONNECT,
  CONNECT_DGRAM,
  DRAINED,
  READY,
  TAKE_DATAGRAM,
  VIEW,
  WATCH,
} from "./_socket_internal.ts";
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  SHUT_RD,
  SHUT_RDWR,
  SHUT_WR,
  SOCK_DGRAM,
  SOCK_STREAM,
} from "./constants.ts";
import { closeQuietly, toBytes } from "./_net.ts";

type State = "new" | "bound" | "listening" | "connecting" | "connected" | "closed";

/** Bytes a socket buffers from the peer before it stops reading. */
const READ_LIMIT = 256 * 1024;
/** Datagrams a UDP socket buffers before it stops receiving. */
const DATAGRAM_LIMIT = 256;
/** Bytes `send()` queues before it throws `BlockingIOError`. */
const WRITE_LIMIT = 256 * 1024;
const READ_CHUNK = 64 * 1024;

let nextFileno = 3;
const open = new Map<number, Socket>();

/** The open Socket with this `fileno()`, or `undefined`. Internal. */
export function socketByFileno(fd: number): Socket | undefined {
  return open.get(fd);
}

function wouldBlock(sock: Socket, what: string): BlockingIOError {
  return new BlockingIOError(
    `${what} would block${
      sock.getblocking()
        ? " (JavaScript cannot block: call setblocking(false) and wait with loop.sock*() or addReader()/addWriter())"
        : ""
    }`,
  );
}

function checkSize(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    throw new RangeError(`${what}: bufsize must be an integer >= 0, got ${describe(n)}`);
  }
  return n;
}

/**
 * A socket: TCP, UDP or Unix stream, over Deno's networking.
 *
 * Mirrors Python's `socket.socket`, for the uses asyncio has for it: pass it
 * to the loop's `sock*()` methods, watch it with `addReader()` /
 * `addWriter()`, or call its non-blocking `recv()` / `send()` / `accept()`,
 * which throw {@linkcode BlockingIOError} when they would block.
 *
 * Differences from Python: Deno has no raw sockets, so this is a stand-in.
 * `fileno()` is a unique small number, not an OS descriptor (pass it or the
 * socket to `addReader()`, nothing else takes it). Nothing ever blocks: in
 * blocking mode (the default) a call that would block throws
 * `BlockingIOError` too. `bind()` on a stream socket starts listening at once
 * (Deno binds and listens in one call), so a bound stream socket cannot
 * `connect`; there is no synchronous `connect()`: use
 * `await loop.sockConnect(sock, addr)`. Received bytes are read ahead into a
 * buffer (up to 256 KiB) while someone waits for them, and `send()` queues up
 * to 256 KiB. `AF_UNIX` supports stream sockets only. OS errors are Deno's
 * (`Deno.errors.NotConnected`, `BadResource` for a closed socket, ...).
 *
 * @example
 * ```ts
 * import { AF_INET, SOCK_DGRAM, Socket } from "@denoio/asyncio";
 * // Requires --unstable-net and --allow-net=127.0.0.1
 * using sock = new Socket(AF_INET, SOCK_DGRAM);
 * sock.bind(["127.0.0.1", 0]);
 * sock.setblocking(false);
 * console.assert(sock.getsockname()[0] === "127.0.0.1");
 * ```
 */
export class Socket implements SocketLike, Disposable {
  #family: number;
  #type: number;
  #proto: number;
  #fd: number;
  #blocking = true;
  #state: State = "new";
  #owner: string | null = null;
  #listener: Deno.Listener | null = null;
  #conn: Deno.Conn | null = null;
  #dgram: Deno.DatagramConn | null = null;
  #peer: Address | string | null = null;
  #backlog = 128;
  // read side
  #rq: Uint8Array[] = [];
  #rsize = 0;
  #eof = false;
  #rerror: unknown = null;
  #reading = false;
  #scratch: Uint8Array | null = null;
  #dq: [Uint8Array, Address][] = [];
  #aq: Deno.Conn[] = [];
  // write side
  #wq: (Uint8Array | Deno.NetAddr)[] = [];
  #wsize = 0;
  #writing = false;
  #werror: unknown = null;
  #shutWr = false;
  #closeWhenFlushed = false;
  // watchers
  #readWatchers = new Set<() => void>();
  #writeWatchers = new Set<() => void>();

  /**
   * Creates an unconnected socket.
   *
   * @param family `AF_INET` (default), `AF_INET6` or `AF_UNIX`.
   * @param type `SOCK_STREAM` (default) or `SOCK_DGRAM`.
   * @param proto 0, or the protocol number matching `type`.
   * @throws {RangeError} For an unsupported family or type.
   */
  constructor(family: number = AF_INET, type: number = SOCK_STREAM, proto = 0) {
    this.#family = checkFamily(family, "new Socket()", false);
    this.#type = checkType(type, "new Socket()");
    if (family === AF_UNIX && type === SOCK_DGRAM) {
      throw new RangeError("new Socket(): AF_UNIX datagram sockets are not supported by Deno");
    }
    this.#proto = proto;
    this.#fd = nextFileno++;
    open.set(this.#fd, this);
  }

  /** The address family (`AF_INET`, `AF_INET6`, `AF_UNIX`). */
  get family(): number {
    return this.#family;
  }

  /** The socket type (`SOCK_STREAM`, `SOCK_DGRAM`). */
  get type(): number {
    return this.#type;
  }

  /** The protocol number given to the constructor. */
  get proto(): number {
    return this.#proto;
  }

  /** The socket's unique number (-1 once closed). Mirrors Python's `socket.fileno()`. */
  fileno(): number {
    return this.#fd;
  }

  /** Sets blocking mode (the default) or non-blocking mode. Mirrors Python's `socket.setblocking()`. */
  setblocking(flag: boolean): void {
    this.#blocking = Boolean(flag);
  }

  /** Whether the socket is in blocking mode. Mirrors Python's `socket.getblocking()`. */
  getblocking(): boolean {
    return this.#blocking;
  }

  /** `null` in blocking mode, 0 in non-blocking mode. Mirrors Python's `socket.gettimeout()`. */
  gettimeout(): number | null {
    return this.#blocking ? null : 0;
  }

  /**
   * Binds to a local `[host, port]` (port 0 picks a free one; host `""` is
   * every interface) or, for `AF_UNIX`, a path.
   *
   * Mirrors Python's `socket.bind()`. Differences from Python: a stream
   * socket listens from here on (Deno binds and listens in one call).
   * Requires `--allow-net` for the address (Unix, in Deno 2.9:
   * `--allow-net=unix:<path>` plus `--allow-read` and `--allow-write`); UDP
   * requires `--unstable-net`.
   */
  bind(address: Address | string): void {
    this.#checkUsable("bind()");
    if (this.#state !== "new") {
      throw new RuntimeError("bind(): the socket is already bound or connected");
    }
    if (this.#family === AF_UNIX) {
      if (typeof address !== "string") {
        throw new TypeError(
          `bind(): an AF_UNIX address must be a path string, got ${describe(address)}`,
        );
      }
      this.#listener = Deno.listen({ transport: "unix", path: address });
      this.#state = "bound";
      return;
    }
    const [host, port] = this.#checkInetAddress(address, "bind()");
    const hostname = host === "" ? wildcardHost(this.#family) : host;
    if (this.#type === SOCK_DGRAM) {
      this.#dgram = listenDatagram({ transport: "udp", hostname, port });
    } else {
      this.#listener = Deno.listen({ transport: "tcp", hostname, port });
    }
    this.#state = "bound";
  }

  /**
   * Accepts connections from now on (binding to a free port on every
   * interface if unbound). Mirrors Python's `socket.listen()`.
   *
   * @param backlog How many accepted connections to hold (default 128).
   */
  listen(backlog = 128): void {
    this.#checkUsable("listen()");
    if (this.#type !== SOCK_STREAM) throw new RuntimeError("listen(): not a stream socket");
    if (this.#state === "new") {
      if (this.#family === AF_UNIX) {
        throw new RuntimeError("listen(): bind an AF_UNIX socket to a path first");
      }
      this.bind([wildcardHost(this.#family), 0]);
    }
    if (this.#state !== "bound" && this.#state !== "listening") {
      throw new RuntimeError("listen(): the socket is connected");
    }
    this.#backlog = Math.max(1, Math.floor(Number(backlog) || 1));
    this.#state = "listening";
  }

  /**
   * Takes one accepted connection: `[socket, address]`.
   *
   * Mirrors Python's `socket.accept()`; the new socket is in blocking mode.
   *
   * @throws {BlockingIOError} If no connection is waiting.
   */
  accept(): [Socket, Address | string] {
    this.#checkUsable("accept()");
    if (this.#state !== "listening") {
      throw new RuntimeError("accept(): the socket is not listening (call listen() first)");
    }
    const conn = this.#aq.shift();
    if (conn === undefined) {
      if (this.#rerror !== null) throw this.#rerror;
      this.#wantRead();
      throw wouldBlock(this, "accept()");
    }
    this.#wantRead();
    return [Socket[ADOPT](conn, this.#family), fromDenoAddr(conn.remoteAddr)];
  }

  /**
   * Takes up to `bufsize` received bytes (a whole datagram, truncated, for
   * UDP). An empty array means the peer closed.
   *
   * Mirrors Python's `socket.recv()`.
   *
   * @throws {BlockingIOError} If nothing was received yet.
   */
  recv(bufsize: number): Uint8Array {
    checkSize(bufsize, "recv()");
    if (this.#type === SOCK_DGRAM) return this.#takeDatagram("recv()", bufsize)[0];
    return this.#takeBytes("recv()", bufsize);
  }

  /**
   * Receives into `buffer` (at most `nbytes`, 0 meaning all of it).
   *
   * Mirrors Python's `socket.recv_into()`.
   *
   * @returns How many bytes were written.
   * @throws {BlockingIOError} If nothing was received yet.
   */
  recvInto(buffer: Uint8Array, nbytes = 0): number {
    if (!(buffer instanceof Uint8Array)) {
      throw new TypeError(`recvInto(): buffer must be a Uint8Array, got ${describe(buffer)}`);
    }
    const n = checkSize(nbytes, "recvInto()") || buffer.length;
    const data = this.recv(Math.min(n, buffer.length));
    buffer.set(data);
    return data.length;
  }

  /**
   * Takes one datagram (up to `bufsize` bytes) and its sender.
   *
   * Mirrors Python's `socket.recvfrom()`. For a stream socket the address is
   * the peer's.
   *
   * @throws {BlockingIOError} If nothing was received yet.
   */
  recvfrom(bufsize: number): [Uint8Array, Address] {
    checkSize(bufsize, "recvfrom()");
    if (this.#type === SOCK_DGRAM) return this.#takeDatagram("recvfrom()", bufsize);
    return [this.#takeBytes("recvfrom()", bufsize), this.#peer as Address];
  }

  /**
   * Queues `data` for sending; for a stream socket possibly only its start.
   *
   * Mirrors Python's `socket.send()`.
   *
   * @returns How many bytes were queued.
   * @throws {BlockingIOError} If the send queue is full.
   */
  send(data: Uint8Array): number {
    const bytes = toBytes(data, "send()");
    if (this.#type === SOCK_DGRAM) {
      if (this.#peer === null) {
        throw new Deno.errors.NotConnected(
          "send(): the datagram socket has no peer (use sendto())",
        );
      }
      return this.sendto(bytes, this.#peer as Address);
    }
    this.#checkUsable("send()");
    if (this.#state !== "connected") {
      throw new Deno.errors.NotConnected("send(): the socket is not connected");
    }
    if (this.#werror !== null) throw this.#werror;
    if (this.#shutWr) {
      throw new Deno.errors.BrokenPipe("send(): the socket was shut down for writing");
    }
    if (bytes.length === 0) return 0;
    const room = WRITE_LIMIT - this.#wsize;
    if (room <= 0) throw wouldBlock(this, "send()");
    const chunk = bytes.slice(0, room);
    this.#wq.push(chunk);
    this.#wsize += chunk.length;
    this.#pumpWrite();
    return chunk.length;
  }

  /**
   * Queues one datagram to `address`, binding the socket first if needed
   * (to loopback for a loopback address, else to every interface).
   *
   * Mirrors Python's `socket.sendto()`.
   *
   * @returns `data.length`.
   * @throws {BlockingIOError} If the send queue is full.
   */
  sendto(data: Uint8Array, address: Address): number {
    const bytes = toBytes(data, "sendto()");
    this.#checkUsable("sendto()");
    if (this.#type !== SOCK_DGRAM) throw new RuntimeError("sendto(): not a datagram socket");
    const [host, port] = this.#checkInetAddress(address, "sendto()");
    const error = this.#werror;
    if (error !== null) {
      this.#werror = null;
      throw error;
    }
    if (this.#wsize >= WRITE_LIMIT) throw wouldBlock(this, "sendto()");
    if (this.#state === "new") this.#autobind(host);
    this.#wq.push(bytes.slice(), { transport: "udp", hostname: host, port });
    this.#wsize += bytes.length;
    this.#pumpWrite();
    return bytes.length;
  }

  /** The local address (`[host, port]`, or a path for `AF_UNIX`). Mirrors Python's `socket.getsockname()`. */
  getsockname(): Address | string {
    this.#checkOpen("getsockname()");
    const addr = this.#dgram?.addr ?? this.#listener?.addr ?? this.#conn?.localAddr;
    if (addr === undefined) return this.#family === AF_UNIX ? "" : [wildcardHost(this.#family), 0];
    return fromDenoAddr(addr);
  }

  /**
   * The peer's address. Mirrors Python's `socket.getpeername()`.
   *
   * @throws {Deno.errors.NotConnected} If the socket is not connected.
   */
  getpeername(): Address | string {
    this.#checkOpen("getpeername()");
    if (this.#peer === null) {
      throw new Deno.errors.NotConnected("getpeername(): the socket is not connected");
    }
    return this.#peer;
  }

  /**
   * Shuts down receiving (`SHUT_RD`), sending (`SHUT_WR`: the peer reads EOF
   * once the queued bytes are sent) or both. Mirrors Python's `socket.shutdown()`.
   */
  shutdown(how: number): void {
    this.#checkUsable("shutdown()");
    if (how !== SHUT_RD && how !== SHUT_WR && how !== SHUT_RDWR) {
      throw new RangeError(
        `shutdown(): how must be SHUT_RD, SHUT_WR or SHUT_RDWR, got ${describe(how)}`,
      );
    }
    if (this.#state !== "connected") {
      throw new Deno.errors.NotConnected("shutdown(): the socket is not connected");
    }
    if (how !== SHUT_WR) {
      this.#eof = true;
      this.#rq.length = 0;
      this.#rsize = 0;
    }
    if (how !== SHUT_RD && !this.#shutWr) {
      this.#shutWr = true;
      this.#pumpWrite();
    }
    this.#notify();
  }

  /**
   * Closes the socket; bytes already queued by `send()` are still sent.
   * Mirrors Python's `socket.close()`.
   */
  close(): void {
    if (this.#state === "closed") return;
    if (this.#owner !== null) {
      throw new RuntimeError(`close(): the socket belongs to ${this.#owner}; close that`);
    }
    this.#state = "closed";
    open.delete(this.#fd);
    this.#fd = -1;
    for (const conn of this.#aq) conn.close();
    this.#aq.length = 0;
    this.#rq.length = 0;
    this.#dq.length = 0;
    this.#rsize = 0;
    if (
      this.#conn !== null && this.#type === SOCK_STREAM && (this.#writing || this.#wq.length > 0)
    ) {
      this.#closeWhenFlushed = true;
    } else {
      this.#release();
    }
    this.#notify();
  }

  /** Closes the socket (as `close()`). */
  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * Hands the underlying Deno object over to a transport: the socket is
   * closed without closing it. Internal, for `createConnection({ sock })`,
   * `createServer({ sock })` and `connectAcceptedSocket()`.
   *
   * @ignore
   * @returns The `Deno.Conn` (connected stream socket), `Deno.Listener`
   * (bound or listening stream socket) or `Deno.DatagramConn` (bound UDP socket).
   * @throws {RuntimeError} If the socket is unbound, closed, or has a read or
   * write in flight or bytes buffered (those would be lost).
   */
  detachConn(): Deno.Conn | Deno.Listener | Deno.DatagramConn {
    this.#checkUsable("detachConn()");
    if (
      this.#reading || this.#writing || this.#rq.length > 0 || this.#dq.length > 0 ||
      this.#aq.length > 0
    ) {
      throw new RuntimeError(
        "detachConn(): the socket has a read or write in flight or buffered data; " +
          "hand it over before reading from or writing to it",
      );
    }
    const resource = this.#conn ?? this.#listener ?? this.#dgram;
    if (resource === null) {
      throw new RuntimeError("detachConn(): the socket is neither bound nor connected");
    }
    this.#conn = this.#listener = this.#dgram = null;
    this.close();
    return resource;
  }

  /** A description like Python's `<socket fd=3, family=2, type=1, laddr=...>`. */
  toString(): string {
    if (this.#state === "closed") {
      return `<Socket [closed] family=${this.#family}, type=${this.#type}>`;
    }
    const laddr = this.#state === "new" ? "" : `, laddr=${JSON.stringify(this.getsockname())}`;
    const raddr = this.#peer === null ? "" : `, raddr=${JSON.stringify(this.#peer)}`;
    return `<Socket fd=${this.#fd}, family=${this.#family}, type=${this.#type}${laddr}${raddr}>`;
  }

  // ---- for the loop's operations (internal) ----

  /** Wraps a connected Deno.Conn. @ignore */
  static [ADOPT](conn: Deno.Conn, family: number): Socket {
    const sock = new Socket(family, SOCK_STREAM);
    sock.#conn = conn;
    sock.#state = "connected";
    sock.#peer = fromDenoAddr(conn.remoteAddr);
    return sock;
  }

  /** A Socket describing a transport's DatagramConn. @ignore */
  static [VIEW](
    conn: Deno.DatagramConn,
    family: number,
    peer: Address | null,
    owner: string,
  ): Socket {
    const sock = new Socket(family, SOCK_DGRAM);
    open.delete(sock.#fd);
    sock.#dgram = conn;
    sock.#state = "bound";
    sock.#peer = peer;
    sock.#owner = owner;
    return sock;
  }

  /** Subscribes to state changes. @ignore */
  [WATCH](kind: "read" | "write", listener: () => void): () => void {
    const set = kind === "read" ? this.#readWatchers : this.#writeWatchers;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Whether a read / send would not block; a read interest starts a read. @ignore */
  [READY](kind: "read" | "write"): boolean {
    if (this.#state === "closed") return false;
    if (kind === "write") {
      if (this.#type === SOCK_DGRAM) return this.#wsize < WRITE_LIMIT;
      return this.#state === "connected" &&
        (this.#wsize < WRITE_LIMIT || this.#werror !== null || this.#shutWr);
    }
    if (this.#rsize > 0 || this.#dq.length > 0 || this.#aq.length > 0) return true;
    if (this.#eof || this.#rerror !== null) return true;
    this.#wantRead();
    return false;
  }

  /** Whether all queued bytes reached the Deno socket (or failed). @ignore */
  [DRAINED](): boolean {
    return this.#state === "closed" || this.#werror !== null ||
      (!this.#writing && this.#wq.length === 0);
  }

  /** Connects a new stream socket. @ignore */
  async [CONNECT](target: Address | string, signal: AbortSignal): Promise<void> {
    this.#checkUsable("sockConnect()");
    if (this.#state !== "new") {
      throw new RuntimeError(
        this.#state === "bound" || this.#state === "listening"
          ? "sockConnect(): the socket is bound; Deno cannot choose a client's local address"
          : "sockConnect(): the socket is already connected or connecting",
      );
    }
    this.#state = "connecting";
    let conn: Deno.Conn;
    try {
      conn = typeof target === "string"
        ? await Deno.connect({ transport: "unix", path: target })
        : await Deno.connect({ hostname: target[0], port: target[1], signal });
    } catch (e) {
      if (this.#state === "connecting") this.#state = "new";
      throw e;
    }
    if (this.#state !== "connecting") {
      conn.close();
      throw new Deno.errors.BadResource("sockConnect(): the socket was closed while connecting");
    }
    this.#conn = conn;
    this.#peer = fromDenoAddr(conn.remoteAddr);
    this.#state = "connected";
    this.#notify();
  }

  /** Sets a UDP socket's peer, binding it if needed. @ignore */
  [CONNECT_DGRAM](peer: Address): void {
    this.#checkUsable("sockConnect()");
    const [host, port] = this.#checkInetAddress(peer, "sockConnect()");
    if (this.#state === "new") this.#autobind(host);
    this.#peer = [canonicalHost(host), port];
    this.#dq = this.#dq.filter(([, from]) => sameAddress(from, peer));
  }

  /** Hands a UDP socket's DatagramConn to a transport; the socket becomes its view. @ignore */
  [TAKE_DATAGRAM](owner: string): { conn: Deno.DatagramConn; peer: Address | null } {
    this.#checkUsable("createDatagramEndpoint()");
    if (this.#type !== SOCK_DGRAM) {
      throw new TypeError(`createDatagramEndpoint(): a datagram socket was expected, got ${this}`);
    }
    if (this.#reading || this.#writing || this.#dq.length > 0) {
      throw new RuntimeError(
        "createDatagramEndpoint(): the socket has a receive or send in flight",
      );
    }
    if (this.#state === "new") {
      this.#autobind(this.#peer === null ? null : (this.#peer as Address)[0]);
    }
    open.delete(this.#fd);
    this.#owner = owner;
    return { conn: this.#dgram!, peer: this.#peer as Address | null };
  }

  // ---- private ----

  #checkOpen(what: string): void {
    if (this.#state === "closed") {
      throw new Deno.errors.BadResource(`${what}: the socket is closed`);
    }
  }

  #checkUsable(what: string): void {
    this.#checkOpen(what);
    if (this.#owner !== null) {
      throw new RuntimeError(`${what}: the socket belongs to ${this.#owner}`);
    }
  }

  #checkInetAddress(address: unknown, what: string): Address {
    if (this.#family === AF_UNIX) throw new RuntimeError(`${what}: not an internet socket`);
    const [host, port] = checkAddress(address, what);
    const fam = literalFamily(host);
    if (fam !== 0 && fam !== this.#family) {
      throw new TypeError(
        `${what}: ${JSON.stringify(host)} is an ${
          fam === AF_INET ? "IPv4" : "IPv6"
        } address but the socket is ` +
          (this.#family === AF_INET6 ? "AF_INET6" : "AF_INET"),
      );
    }
    return [host, port];
  }

  #autobind(peerHost: string | null): void {
    const host = peerHost === null
      ? wildcardHost(this.#family)
      : localHostFor(peerHost, this.#family);
    this.#dgram = listenDatagram({ transport: "udp", hostname: host, port: 0 });
    this.#state = "bound";
  }

  #takeBytes(what: string, n: number): Uint8Array {
    this.#checkUsable(what);
    if (this.#state !== "connected") {
      throw new Deno.errors.NotConnected(`${what}: the socket is not connected`);
    }
    if (n === 0) return new Uint8Array(0); // as the OS's recv() of 0 bytes: at once
    if (this.#rsize === 0) {
      if (this.#rerror !== null) throw this.#rerror;
      if (this.#eof) return new Uint8Array(0);
      this.#wantRead();
      throw wouldBlock(this, what);
    }
    const rq = this.#rq;
    const first = rq[0];
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) rq.shift();
      else rq[0] = first.subarray(n);
    } else if (rq.length === 1) {
      out = rq.shift()!;
    } else {
      out = new Uint8Array(Math.min(n, this.#rsize));
      let filled = 0;
      while (filled < out.length) {
        const chunk = rq[0];
        const take = Math.min(chunk.length, out.length - filled);
        out.set(chunk.subarray(0, take), filled);
        filled += take;
        if (take === chunk.length) rq.shift();
        else rq[0] = chunk.subarray(take);
      }
    }
    this.#rsize -= out.length;
    if (this.#readWatchers.size > 0) this.#wantRead();
    return out;
  }

  #takeDatagram(what: string, n: number): [Uint8Array, Address] {
    this.#checkUsable(what);
    if (this.#state === "new") throw wouldBlock(this, what);
    const item = this.#dq.shift();
    if (item === undefined) {
      const error = this.#rerror;
      if (error !== null) {
        this.#rerror = null;
        throw error;
      }
      this.#wantRead();
      throw wouldBlock(this, what);
    }
    if (this.#readWatchers.size > 0) this.#wantRead();
    return item[0].length > n ? [item[0].subarray(0, n), item[1]] : item;
  }

  /** Starts one read (or accept, or receive) unless one is in flight or the buffer is full. */
  #wantRead(): void {
    if (this.#reading || this.#state === "closed") return;
    if (this.#state === "listening") {
      if (this.#aq.length >= this.#backlog || this.#rerror !== null) return;
      this.#reading = true;
      this.#listener!.accept().then(this.#onAccept, this.#onReadError);
    } else if (this.#dgram !== null) {
      if (this.#dq.length >= DATAGRAM_LIMIT) return;
      this.#reading = true;
      this.#scratch ??= new Uint8Array(READ_CHUNK);
      this.#dgram.receive(this.#scratch).then(this.#onDatagram, this.#onReadError);
    } else if (this.#state === "connected") {
      if (this.#eof || this.#rerror !== null || this.#rsize >= READ_LIMIT) return;
      this.#reading = true;
      this.#scratch ??= new Uint8Array(READ_CHUNK);
      this.#conn!.read(this.#scratch).then(this.#onRead, this.#onReadError);
    }
  }

  #onRead = (n: number | null): void => {
    this.#reading = false;
    if (this.#state === "closed") return;
    if (n === null) this.#eof = true;
    else if (!this.#eof) {
      this.#rq.push(this.#scratch!.slice(0, n));
      this.#rsize += n;
    }
    this.#afterRead();
  };

  #onDatagram = (result: [Uint8Array, Deno.Addr]): void => {
    this.#reading = false;
    if (this.#state === "closed" || this.#owner !== null) return;
    const from = fromDenoAddr(result[1]) as Address;
    if (this.#peer === null || sameAddress(from, this.#peer as Address)) {
      this.#dq.push([result[0].slice(), from]);
    }
    this.#afterRead();
  };

  #onAccept = (conn: Deno.Conn): void => {
    this.#reading = false;
    if (this.#state === "closed") {
      conn.close();
      return;
    }
    this.#aq.push(conn);
    this.#afterRead();
  };

  #onReadError = (error: unknown): void => {
    this.#reading = false;
    if (this.#state === "closed" || this.#owner !== null) return;
    this.#rerror = error;
    this.#notify();
  };

  #afterRead(): void {
    if (this.#readWatchers.size > 0) this.#wantRead();
    this.#notify();
  }

  #pumpWrite(): void {
    if (this.#writing) return;
    const wq = this.#wq;
    if (wq.length === 0) {
      if (this.#closeWhenFlushed) this.#release();
      else if (this.#shutWr && this.#conn !== null && this.#state === "connected") {
        this.#conn.closeWrite().catch(() => {});
      }
      return;
    }
    this.#writing = true;
    if (this.#type === SOCK_DGRAM) {
      this.#dgram!.send(wq[0] as Uint8Array, wq[1] as Deno.NetAddr).then(
        this.#onSent,
        this.#onWriteError,
      );
    } else {
      this.#conn!.write(wq[0] as Uint8Array).then(this.#onWritten, this.#onWriteError);
    }
  }

  #onWritten = (n: number): void => {
    this.#writing = false;
    const chunk = this.#wq[0] as Uint8Array;
    if (n >= chunk.length) this.#wq.shift();
    else this.#wq[0] = chunk.subarray(n);
    this.#wsize -= n;
    this.#pumpWrite();
    this.#notify();
  };

  #onSent = (): void => {
    this.#writing = false;
    this.#wsize -= (this.#wq[0] as Uint8Array).length;
    this.#wq.splice(0, 2);
    if (this.#state !== "closed") this.#pumpWrite();
    this.#notify();
  };

  #onWriteError = (error: unknown): void => {
    this.#writing = false;
    if (this.#type === SOCK_DGRAM) {
      this.#wsize -= (this.#wq[0] as Uint8Array).length;
      this.#wq.splice(0, 2);
      if (this.#state !== "closed") {
        this.#werror = error;
        this.#pumpWrite();
      }
    } else {
      this.#werror = error;
      this.#wq.length = 0;
      this.#wsize = 0;
      if (this.#closeWhenFlushed) this.#release();
    }
    this.#notify();
  };

  /** Closes the Deno objects. */
  #release(): void {
    this.#closeWhenFlushed = false;
    for (const resource of [this.#conn, this.#listener, this.#dgram]) closeQuietly(resource);
  }

  #notify(): void {
    for (const listener of this.#readWatchers) listener();
    for (const listener of this.#writeWatchers) listener();
  }
}
