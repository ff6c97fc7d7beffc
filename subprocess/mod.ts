// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Subprocesses and pipes: `createSubprocessExec()`, `createSubprocessShell()`,
 * `Process`, `PIPE` / `STDOUT` / `DEVNULL`, `quote()`, and the loop's
 * `subprocessExec()`, `subprocessShell()`, `connectReadPipe()` and
 * `connectWritePipe()` (installed when this module is imported).
 *
 * Spawning needs `--allow-run` (narrowed to the programs, e.g.
 * `--allow-run=ls,date`; shell commands need `--allow-run=/bin/sh`).
 *
 * @module
 */
import { provideIo } from "../loop/io.ts";
import { connectReadPipe } from "../transports/pipe_read_transport.ts";
import { connectWritePipe } from "../transports/pipe_write_transport.ts";
import { subprocessExec, subprocessShell } from "./subprocess_transport.ts";

provideIo({ subprocessExec, subprocessShell, connectReadPipe, connectWritePipe });

export * from "./constants.ts";
export * from "./create_subprocess.ts";
export * from "./process.ts";
export * from "./quote.ts";
