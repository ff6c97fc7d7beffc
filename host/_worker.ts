// Copyright 2026 the @denoio/asyncio authors. MIT license.
// What each Worker of a WorkerPoolExecutor runs: rebuild the function (from its
// source, or by importing its module), call it, post the outcome back.
//
// The Worker is started from a `blob:` URL holding this function's source (so
// starting one needs no `--allow-read` of the library's files): everything it
// uses is inside it, or is `serializeThrown`, which it receives.
import type { JobMessage, ResultMessage, serializeThrown } from "./_messages.ts";

/** The body of a pool Worker. Self-contained: it runs from its source. */
export function workerMain(serialize: typeof serializeThrown): void {
  const serializeThrown = serialize;
  interface WorkerScope {
    onmessage: ((event: MessageEvent<JobMessage>) => void) | null;
    postMessage(message: ResultMessage): void;
    addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
    addEventListener(
      type: "unhandledrejection",
      listener: (event: PromiseRejectionEvent) => void,
    ): void;
  }
  const scope = globalThis as unknown as WorkerScope;

  type Fn = (...args: unknown[]) => unknown;

  const MAX_CACHED = 256;
  const compiled = new Map<string, Fn>();
  const imported = new Map<string, Fn>();

  /** Rebuilds a function from its source, in the Worker's global scope. */
  function compile(source: string): Fn {
    let fn = compiled.get(source);
    if (fn !== undefined) return fn;
    const evaluate = eval;
    try {
      fn = evaluate(`(${source}\n)`) as Fn;
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      // A method (`name(a) { ... }`) is not an expression on its own.
      const holder = evaluate(`({ ${source}\n})`) as Record<string, Fn>;
      fn = Object.values(holder)[0];
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(source, fn);
    return fn;
  }

  async function load(module: string, name: string): Promise<Fn> {
    const key = `${module}#${name}`;
    let fn = imported.get(key);
    if (fn !== undefined) return fn;
    const namespace = await import(module) as Record<string, unknown>;
    const value = namespace[name];
    if (typeof value !== "function") {
      const exports = Object.keys(namespace).filter((k) => typeof namespace[k] === "function");
      throw new TypeError(
        value === undefined && !(name in namespace)
          ? `Module ${module} has no export named "${name}" (its function exports: ${
            exports.join(", ") || "none"
          })`
          : `Export "${name}" of ${module} is not a function, got ${typeof value}`,
      );
    }
    fn = value as Fn;
    if (imported.size >= MAX_CACHED) imported.clear();
    imported.set(key, fn);
    return fn;
  }

  /** A ReferenceError for a variable of the submitting scope, explained. */
  function explain(error: unknown, job: JobMessage): unknown {
    if (job.kind !== "source" || !(error instanceof ReferenceError)) return error;
    const match = /^(\S+) is not defined$/.exec(error.message);
    if (match === null || !new RegExp(`\\b${match[1].replace(/\$/g, "\\$")}\\b`).test(job.source)) {
      return error;
    }
    const label = job.label[0].toUpperCase() + job.label.slice(1);
    const explained = new ReferenceError(
      `${label} uses "${match[1]}", which is not defined in the Worker: a function ` +
        `submitted to a WorkerPoolExecutor runs in a Worker, rebuilt from its source ` +
        `(as Python pickles functions for a process pool), so it cannot see variables, ` +
        `imports or functions of the scope it was written in. Pass values as arguments, ` +
        `import inside the function with \`await import()\`, or submit a module export ` +
        `with moduleFunction(url, name)`,
      { cause: error },
    );
    explained.stack = `${explained.name}: ${explained.message}\n${
      (error.stack ?? "").split("\n").slice(1).join("\n")
    }`;
    return explained;
  }

  let currentId = 0;

  async function runJob(job: JobMessage): Promise<void> {
    currentId = job.id;
    let outcome: ResultMessage;
    try {
      const fn = job.kind === "source" ? compile(job.source) : await load(job.module, job.name);
      outcome = { id: job.id, ok: true, value: await fn(...job.args) };
    } catch (e) {
      outcome = { id: job.id, ok: false, error: serializeThrown(explain(e, job)) };
    }
    try {
      scope.postMessage(outcome);
    } catch (e) {
      const error = new TypeError(
        `The result of ${
          job.kind === "source" ? job.label : `${job.module}#${job.name}`
        } cannot be sent back from the Worker (it must be structured-cloneable): ${
          e instanceof Error ? e.message : String(e)
        }`,
      );
      scope.postMessage({ id: job.id, ok: false, error: serializeThrown(error) });
    }
  }

  scope.onmessage = (event) => {
    runJob(event.data);
  };

  // An error escaping the function (a promise it dropped, a timer it left)
  // fails the job it belongs to; the pool then replaces this Worker.
  function stray(error: unknown): void {
    scope.postMessage({ id: currentId, ok: false, error: serializeThrown(error), stray: true });
  }
  scope.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    stray(event.reason);
  });
  scope.addEventListener("error", (event) => {
    event.preventDefault();
    stray(event.error ?? new Error(event.message));
  });
}
