// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `PriorityQueue`: a queue that returns the smallest item first.
 *
 * @module
 */
import { HeapStore } from "./_heap.ts";
import { registerStore } from "./_queue_store.ts";
import { Queue } from "./queue.ts";

/**
 * A {@linkcode Queue} that returns the smallest item first (a binary heap).
 * Items are ordered as Python orders numbers, strings and tuples: numbers
 * (and bigints) numerically, strings by code point, arrays element by
 * element, so `[priority, data]` entries work as in Python.
 *
 * Mirrors Python's `asyncio.PriorityQueue`. Differences from Python: arrays
 * stand for tuples; two elements are equal if they are the same value (or
 * equal numbers, or equal arrays), so `[1, objA]` and `[1, objB]` cannot be
 * ordered, as in Python with uncomparable data. Items that cannot be ordered
 * (a number against a string) make `put()` throw a `TypeError`, and the item
 * is not added.
 *
 * @typeParam T The item type.
 *
 * @example
 * ```ts
 * import { PriorityQueue } from "@denoio/asyncio";
 * const queue = new PriorityQueue<[number, string]>();
 * queue.putNowait([2, "b"]);
 * queue.putNowait([1, "a"]);
 * console.assert(queue.getNowait()[1] === "a");
 * ```
 */
export class PriorityQueue<T = unknown> extends Queue<T> {}

registerStore(PriorityQueue, () => new HeapStore());
