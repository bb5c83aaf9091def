import assert from "node:assert/strict";
import { Pacer } from "../../../provider/client/pacer";

/** A clock that only moves when someone sleeps; sleepers wake in time order. */
function fakeClock() {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  const clock = {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    /** Runs until every sleeper woke. */
    async drain() {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (sleepers.length === 0) return;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift()!;
        now = Math.max(now, next.at);
        next.wake();
      }
    },
    set: (t: number) => (now = t),
  };
  return clock;
}

describe("Pacer: one pause and one pace per client under 429", () => {
  it("sends at once while the server has refused nothing", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock.now, clock.sleep);
    const slots = await Promise.all(Array.from({ length: 50 }, () => pacer.slot()));
    assert.deepEqual(new Set(slots.map((s) => s.at)), new Set([0]));
  });

  it("a 429 with Retry-After pauses every later attempt of the client, not just the refused one", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock.now, clock.sleep);
    const refused = await pacer.slot();
    pacer.answered(refused, 429, 2000);
    const waiting = Promise.all([pacer.slot(), pacer.slot()]);
    await clock.drain();
    assert.ok((await waiting).every((s) => s.at >= 2000));
  });

  it("a 503 with Retry-After pauses too; one without Retry-After, or a 500, does not", async () => {
    for (const [status, retryAfter, paused] of [[503, 1000, true], [503, undefined, false], [500, 1000, false]] as const) {
      const clock = fakeClock();
      const pacer = new Pacer(clock.now, clock.sleep);
      pacer.answered(await pacer.slot(), status, retryAfter);
      const next = pacer.slot();
      await clock.drain();
      assert.equal((await next).at >= 1000, paused, `${status} Retry-After ${retryAfter}`);
    }
  });

  it("after a 429 it sends no more per second than the server admitted in the second before it", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock.now, clock.sleep);
    // 5 admitted at t = 0..400, the 6th refused at 500: the server admits 5 per second.
    for (let i = 0; i < 5; i++) {
      clock.set(i * 100);
      pacer.answered(await pacer.slot(), 200, undefined);
    }
    clock.set(500);
    pacer.answered(await pacer.slot(), 429, 1000);
    const slots = Promise.all(Array.from({ length: 20 }, () => pacer.slot().then((s) => (pacer.answered(s, 200, undefined), s.at))));
    await clock.drain();
    const times = (await slots).sort((a, b) => a - b);
    assert.ok(times[0]! >= 1500, "the pause holds");
    for (const t of times) {
      const inWindow = times.filter((u) => u > t - 1000 && u <= t).length;
      assert.ok(inWindow <= 5, `${inWindow} sends in the second ending at ${t}`);
    }
    assert.ok(times.at(-1)! <= 1500 + 3 * 1100 + 1, "and not much slower than that (a 10 % margin)");
  });
});
