// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Lets BoundedSemaphore read its base's counter without making it public.
import type { Semaphore } from "./semaphore.ts";

/** Filled in by `Semaphore`'s static block. Internal. */
export const semaphoreAccess: { value: (s: Semaphore) => number } = {
  value: () => 0,
};
