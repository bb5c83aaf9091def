import { FaultQueue } from "./faults";
import { NonceRegistry } from "./nonces";
import type { EmulatorConfig } from "./options";
import { loadSnapshot, saveSnapshot } from "./persist";
import { RateLimiter } from "./rate-limiter";
import { RequestLog } from "./request-log";
import { seedIntegration } from "./seed";
import type { Settings } from "./settings";
import { initialSnapshot, Store } from "./store";
import { TokenRegistry } from "./tokens";

/** Everything one emulator instance holds; handlers and hooks receive it explicitly (no module-level state). */
export interface EmulatorState {
  readonly config: EmulatorConfig;
  readonly store: Store;
  /** The live settings; the control plane replaces fields of it. */
  readonly settings: Settings;
  readonly nonces: NonceRegistry;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly rateLimiter: RateLimiter;
  /** Service accounts and the Bearer tokens issued to them. */
  readonly tokens: TokenRegistry;
  /**
   * Back to the configured start: groups, keys, service accounts and integrations from the config (none unless
   * configured), settings, faults, log, nonces and tokens cleared.
   */
  reset(): void;
}

/**
 * Builds the state for a config. With a data file, the file's state (when it exists) wins over the configured
 * groups and keys, and every change is written back atomically.
 */
export function createEmulatorState(config: EmulatorConfig): EmulatorState {
  const settings: Settings = { ...config.settings };
  const persist = config.dataFile ? (s: Parameters<typeof saveSnapshot>[1]) => saveSnapshot(config.dataFile!, s) : undefined;
  const fresh = () => initialSnapshot(config.groups, config.keys);
  const loaded = config.dataFile ? loadSnapshot(config.dataFile) : undefined;
  const store = new Store(loaded ?? fresh(), persist);
  const seedConfigured = () => config.integrations.forEach((i) => seedIntegration(state, i.groupId, i.type, i.fields));
  const state: EmulatorState = {
    config,
    store,
    settings,
    nonces: new NonceRegistry(() => settings.nonceLifetimeMs),
    faults: new FaultQueue(),
    log: new RequestLog(config.maxLoggedRequests),
    rateLimiter: new RateLimiter(),
    tokens: new TokenRegistry(config.serviceAccounts),
    reset() {
      Object.assign(settings, config.settings);
      store.replace(fresh());
      seedConfigured();
      state.nonces.clear();
      state.faults.clear();
      state.log.clear();
      state.rateLimiter.clear();
      state.tokens.clear();
    },
  };
  if (!loaded) seedConfigured();
  if (persist && !loaded) persist(store.snapshot());
  return state;
}
