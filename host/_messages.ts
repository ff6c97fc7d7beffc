// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The messages between a WorkerPoolExecutor and its Workers, and how an error
// crosses from a Worker.

/** A job sent to a Worker: a function by source, or a module export. */
export type JobMessage =
  | { id: number; kind: "source"; source: string; label: string; args: unknown[] }
  | { id: number; kind: "module"; module: string; name: string; args: unknown[] };

/** An error (or any thrown value) as it crosses to the other side. */
export type ThrownData =
  | {
    kind: "error";
    name: string;
    message: string;
    stack: string | undefined;
    dom: boolean;
    props: Record<string, unknown>;
    cause?: ThrownData;
    /** An `AggregateError`'s (or `ExceptionGroup`'s) errors. */
    errors?: ThrownData[];
  }
  | { kind: "value"; value: unknown };

/**
 * A Worker's answer to a job, or (`stray`) an error thrown outside it: an
 * unhandled rejection or an uncaught error of a callback the function left.
 */
export type ResultMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ThrownData; stray?: boolean };

/**
 * Describes a thrown value so it survives `postMessage()`. Self-contained: the
 * Worker gets it by source.
 */
export function serializeThrown(thrown: unknown, depth = 0): ThrownData {
  if (thrown instanceof Error || thrown instanceof DOMException) {
    const props: Record<string, unknown> = {};
    for (const key of Object.keys(thrown)) {
      const value = (thrown as unknown as Record<string, unknown>)[key];
      const primitive = value === null ||
        (typeof value !== "object" && typeof value !== "function" && typeof value !== "symbol");
      if (key !== "cause" && primitive) props[key] = value;
    }
    const data: ThrownData = {
      kind: "error",
      name: thrown.name,
      message: thrown.message,
      stack: thrown.stack,
      dom: thrown instanceof DOMException,
      props,
    };
    if ("cause" in thrown && thrown.cause !== undefined && depth < 8) {
      data.cause = serializeThrown(thrown.cause, depth + 1);
    }
    if (thrown instanceof AggregateError && Array.isArray(thrown.errors) && depth < 8) {
      data.errors = thrown.errors.map((e) => serializeThrown(e, depth + 1));
    }
    return data;
  }
  try {
    return { kind: "value", value: structuredClone(thrown) };
  } catch {
    return { kind: "value", value: String(thrown) };
  }
}
