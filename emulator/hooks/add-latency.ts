import { setTimeout as delay } from "node:timers/promises";
import type { EmulatorState } from "../emulator-state";

/**
 * Delays every API request (challenges included) by the `latencyMs` setting, a slow server, reproducibly; plus a
 * random share of `latencyJitterMs`, so requests sent close together can arrive out of the order they were signed.
 */
export function addLatency(state: EmulatorState) {
  return async () => {
    const { latencyMs, latencyJitterMs } = state.settings;
    const ms = latencyMs + (latencyJitterMs > 0 ? Math.floor(Math.random() * latencyJitterMs) : 0);
    if (ms > 0) await delay(ms);
  };
}
