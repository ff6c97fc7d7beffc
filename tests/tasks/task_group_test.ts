// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  currentTask,
  eagerTaskFactory,
  ExceptionGroup,
  gather,
  getRunningLoop,
  newEventLoop,
  RuntimeError,
  sleep,
  type Task,
  TaskGroup,
  taskGroup,
  timeout,
  TimeoutError,
} from "../../mod.ts";
import { runCapturing, runVirtual } from "./_util.ts";

class MyError extends Error {}

const crashAfter =
  (delay: number, make: () => Error = () => new MyError(`after ${delay}`)) => async () => {
    await sleep(delay);
    throw make();
  };

function errorTypes(eg: unknown): Set<unknown> {
  assert.ok(eg instanceof ExceptionGroup, `expected an ExceptionGroup, got ${eg}`);
  return new Set(eg.exceptions.map((e) => (e as object).constructor));
}

Deno.test("taskGroup() waits for all tasks and resolves to the body's value", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    let t1: Task<number>, t2: Task<number>;
    const value = await taskGroup(async (g) => {
      t1 = g.createTask(() => sleep(1, 42));
      await sleep(1.5);
      t2 = g.createTask(() => sleep(2, 11));
      return "body";
    });
    assert.equal(value, "body");
    assert.equal(t1!.result(), 42);
    assert.equal(t2!.result(), 11);
    assert.equal(loop.time(), 3.5);
  });
});

Deno.test("a child cancelled explicitly does not disturb the group", async () => {
  await runVirtual(async () => {
    let t1: Task<number>, t2: Task<number>;
    await taskGroup(async (g) => {
      t1 = g.createTask(() => sleep(10, 42));
      await sleep(1);
      t1.cancel();
      t2 = g.createTask(() => sleep(2, 11));
    });
    assert.ok(t1!.cancelled());
    assert.equal(t2!.result(), 11);
  });
});

Deno.test("a failing child cancels its siblings and raises an ExceptionGroup", async () => {
  await runVirtual(async () => {
    let num = 0;
    let siblingCancelled = false;
    let t2: Task<void>;
    const runner = createTask(async () => {
      await taskGroup((g) => {
        g.createTask(crashAfter(1));
        t2 = g.createTask(async () => {
          try {
            await sleep(10);
          } catch (e) {
            siblingCancelled = e instanceof CancelledError;
            throw e;
          }
          num += 1;
        });
      });
      num += 10;
    });
    const error = await runner.then(() => null, (e) => e);
    assert.ok(error instanceof ExceptionGroup);
    assert.equal(error.message, "unhandled errors in a TaskGroup");
    assert.deepEqual(errorTypes(error), new Set([MyError]));
    assert.equal(num, 0);
    assert.ok(siblingCancelled);
    assert.ok(t2!.cancelled());
    assert.ok(!runner.cancelled());
  });
});

Deno.test("children failing together are all reported; the body is cancelled", async () => {
  await runVirtual(async () => {
    let bodyCancelled = false;
    const error = await taskGroup(async (g) => {
      g.createTask(crashAfter(1, () => new MyError("a")));
      g.createTask(crashAfter(1, () => new MyError("b")));
      g.createTask(crashAfter(1, () => new MyError("c")));
      g.createTask(() => sleep(5));
      try {
        await sleep(10);
      } catch (e) {
        bodyCancelled = e instanceof CancelledError;
        throw e;
      }
    }).catch((e) => e);
    assert.ok(bodyCancelled);
    assert.ok(error instanceof ExceptionGroup);
    assert.deepEqual(error.exceptions.map((e) => (e as Error).message), ["a", "b", "c"]);
    assert.equal(getRunningLoop().time(), 1);
  });
});

Deno.test("after the ExceptionGroup the caller is not left cancelled", async () => {
  await runVirtual(async () => {
    const task = currentTask()!;
    try {
      await taskGroup(async (g) => {
        g.createTask(crashAfter(1));
        await sleep(10); // cancelled by the group
      });
    } catch (e) {
      assert.ok(e instanceof ExceptionGroup);
    }
    assert.equal(task.cancelling(), 0);
    assert.equal(await sleep(1, "later awaits work"), "later awaits work");
  });
});

