// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `EventLoop`: asyncio's event loop on top of the JS host loop.
 *
 * @module
 */
import { setImmediate } from "node:timers";
import { RuntimeError } from "../errors.ts";
import type {
  BaseProtocol,
  DatagramProtocol,
  ProtocolFactory,
  SubprocessProtocol,
} from "../protocols/protocols.ts";
import type {
  DatagramTransport,
  ReadTransport,
  SubprocessTransport,
  Transport,
  WriteTransport,
} from "../transports/transport.ts";
import {
  checkCallable,
  checkNotAsync,
  describe,
  ON_CLOSE,
  type ReadyItem,
  REGISTER_TASK,
  RUN_HANDLE,
  SCHEDULE,
  TASK_STEP_END,
  TASK_STEP_START,
  THREAD_JOIN_TIMEOUT,
  TIMER_UNSCHEDULED,
  TRACK_UNRETRIEVED,
  UNREGISTER_TASK,
  type Unretrieved,
  UNTRACK_UNRETRIEVED,
  WANT_DRAIN,
} from "./_internal.ts";
import { TimerHeap } from "./_timer_heap.ts";
import { type Clock, REAL_CLOCK } from "./clock.ts";
import { type Awaitable, ensureFuture } from "./ensure_future.ts";
import { Future } from "./future.ts";
import { Handle, TimerHandle } from "./handle.ts";
import {
  type AbstractServer,
  type Address,
  type AddrInfo,
  type CreateConnectionOptions,
  type CreateDatagramEndpointOptions,
  type CreateServerOptions,
  type CreateUnixConnectionOptions,
  type CreateUnixServerOptions,
  type ExecArgs,
  type Executor,
  futureFromPromise,
  type GetaddrinfoOptions,
  io,
  type LoopIo,
  type ReadPipe,
  type SendfileSource,
  type SocketLike,
  type SSLOption,
  type StartTlsOptions,
  type SubprocessOptions,
  type WritePipe,
} from "./io.ts";
import { _getRunningLoop, _setRunningLoop } from "./running_loop.ts";
import { type AwaitingTask, taskContext } from "./_task_context.ts";
import type { Socket } from "../transports/socket.ts";
import { type Coroutine, Task } from "./task.ts";

/**
 * What the exception handler receives. `message` is always there; the other
 * keys depend on the source (`exception`, `handle`, `future`, `task`,
 * `transport`, `protocol`, `socket`, `sourceTraceback`, ...).
 */
export interface ExceptionContext {
  /** What happened. */
  message: string;
  /** The error, if any. */
  exception?: unknown;
  /** The callback handle that failed. */
  handle?: Handle;
  /** The future involved. */
  future?: Future<unknown>;
  /** The task involved. */
  task?: Task<unknown>;
  /** Any further details. */
  [key: string]: unknown;
}

/** An exception handler: called synchronously as `handler(loop, context)`. */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/** A task factory: how `createTask()` builds tasks. */
export type TaskFactory = <T>(
  loop: EventLoop,
  coro: Coroutine<T>,
  options: { name?: string },
) => Future<T>;

/** Options of `new EventLoop()` and `newEventLoop()`. */
export interface EventLoopOptions {
  /** The time source; a {@linkcode VirtualClock} makes time jump when idle. */
  clock?: Clock;
  /** Start in debug mode. */
  debug?: boolean;
}

const MAX_HOST_TIMEOUT_MS = 2 ** 31 - 1;
const HOST_SLICE_MS = 4;
const WORK_BETWEEN_SLICE_CHECKS = 1024;
/** Microtask turns to poll for a running task step before parking until it ends. */
const HOPS_BEFORE_PARKING = 8;
const SYNC_ITERATIONS = 32;
/** The store outside every task (what `taskContext.getStore()` returns there). */
const NO_TASK = undefined as unknown as AwaitingTask;
const MIN_CANCELLED_TIMERS_TO_COMPACT = 100;

function unscheduleTimer(timer: TimerHandle): void {
  timer[TIMER_UNSCHEDULED]();
}

/**
 * asyncio's event loop: a FIFO ready queue and a timer heap, driven by the JS
 * host loop without `setTimeout(0)` clamping. One iteration runs exactly the
 * callbacks that were ready when it began; callbacks scheduled meanwhile run
 * in the next. Between iterations, the promise continuations of woken tasks
 * run (microtasks), and every few milliseconds of continuous work the loop
 * yields a macrotask turn so that Deno's I/O completes.
 *
 * Mirrors Python's `asyncio.AbstractEventLoop` / `BaseEventLoop`. Differences
 * from Python: `runForever()` and `runUntilComplete()` return promises; with
 * nothing pending at all (no timer, no I/O), Deno ends the process instead of
 * blocking forever.
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@denoio/asyncio";
 * const loop = newEventLoop();
 * loop.callSoon(() => {
 *   console.log("Hello World");
 *   loop.stop();
 * });
 * await loop.runForever();
 * loop.close();
 * ```
 */
export class EventLoop implements Disposable, AsyncDisposable {
  #clock: Clock;
  #ready: ReadyItem[] = [];
  #spare: ReadyItem[] = [];
  #batch: ReadyItem[] | null = null;
  #batchIndex = 0;
  #timers = new TimerHeap();
  #cancelledTimers = 0;
  #timerSeq = 0;
  #running = false;
  #closed = false;
  #stopping = false;
  #idle = false;
  #wakePending = false;
  #hostTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  #hostTimerWhen = Infinity;
  #idleSeq = 0;
  #runResolve: (() => void) | null = null;
  #work = 0;
  #lastHostYield = 0;
  #inFlight = 0;
  /** Debug mode: the callback whose task step is running, and when it started. */
  #slowItem: ReadyItem | null = null;
  #slowStart = 0;
  #epoch = 0;
  #drainWanted = false;
  #hops = 0;
  /** Waiting, without polling, for the in-flight task steps to end (or to go to host I/O). */
  #parked = false;
  /** Resolves the promise whose reaction resumes a parked loop (in the loop's own context). */
  #unpark: (() => void) | null = null;
  #watchdogArmed = false;
  #debug: boolean;
  #slowCallbackDuration = 0.1;
  #exceptionHandler: ExceptionHandler | null = null;
  #taskFactory: TaskFactory | null = null;
  #tasks = new Set<Task<unknown>>();
  #unretrieved = new Set<Unretrieved>();
  #closeHooks: (() => void)[] = [];
  #defaultExecutor: Executor | null = null;
  #ownsDefaultExecutor = false;
  #executorShutdownCalled = false;

