import { setTimeout as delay } from "node:timers/promises";
import type { EmulatorState } from "../emulator-state";

/** Delays every API request (challenges included) by the `latencyMs` setting: a slow server, reproducibly. */
export function addLatency(state: EmulatorState) {
  return async () => {
    if (state.settings.latencyMs > 0) await delay(state.settings.latencyMs);
  };
}
