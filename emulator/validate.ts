import type { z } from "zod";
import type { IntegrationDefinition } from "../provider/integrations/define";
import { isMasked } from "../provider/integrations/mask";
import { apiError, type EmulatorError } from "./errors";

/** Attributes of the wire object that are not integration fields: the body's tag and the server's own id. */
const ENVELOPE_KEYS = new Set(["type", "id"]);

/**
 * Parses a request body (kept as text until the route's checks passed) into the integration's own fields.
 * Body not JSON or not an object → 400 INVALID_JSON; `type` missing → 400 MISSING_ATTRIBUTE; `type` other than the
 * path's → 400 INTEGRATION_FIELDS_INVALID. A sent-back `id` is ignored, as the server owns it.
 */
export function readIntegrationBody(raw: unknown, pathType: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = typeof raw === "string" && raw.trim() !== "" ? JSON.parse(raw) : undefined;
  } catch {
    throw apiError("INVALID_JSON", []);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw apiError("INVALID_JSON", []);
  const record = body as Record<string, unknown>;
  if (record.type === undefined || record.type === null) throw apiError("MISSING_ATTRIBUTE", ["type"]);
  if (record.type !== pathType) {
    throw apiError("INTEGRATION_FIELDS_INVALID", [`the body's type ${JSON.stringify(record.type)} is not the path's type ${pathType}.`], {
      parameters: ["type"],
    });
  }
  return Object.fromEntries(Object.entries(record).filter(([k]) => !ENVELOPE_KEYS.has(k)));
}

/**
 * Validates fields against the registry definition and returns what the server stores. `existing` (a PUT on a
 * configured integration) is merged under the body first, so the merged result must be valid. An omitted field
 * keeps its stored value ("the request will update the changed fields"); a `null` keeps it too unless
 * `nullOnPut` is `clears` (undocumented: see settings.ts). Secrets sent back masked are refused first, as real servers do (INTEGRATION_FIELDS_INVALID). What is
 * stored is what was sent: defaults of fields never sent are filled in by `presentIntegration` when shown.
 */
export function validateFields(
  def: IntegrationDefinition,
  body: Record<string, unknown>,
  existing: Record<string, unknown> = {},
  nullOnPut: "ignored" | "clears" = "ignored",
): Record<string, unknown> {
  for (const name of def.secretFields) {
    if (isMasked(body[name])) {
      throw apiError("INTEGRATION_FIELDS_INVALID", [`${name} is a masked value; send the secret itself.`], { parameters: [name] });
    }
  }
  const sent = nullOnPut === "clears" ? body : Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
  const merged = Object.fromEntries(Object.entries({ ...existing, ...sent }).filter(([, v]) => v !== null));
  // A value equal to the field's server default is accepted as is: the server shows Slack's channelName as "" and
  // must take that "" back, although the field's schema (rightly, for user input) refuses an empty string.
  const checked = Object.fromEntries(Object.entries(merged).filter(([k, v]) => v !== def.fields[k]?.serverDefault));
  const result = def.schema.safeParse(checked);
  if (!result.success) throw issuesToError(result.error.issues, checked);
  const unmet = (def.requiredWhen ?? []).find((r) => merged[r.when.field] === r.when.equals && merged[r.field] === undefined);
  if (unmet) throw apiError("MISSING_ATTRIBUTE", [unmet.field]);
  // A field the API's "You must provide" list names although the UI defaults it (Prometheus's listenAddress, field.ts
  // `alwaysSent`): a write without it is refused, as that list says.
  const unsent = Object.entries(def.fields).find(([name, spec]) => spec.alwaysSent && merged[name] === undefined);
  if (unsent) throw apiError("MISSING_ATTRIBUTE", [unsent[0]]);
  return merged;
}

/**
 * Maps zod issues to the single error Ops Manager would give, in the order a Java server meets them: unknown
 * attribute or wrong JSON type first (deserialisation), then a bad enum value, then a missing required attribute,
 * then any other constraint (empty, too long, not a URL...) as INVALID_ATTRIBUTE.
 */
function issuesToError(issues: readonly z.core.$ZodIssue[], input: Record<string, unknown>): EmulatorError {
  const nameOf = (i: z.core.$ZodIssue) => String(i.path[0] ?? "");
  const unknownKey = issues.find((i) => i.code === "unrecognized_keys");
  if (unknownKey?.code === "unrecognized_keys") return apiError("INVALID_ATTRIBUTE", [unknownKey.keys[0] ?? ""]);
  const wrongType = issues.find(
    (i) => (i.code === "invalid_type" || i.code === "invalid_value") && input[nameOf(i)] !== undefined && typeof input[nameOf(i)] !== "string",
  );
  if (wrongType) return apiError("INVALID_ATTRIBUTE", [nameOf(wrongType)]);
  const badEnum = issues.find((i) => i.code === "invalid_value" && input[nameOf(i)] !== undefined);
  if (badEnum) {
    const value = String(input[nameOf(badEnum)]);
    return apiError("INVALID_ENUM_VALUE", [value], { parameters: [value, nameOf(badEnum)] });
  }
  // A required enum that is absent fails zod as invalid_value, a required text as invalid_type: both are missing.
  const missing = issues.find((i) => (i.code === "invalid_type" || i.code === "invalid_value") && input[nameOf(i)] === undefined);
  if (missing) return apiError("MISSING_ATTRIBUTE", [nameOf(missing)]);
  return apiError("INVALID_ATTRIBUTE", [nameOf(issues[0]!)]);
}
