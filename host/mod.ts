// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Signals and executors: the loop's `addSignalHandler()` over Deno's signal
 * listeners, a pool of Web Workers as the default executor of
 * `runInExecutor()`, and `toThread()`.
 *
 * Signal handlers need no permission (nor does `Deno.kill(Deno.pid, sig)`;
 * signalling another process needs `--allow-run`). On Windows, Deno handles
 * only `SIGINT`, `SIGBREAK` (and emulates `SIGTERM`, `SIGQUIT`, `SIGHUP`,
 * `SIGWINCH`). A registered handler keeps the process alive until it is
 * removed or its loop is closed.
 *
 * Starting pool Workers needs no permission; they inherit the permissions of
 * the main thread.
 *
 * @module
 */
import { provideIo } from "../loop/io.ts";
import { addSignalHandler, removeSignalHandler } from "./signals.ts";
import { WorkerPoolExecutor } from "./worker_pool_executor.ts";

export { moduleFunction } from "./module_function.ts";
export type { ModuleFunction, ModuleFunctionRef } from "./module_function.ts";
export { toThread } from "./to_thread.ts";
export { WorkerPoolExecutor } from "./worker_pool_executor.ts";
export type { ExecutorShutdownOptions, WorkerPoolExecutorOptions } from "./worker_pool_executor.ts";

provideIo({
  addSignalHandler,
  removeSignalHandler,
  createDefaultExecutor: () => new WorkerPoolExecutor(),
});
