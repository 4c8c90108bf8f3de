import { describe, expect, it } from "vitest";
import { createGate, type GateJob, type ShedReason } from "../../src/discord/gate.ts";

/** A job that records when it ran and finishes when `finish` is called. */
function job(guildId: string, deferred: boolean, log: string[], name: string): GateJob & { finish: () => void } {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    guildId,
    createdAt: Date.now(),
    deferred,
    run: () => {
      log.push(name);
      return done;
    },
    busy: () => Promise.resolve(),
    get finish() {
      return finish;
    },
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe("the interaction gate", () => {
  it("lets quick answers through while acknowledged (deferred) jobs are still drawing off the loop", async () => {
    const shed: ShedReason[] = [];
    const gate = createGate({ maxInFlight: 1, maxDeferredInFlight: 2, onShed: (r) => shed.push(r) });
    const log: string[] = [];
    const maps = [job("a", true, log, "map1"), job("b", true, log, "map2"), job("c", true, log, "map3")];
    for (const m of maps) gate.submit(m);
    const who = job("d", false, log, "who");
    gate.submit(who);
    for (let i = 0; i < 10; i++) await tick();
    // Two maps hold the deferred slots; the third waits for one; /who is answered meanwhile.
    expect(log).toEqual(["map1", "map2", "who"]);
    maps[0]?.finish();
    for (let i = 0; i < 10; i++) await tick();
    expect(log).toEqual(["map1", "map2", "who", "map3"]);
    // A second quick job waits for the one quick slot.
    const who2 = job("e", false, log, "who2");
    gate.submit(who2);
    for (let i = 0; i < 10; i++) await tick();
    expect(log).not.toContain("who2");
    who.finish();
    for (let i = 0; i < 10; i++) await tick();
    expect(log).toContain("who2");
    expect(shed).toEqual([]);
    gate.stop();
  });

  it("does not hold quick answers back while earlier replies are still on their way to Discord", async () => {
    const shed: ShedReason[] = [];
    const gate = createGate({ onShed: (r) => shed.push(r) });
    const log: string[] = [];
    // Forty answers computed whose replies have not been acknowledged yet (a slow round trip): none finishes here.
    const jobs = Array.from({ length: 40 }, (_, i) => job(`g${i}`, false, log, `q${i}`));
    for (const j of jobs) gate.submit(j);
    for (let i = 0; i < 60; i++) await tick();
    expect(log).toHaveLength(40);
    expect(shed).toEqual([]);
    gate.stop();
  });
});