Deno.test("cancelling the parent task cancels the children; CancelledError keeps the message", async () => {
  await runVirtual(async () => {
    let cancelledChildren = 0;
    let bodyCancelled = false;
    const runner = createTask(() =>
      taskGroup(async (g) => {
        for (let i = 0; i < 5; i++) {
          g.createTask(async () => {
            try {
              await sleep(5);
            } catch (e) {
              cancelledChildren++;
              throw e;
            }
          });
        }
        try {
          await sleep(10);
        } catch (e) {
          bodyCancelled = true;
          throw e;
        }
      })
    );
    await sleep(0.1);
    assert.ok(!runner.done());
    runner.cancel("test");
    await assert.rejects(async () => await runner, { name: "CancelledError", message: "test" });
    assert.ok(runner.cancelled());
    assert.equal(cancelledChildren, 5);
    assert.ok(bodyCancelled);
  });
});

Deno.test("a cancellation that arrives while the group waits at its end propagates", async () => {
  await runVirtual(async () => {
    const children: Task<number>[] = [];
    const runner = createTask(() =>
      taskGroup((g) => {
        children.push(g.createTask(() => sleep(1, 42)), g.createTask(() => sleep(2, 11)));
      })
    );
    await sleep(0.05);
    runner.cancel();
    await assert.rejects(async () => await runner, CancelledError);
    assert.ok(children.every((c) => c.cancelled()));
  });
});

Deno.test("an outside cancel before the children fail wins: CancelledError", async () => {
  await runVirtual(async () => {
    const runner = createTask(() =>
      taskGroup(async (g) => {
        for (let i = 0; i < 5; i++) g.createTask(crashAfter(0.1));
        await sleep(10);
      })
    );
    await sleep(0.05);
    runner.cancel("test");
    await assert.rejects(async () => await runner, { name: "CancelledError", message: "test" });
  });
});

Deno.test("an empty group cancelled from outside propagates CancelledError", async () => {
  await runVirtual(async () => {
    let num = 0;
    const runner = createTask(() =>
      taskGroup(async () => {
        try {
          await sleep(10);
        } catch (e) {
          num += 10;
          throw e;
        }
      })
    );
    await sleep(0.1);
    runner.cancel();
    await assert.rejects(async () => await runner, CancelledError);
    assert.equal(num, 10);
  });
});

Deno.test("a body error is grouped, and cancels the children", async () => {
  await runVirtual(async () => {
    let t1: Task<number>, t2: Task<number>;
    const afterAwait = await taskGroup(async (g) => {
      t1 = g.createTask(() => sleep(1, 42));
      t2 = g.createTask(() => sleep(2, 11));
      await sleep(0.1);
      throw new MyError("body");
    }).catch((e) => e);
    assert.deepEqual(errorTypes(afterAwait), new Set([MyError]));
    assert.ok(t1!.cancelled() && t2!.cancelled());

    const sync = await taskGroup((g) => {
      t1 = g.createTask(() => sleep(1, 42));
      throw new RangeError("sync body");
    }).catch((e) => e);
    assert.deepEqual(errorTypes(sync), new Set([RangeError]));
    assert.ok(t1!.cancelled());
  });
});

Deno.test("a body that turns the cancellation into an error: ExceptionGroup", async () => {
  await runVirtual(async () => {
    const runner = createTask(() =>
      taskGroup(async () => {
        try {
          await sleep(10);
        } catch {
          throw new MyError("weird");
        }
      })
    );
    await sleep(0.1);
    runner.cancel();
    const error = await runner.then(() => null, (e) => e);
    assert.deepEqual(errorTypes(error), new Set([MyError]));
    // The outside cancel request still stands: the runner's count was kept.
    assert.equal(runner.cancelling(), 1);
  });
});

Deno.test("errors of the body's cleanup and of the children are grouped together", async () => {
  await runVirtual(async () => {
    const error = await taskGroup(async (g) => {
      g.createTask(crashAfter(0.1, () => new RangeError("child")));
      try {
        await sleep(10);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new MyError("cleanup");
      }
    }).catch((e) => e);
    assert.deepEqual(errorTypes(error), new Set([MyError, RangeError]));
  });
});

