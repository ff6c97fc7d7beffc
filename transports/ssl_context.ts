// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `createDefaultContext()`: builds the `SSLContext` objects that `ssl` options take.
 *
 * @module
 */
import type { SSLContext } from "../loop/io.ts";

/** Options of {@linkcode createDefaultContext}. */
export interface CreateDefaultContextOptions {
  /** Extra PEM CA certificates to trust (Python's `cafile`/`cadata`, read by you). */
  caCerts?: string[];
  /** PEM certificate chain (servers; clients for mutual TLS). */
  cert?: string;
  /** PEM private key for `cert`. */
  key?: string;
  /** ALPN protocols to offer. */
  alpnProtocols?: string[];
}

/**
 * Builds an {@linkcode SSLContext}: a plain object with Deno's field names.
 * Clients verify the peer's certificate against the system's roots plus
 * `caCerts`, and its name against `serverHostname` or the host.
 *
 * Mirrors Python's `ssl.create_default_context()`. Differences from Python:
 * certificates and keys are PEM strings (read them with
 * `Deno.readTextFile`), not file paths; there is no purpose argument: a
 * context with `cert` and `key` serves, any context connects.
 *
 * @param options Certificates, key and ALPN protocols.
 * @returns A new context.
 * @throws {TypeError} If a field has the wrong type, or only one of `cert` and `key` is given.
 *
 * @example
 * ```ts
 * import { createDefaultContext } from "@denoio/asyncio";
 * const ctx = createDefaultContext({ alpnProtocols: ["http/1.1"] });
 * console.assert(ctx.alpnProtocols?.[0] === "http/1.1");
 * ```
 */
export function createDefaultContext(options: CreateDefaultContextOptions = {}): SSLContext {
  const context: SSLContext = {};
  for (const key of ["caCerts", "alpnProtocols"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      throw new TypeError(`createDefaultContext(): expected ${key} to be a list of strings`);
    }
    context[key] = [...value];
  }
  for (const key of ["cert", "key"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== "string") {
      throw new TypeError(`createDefaultContext(): expected ${key} to be a PEM string`);
    }
    context[key] = value;
  }
  if ((context.cert === undefined) !== (context.key === undefined)) {
    throw new TypeError("createDefaultContext(): cert and key go together: give both or neither");
  }
  return context;
}
