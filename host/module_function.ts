// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `moduleFunction()`: names an exported function by module URL and export
 * name, so a Worker can import it.
 *
 * @module
 */
import { describe } from "../loop/_internal.ts";

/**
 * A function named by where it lives: the URL of a module and the name of one
 * of its exports. A {@linkcode WorkerPoolExecutor} imports the module in a
 * Worker and calls the export there, so the function may use its module's
 * imports and top-level variables.
 */
export interface ModuleFunctionRef {
  /** The module's absolute URL (`file:`, `https:`, ...). */
  readonly module: string | URL;
  /** The name of the exported function. */
  readonly name: string;
}

/**
 * A {@linkcode ModuleFunctionRef} that can also be called in place (it imports
 * the module and calls the export), so it is a function everywhere a function
 * is expected, e.g. `loop.runInExecutor(null, fn, ...args)`.
 */
export interface ModuleFunction<A extends unknown[] = unknown[], R = unknown>
  extends ModuleFunctionRef {
  /** Imports the module here and calls the export. */
  (...args: A): Promise<Awaited<R>>;
  /** The module's absolute URL. */
  readonly module: string;
  /** The name of the exported function. */
  readonly name: string;
}

/** Marks functions made by {@linkcode moduleFunction}. */
const MODULE_FUNCTION: unique symbol = Symbol("moduleFunction");

/**
 * Names export `name` of module `module`, for running in a Worker by
 * {@linkcode WorkerPoolExecutor} (and so by `loop.runInExecutor(null, ...)`
 * and `toThread()`).
 *
 * Mirrors how Python's process pools pickle a module-level function by its
 * qualified name. Differences from Python: the module is given by URL; pass
 * `new URL("./work.ts", import.meta.url)` or `import.meta.url` itself.
 *
 * @param module The module's absolute URL.
 * @param name The export's name.
 * @returns A callable reference; calling it imports the module in this thread.
 * @throws {TypeError} If `module` is not an absolute URL or `name` is not a string.
 *
 * @example
 * ```ts ignore
 * // work.ts
 * export function fib(n: number): number {
 *   return n < 2 ? n : fib(n - 1) + fib(n - 2);
 * }
 * // main.ts
 * import { moduleFunction, toThread, run } from "@denoio/asyncio";
 * const fib = moduleFunction<[number], number>(new URL("./work.ts", import.meta.url), "fib");
 * await run(async () => console.log(await toThread(fib, 25)));
 * ```
 */
export function moduleFunction<A extends unknown[] = unknown[], R = unknown>(
  module: string | URL,
  name: string,
): ModuleFunction<A, R> {
  const href = moduleHref(module, "moduleFunction()");
  if (typeof name !== "string" || name === "") {
    throw new TypeError(
      `moduleFunction(): expected the export's name as a non-empty string, got ${describe(name)}`,
    );
  }
  const call = async (...args: A): Promise<Awaited<R>> => {
    const namespace = await import(href) as Record<string, unknown>;
    const fn = namespace[name];
    if (typeof fn !== "function") {
      throw new TypeError(`Module ${href} has no function export named "${name}"`);
    }
    return await fn(...args);
  };
  Object.defineProperties(call, {
    module: { value: href, enumerable: true },
    name: { value: name, enumerable: true },
    [MODULE_FUNCTION]: { value: true },
  });
  return call as unknown as ModuleFunction<A, R>;
}

/** The `{ module, name }` that `value` refers to, if it is a module reference. @internal */
export function asModuleRef(value: unknown): { module: string; name: string } | undefined {
  if (typeof value === "function") {
    if (!(MODULE_FUNCTION in value)) return undefined;
    const f = value as unknown as ModuleFunction;
    return { module: f.module, name: f.name };
  }
  if (typeof value === "object" && value !== null && "module" in value && "name" in value) {
    const ref = value as ModuleFunctionRef;
    if (typeof ref.name !== "string" || ref.name === "") {
      throw new TypeError(
        `Expected the export's name as a non-empty string, got ${describe(ref.name)}`,
      );
    }
    return { module: moduleHref(ref.module, "submit()"), name: ref.name };
  }
  return undefined;
}

function moduleHref(module: unknown, what: string): string {
  if (module instanceof URL) return module.href;
  if (typeof module === "string" && URL.canParse(module)) return new URL(module).href;
  throw new TypeError(
    `${what}: expected the module as an absolute URL (e.g. new URL("./work.ts", import.meta.url)), got ${
      describe(module)
    }`,
  );
}
