// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `WorkerPoolExecutor`: runs functions in a pool of Web Workers.
 *
 * @module
 */
import { CancelledError, RuntimeError } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import type { Executor } from "../loop/io.ts";
import { live } from "./_live.ts";
import { type JobMessage, type ResultMessage, serializeThrown } from "./_messages.ts";
import { reviveThrown } from "./_revive.ts";
import { workerMain } from "./_worker.ts";
import { asModuleRef, type ModuleFunctionRef } from "./module_function.ts";

let workerUrl: string | undefined;

/**
 * A `blob:` URL of the Workers' script, made once: a Worker started from a
 * local file would need `--allow-read` of that file; this needs nothing.
 */
function workerScriptUrl(): string {
  return workerUrl ??= URL.createObjectURL(
    new Blob([`(${workerMain})(${serializeThrown});\n`], { type: "text/javascript" }),
  );
}

/** Options of `new WorkerPoolExecutor()`. */
export interface WorkerPoolExecutorOptions {
  /** The most Workers to run at once (default `navigator.hardwareConcurrency`). */
  maxWorkers?: number;
  /** Prefix of the Workers' names (default `"WorkerPoolExecutor"`). */
  namePrefix?: string;
}

/** Options of {@linkcode WorkerPoolExecutor.shutdown}. */
export interface ExecutorShutdownOptions {
  /** Resolve only once running and queued work is done and every Worker ended (default `true`). */
  wait?: boolean;
  /** Reject work not yet started with `CancelledError` (default `false`). */
  cancelFutures?: boolean;
}

interface Job {
  readonly message: JobMessage;
  readonly label: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
  /** In the queue, not started. */
  queued: boolean;
}

interface PoolWorker {
  readonly worker: Worker;
  job: Job | null;
  ended: boolean;
}

const NATIVE_SOURCE = /\{\s*\[native code\]\s*\}\s*$/;

function defaultMaxWorkers(): number {
  const n = globalThis.navigator?.hardwareConcurrency;
  return typeof n === "number" && n >= 1 ? n : 1;
}

/**
 * Runs functions in a pool of Web Workers, off the event loop's thread: the
 * default executor of `loop.runInExecutor(null, ...)` and `toThread()`.
 *
 * A submitted function is either
 * - a self-contained function: it is sent by source (`func.toString()`) and
 *   rebuilt in the Worker's global scope, and its arguments and result are
 *   structured-cloned. It cannot use variables, imports or functions of the
 *   scope it was written in (the error says so), but may use globals (`Deno`,
 *   `Math`, ...) and `await import()`; or
 * - a module export, named with {@linkcode moduleFunction} (or a plain
 *   `{ module, name }` object): the Worker imports the module and calls it.
 *
 * Workers start lazily as work arrives, each runs one function at a time, and
 * they live until {@linkcode WorkerPoolExecutor.shutdown}. Starting them needs
 * no permission (their script comes from a `blob:` URL); they inherit the
 * permissions of the main thread (Deno's default for Workers), so the function
 * can do whatever the program may. A module export of a local file needs
 * `--allow-read` of that module (Deno's rule for dynamic imports). A live
 * Worker keeps the process alive: shut the pool down, or use `await using`
 * (`run()` and `loop.close()` shut the default executor down).
 *
 * Mirrors Python's `concurrent.futures.ProcessPoolExecutor` (isolated workers,
 * functions and data copied across) more than `ThreadPoolExecutor`.
 * Differences from Python: `submit()` returns a promise, not a
 * `concurrent.futures.Future`; `shutdown()` returns a promise; a Worker that
 * throws outside the function (an unhandled rejection) fails only its own job
 * and is replaced (no `BrokenProcessPool`).
 *
 * @example
 * ```ts
 * import { WorkerPoolExecutor } from "@denoio/asyncio";
 * await using pool = new WorkerPoolExecutor({ maxWorkers: 2 });
 * const sum = await pool.submit((n: number) => {
 *   let s = 0;
 *   for (let i = 1; i <= n; i++) s += i;
 *   return s;
 * }, 1000);
 * console.assert(sum === 500500);
 * ```
 */
