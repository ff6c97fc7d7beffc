// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `StreamReader`: buffered reads (`read`, `readline`, `readexactly`,
 * `readuntil`) over bytes a protocol feeds in.
 *
 * @module
 */
import { IncompleteReadError, LimitOverrunError, RuntimeError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import { describe } from "../loop/_internal.ts";
import { type Deliver, NativeWait } from "../loop/_native_wait.ts";
import { _loopForNewObject } from "../loop/running_loop.ts";
import type { ReadTransport } from "../transports/transport.ts";
import { REPLACE_TRANSPORT } from "./_internal.ts";

/** The default `limit` of readers: 64 KiB. Mirrors Python's `streams._DEFAULT_LIMIT`. */
export const DEFAULT_LIMIT = 65536;

/** Options of `new StreamReader()`. */
export interface StreamReaderOptions {
  /**
   * The longest line (or `readuntil()` chunk) accepted, in bytes, and half
   * the buffer size above which the transport's reading is paused
   * (default 64 KiB).
   */
  limit?: number;
  /** The loop to bind to; default: the running loop, else the current one. */
  loop?: EventLoop;
}

/** What the reader needs of a transport for flow control. */
type Pausable = Pick<ReadTransport, "pauseReading" | "resumeReading">;

const NEWLINE = new Uint8Array([10]);
const EMPTY = new Uint8Array(0);
const MIN_CAPACITY = 4096;

function checkSeparators(separator: Uint8Array | readonly Uint8Array[]): Uint8Array[] {
  let seps: Uint8Array[];
  if (separator instanceof Uint8Array) {
    seps = [separator];
  } else if (Array.isArray(separator)) {
    seps = [...separator];
    for (const s of seps) {
      if (!(s instanceof Uint8Array)) {
        throw new TypeError(
          `readuntil(): expected each separator to be a Uint8Array, got ${describe(s)}`,
        );
      }
    }
    if (seps.length === 0) {
      throw new RangeError("readuntil(): separator should contain at least one element");
    }
    seps.sort((a, b) => a.length - b.length);
  } else {
    throw new TypeError(
      `readuntil(): expected separator to be a Uint8Array or an array of them, got ${
        describe(separator)
      }`,
    );
  }
  if (seps[0].length === 0) {
    throw new RangeError("readuntil(): separator should be at least one byte long");
  }
  return seps;
}

/** Index of `sep` in `view` at or after `from`, or -1. */
function find(view: Uint8Array, sep: Uint8Array, from: number): number {
  const first = sep[0];
  const n = sep.length;
  const last = view.length - n;
  let i = view.indexOf(first, from);
  outer: while (i !== -1 && i <= last) {
    for (let j = 1; j < n; j++) {
      if (view[i + j] !== sep[j]) {
        i = view.indexOf(first, i + 1);
        continue outer;
      }
    }
    return i;
  }
  return -1;
}

/**
 * A buffer of received bytes with asyncio's read methods. A protocol feeds it
 * (`feedData()`, `feedEof()`, `setException()`); one task at a time reads.
 * Reading pauses the transport while more than `2 * limit` bytes are
 * buffered and resumes it once at most `limit` remain.
 *
 * Mirrors Python's `asyncio.StreamReader`. Differences from Python: bytes are
 * `Uint8Array`s; `readline()`'s overrun is a plain `Error` (Python's
 * `ValueError`) with the `LimitOverrunError` as `cause`; bad arguments throw
 * `RangeError`/`TypeError`; `feedData()` takes ownership of the array (do not
 * modify it afterwards), and reads hand that memory over without copying
 * where they can: `read(n)` returns a fed array itself, or a view of part of
 * one, and copies only to join the bytes of several. Web Streams interop:
 * {@linkcode StreamReader.fromReadableStream} and
 * {@linkcode StreamReader.toReadableStream}.
 *
 * @example
 * ```ts
 * import { run, StreamReader } from "@denoio/asyncio";
 * await run(async () => {
 *   const reader = new StreamReader();
 *   reader.feedData(new TextEncoder().encode("line 1\nline 2\n"));
 *   reader.feedEof();
 *   const lines: string[] = [];
 *   for await (const line of reader) lines.push(new TextDecoder().decode(line));
 *   console.assert(lines.join("") === "line 1\nline 2\n");
 * });
 * ```
 */
export class StreamReader implements AsyncIterable<Uint8Array> {
  #limit: number;
  #pauseAbove: number;
  #loop: EventLoop;
  // The buffered bytes: the head `#buf[#start, #end)`, then the chunks `#more[#moreAt...]`, which
  // arrived after it and are kept as fed (borrowed, never written). `read()` hands a chunk over
  // whole, or a view of part of it, and copies only when it returns bytes of several chunks; the
  // other read methods, which search or need contiguous bytes, first merge the chunks into the
  // head (`#coalesce()`). The head is borrowed too, or storage of the reader's own (`#owned`),
  // which grows by doubling and may be compacted, so no view into it is ever handed out.
  #buf: Uint8Array = EMPTY;
  #start = 0;
  #end = 0;
  #owned = false;
  #more: Uint8Array[] = [];
  #moreAt = 0;
  /** All bytes buffered: the head's and the chunks'. */
  #size = 0;
  #eof = false;
  #waiter: NativeWait<unknown> | null = null;
  /** A delivered wait of this reader's, for the next one. */
  #spareWaiter: NativeWait<unknown> | null = null;
  /** The size asked of the `read()` that waits for data. */
  #readN = 0;
  #exception: unknown = null;
  #transport: Pausable | null = null;
  #paused = false;

  /**
   * Creates a reader.
   *
   * @param options `limit` (bytes, default 64 KiB) and `loop`.
   * @throws {RangeError} If `limit` is not a positive number.
   */
  constructor(options: StreamReaderOptions = {}) {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (typeof limit !== "number" || !(limit > 0)) {
      throw new RangeError(`StreamReader(): limit must be > 0, got ${describe(limit)}`);
    }
    this.#limit = limit;
    this.#pauseAbove = 2 * limit;
    this.#loop = options.loop ?? _loopForNewObject("new StreamReader()");
  }

  /**
   * A reader fed from a web `ReadableStream` of bytes. The stream is pulled
   * only while at most `limit` bytes are buffered (back-pressure); its end
   * becomes EOF and its error the reader's exception.
   *
   * Differences from Python: an addition (Web Streams interop).
   *
   * @param stream The byte stream to read from (it gets locked).
   * @param options `limit` and `loop`, as for the constructor.
   * @returns The reader.
   *
   * @example
   * ```ts
   * import { run, StreamReader } from "@denoio/asyncio";
   * await run(async () => {
   *   const reader = StreamReader.fromReadableStream(ReadableStream.from([
   *     new TextEncoder().encode("hello "),
   *     new TextEncoder().encode("world"),
   *   ]));
   *   console.assert(new TextDecoder().decode(await reader.read()) === "hello world");
   * });
   * ```
   */
  static fromReadableStream(
    stream: ReadableStream<Uint8Array>,
    options: StreamReaderOptions = {},
  ): StreamReader {
    const reader = new StreamReader(options);
    const loop = reader.#loop;
    const source = stream.getReader();
    let waiting = false;
    let pulling = false;
    const deliver = (result: ReadableStreamReadResult<Uint8Array>) => {
      pulling = false;
      if (reader.#eof) return;
      if (result.done) return reader.feedEof();
      const chunk = result.value;
      if (!(chunk instanceof Uint8Array)) {
        const error = new TypeError(
          `StreamReader.fromReadableStream(): expected Uint8Array chunks, got ${describe(chunk)}`,
        );
        source.cancel(error).catch(() => {});
        return reader.setException(error);
      }
      reader.feedData(chunk);
      if (!reader.#paused) pull();
    };
    const fail = (error: unknown) => {
      pulling = false;
      if (!reader.#eof) reader.setException(error);
    };
    const toLoop = <T>(fn: (value: T) => void) => (value: T) => {
      if (loop.isClosed()) {
        source.cancel().catch(() => {});
        return;
      }
      loop.callSoon(fn, value);
    };
    const onValue = toLoop(deliver);
    const onError = toLoop(fail);
    const pull = () => {
      if (pulling) return;
      pulling = true;
      source.read().then(onValue, onError);
    };
    reader.#pauseAbove = reader.#limit;
    reader.#transport = {
      pauseReading() {
        waiting = true;
      },
      resumeReading() {
        if (!waiting) return;
        waiting = false;
        pull();
      },
    };
    pull();
    return reader;
  }

  /**
   * A web `ReadableStream` of bytes that pulls from this reader (`read()`),
   * closes at EOF and errors with the reader's exception. Supports BYOB
   * readers. Cancelling it cancels a pending read.
   *
   * Differences from Python: an addition (Web Streams interop).
   *
   * @returns The stream.
   *
   * @example
   * ```ts
   * import { run, StreamReader } from "@denoio/asyncio";
   * await run(async () => {
   *   const reader = new StreamReader();
   *   reader.feedData(new TextEncoder().encode("abc"));
   *   reader.feedEof();
   *   const text = await new Response(reader.toReadableStream()).text();
   *   console.assert(text === "abc");
   * });
   * ```
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    return new ReadableStream({
      type: "bytes",
      pull: async (controller) => {
        const request = controller.byobRequest;
        const view = request?.view;
        if (request && view) {
          const data = await this.read(view.byteLength);
          if (data.length === 0) {
            controller.close();
            request.respond(0);
            return;
          }
          new Uint8Array(view.buffer, view.byteOffset, data.length).set(data);
          request.respond(data.length);
          return;
        }
        const data = await this.read(this.#limit);
        if (data.length === 0) controller.close();
        else controller.enqueue(data.slice());
      },
      cancel: () => {
        this.#waiter?.cancel();
      },
    });
  }

  /** The exception set with {@linkcode StreamReader.setException}, or `null`. */
  exception(): unknown {
    return this.#exception;
  }

  /**
   * Makes every read throw `exc` (a pending read at once).
   *
   * @param exc The error, e.g. the one the connection was lost with.
   */
  setException(exc: unknown): void {
    this.#exception = exc;
    const waiter = this.#waiter;
    if (waiter !== null) {
      this.#waiter = null;
      waiter.fail(exc); // no-op if cancelled
    }
  }

  /**
   * Attaches the transport whose reading the reader pauses and resumes.
   *
   * @throws {RuntimeError} If a transport is already set.
   */
  setTransport(transport: ReadTransport): void {
    if (this.#transport !== null) {
      throw new RuntimeError("StreamReader.setTransport(): transport already set");
    }
    this.#transport = transport;
  }

  /** Replaces the transport (after `startTls()`). @ignore */
  [REPLACE_TRANSPORT](transport: ReadTransport): void {
    this.#transport = transport;
    this.#paused = false;
  }

  /** Signals the end of the stream: reads return what is left, then empty arrays. */
  feedEof(): void {
    this.#eof = true;
    this.#wakeup();
  }

  /** Whether EOF was fed and the buffer is empty. */
  atEof(): boolean {
    return this.#eof && this.#size === 0;
  }

  /**
   * Appends received bytes. The reader takes ownership of `data`: do not
   * modify it afterwards.
   *
   * @throws {RuntimeError} After {@linkcode StreamReader.feedEof}.
   * @throws {TypeError} If `data` is not a `Uint8Array`.
   */
  feedData(data: Uint8Array): void {
    if (this.#eof) throw new RuntimeError("StreamReader.feedData(): called after feedEof()");
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`StreamReader.feedData(): expected a Uint8Array, got ${describe(data)}`);
    }
    const n = data.length;
    if (n === 0) return;
    if (this.#size === 0) {
      // Borrow the array: the common case costs no copy at all.
      this.#buf = data;
      this.#start = 0;
      this.#end = n;
      this.#owned = false;
    } else {
      this.#more.push(data);
    }
    this.#size += n;
    this.#wakeup();
    const transport = this.#transport;
    if (transport !== null && !this.#paused && this.#size > this.#pauseAbove) {
      if (typeof transport.pauseReading !== "function") {
        this.#transport = null; // cannot pause: buffer everything
        return;
      }
      transport.pauseReading();
      this.#paused = true;
    }
  }

  /**
   * Reads up to `n` bytes: as soon as at least one byte is buffered, returns
   * what is there (at most `n`); an empty array at EOF. With `n < 0` (the
   * default), reads until EOF.
   *
   * @param n The most bytes to return; negative for everything until EOF.
   * @returns The bytes.
   * @throws The reader's exception, if one is set.
   * @throws {TypeError} If `n` is not an integer.
   */
  read(n: number = -1): Promise<Uint8Array> {
    // Not `async`: with data buffered (or while waiting) this costs one promise, not a chain.
    if (this.#exception !== null) return Promise.reject(this.#exception);
    if (!Number.isInteger(n)) {
      return Promise.reject(
        new TypeError(`StreamReader.read(): expected n to be an integer, got ${describe(n)}`),
      );
    }
    if (n === 0) return Promise.resolve(new Uint8Array(0));
    if (n < 0) return this.#readAll();
    if (this.#size === 0 && !this.#eof) return this.#readWhenData(n);
    return Promise.resolve(this.#readNow(n));
  }

  /** Waits for data, then reads: the wait's own promise, settled by `#deliverRead`. */
  #readWhenData(n: number): Promise<Uint8Array> {
    this.#readN = n;
    try {
      return this.#newWaiter("read", this.#deliverRead).promise as Promise<Uint8Array>;
    } catch (e) {
      return Promise.reject(e); // e.g. another task already waits: a rejection, as from an async read()
    }
  }

  #deliverRead = (wait: NativeWait<unknown>, ok: boolean, value: unknown): Uint8Array => {
    if (this.#waiter === wait) this.#waiter = null;
    this.#spareWaiter = wait;
    if (!ok) throw value;
    return this.#readNow(this.#readN);
  };

  #readNow(n: number): Uint8Array {
    const live = this.#size;
    const data = this.#take(n < live ? n : live);
    this.#maybeResumeTransport();
    return data;
  }

  /**
   * Reads one line, up to and including `\n`. At EOF returns the partial line
   * (without `\n`), or an empty array if nothing is left.
   *
   * @returns The line.
   * @throws {Error} If the line is longer than `limit` (not counting the
   * `\n`); the line, or the whole buffer when no `\n` was found, is discarded.
   * The `LimitOverrunError` is the error's `cause`.
   * @throws The reader's exception, if one is set.
   */
  async readline(): Promise<Uint8Array> {
    try {
      return await this.readuntil(NEWLINE);
    } catch (e) {
      if (e instanceof IncompleteReadError) return e.partial;
      if (e instanceof LimitOverrunError) {
        this.#coalesce();
        const at = this.#start + e.consumed;
        if (at < this.#end && this.#buf[at] === 10) this.#discard(e.consumed + 1);
        else this.#discard(this.#size);
        this.#maybeResumeTransport();
        throw new Error(e.message, { cause: e });
      }
      throw e;
    }
  }

  /**
   * Reads up to and including `separator`. With several separators, returns
   * the shortest chunk that ends with any of them.
   *
   * @param separator One separator, or an array of them (default `\n`).
   * @returns The chunk, ending with the separator.
   * @throws {LimitOverrunError} If no separator is found within `limit`
   * bytes, or the chunk before it is longer than `limit`; the data stays
   * buffered, `consumed` says how much of it to skip.
   * @throws {IncompleteReadError} At EOF without a separator; `partial` has
   * the rest of the buffer (now empty), `expected` is `null`.
   * @throws {RangeError} If a separator is empty, or the array is empty.
   * @throws The reader's exception, if one is set.
   */
  async readuntil(separator: Uint8Array | readonly Uint8Array[] = NEWLINE): Promise<Uint8Array> {
    const seps = checkSeparators(separator);
    const minSeplen = seps[0].length;
    const maxSeplen = seps[seps.length - 1].length;
    if (this.#exception !== null) throw this.#exception;
    let offset = 0;
    let matchStart = -1;
    let matchEnd = -1;
    for (;;) {
      this.#coalesce();
      const buflen = this.#size;
      if (buflen - offset >= minSeplen) {
        const view = this.#buf.subarray(this.#start, this.#end);
        for (const sep of seps) {
          const i = sep.length === 1 ? view.indexOf(sep[0], offset) : find(view, sep, offset);
          if (i !== -1 && (matchEnd === -1 || i + sep.length < matchEnd)) {
            matchStart = i;
            matchEnd = i + sep.length;
          }
        }
        if (matchEnd !== -1) break;
        offset = Math.max(0, buflen + 1 - maxSeplen);
        if (offset > this.#limit) {
          throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
        }
      }
      if (this.#eof) throw new IncompleteReadError(this.#take(buflen), null);
      await this.#waitForData("readuntil");
    }
    if (matchStart > this.#limit) {
      throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
    }
    const chunk = this.#take(matchEnd);
    this.#maybeResumeTransport();
    return chunk;
  }

  /**
   * Reads exactly `n` bytes.
   *
   * @param n How many bytes.
   * @returns The bytes.
   * @throws {IncompleteReadError} At EOF before `n` bytes; `partial` has what
   * was buffered (now empty), `expected` is `n`.
   * @throws {RangeError} If `n` is negative; {TypeError} if not an integer.
   * @throws The reader's exception, if one is set.
   */
  readexactly(n: number): Promise<Uint8Array> {
    // Not `async`: with `n` bytes buffered this costs one promise, not a chain.
    if (!Number.isInteger(n)) {
      return Promise.reject(
        new TypeError(
          `StreamReader.readexactly(): expected n to be an integer, got ${describe(n)}`,
        ),
      );
    }
    if (n < 0) {
      return Promise.reject(
        new RangeError(`StreamReader.readexactly(): size can not be less than zero, got ${n}`),
      );
    }
    if (this.#exception !== null) return Promise.reject(this.#exception);
    if (n === 0) return Promise.resolve(new Uint8Array(0));
    if (this.#size < n) return this.#readexactlySlow(n);
    const data = this.#take(n);
    this.#maybeResumeTransport();
    return Promise.resolve(data);
  }

  async #readexactlySlow(n: number): Promise<Uint8Array> {
    while (this.#size < n) {
      if (this.#eof) throw new IncompleteReadError(this.#take(this.#size), n);
      const waiter = this.#newWaiter("readexactly");
      try {
        await waiter.promise;
      } finally {
        if (this.#waiter === waiter) this.#waiter = null;
      }
    }
    const data = this.#take(n);
    this.#maybeResumeTransport();
    return data;
  }

  /**
   * Iterates over lines (as {@linkcode StreamReader.readline}) until EOF.
   *
   * Mirrors Python's `async for line in reader`.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    const iterator: AsyncIterableIterator<Uint8Array> = {
      next: async (): Promise<IteratorResult<Uint8Array>> => {
        const line = await this.readline();
        return line.length === 0 ? { done: true, value: undefined } : { done: false, value: line };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** A short description: `<StreamReader 4 bytes eof limit=123 paused>`. */
  toString(): string {
    const info = ["StreamReader"];
    const live = this.#size;
    if (live > 0) info.push(`${live} bytes`);
    if (this.#eof) info.push("eof");
    if (this.#limit !== DEFAULT_LIMIT) info.push(`limit=${this.#limit}`);
    if (this.#waiter !== null) info.push("waiter");
    if (this.#exception !== null) info.push(`exception=${String(this.#exception)}`);
    if (this.#transport !== null) info.push(`transport=${String(this.#transport)}`);
    if (this.#paused) info.push("paused");
    return `<${info.join(" ")}>`;
  }

  async #readAll(): Promise<Uint8Array> {
    const blocks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const block = await this.read(this.#limit);
      if (block.length === 0) break;
      blocks.push(block);
      total += block.length;
    }
    if (blocks.length === 1) return blocks[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const block of blocks) {
      out.set(block, at);
      at += block.length;
    }
    return out;
  }

  #wakeup(): void {
    const waiter = this.#waiter;
    if (waiter !== null) {
      this.#waiter = null;
      waiter.wake(undefined); // no-op if cancelled
    }
  }

  #maybeResumeTransport(): void {
    if (this.#paused && this.#size <= this.#limit) {
      this.#paused = false;
      this.#transport!.resumeReading();
    }
  }

  async #waitForData(name: string): Promise<void> {
    const waiter = this.#newWaiter(name);
    try {
      await waiter.promise;
    } finally {
      if (this.#waiter === waiter) this.#waiter = null;
    }
  }

  /** Registers the one wait for incoming data (see `#wakeup()`). */
  #newWaiter(name: string, deliver: Deliver<unknown> | null = null): NativeWait<unknown> {
    if (this.#waiter !== null) {
      throw new RuntimeError(
        `${name}() called while another coroutine is already waiting for incoming data`,
      );
    }
    // Waiting while paused would deadlock (readexactly(n) with n > limit).
    if (this.#paused) {
      this.#paused = false;
      this.#transport!.resumeReading();
    }
    const waiter = NativeWait.recycle(this.#spareWaiter, this.#loop, deliver);
    this.#spareWaiter = null;
    this.#waiter = waiter;
    return waiter;
  }

  /** Merges the chunks that arrived after the head into it: the buffer becomes contiguous. */
  #coalesce(): void {
    const more = this.#more;
    if (more.length === 0) return;
    for (let i = this.#moreAt; i < more.length; i++) this.#append(more[i]);
    this.#more = [];
    this.#moreAt = 0;
  }

  /** Appends `data` to a non-empty head (the head's bytes count in `#size` already). */
  #append(data: Uint8Array): void {
    const n = data.length;
    const start = this.#start;
    const live = this.#end - start;
    const buf = this.#buf;
    if (this.#owned) {
      if (this.#end + n <= buf.length) {
        buf.set(data, this.#end);
        this.#end += n;
        return;
      }
      if (live + n <= buf.length >>> 1) {
        // Nobody holds a view into owned storage, so it may be compacted.
        buf.copyWithin(0, start, this.#end);
        buf.set(data, live);
        this.#start = 0;
        this.#end = live + n;
        return;
      }
    }
    // The first merge onto a borrowed chunk is sized exactly (two chunks make one read, the
    // common case); merges onto owned storage double it, so many small chunks stay linear.
    const size = this.#owned ? Math.max(2 * (live + n), MIN_CAPACITY) : live + n;
    const grown = new Uint8Array(size);
    grown.set(buf.subarray(start, this.#end));
    grown.set(data, live);
    this.#buf = grown;
    this.#start = 0;
    this.#end = live + n;
    this.#owned = true;
  }

  /** Makes the next chunk the head (the head is used up), or empties the buffer. */
  #nextHead(): void {
    const more = this.#more;
    if (this.#moreAt < more.length) {
      const chunk = more[this.#moreAt];
      more[this.#moreAt++] = EMPTY;
      if (this.#moreAt === more.length) {
        this.#more = [];
        this.#moreAt = 0;
      }
      this.#buf = chunk;
      this.#start = 0;
      this.#end = chunk.length;
    } else {
      this.#buf = EMPTY;
      this.#start = this.#end = 0;
    }
    this.#owned = false;
  }

  /** Removes and returns the first `k` bytes (0 < k <= buffered). */
  #take(k: number): Uint8Array {
    const start = this.#start;
    const live = this.#end - start;
    this.#size -= k;
    if (k === live) {
      const buf = this.#buf;
      const out = start === 0 && k === buf.length ? buf : buf.subarray(start, start + k);
      this.#nextHead();
      return out;
    }
    if (k < live) {
      // a view of a borrowed chunk; owned storage is copied out (it may be compacted later)
      const out = this.#owned
        ? this.#buf.slice(start, start + k)
        : this.#buf.subarray(start, start + k);
      this.#start = start + k;
      return out;
    }
    // the bytes of several chunks: one copy
    const out = new Uint8Array(k);
    let at = 0;
    while (at < k) {
      const s = this.#start;
      const have = this.#end - s;
      const want = k - at;
      if (have <= want) {
        out.set(this.#buf.subarray(s, this.#end), at);
        at += have;
        this.#nextHead();
      } else {
        out.set(this.#buf.subarray(s, s + want), at);
        this.#start = s + want;
        at = k;
      }
    }
    return out;
  }

  /** Drops the first `k` bytes of a coalesced buffer (`k` <= buffered). */
  #discard(k: number): void {
    this.#size -= k;
    if (this.#size === 0) this.#nextHead(); // no chunk follows the head after #coalesce()
    else this.#start += k;
  }
}