Deno.test("nested groups: an outside cancel goes through both", async () => {
  await runVirtual(async () => {
    const runner = createTask(() =>
      taskGroup((g1) => {
        g1.createTask(() => sleep(10));
        return taskGroup(async (g2) => {
          for (let i = 0; i < 5; i++) g2.createTask(crashAfter(0.1));
          await sleep(10);
        });
      })
    );
    await sleep(0.05);
    runner.cancel();
    await assert.rejects(async () => await runner, CancelledError);
  });
});

Deno.test("nested groups: an outer child failure cancels the inner group", async () => {
  await runVirtual(async () => {
    const error = await taskGroup((g1) => {
      g1.createTask(crashAfter(0.1, () => new TypeError("outer child")));
      return taskGroup((g2) => {
        g2.createTask(crashAfter(10));
      });
    }).catch((e) => e);
    assert.deepEqual(errorTypes(error), new Set([TypeError]));
  });
});

Deno.test("nested groups: an inner child failure arrives as a nested ExceptionGroup", async () => {
  await runVirtual(async () => {
    const error = await taskGroup((g1) => {
      g1.createTask(crashAfter(10));
      return taskGroup((g2) => {
        g2.createTask(crashAfter(0.1, () => new TypeError("inner child")));
      });
    }).catch((e) => e);
    assert.deepEqual(errorTypes(error), new Set([ExceptionGroup]));
    assert.deepEqual(errorTypes((error as ExceptionGroup).exceptions[0]), new Set([TypeError]));
  });
});

Deno.test("a child failing while the body handles an outside cancel: ExceptionGroup", async () => {
  await runVirtual(async () => {
    const nested = () =>
      taskGroup(async (g) => {
        g.createTask(crashAfter(0.3));
        try {
          await sleep(10);
        } catch (e) {
          await sleep(0.5);
          throw e;
        }
      });
    const direct = createTask(nested);
    const indirect = createTask(async () => await createTask(nested));
    await sleep(0.1);
    direct.cancel();
    indirect.cancel();
    // The child fails (at 0.3) while the body still handles the cancel (until
    // 0.6): its error wins, as in Python 3.12+.
    const e1 = await direct.then(() => null, (e) => e);
    assert.deepEqual(errorTypes(e1), new Set([MyError]));
    const e2 = await indirect.then(() => null, (e) => e);
    assert.deepEqual(errorTypes(e2), new Set([MyError]));
  });
});

Deno.test("children may add tasks to the group while it waits at its end", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const names: string[] = [];
    await taskGroup((g) => {
      g.createTask(async () => {
        await sleep(0.1);
        g.createTask(() => sleep(0.1).then(() => names.push("a")));
        g.createTask(() => sleep(0.2).then(() => names.push("b")));
      });
    });
    assert.deepEqual(names, ["a", "b"]);
    assert.ok(Math.abs(loop.time() - 0.3) < 1e-9);
  });
});

Deno.test("a growing group is stopped by one failure (hydra and hercules)", async () => {
  await runVirtual(async () => {
    let heads = 0;
    const hydra = (g: TaskGroup) => async () => {
      heads++;
      await sleep(0.01);
      g.createTask(hydra(g));
      g.createTask(hydra(g));
    };
    const error = await taskGroup((g) => {
      g.createTask(hydra(g));
      g.createTask(async () => {
        while (heads < 10) await sleep(0.015);
        throw new MyError("hercules");
      });
    }).catch((e) => e);
    assert.deepEqual(errorTypes(error), new Set([MyError]));
    assert.ok(heads >= 10);
  });
});

Deno.test("finished children leave the group", async () => {
  await runVirtual(async () => {
    await taskGroup(async (g) => {
      for (let i = 0; i < 10; i++) {
        await sleep(0.1);
        g.createTask(() => sleep(0.3));
        if (i === 5) assert.match(String(g), /tasks=[1-4]\b/);
      }
      await sleep(1.35);
      assert.doesNotMatch(String(g), /tasks=/);
    });
  });
});

