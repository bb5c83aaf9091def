import type { AddressInfo } from "node:net";
import { createEmulator, emulatorState } from "./create-emulator";
import { API_BASE_PATH, CONTROL_BASE_PATH } from "./defaults";
import type { EmulatorState } from "./emulator-state";
import type { EmulatorOptions } from "./options";

/** {@link EmulatorOptions} plus where to listen. */
export interface StartEmulatorOptions extends EmulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the emulator is a development tool, not a service. */
  readonly host?: string;
}

/** A listening emulator. */
export interface RunningEmulator {
  /** Server root, e.g. `http://127.0.0.1:41234` (https with TLS). */
  readonly url: string;
  /** `url` + `/api/public/v1.0`: what the provider's baseUrl points at. */
  readonly apiBase: string;
  /** `url` + `/__emulator`: for the ControlClient. */
  readonly controlUrl: string;
  readonly port: number;
  /** The live state, for in-process inspection. Prefer the control plane in tests that could run out of process. */
  readonly state: EmulatorState;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Builds an emulator and listens on `host:port`. With `main.ts`, the only place a port is bound; tests use it
 * through `tests/helpers/emulator.ts`.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = "127.0.0.1", ...rest } = options;
  const app = createEmulator(rest);
  await app.listen({ port, host });
  const address = app.server.address() as AddressInfo;
  const reachable = address.address === "0.0.0.0" ? "127.0.0.1" : address.address === "::" ? "::1" : address.address;
  const hostPart = reachable.includes(":") ? `[${reachable}]` : reachable;
  const url = `${rest.tls ? "https" : "http"}://${hostPart}:${address.port}`;
  return {
    url,
    apiBase: url + API_BASE_PATH,
    controlUrl: url + CONTROL_BASE_PATH,
    port: address.port,
    state: emulatorState(app),
    close: () => app.close(),
  };
}
