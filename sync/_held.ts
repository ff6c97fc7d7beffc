// Copyright 2026 the @denoio/asyncio authors. MIT license.
// What `acquire()` resolves to: a truthy Disposable whose disposal releases once.

/**
 * What `acquire()` of a `Lock`, `Semaphore` or
 * `Condition` resolves to: truthy (as Python's `True`), and
 * disposable, so `using _held = await lock.acquire()` releases at the end
 * of the scope. Disposing twice releases only once.
 */
export interface Acquired extends Disposable {
  /** Releases what was acquired (the same as disposing); later calls do nothing. */
  release(): void;
}

class Held implements Acquired {
  #release: (() => void) | null;

  constructor(release: () => void) {
    this.#release = release;
  }

  release(): void {
    const release = this.#release;
    if (release === null) return;
    this.#release = null;
    release();
  }

  [Symbol.dispose](): void {
    this.release();
  }
}

/** An {@linkcode Acquired} that calls `release` once. Internal. */
export function held(release: () => void): Acquired {
  return new Held(release);
}
