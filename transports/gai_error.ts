// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The error of a failed name lookup.
 *
 * @module
 */

/**
 * An address lookup (`getaddrinfo()` / `getnameinfo()`) failed: unknown
 * host, unsupported family or socket type, bad flags or service.
 *
 * Mirrors Python's `socket.gaierror`. Differences from Python: it extends
 * `Error` (not `OSError`); `errno` holds glibc's `EAI_*` number (negative,
 * e.g. -2 for `EAI_NONAME`) and `code` its name (`"EAI_NONAME"`); the
 * resolver's own error, if any, is the `cause`. A missing `--allow-net`
 * permission is not a `GaiError` but Deno's `Deno.errors.NotCapable`.
 *
 * @example
 * ```ts
 * import { GaiError } from "@denoio/asyncio";
 * const e = new GaiError(-2, "Name or service not known");
 * console.assert(e.code === "EAI_NONAME" && e.name === "GaiError");
 * ```
 */
export class GaiError extends Error {
  /** glibc's `EAI_*` number (negative). */
  readonly errno: number;
  /** The `EAI_*` name, e.g. `"EAI_NONAME"`. */
  readonly code: string;

  /**
   * Creates an instance.
   *
   * @param errno glibc's `EAI_*` number, e.g. -2.
   * @param message What failed, and with what.
   * @param options The resolver's error as `cause`.
   */
  constructor(errno: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "GaiError";
    this.errno = errno;
    this.code = EAI_NAMES[errno] ?? "EAI_SYSTEM";
  }
}

const EAI_NAMES: Record<number, string> = {
  [-1]: "EAI_BADFLAGS",
  [-2]: "EAI_NONAME",
  [-3]: "EAI_AGAIN",
  [-4]: "EAI_FAIL",
  [-5]: "EAI_NODATA",
  [-6]: "EAI_FAMILY",
  [-7]: "EAI_SOCKTYPE",
  [-8]: "EAI_SERVICE",
  [-9]: "EAI_ADDRFAMILY",
  [-11]: "EAI_SYSTEM",
};
