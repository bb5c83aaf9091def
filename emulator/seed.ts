import type { EmulatorState } from "./emulator-state";
import { apiError } from "./errors";
import type { StoredIntegration } from "./store";
import { validateFields } from "./validate";

/** How the control plane writes an integration. */
export interface SeedOptions {
  /** Store the fields as given: no registry validation, any type (a server newer than us). */
  readonly unvalidated?: boolean;
  /** Merge over the stored integration (a change made in the UI) instead of replacing it; it must exist. */
  readonly merge?: boolean;
}

/**
 * Writes an integration behind the API's back: no authentication, but (unless `unvalidated`) the same registry
 * validation as the API, so seeded state is state the real server could hold. Like any server-side write it gets a
 * new id. Errors use the API's codes (GROUP_NOT_FOUND, INTEGRATION_NOT_CONFIGURED, INVALID_ENUM_VALUE, ...).
 */
export function seedIntegration(
  state: EmulatorState,
  groupId: string,
  type: string,
  body: unknown,
  options: SeedOptions = {},
): StoredIntegration {
  const { store, config } = state;
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw apiError("EMULATOR_BAD_REQUEST", ["the body must be a JSON object of fields"]);
  if (!store.hasGroup(groupId)) throw apiError("GROUP_NOT_FOUND", [groupId]);
  const existing = store.get(groupId, type);
  if (options.merge && !existing) throw apiError("INTEGRATION_NOT_CONFIGURED", [type]);
  const base = options.merge ? existing?.fields : undefined;
  const fields = Object.fromEntries(Object.entries(body).filter(([k]) => k !== "id" && k !== "type"));
  if (options.unvalidated) return store.put(groupId, type, { ...base, ...fields });
  const def = config.findIntegration(type);
  if (!def) throw apiError("INVALID_ENUM_VALUE", [type]);
  // As configured in the UI, which fills a default the API's "You must provide" list asks for (field.ts alwaysSent:
  // Prometheus's listenAddress, "The default value, 0.0.0.0:9216").
  if (!base) {
    for (const [name, spec] of Object.entries(def.fields)) if (spec.alwaysSent && fields[name] === undefined) fields[name] = spec.serverDefault;
  }
  return store.put(groupId, type, validateFields(def, fields, base));
}