  /**
   * Creates an instance.
   *
   * @param options The clock and debug mode.
   */
  constructor(options: EventLoopOptions = {}) {
    this.#clock = options.clock ?? REAL_CLOCK;
    this.#debug = options.debug ?? false;
  }

  // ---- running and stopping ----

  /**
   * Runs until {@linkcode EventLoop.stop} is called.
   *
   * Mirrors Python's `loop.run_forever()`.
   *
   * @returns A promise that resolves once the loop stopped.
   * @throws {RuntimeError} If the loop is closed or already running, or
   * another loop is running.
   */
  runForever(): Promise<void> {
    try {
      this.#checkClosed("runForever");
      this.#checkNotRunning();
    } catch (e) {
      return Promise.reject(e);
    }
    this.#running = true;
    _setRunningLoop(this);
    this.#lastHostYield = performance.now();
    return new Promise<void>((resolve) => {
      this.#runResolve = resolve;
      this.#wakePending = true;
      queueMicrotask(this.#tick);
    });
  }

  /**
   * Runs until `aw` is done and returns its result (or throws its error).
   *
   * Mirrors Python's `loop.run_until_complete()`.
   *
   * @param aw A future, a promise or an async function (wrapped in a task).
   * @returns The result of `aw`.
   * @throws {RuntimeError} If the loop stopped before `aw` was done.
   *
   * @example
   * ```ts
   * import { newEventLoop, sleep } from "@denoio/asyncio";
   * const loop = newEventLoop();
   * const value = await loop.runUntilComplete(async () => {
   *   await sleep(0.01);
   *   return 7;
   * });
   * console.assert(value === 7);
   * loop.close();
   * ```
   */
  async runUntilComplete<T>(aw: Awaitable<T>): Promise<T> {
    this.#checkClosed("runUntilComplete");
    this.#checkNotRunning();
    const future = ensureFuture(aw, this);
    const stop = () => this.stop();
    future.addDoneCallback(stop);
    try {
      await this.runForever();
    } finally {
      future.removeDoneCallback(stop);
    }
    if (!future.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    return future.result();
  }

  /**
   * Stops the loop after the current iteration; before `runForever()`, makes
   * the next run do one iteration.
   *
   * Mirrors Python's `loop.stop()`.
   */
  stop(): void {
    this.#stopping = true;
    if (this.#idle) this.#wake();
  }

  /** Whether the loop is running. */
  isRunning(): boolean {
    return this.#running;
  }

  /** Whether the loop was closed. */
  isClosed(): boolean {
    return this.#closed;
  }

  /**
   * Closes the loop: drops pending callbacks and timers, releases signal
   * handlers and the default executor, and reports tasks still pending and
   * exceptions never retrieved to the exception handler.
   *
   * Mirrors Python's `loop.close()`.
   *
   * @throws {RuntimeError} If the loop is running.
   */
  close(): void {
    if (this.#running) throw new RuntimeError("Cannot close a running event loop");
    if (this.#closed) return;
    this.#closed = true;
    this.#ready.length = 0;
    this.#batch = null;
    for (const timer of this.#timers.clear()) timer[TIMER_UNSCHEDULED]();
    this.#cancelledTimers = 0;
    this.#clearHostTimer();
    for (const hook of this.#closeHooks.splice(0)) {
      try {
        hook();
      } catch (e) {
        this.callExceptionHandler({ message: "Error while closing the event loop", exception: e });
      }
    }
    const executor = this.#defaultExecutor;
    this.#defaultExecutor = null;
    this.#executorShutdownCalled = true;
    executor?.shutdown({ wait: false }).catch(() => {});
    for (const task of this.#tasks) {
      this.callExceptionHandler({ message: "Task was destroyed but it is pending!", task });
    }
    this.#tasks.clear();
    for (const state of this.#unretrieved) {
      state.reported = true;
      const context: ExceptionContext = { message: state.message, exception: state.exception };
      const future = state.future.deref() as Future<unknown> | undefined;
      if (future !== undefined) context.future = future;
      if (state.sourceTraceback !== undefined) context.sourceTraceback = state.sourceTraceback;
      this.callExceptionHandler(context);
    }
    this.#unretrieved.clear();
  }

  /**
   * Kept for Python parity: JS has no hooks to track async generators, so
   * there is nothing to finalize.
   *
   * Mirrors Python's `loop.shutdown_asyncgens()`.
   */
  shutdownAsyncgens(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Waits for the default executor's running work, then shuts it down.
   *
   * Mirrors Python's `loop.shutdown_default_executor()`.
   *
   * @param timeout Seconds to wait before shutting down without waiting
   * (default `null`: as long as it takes, as Python's; `run()` and `await using`
   * give 300, as Python's `asyncio.run()` does).
   */
  async shutdownDefaultExecutor(timeout: number | null = null): Promise<void> {
    this.#executorShutdownCalled = true;
    const executor = this.#defaultExecutor;
    if (executor === null) return;
    this.#defaultExecutor = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<"timeout">((resolve) => {
      if (timeout !== null) timer = setTimeout(() => resolve("timeout"), timeout * 1000);
    });
    try {
      const outcome = await Promise.race([executor.shutdown({ wait: true }), expired]);
      if (outcome === "timeout") {
        console.warn(`The executor did not finish joining its workers within ${timeout} seconds.`);
        await executor.shutdown({ wait: false });
      }
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- scheduling callbacks ----

  /**
   * Schedules `callback(...args)` for the next iteration (FIFO).
   *
   * Mirrors Python's `loop.call_soon()`. Differences from Python: no
   * `context` argument; use a closure.
   *
   * @returns A handle whose `cancel()` prevents the call.
   * @throws {TypeError} If `callback` is not a function.
   * @throws {RuntimeError} If the loop is closed.
   *
   * @example
   * ```ts
   * import { newEventLoop } from "@denoio/asyncio";
   * const loop = newEventLoop();
   * const order: number[] = [];
   * loop.callSoon((n) => order.push(n), 1);
   * loop.callSoon((n) => order.push(n), 2);
   * loop.callSoon(() => loop.stop());
   * await loop.runForever();
   * console.assert(order.join() === "1,2");
   * loop.close();
   * ```
   */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle;
  callSoon(callback: (...args: never[]) => unknown): Handle {
    if (this.#closed) this.#checkClosed("callSoon");
    if (typeof callback !== "function") checkCallable(callback, "callSoon(): callback");
    if (this.#debug) checkNotAsync(callback, "callSoon");
    // `arguments` instead of a rest parameter: no array for the common call without arguments.
    const handle = new Handle(
      callback,
      arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : undefined,
      this,
    );
    this.#ready.push(handle);
    if (this.#idle) this.#wake();
    return handle;
  }

  /**
   * Like {@linkcode EventLoop.callSoon}, for callers outside the loop's own
   * callbacks (a Deno callback, a Worker message): it wakes an idle loop.
   *
   * Mirrors Python's `loop.call_soon_threadsafe()`.
   *
   * @returns A handle whose `cancel()` prevents the call.
   */
  callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    return this.callSoon(callback, ...args);
  }

  /**
   * Schedules `callback(...args)` to run `delay` seconds from now.
   *
   * Mirrors Python's `loop.call_later()`. Differences from Python: a negative
   * delay is an error (Python runs it at once).
   *
   * @param delay Seconds from now (>= 0; `Infinity` never fires).
   * @returns A timer handle whose `cancel()` prevents the call.
   * @throws {RangeError} If `delay` is negative or NaN.
   *
   * @example
   * ```ts
   * import { newEventLoop } from "@denoio/asyncio";
   * const loop = newEventLoop();
   * loop.callLater(0.01, () => loop.stop());
   * await loop.runForever();
   * loop.close();
   * ```
   */
  callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  callLater(delay: number, callback: (...args: never[]) => unknown): TimerHandle {
    if (typeof delay !== "number" || !(delay >= 0)) {
      throw new RangeError(
        `callLater(): expected delay to be a number of seconds >= 0, got ${describe(delay)}`,
      );
    }
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : undefined;
    return this.#schedule("callLater", this.#clock.now() + delay, callback, args);
  }

  /**
   * Schedules `callback(...args)` at absolute time `when` (on
   * {@linkcode EventLoop.time}'s clock).
   *
   * Mirrors Python's `loop.call_at()`.
   *
   * @param when Seconds on the loop's clock.
   * @returns A timer handle whose `cancel()` prevents the call.
   * @throws {RangeError} If `when` is NaN.
   */
  callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  callAt(when: number, callback: (...args: never[]) => unknown): TimerHandle {
    if (typeof when !== "number" || Number.isNaN(when)) {
      throw new RangeError(
        `callAt(): expected when to be a number of seconds, got ${describe(when)}`,
      );
    }
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : undefined;
    return this.#schedule("callAt", when, callback, args);
  }

  #schedule(
    method: string,
    when: number,
    callback: (...args: never[]) => unknown,
    args: unknown[] | undefined,
  ): TimerHandle {
    if (this.#closed) this.#checkClosed(method);
    if (typeof callback !== "function") checkCallable(callback, `${method}(): callback`);
    if (this.#debug) checkNotAsync(callback, method);
    const timer = new TimerHandle(when, callback, args, this, this.#timerSeq++);
    this.#timers.push(timer);
    if (this.#idle && !this.#wakePending && when < this.#hostTimerWhen) this.#goIdle();
    return timer;
  }

  /**
   * The loop's time in seconds (monotonic; virtual with a `VirtualClock`).
   *
   * Mirrors Python's `loop.time()`.
   */
  time(): number {
    return this.#clock.now();
  }

  // ---- futures and tasks ----

  /**
   * A new pending future bound to this loop.
   *
   * Mirrors Python's `loop.create_future()`.
   *
   * @example
   * ```ts
   * import { newEventLoop } from "@denoio/asyncio";
   * const loop = newEventLoop();
   * const fut = loop.createFuture<string>();
   * fut.setResult("done");
   * console.assert(fut.result() === "done");
   * loop.close();
   * ```
   */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  /**
   * Wraps `coro` in a task (through the task factory, if one is set). The task
   * starts on the next iteration.
   *
   * Mirrors Python's `loop.create_task()`.
   *
   * @param coro An async function (or any function returning a value or promise).
   * @param options `{ name }`.
   * @throws {RuntimeError} If the loop is closed.
   *
   * @example
   * ```ts
   * import { newEventLoop } from "@denoio/asyncio";
   * const loop = newEventLoop();
   * const task = loop.createTask(async () => 5, { name: "five" });
   * console.assert((await loop.runUntilComplete(task)) === 5);
   * loop.close();
   * ```
   */
  createTask<T>(coro: Coroutine<T>, options: { name?: string } = {}): Task<T> {
    this.#checkClosed("createTask");
    if (this.#taskFactory === null) return new Task(coro, { loop: this, name: options.name });
    const task = this.#taskFactory(this, coro, options) as Task<T>;
    if (options.name !== undefined && task instanceof Task) task.setName(options.name);
    return task;
  }

  /**
   * Sets how `createTask()` builds tasks; `null` restores the default.
   *
   * Mirrors Python's `loop.set_task_factory()`.
   *
   * @throws {TypeError} If `factory` is neither a function nor `null`.
   */
  setTaskFactory(factory: TaskFactory | null): void {
    if (factory !== null) checkCallable(factory, "setTaskFactory(): factory");
    this.#taskFactory = factory;
  }

  /** The task factory, or `null` for the default. */
  getTaskFactory(): TaskFactory | null {
    return this.#taskFactory;
  }

  // ---- errors and debug ----

  /**
   * Sets the exception handler, called as `handler(loop, context)`; `null`
   * restores the default.
   *
   * Mirrors Python's `loop.set_exception_handler()`.
   *
   * @throws {TypeError} If `handler` is neither a function nor `null`.
   *
   * @example
   * ```ts
   * import { newEventLoop } from "@denoio/asyncio";
   * const loop = newEventLoop();
   * const seen: string[] = [];
   * loop.setExceptionHandler((_loop, ctx) => seen.push(ctx.message));
   * loop.callSoon(() => { throw new Error("boom"); });
   * loop.callSoon(() => loop.stop());
   * await loop.runForever();
   * console.assert(seen.length === 1);
   * loop.close();
   * ```
   */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null) checkCallable(handler, "setExceptionHandler(): handler");
    this.#exceptionHandler = handler;
  }

  /** The exception handler, or `null` for the default. */
  getExceptionHandler(): ExceptionHandler | null {
    return this.#exceptionHandler;
  }

  /**
   * The default handler: logs `context.message`, the other keys and the
   * exception with `console.error`.
   *
   * Mirrors Python's `loop.default_exception_handler()`.
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    const lines = [context.message || "Unhandled exception in event loop"];
    for (const key of Object.keys(context).sort()) {
      if (key === "message" || key === "exception") continue;
      const value = context[key];
      if (value === undefined) continue;
      if (key === "sourceTraceback") lines.push(`Object created at:\n${value}`);
      else lines.push(`${key}: ${String(value)}`);
    }
    if (context.exception !== undefined) console.error(lines.join("\n"), context.exception);
    else console.error(lines.join("\n"));
  }

  /**
   * Reports `context` to the exception handler (synchronously, with that very
   * object), or to the default handler. Errors of the handler are logged.
   *
   * Mirrors Python's `loop.call_exception_handler()`.
   */
  callExceptionHandler(context: ExceptionContext): void {
    const handler = this.#exceptionHandler;
    if (handler === null) {
      try {
        this.defaultExceptionHandler(context);
      } catch (e) {
        console.error("Exception in default exception handler", e);
      }
      return;
    }
    try {
      handler(this, context);
    } catch (e) {
      try {
        this.defaultExceptionHandler({
          message: "Unhandled error in exception handler",
          exception: e,
          context,
        });
      } catch (e2) {
        console.error("Exception in default exception handler", e2);
      }
    }
  }

  /** Whether debug mode is on. */
  getDebug(): boolean {
    return this.#debug;
  }

  /**
   * Turns debug mode on or off: slow callbacks are logged, handles, futures
   * and tasks record where they were created, and `callSoon()`, `callLater()`
   * and `callAt()` refuse async functions (`TypeError`), as Python's do.
   *
   * Mirrors Python's `loop.set_debug()`.
   */
  setDebug(enabled: boolean): void {
    this.#debug = Boolean(enabled);
  }

  /** Seconds after which debug mode logs a callback as slow (default 0.1). */
  get slowCallbackDuration(): number {
    return this.#slowCallbackDuration;
  }

  set slowCallbackDuration(seconds: number) {
    if (typeof seconds !== "number" || !(seconds >= 0)) {
      throw new RangeError(
        `slowCallbackDuration: expected a number of seconds >= 0, got ${describe(seconds)}`,
      );
    }
    this.#slowCallbackDuration = seconds;
  }

  // ---- executors ----

  /**
   * Runs `func(...args)` in `executor` (default: a pool of Web Workers) and
   * returns a future of its result.
   *
   * Mirrors Python's `loop.run_in_executor()`. Differences from Python: the
   * default executor runs self-contained functions (sent by source, arguments
   * structured-cloned), as a process pool runs picklable ones.
   * Cancelling the future withdraws the work if it has not started (when the
   * executor has `cancel()`); work already running runs to its end.
   *
   * @throws {RuntimeError} If the loop is closed or the default executor was shut down.
   */
  runInExecutor<R>(
    executor: Executor | null,
    func: (...args: never[]) => R | PromiseLike<R>,
    ...args: unknown[]
  ): Future<Awaited<R>> {
    this.#checkClosed("runInExecutor");
    checkCallable(func, "runInExecutor(): func");
    let target = executor;
    if (target === null || target === undefined) {
      if (this.#executorShutdownCalled) {
        throw new RuntimeError("runInExecutor(): the default executor was shut down");
      }
      if (this.#defaultExecutor === null) {
        this.#defaultExecutor = io("createDefaultExecutor")(this);
        this.#ownsDefaultExecutor = true;
      }
      target = this.#defaultExecutor;
    }
    const submitted = target.submit(func, ...args);
    const future = futureFromPromise(this, submitted);
    if (typeof target.cancel === "function") {
      const executor = target;
      future.addDoneCallback((f) => {
        if (f.cancelled()) executor.cancel!(submitted);
      });
    }
    return future;
  }

  /**
   * Sets the executor `runInExecutor(null, ...)` uses.
   *
   * Mirrors Python's `loop.set_default_executor()`.
   *
   * @throws {TypeError} If `executor` has no `submit()` or no `shutdown()` method.
   */
  setDefaultExecutor(executor: Executor): void {
    checkCallable(executor?.submit, "setDefaultExecutor(): executor.submit");
    checkCallable(executor.shutdown, "setDefaultExecutor(): executor.shutdown");
    // The pool the loop made itself is let go: its running work finishes, its idle Workers end
    // (else they would keep the process alive). An executor the caller gave stays theirs.
    if (this.#ownsDefaultExecutor && this.#defaultExecutor !== executor) {
      this.#defaultExecutor?.shutdown({ wait: false }).catch(() => {});
    }
    this.#ownsDefaultExecutor = false;
    this.#defaultExecutor = executor;
  }

  // ---- networking ----

  /**
   * Opens a stream connection (TCP, or TLS with `ssl`) and binds a protocol
   * to it. Requires `--allow-net`.
   *
   * Mirrors Python's `loop.create_connection()`.
   *
   * @returns `[transport, protocol]` once connected.
   */
  createConnection<P extends BaseProtocol>(
    protocolFactory: ProtocolFactory<P>,
    host?: string | null,
    port?: number | null,
    options?: CreateConnectionOptions,
  ): Promise<[Transport, P]> {
    return this.#io("createConnection", (f) => f(this, protocolFactory, host, port, options));
  }

  /**
   * Opens a Unix-socket connection. Requires `--allow-read`, `--allow-write`
   * and `--allow-net` (Deno 2.9 scopes it as `--allow-net=unix:<absolute path>`).
   * With `ssl`, TLS runs as a layer over the socket (as `startTls()` does):
   * the certificate is checked against `serverHostname` (`""` skips the check).
   *
   * Mirrors Python's `loop.create_unix_connection()`.
   */
  createUnixConnection<P extends BaseProtocol>(
    protocolFactory: ProtocolFactory<P>,
    path: string,
    options?: CreateUnixConnectionOptions,
  ): Promise<[Transport, P]> {
    return this.#io("createUnixConnection", (f) => f(this, protocolFactory, path, options));
  }

  /**
   * Listens on `host` (a string, a list, or empty for all interfaces) and
   * `port` (0 picks a free one). Requires `--allow-net`.
   *
   * Mirrors Python's `loop.create_server()`.
   */
  createServer(
    protocolFactory: ProtocolFactory,
    host?: string | string[] | null,
    port?: number | null,
    options?: CreateServerOptions,
  ): Promise<AbstractServer> {
    return this.#io("createServer", (f) => f(this, protocolFactory, host, port, options));
  }

  /**
   * Listens on a Unix socket (a stale socket file at `path` is removed first).
   * Requires `--allow-read`, `--allow-write` and `--allow-net` (Deno 2.9 scopes
   * it as `--allow-net=unix:<absolute path>`). With `ssl`, each accepted
   * connection runs the server side of a TLS handshake, as a layer over the
   * socket (as `startTls()` does), before its protocol is told.
   *
   * Mirrors Python's `loop.create_unix_server()`.
   */
  createUnixServer(
    protocolFactory: ProtocolFactory,
    path: string,
    options?: CreateUnixServerOptions,
  ): Promise<AbstractServer> {
    return this.#io("createUnixServer", (f) => f(this, protocolFactory, path, options));
  }

  /**
   * Wraps an accepted {@linkcode Socket} in a transport and protocol. With
   * `ssl` (a context with `cert` and `key`), the server side of a TLS
   * handshake runs first, as a layer over the socket (as `startTls()` does).
   *
   * Mirrors Python's `loop.connect_accepted_socket()`.
   */
  connectAcceptedSocket<P extends BaseProtocol>(
    protocolFactory: ProtocolFactory<P>,
    sock: SocketLike,
    options?: { ssl?: SSLOption; sslHandshakeTimeout?: number },
  ): Promise<[Transport, P]> {
    return this.#io("connectAcceptedSocket", (f) => f(this, protocolFactory, sock, options));
  }

  /**
   * Opens a UDP endpoint. Requires `--allow-net` and `--unstable-net`.
   *
   * Mirrors Python's `loop.create_datagram_endpoint()`.
   */
  createDatagramEndpoint<P extends DatagramProtocol>(
    protocolFactory: ProtocolFactory<P>,
    options?: CreateDatagramEndpointOptions,
  ): Promise<[DatagramTransport, P]> {
    return this.#io("createDatagramEndpoint", (f) => f(this, protocolFactory, options));
  }

  /**
   * Sends a file over a transport.
   *
   * Mirrors Python's `loop.sendfile()`.
   *
   * @returns The number of bytes sent.
   */
  sendfile(
    transport: Transport,
    file: SendfileSource,
    offset?: number,
    count?: number | null,
    options?: { fallback?: boolean },
  ): Promise<number> {
    return this.#io("sendfile", (f) => f(this, transport, file, offset, count, options));
  }

  /**
   * Upgrades a connection to TLS, on the client or (`serverSide: true`) the
   * server side: TLS then runs over the old transport through `node:tls`, as
   * Python's SSL protocol runs over it. The protocol's `connectionMade()` is not
   * called again.
   *
   * Mirrors Python's `loop.start_tls()`.
   *
   * @returns The new TLS transport.
   */
  startTls(
    transport: Transport,
    protocol: BaseProtocol,
    sslContext: SSLOption,
    options?: StartTlsOptions,
  ): Promise<Transport> {
    return this.#io("startTls", (f) => f(this, transport, protocol, sslContext, options));
  }

  // ---- low level sockets ----

  /**
   * Calls `callback(...args)` whenever `fd` (a library `Socket` or its
   * `fileno()`) is readable.
   *
   * Mirrors Python's `loop.add_reader()`.
   */
  addReader<A extends unknown[]>(
    fd: SocketLike | number,
    callback: (...args: A) => unknown,
    ...args: A
  ): void {
    this.#checkClosed("addReader");
    checkCallable(callback, "addReader(): callback");
    io("addReader")(this, fd, () => callback(...args));
  }

  /**
   * Stops watching `fd` for reads.
   *
   * @returns Whether it was watched.
   */
  removeReader(fd: SocketLike | number): boolean {
    return io("removeReader")(this, fd);
  }

  /**
   * Calls `callback(...args)` whenever `fd` is writable.
   *
   * Mirrors Python's `loop.add_writer()`.
   */
  addWriter<A extends unknown[]>(
    fd: SocketLike | number,
    callback: (...args: A) => unknown,
    ...args: A
  ): void {
    this.#checkClosed("addWriter");
    checkCallable(callback, "addWriter(): callback");
    io("addWriter")(this, fd, () => callback(...args));
  }

  /**
   * Stops watching `fd` for writes.
   *
   * @returns Whether it was watched.
   */
  removeWriter(fd: SocketLike | number): boolean {
    return io("removeWriter")(this, fd);
  }

  /** Receives up to `n` bytes. Mirrors Python's `loop.sock_recv()`. */
  sockRecv(sock: Socket, n: number): Promise<Uint8Array> {
    return this.#io("sockRecv", (f) => f(this, sock, n));
  }

  /** Receives into `buf`. Mirrors Python's `loop.sock_recv_into()`. @returns Bytes received. */
  sockRecvInto(sock: Socket, buf: Uint8Array): Promise<number> {
    return this.#io("sockRecvInto", (f) => f(this, sock, buf));
  }

  /** Receives a datagram. Mirrors Python's `loop.sock_recvfrom()`. */
  sockRecvfrom(sock: Socket, n: number): Promise<[Uint8Array, Address]> {
    return this.#io("sockRecvfrom", (f) => f(this, sock, n));
  }

  /** Sends all of `data`. Mirrors Python's `loop.sock_sendall()`. */
  sockSendall(sock: Socket, data: Uint8Array): Promise<void> {
    return this.#io("sockSendall", (f) => f(this, sock, data));
  }

  /** Sends a datagram. Mirrors Python's `loop.sock_sendto()`. @returns Bytes sent. */
  sockSendto(sock: Socket, data: Uint8Array, addr: Address): Promise<number> {
    return this.#io("sockSendto", (f) => f(this, sock, data, addr));
  }

  /** Connects `sock`. Mirrors Python's `loop.sock_connect()`. */
  sockConnect(sock: Socket, addr: Address | string): Promise<void> {
    return this.#io("sockConnect", (f) => f(this, sock, addr));
  }

  /** Accepts a connection. Mirrors Python's `loop.sock_accept()`. */
  sockAccept(sock: Socket): Promise<[Socket, Address | string]> {
    return this.#io("sockAccept", (f) => f(this, sock));
  }

  /** Sends a file over a socket. Mirrors Python's `loop.sock_sendfile()`. @returns Bytes sent. */
  sockSendfile(
    sock: Socket,
    file: SendfileSource,
    offset?: number,
    count?: number | null,
    options?: { fallback?: boolean },
  ): Promise<number> {
    return this.#io("sockSendfile", (f) => f(this, sock, file, offset, count, options));
  }

  // ---- DNS ----

  /**
   * Resolves `host` and `port` to addresses.
   *
   * Mirrors Python's `loop.getaddrinfo()`.
   *
   * @returns `[family, type, proto, canonname, [host, port]]` entries.
   */
  getaddrinfo(
    host: string | null,
    port: number | string | null,
    options?: GetaddrinfoOptions,
  ): Promise<AddrInfo[]> {
    return this.#io("getaddrinfo", (f) => f(this, host, port, options));
  }

  /**
   * Resolves an address to a host name and service.
   *
   * Mirrors Python's `loop.getnameinfo()`.
   */
  getnameinfo(sockaddr: Address, flags?: number): Promise<[string, string]> {
    return this.#io("getnameinfo", (f) => f(this, sockaddr, flags));
  }

  // ---- pipes and signals ----

  /**
   * Reads a `ReadableStream` (or `Deno.stdin`, a `Deno.FsFile`, ...) through a protocol.
   *
   * Mirrors Python's `loop.connect_read_pipe()`.
   */
  connectReadPipe<P extends BaseProtocol>(
    protocolFactory: ProtocolFactory<P>,
    pipe: ReadPipe,
  ): Promise<[ReadTransport, P]> {
    return this.#io("connectReadPipe", (f) => f(this, protocolFactory, pipe));
  }

  /**
   * Writes to a `WritableStream` (or `Deno.stdout`, a `Deno.FsFile`, ...) through a transport.
   *
   * Mirrors Python's `loop.connect_write_pipe()`.
   */
  connectWritePipe<P extends BaseProtocol>(
    protocolFactory: ProtocolFactory<P>,
    pipe: WritePipe,
  ): Promise<[WriteTransport, P]> {
    return this.#io("connectWritePipe", (f) => f(this, protocolFactory, pipe));
  }

  /**
   * Calls `callback(...args)` from the loop whenever signal `sig` arrives;
   * a second handler for the same signal replaces the first. The handler
   * keeps the process alive until it is removed or the loop is closed.
   *
   * Mirrors Python's `loop.add_signal_handler()`. Differences from Python:
   * Deno also refuses `SIGILL`, `SIGFPE` and `SIGSEGV`; on Windows only
   * `SIGINT`, `SIGBREAK`, `SIGTERM`, `SIGQUIT`, `SIGHUP` and `SIGWINCH` work.
   *
   * @param sig A `Deno.Signal` name (`"SIGINT"`) or its number (the
   * platform's numbering, e.g. Linux's `10` for `SIGUSR1`).
   * @throws {TypeError} For something that is not a signal of this platform, or an async `callback`
   * (its promise would be dropped; as Python refuses coroutines).
   * @throws {RuntimeError} For a signal that cannot be caught (`SIGKILL`, `SIGSTOP`).
   */
  addSignalHandler<A extends unknown[]>(
    sig: Deno.Signal | number,
    callback: (...args: A) => unknown,
    ...args: A
  ): void {
    this.#checkClosed("addSignalHandler");
    checkCallable(callback, "addSignalHandler(): callback");
    checkNotAsync(callback, "addSignalHandler");
    io("addSignalHandler")(this, sig, () => callback(...args));
  }

  /**
   * Removes the handler of `sig`.
   *
   * Mirrors Python's `loop.remove_signal_handler()`.
   *
   * @returns Whether there was one.
   * @throws {TypeError} For something that is not a signal of this platform.
   */
  removeSignalHandler(sig: Deno.Signal | number): boolean {
    return io("removeSignalHandler")(this, sig);
  }

  // ---- subprocesses ----

  /**
   * Runs `program` with `args` (no shell). Requires `--allow-run`. The last
   * argument may be a {@linkcode SubprocessOptions} object.
   *
   * Mirrors Python's `loop.subprocess_exec()`.
   */
  subprocessExec<P extends SubprocessProtocol>(
    protocolFactory: ProtocolFactory<P>,
    program: string,
    ...args: ExecArgs
  ): Promise<[SubprocessTransport, P]> {
    const last = args[args.length - 1];
    const options = typeof last === "object" && last !== null
      ? args.pop() as SubprocessOptions
      : {};
    return this.#io(
      "subprocessExec",
      (f) => f(this, protocolFactory, program, args as string[], options),
    );
  }

  /**
   * Runs `cmd` through the shell (`/bin/sh -c`). Requires `--allow-run`.
   *
   * Mirrors Python's `loop.subprocess_shell()`.
   */
  subprocessShell<P extends SubprocessProtocol>(
    protocolFactory: ProtocolFactory<P>,
    cmd: string,
    options: SubprocessOptions = {},
  ): Promise<[SubprocessTransport, P]> {
    return this.#io("subprocessShell", (f) => f(this, protocolFactory, cmd, options));
  }

  // ---- disposal ----

  /** Closes the loop (`using loop = newEventLoop()`). */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Shuts the default executor down, then closes the loop. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdownDefaultExecutor(THREAD_JOIN_TIMEOUT);
    this.close();
  }

  /** `<EventLoop running=false closed=false debug=false>`. */
  toString(): string {
    return `<EventLoop running=${this.#running} closed=${this.#closed} debug=${this.#debug}>`;
  }

  // ---- internals used by handles, futures, tasks and I/O modules ----

  /** A scheduled timer was cancelled. @ignore */
  timerHandleCancelled(_timer: TimerHandle): void {
    this.#cancelledTimers++;
    this.#maybeCompactTimers();
  }

  /** Half the heap or more is cancelled timers: rebuild it without them (as asyncio does). */
  #maybeCompactTimers(): void {
    if (
      this.#cancelledTimers > MIN_CANCELLED_TIMERS_TO_COMPACT &&
      this.#cancelledTimers * 2 >= this.#timers.size
    ) {
      this.#timers.compact(unscheduleTimer);
      this.#cancelledTimers = 0;
    }
  }

  /** @ignore */
  [TRACK_UNRETRIEVED](state: Unretrieved): void {
    this.#unretrieved.add(state);
  }

  /** @ignore */
  [UNTRACK_UNRETRIEVED](state: Unretrieved): void {
    this.#unretrieved.delete(state);
  }

  /** @ignore */
  [SCHEDULE](item: ReadyItem): void {
    if (this.#closed) this.#checkClosed("callSoon");
    this.#ready.push(item);
    if (this.#idle) this.#wake();
  }

  /** @ignore */
  [TASK_STEP_START](token: number): number {
    this.#drainWanted = true;
    if (token !== this.#epoch) this.#inFlight++;
    return this.#epoch;
  }

  /** @ignore */
  [WANT_DRAIN](): void {
    this.#drainWanted = true;
  }

  /** @ignore */
  [TASK_STEP_END](token: number): void {
    if (token !== this.#epoch || --this.#inFlight !== 0) return;
    if (this.#slowItem !== null) this.#checkSlowStep();
    if (this.#unpark !== null) {
      const unpark = this.#unpark;
      this.#unpark = null;
      unpark();
    }
  }

  /** @ignore */
  [REGISTER_TASK](task: Task<unknown>): void {
    this.#tasks.add(task);
  }

  /** @ignore */
  [UNREGISTER_TASK](task: Task<unknown>): void {
    this.#tasks.delete(task);
  }

  /** The pending tasks of this loop. Internal: use `allTasks()`. */
  pendingTasks(): Set<Task<unknown>> {
    return new Set(this.#tasks);
  }

  /** Registers `hook` to run when the loop closes. @ignore */
  [ON_CLOSE](hook: () => void): void {
    this.#closeHooks.push(hook);
  }

  // ---- the driver ----

  #io<K extends keyof LoopIo, R>(
    name: K,
    call: (f: LoopIo[K]) => Promise<R>,
  ): Promise<R> {
    try {
      this.#checkClosed(name);
      return call(io(name));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  #checkClosed(method: string): void {
    if (this.#closed) throw new RuntimeError(`Cannot call ${method}(): the event loop is closed`);
  }

  #checkNotRunning(): void {
    if (this.#running) throw new RuntimeError("This event loop is already running");
    const other = _getRunningLoop();
    if (other !== null && other !== this) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }

  #wake(): void {
    this.#idle = false;
    this.#wakePending = true;
    queueMicrotask(this.#tick);
  }

  #clearHostTimer(): void {
    if (this.#hostTimer !== undefined) {
      clearTimeout(this.#hostTimer);
      this.#hostTimer = undefined;
    }
    this.#hostTimerWhen = Infinity;
  }

  /** The host timer for the earliest deadline fired: tick if idle, else the running chain sees the timer. */
  #onHostTimer = (): void => {
    this.#hostTimer = undefined;
    this.#hostTimerWhen = Infinity;
    if (this.#idle && this.#running) this.#tick();
  };

  #tick = (): void => {
    // A tick queued from a task's own code (the task, resumed by a host promise, woke the idle
    // loop, e.g. with callSoon()) inherits the task's async context: every callback would see it
    // as the current task, and waits made outside tasks would attach to it. Run outside it.
    if (taskContext.getStore() !== undefined) return taskContext.run(NO_TASK, this.#tick);
    this.#wakePending = false;
    this.#idle = false;
    if (!this.#running) return;
    // Iterations that resolved no promise run back to back (a few, within the time slice): no
    // continuation waits in the microtask queue for them.
    for (let spins = 0;; spins++) {
      this.#drainWanted = false;
      if (this.#batch === null && !this.#startIteration()) return this.#afterIteration();
      if (!this.#runBatch()) {
        // A task woken by the last callback is still running its step: let it finish first.
        this.#wakePending = true;
        this.#hops = 0;
        queueMicrotask(this.#hop);
        return;
      }
      if (
        this.#drainWanted || this.#stopping || this.#ready.length === 0 ||
        spins >= SYNC_ITERATIONS || this.#work >= WORK_BETWEEN_SLICE_CHECKS
      ) return this.#afterIteration();
    }
  };

  /**
   * A callback woke a task; its step runs as promise continuations (microtasks). Wait for the
   * step to end (the task suspends again), as asyncio runs a whole step inside its callback:
   * poll for a few turns (most steps end in one), then park (see `#park()`).
   */
  #hop = (): void => {
    if (this.#inFlight > 0) {
      if (++this.#hops < HOPS_BEFORE_PARKING) return queueMicrotask(this.#hop);
      return this.#park();
    }
    this.#tick();
  };

  /**
   * A step is still running after a few turns (a chain of plain-promise awaits, or host I/O):
   * stop polling. Its end resumes the loop through a promise reaction registered here, so in the
   * loop's own async context, not the task's; if the microtask queue drains first, the step is
   * waiting on the host and is no longer waited for (the watchdog, a macrotask).
   */
  #park(): void {
    this.#parked = true;
    new Promise<void>((resolve) => this.#unpark = resolve).then(this.#resumeFromPark);
    if (!this.#watchdogArmed) {
      this.#watchdogArmed = true;
      setImmediate(this.#watchdog);
    }
  }

  #resumeFromPark = (): void => {
    if (!this.#parked) return;
    this.#parked = false;
    this.#tick();
  };

  #watchdog = (): void => {
    this.#watchdogArmed = false;
    if (!this.#parked) return;
    this.#parked = false;
    this.#unpark = null;
    this.#epoch++;
    this.#inFlight = 0;
    if (this.#slowItem !== null) this.#checkSlowStep();
    this.#tick();
  };

  #afterIteration(): void {
    if (this.#stopping) return this.#finishRun();
    this.#wakePending = true;
    this.#hops = 0;
    if (this.#work >= WORK_BETWEEN_SLICE_CHECKS) {
      this.#work = 0;
      const now = performance.now();
      if (now - this.#lastHostYield >= HOST_SLICE_MS) {
        // A macrotask turn, so that Deno's I/O completions and host timers run.
        this.#lastHostYield = now;
        setImmediate(this.#hop);
        return;
      }
    }
    // If the last callback woke a task, what its step schedules belongs to the next iteration.
    if (this.#inFlight === 0 && this.#ready.length === 0) {
      this.#wakePending = false;
      return this.#goIdle();
    }
    queueMicrotask(this.#hop);
  }

  #finishRun(): void {
    this.#epoch++;
    this.#inFlight = 0;
    this.#parked = false;
    this.#unpark = null;
    this.#stopping = false;
    this.#running = false;
    this.#idle = false;
    this.#wakePending = false;
    this.#clearHostTimer();
    _setRunningLoop(null);
    const resolve = this.#runResolve;
    this.#runResolve = null;
    resolve?.();
  }

  /** No callback is ready: wait for a wake-up, or for the earliest timer. */
  #goIdle(): void {
    this.#idle = true;
    const timers = this.#timers;
    while (timers.size > 0 && timers.peek()!.cancelled()) {
      timers.pop()![TIMER_UNSCHEDULED]();
      this.#cancelledTimers--;
    }
    const next = timers.peek();
    if (next === undefined) return this.#clearHostTimer();
    const when = next.when();
    // The host timer armed for this very deadline is still good (saves a setTimeout per idle).
    if (this.#hostTimer !== undefined && this.#hostTimerWhen === when) return;
    this.#clearHostTimer();
    this.#hostTimerWhen = when;
    if (this.#clock.virtual) {
      const seq = ++this.#idleSeq;
      setImmediate(() => {
        if (!this.#idle || seq !== this.#idleSeq) return;
        this.#clock.advanceTo!(when);
        this.#wake();
      });
      return;
    }
    const delayMs = (when - this.#clock.now()) * 1000;
    if (delayMs <= 0) {
      this.#idle = false;
      this.#wakePending = true;
      setImmediate(this.#tick);
      return;
    }
    this.#hostTimer = setTimeout(
      this.#onHostTimer,
      Math.min(Math.ceil(delayMs), MAX_HOST_TIMEOUT_MS),
    );
  }

  /**
   * Begins an iteration: moves due timers to the ready queue and takes what is ready as the
   * batch. Returns `false` if there is nothing to run.
   */
  #startIteration(): boolean {
    const timers = this.#timers;
    if (timers.size > 0) {
      if (this.#cancelledTimers > MIN_CANCELLED_TIMERS_TO_COMPACT) this.#maybeCompactTimers();
      const end = this.#clock.now();
      let top = timers.peek();
      while (top !== undefined && (timers.peekWhen() <= end || top.cancelled())) {
        timers.pop();
        top[TIMER_UNSCHEDULED]();
        if (top.cancelled()) this.#cancelledTimers--;
        else this.#ready.push(top);
        top = timers.peek();
      }
    }
    const batch = this.#ready;
    if (batch.length === 0) return false;
    this.#ready = this.#spare;
    this.#batch = batch;
    this.#batchIndex = 0;
    this.#work += batch.length + 1;
    return true;
  }

  /**
   * Runs the batch's callbacks in order. Returns `false` when it paused because a callback
   * woke a task whose step has not ended yet; `true` once the batch is done.
   */
  #runBatch(): boolean {
    const batch = this.#batch!;
    const n = batch.length;
    const debug = this.#debug;
    let i = this.#batchIndex;
    while (i < n) {
      const item = batch[i++];
      const start = debug ? performance.now() : 0;
      try {
        item[RUN_HANDLE]();
      } catch (e) {
        this.#reportCallbackError(item, e);
      }
      if (debug) {
        // A callback that started a task step is timed until the step ends (asyncio's handle
        // runs the whole step): see `#checkSlowStep()`.
        if (this.#inFlight > 0) {
          this.#slowItem = item;
          this.#slowStart = start;
        } else this.#checkSlow(item, start);
      }
      if (this.#inFlight > 0 && i < n) {
        this.#batchIndex = i;
        return false;
      }
    }
    // Popping keeps the array's backing store; `length = 0` would trim and regrow it each time.
    if (n <= 64) { for (let k = 0; k < n; k++) batch.pop(); }
    else batch.length = 0;
    this.#spare = batch;
    this.#batch = null;
    return true;
  }

  /** The task step that `#slowItem` started has ended (or is no longer waited for). */
  #checkSlowStep(): void {
    const item = this.#slowItem!;
    this.#slowItem = null;
    this.#checkSlow(item, this.#slowStart);
  }

  #checkSlow(item: ReadyItem, start: number): void {
    const seconds = (performance.now() - start) / 1000;
    if (seconds >= this.#slowCallbackDuration && !(item instanceof Handle && item.cancelled())) {
      console.warn(`Executing ${item} took ${seconds.toFixed(3)} seconds`);
    }
  }

  #reportCallbackError(item: ReadyItem, exception: unknown): void {
    const context: ExceptionContext = { message: `Exception in callback ${item}`, exception };
    if (item instanceof Handle) {
      context.handle = item;
      if (item.sourceTraceback !== undefined) context.sourceTraceback = item.sourceTraceback;
    }
    this.callExceptionHandler(context);
  }
}