Deno.test("createTask() names the task; refuses when not entered, finished or aborting", async () => {
  await runVirtual(async () => {
    const fresh = new TaskGroup();
    assert.throws(() => fresh.createTask(() => sleep(0)), {
      name: "RuntimeError",
      message: /has not been entered/,
    });
    let kept: TaskGroup | null = null;
    await taskGroup((g) => {
      kept = g;
      const t = g.createTask(() => sleep(0), { name: "yolo" });
      assert.equal(t.getName(), "yolo");
    });
    assert.throws(() => kept!.createTask(() => sleep(0)), /is finished/);
    let refused: unknown = null;
    await taskGroup(async (g) => {
      g.createTask(crashAfter(0.1));
      try {
        await sleep(1);
      } catch (e) {
        try {
          g.createTask(() => sleep(0));
        } catch (e2) {
          refused = e2;
        }
        throw e;
      }
    }).catch(() => {});
    assert.ok(refused instanceof RuntimeError);
    assert.match((refused as Error).message, /is shutting down/);
    assert.throws(() => fresh.createTask(5 as never), /coro must be a function/);
  });
});

Deno.test("taskGroup() outside a task, or with a bad body, rejects", async () => {
  await assert.rejects(taskGroup(() => {}), { name: "RuntimeError", message: /inside a task/ });
  const loop = newEventLoop();
  try {
    const fut = loop.createFuture<unknown>();
    loop.callSoon(() => taskGroup(() => {}).catch((e) => fut.setResult(e)));
    const error = await loop.runUntilComplete(fut);
    assert.ok(error instanceof RuntimeError);
  } finally {
    loop.close();
  }
  await runVirtual(async () => {
    await assert.rejects(taskGroup(42 as never), /body must be a function, got number 42/);
  });
});

Deno.test("timeout() around a task group: expiry cancels the group and throws TimeoutError", async () => {
  await runVirtual(async () => {
    const children: Task<unknown>[] = [];
    await assert.rejects(
      timeout(1, () =>
        taskGroup((g) => {
          children.push(g.createTask(() => sleep(10)), g.createTask(() => sleep(20)));
        })),
      TimeoutError,
    );
    assert.ok(children.every((c) => c.cancelled()));
    assert.equal(getRunningLoop().time(), 1);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

Deno.test("a timeout inside a task group body is local to the body", async () => {
  await runVirtual(async () => {
    const value = await taskGroup(async (g) => {
      const child = g.createTask(() => sleep(2, "child"));
      await assert.rejects(timeout(1, () => sleep(10)), TimeoutError);
      return [child];
    });
    assert.equal(value[0].result(), "child");
  });
});

Deno.test("a child failing while the parent is cancelled from outside keeps the count", async () => {
  await runVirtual(async () => {
    const log: string[] = [];
    const runner = createTask(async () => {
      try {
        await taskGroup(async (g) => {
          g.createTask(async () => {
            try {
              await sleep(10);
            } catch {
              throw new MyError("child refuses");
            }
          });
          await sleep(10);
        });
      } catch (e) {
        log.push(e instanceof ExceptionGroup ? "group" : `other ${e}`);
      }
      await sleep(0); // the outside cancel request is still pending
      log.push("not reached");
    });
    await sleep(1);
    runner.cancel();
    await assert.rejects(async () => await runner, CancelledError);
    assert.deepEqual(log, ["group"]);
  });
});

Deno.test("no error of a group's task is reported as never retrieved", async () => {
  const { reports } = await runCapturing(async () => {
    await taskGroup((g) => {
      g.createTask(crashAfter(1));
      g.createTask(crashAfter(1));
    }).catch(() => {});
  });
  assert.deepEqual(reports, []);
});

Deno.test("taskGroup() and gather() work with the eager task factory", async () => {
  await runVirtual(async () => {
    getRunningLoop().setTaskFactory(eagerTaskFactory);
    const started: string[] = [];
    const results = await taskGroup((g) => {
      const a = g.createTask(async () => {
        started.push("a");
        await sleep(1);
        return 1;
      });
      const b = g.createTask(() => {
        started.push("b");
        return 2;
      });
      assert.deepEqual(started, ["a", "b"]); // both ran up to their first await already
      return [a, b];
    });
    assert.deepEqual(results.map((t) => t.result()), [1, 2]);
    assert.deepEqual(await gather([() => sleep(1, "x"), () => "y"]), ["x", "y"]);
    const error = await taskGroup((g) => {
      g.createTask(() => {
        throw new MyError("eager failure");
      });
      g.createTask(() => sleep(10));
    }).catch((e) => e);
    assert.deepEqual(errorTypes(error), new Set([MyError]));
  });
});
