// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `captureCallGraph()`, `formatCallGraph()` and `printCallGraph()`: which
 * tasks await which.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { Future } from "../loop/future.ts";
import { _getRunningLoop } from "../loop/running_loop.ts";
import { currentTask, Task } from "../loop/task.ts";
import { GatheringFuture } from "./gather.ts";

/**
 * A future and the tasks awaiting it, each with its own graph.
 *
 * Mirrors Python's `asyncio.FutureCallGraph` (3.14). Differences from Python:
 * no `call_stack` (JS has no inspectable suspended frames).
 */
export interface FutureCallGraph {
  /** The future or task. */
  readonly future: Future<unknown>;
  /** The graphs of the tasks that await `future`. */
  readonly awaitedBy: readonly FutureCallGraph[];
}

/** Options for {@linkcode captureCallGraph}. */
export interface CallGraphOptions {
  /** The loop whose tasks are searched (default: the future's loop). */
  loop?: EventLoop;
}

/**
 * The graph of the tasks awaiting `future` (default: the current task),
 * recursively: a task awaits a future when its coroutine is suspended on it,
 * directly or through `gather()`.
 *
 * Mirrors Python's `asyncio.capture_call_graph()` (3.14). Differences from
 * Python: only the "awaited by" links are recorded, not the call stacks; a
 * task waiting inside `taskGroup()`, `wait()` or `shield()` is not linked to
 * the tasks it waits for (it awaits an internal future). Each call scans the
 * loop's pending tasks: meant for debugging, not hot paths.
 *
 * @param future The future or task (default: the current task).
 * @param options `{ loop }`.
 * @returns The graph, or `null` without a future and outside a task.
 *
 * @example
 * ```ts
 * import { captureCallGraph, createTask, run, sleep } from "@denoio/asyncio";
 * await run(async () => {
 *   const child = createTask(() => sleep(0.01), { name: "child" });
 *   const parent = createTask(() => child, { name: "parent" });
 *   await sleep(0);
 *   const graph = captureCallGraph(child)!;
 *   console.assert(graph.awaitedBy[0].future === parent);
 *   await parent;
 * });
 * ```
 */
export function captureCallGraph(
  future?: Future<unknown>,
  options: CallGraphOptions = {},
): FutureCallGraph | null {
  let target: Future<unknown> | null = future ?? null;
  if (target === null) {
    const loop = options.loop ?? _getRunningLoop();
    target = loop === null ? null : currentTask(loop);
    if (target === null) return null;
  }
  if (!(target instanceof Future)) {
    throw new TypeError("captureCallGraph(): future must be a Future or Task");
  }
  const tasks = [...(options.loop ?? target.getLoop()).pendingTasks()];
  return build(target, tasks, new Set());
}

function build(
  future: Future<unknown>,
  tasks: Task<unknown>[],
  seen: Set<Future<unknown>>,
): FutureCallGraph {
  seen.add(future);
  const awaitedBy: FutureCallGraph[] = [];
  for (const task of tasks) {
    if (seen.has(task)) continue;
    const waitingOn = task.awaitedFuture;
    if (
      waitingOn === future ||
      (waitingOn instanceof GatheringFuture && waitingOn.children.includes(future))
    ) {
      awaitedBy.push(build(task, tasks, seen));
    }
  }
  return { future, awaitedBy };
}

/**
 * The graph as text, one line per future, indented by depth:
 * `* Task(name='child')`, `  + Awaited by:`, `    * Task(name='parent')`.
 *
 * Mirrors Python's `asyncio.format_call_graph()` (3.14), without call stacks
 * and object ids.
 *
 * @param future The future or task (default: the current task).
 * @param options `{ loop }`.
 * @returns The text (empty without a future and outside a task).
 *
 * @example
 * ```ts
 * import { formatCallGraph, run } from "@denoio/asyncio";
 * await run(async () => {
 *   console.assert(formatCallGraph().startsWith("* Task(name="));
 * });
 * ```
 */
export function formatCallGraph(future?: Future<unknown>, options: CallGraphOptions = {}): string {
  const graph = captureCallGraph(future, options);
  if (graph === null) return "";
  const lines: string[] = [];
  const render = (node: FutureCallGraph, level: number) => {
    const indent = "    ".repeat(level);
    const f = node.future;
    lines.push(
      indent + (f instanceof Task ? `* Task(name='${f.getName()}')` : `* ${f.constructor.name}()`),
    );
    if (node.awaitedBy.length > 0) {
      lines.push(`${indent}  + Awaited by:`);
      for (const next of node.awaitedBy) render(next, level + 1);
    }
  };
  render(graph, 0);
  return lines.join("\n");
}

/**
 * Prints {@linkcode formatCallGraph}'s text with `console.log()` (nothing
 * without a future and outside a task).
 *
 * Mirrors Python's `asyncio.print_call_graph()` (3.14), without call stacks.
 *
 * @param future The future or task (default: the current task).
 * @param options `{ loop }`.
 *
 * @example
 * ```ts
 * import { printCallGraph, run } from "@denoio/asyncio";
 * await run(async () => printCallGraph());
 * ```
 */
export function printCallGraph(future?: Future<unknown>, options: CallGraphOptions = {}): void {
  const text = formatCallGraph(future, options);
  if (text !== "") console.log(text);
}