export class WorkerPoolExecutor implements Executor, AsyncDisposable {
  #maxWorkers: number;
  #namePrefix: string;
  #workers = new Set<PoolWorker>();
  #idle: PoolWorker[] = [];
  #queue: (Job | undefined)[] = [];
  #queueHead = 0;
  #queued = new WeakMap<Promise<unknown>, Job>();
  #nextId = 1;
  #spawned = 0;
  #shutdown = false;
  #drained: PromiseWithResolvers<void> | null = null;

  /**
   * Creates a pool; no Worker starts until work is submitted.
   *
   * @param options `{ maxWorkers, namePrefix }`.
   * @throws {RangeError} If `maxWorkers` is not a positive integer.
   */
  constructor(options: WorkerPoolExecutorOptions = {}) {
    const max = options.maxWorkers ?? defaultMaxWorkers();
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(
        `WorkerPoolExecutor: expected maxWorkers to be a positive integer, got ${describe(max)}`,
      );
    }
    this.#maxWorkers = max;
    this.#namePrefix = options.namePrefix ?? "WorkerPoolExecutor";
  }

  /** The most Workers the pool runs at once. */
  get maxWorkers(): number {
    return this.#maxWorkers;
  }

  /** How many Workers are alive now (busy or idle). */
  get workerCount(): number {
    return this.#workers.size;
  }

  /**
   * Schedules `func(...args)` in a Worker.
   *
   * Mirrors Python's `Executor.submit()`. Differences from Python: returns a
   * promise of the result; `func` is sent by source or by module reference.
   *
   * @param func A self-contained function, or a module export reference.
   * @param args Structured-cloneable arguments.
   * @returns The result (structured-cloned back); rejects with the function's
   * error, re-created with its name, message and the Worker's stack.
   * @throws {RuntimeError} If the pool was shut down.
   * @throws {TypeError} If `func` cannot run in a Worker (a native or bound
   * function, a class, not a function).
   *
   * @example
   * ```ts
   * import { WorkerPoolExecutor } from "@denoio/asyncio";
   * await using pool = new WorkerPoolExecutor({ maxWorkers: 1 });
   * console.assert(await pool.submit((a: number, b: number) => a * b, 6, 7) === 42);
   * ```
   */
  submit<R>(
    func: (...args: never[]) => R | PromiseLike<R>,
    ...args: unknown[]
  ): Promise<Awaited<R>>;
  /** Schedules a module export, named by `{ module, name }`. */
  submit<R = unknown>(func: ModuleFunctionRef, ...args: unknown[]): Promise<R>;
  submit(func: unknown, ...args: unknown[]): Promise<unknown> {
    if (this.#shutdown) {
      throw new RuntimeError("WorkerPoolExecutor: cannot schedule new futures after shutdown");
    }
    const id = this.#nextId++;
    let message: JobMessage;
    let label: string;
    const ref = asModuleRef(func);
    if (ref !== undefined) {
      message = { id, kind: "module", module: ref.module, name: ref.name, args };
      label = `${ref.module}#${ref.name}`;
    } else {
      if (typeof func !== "function") {
        throw new TypeError(
          `WorkerPoolExecutor.submit(): expected a function or a moduleFunction() reference, got ${
            describe(func)
          }`,
        );
      }
      label = func.name ? `function ${func.name}` : "the anonymous function";
      const source = Function.prototype.toString.call(func);
      if (NATIVE_SOURCE.test(source)) {
        throw new TypeError(
          `WorkerPoolExecutor.submit(): ${label} is a native or bound function, which cannot be ` +
            `sent to a Worker; submit a self-contained function (rebuilt there from its source) ` +
            `or a module export with moduleFunction(url, name)`,
        );
      }
      if (/^class\b/.test(source)) {
        throw new TypeError(`WorkerPoolExecutor.submit(): ${label} is a class, not a function`);
      }
      message = { id, kind: "source", source, label, args };
    }
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    const job: Job = { message, label, resolve, reject, queued: false };
    const idle = this.#idle.pop();
    if (idle !== undefined) this.#dispatch(idle, job);
    else if (this.#workers.size < this.#maxWorkers) this.#dispatch(this.#spawn(), job);
    else {
      job.queued = true;
      this.#queue.push(job);
      this.#queued.set(promise, job);
    }
    return promise;
  }

  /**
   * Withdraws the work behind `submitted` (a promise `submit()` returned) if
   * it has not started: it rejects with `CancelledError`. Work already running
   * in a Worker runs to its end. `runInExecutor()` calls this when its future
   * is cancelled.
   *
   * Mirrors Python's `concurrent.futures.Future.cancel()`.
   *
   * @returns Whether the work was withdrawn.
   *
   * @example
   * ```ts
   * import { WorkerPoolExecutor } from "@denoio/asyncio";
   * await using pool = new WorkerPoolExecutor({ maxWorkers: 1 });
   * const first = pool.submit(() => 1);
   * const second = pool.submit(() => 2);
   * console.assert(pool.cancel(second) && !pool.cancel(first));
   * await second.catch((e) => console.assert(e.name === "CancelledError"));
   * console.assert((await first) === 1);
   * ```
   */
  cancel(submitted: Promise<unknown>): boolean {
    const job = this.#queued.get(submitted);
    if (job === undefined || !job.queued) return false;
    job.queued = false;
    this.#queued.delete(submitted);
    job.reject(new CancelledError(`${job.label} was cancelled before it started`));
    return true;
  }

  /**
   * Stops accepting work. Idle Workers end now; busy ones end when the queue
   * is empty. With `cancelFutures`, queued work is rejected with
   * `CancelledError`; otherwise it still runs.
   *
   * Mirrors Python's `Executor.shutdown()`. Differences from Python: returns a
   * promise (resolved at once when `wait` is `false`).
   *
   * @param options `{ wait = true, cancelFutures = false }`.
   *
   * @example
   * ```ts
   * import { WorkerPoolExecutor } from "@denoio/asyncio";
   * const pool = new WorkerPoolExecutor({ maxWorkers: 1 });
   * const result = pool.submit(() => 1);
   * await pool.shutdown({ wait: true });
   * console.assert((await result) === 1 && pool.workerCount === 0);
   * ```
   */
  shutdown(options: ExecutorShutdownOptions = {}): Promise<void> {
    const { wait = true, cancelFutures = false } = options;
    this.#shutdown = true;
    if (cancelFutures) {
      for (let job = this.#shift(); job !== undefined; job = this.#shift()) {
        job.reject(new CancelledError(`${job.label} was cancelled by shutdown()`));
      }
    }
    for (const pw of this.#idle.splice(0)) this.#end(pw);
    if (!wait || this.#workers.size === 0) return Promise.resolve();
    this.#drained ??= Promise.withResolvers<void>();
    return this.#drained.promise;
  }

  /**
   * Ends every Worker now, even busy ones: running and queued work is
   * rejected with a `RuntimeError`. The pool is shut down.
   *
   * Mirrors Python 3.14's `ProcessPoolExecutor.terminate_workers()`.
   *
   * @example
   * ```ts
   * import { WorkerPoolExecutor } from "@denoio/asyncio";
   * const pool = new WorkerPoolExecutor({ maxWorkers: 1 });
   * const forever = pool.submit(() => { while (true); });
   * pool.terminateWorkers();
   * await forever.catch((e) => console.assert(e.name === "RuntimeError"));
   * ```
   */
  terminateWorkers(): void {
    this.#shutdown = true;
    for (let job = this.#shift(); job !== undefined; job = this.#shift()) {
      job.reject(new RuntimeError(`${job.label} did not run: terminateWorkers() was called`));
    }
    for (const pw of [...this.#workers]) {
      const job = pw.job;
      pw.job = null;
      this.#end(pw);
      job?.reject(new RuntimeError(`The Worker running ${job.label} was terminated`));
    }
  }

  /** Shuts down and waits (`await using pool = new WorkerPoolExecutor()`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown({ wait: true });
  }

  /** The next queued job not withdrawn by `cancel()`. */
  #shift(): Job | undefined {
    const queue = this.#queue;
    while (this.#queueHead < queue.length) {
      const job = queue[this.#queueHead]!;
      queue[this.#queueHead++] = undefined;
      if (this.#queueHead === queue.length) {
        queue.length = 0;
        this.#queueHead = 0;
      }
      if (job.queued) {
        job.queued = false;
        return job;
      }
    }
    return undefined;
  }

  #spawn(): PoolWorker {
    const worker = new Worker(workerScriptUrl(), {
      type: "module",
      name: `${this.#namePrefix}-${++this.#spawned}`,
    });
    live.workers++;
    const pw: PoolWorker = { worker, job: null, ended: false };
    this.#workers.add(pw);
    worker.onmessage = (event: MessageEvent<ResultMessage>) => this.#onResult(pw, event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#onCrash(pw, event.message, event.error);
    };
    worker.onmessageerror = () => {
      const job = pw.job;
      pw.job = null;
      job?.reject(
        new TypeError(`The result of ${job.label} could not be received from the Worker`),
      );
      this.#next(pw);
    };
    return pw;
  }

  #dispatch(pw: PoolWorker, job: Job): void {
    pw.job = job;
    try {
      pw.worker.postMessage(job.message);
    } catch (e) {
      pw.job = null;
      job.reject(
        new TypeError(
          `The arguments of ${job.label} cannot be sent to a Worker (they must be ` +
            `structured-cloneable): ${e instanceof Error ? e.message : String(e)}`,
          { cause: e },
        ),
      );
      this.#next(pw);
    }
  }

  #onResult(pw: PoolWorker, message: ResultMessage): void {
    if (!message.ok && message.stray) {
      const error = reviveThrown(message.error);
      return this.#onCrash(pw, error instanceof Error ? error.message : String(error), error);
    }
    const job = pw.job;
    if (job === null || job.message.id !== message.id) return;
    pw.job = null;
    if (message.ok) job.resolve(message.value);
    else job.reject(reviveThrown(message.error));
    this.#next(pw);
  }

  /**
   * The Worker failed outside the function (it did not load; an unhandled
   * rejection or an uncaught error): fail its job, replace the Worker.
   */
  #onCrash(pw: PoolWorker, message: string, cause: unknown): void {
    if (pw.ended) return;
    const job = pw.job;
    pw.job = null;
    // Queued work needs a Worker even though this one is gone.
    if (this.#queueHead < this.#queue.length) this.#next(this.#spawn());
    this.#end(pw);
    if (job !== null) {
      job.reject(
        new RuntimeError(`The Worker running ${job.label} failed: ${message}`, { cause }),
      );
    } else {
      console.error(`A WorkerPoolExecutor Worker failed between jobs: ${message}`, cause);
    }
  }

  #next(pw: PoolWorker): void {
    if (pw.ended) return;
    const job = this.#shift();
    if (job !== undefined) this.#dispatch(pw, job);
    else if (this.#shutdown) this.#end(pw);
    else this.#idle.push(pw);
  }

  #end(pw: PoolWorker): void {
    if (pw.ended) return;
    pw.ended = true;
    pw.worker.terminate();
    live.workers--;
    this.#workers.delete(pw);
    const i = this.#idle.indexOf(pw);
    if (i !== -1) this.#idle.splice(i, 1);
    if (this.#workers.size === 0 && this.#drained !== null) {
      this.#drained.resolve();
      this.#drained = null;
    }
  }
}
