// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The kernel: event loop, handles, futures, tasks, policy and `run()`.
 *
 * @module
 */
export * from "./clock.ts";
export * from "./ensure_future.ts";
export * from "./event_loop.ts";
export * from "./future.ts";
export * from "./handle.ts";
export type {
  AbstractServer,
  Address,
  AddrInfo,
  CreateConnectionOptions,
  CreateDatagramEndpointOptions,
  CreateServerOptions,
  CreateUnixConnectionOptions,
  CreateUnixServerOptions,
  ExecArgs,
  Executor,
  GetaddrinfoOptions,
  ReadPipe,
  SendfileSource,
  SocketLike,
  SSLContext,
  SSLOption,
  StartTlsOptions,
  StdioOption,
  SubprocessOptions,
  WritePipe,
} from "./io.ts";
export * from "./policy.ts";
export * from "./run.ts";
export { getRunningLoop } from "./running_loop.ts";
export * from "./task.ts";
export * from "./task_factories.ts";
