import { isKeyedFingerprint, toStoredSecret } from "./fingerprint";
import type { SplitProps } from "./split-props";

/** The output holding the secret fields' fingerprints, by field name. */
export const FINGERPRINTS = "fingerprints";

/**
 * The resource's outputs: its address, the integration's non-secret fields, the secret fields only as keyed
 * fingerprints under `fingerprints` (see fingerprint.ts: Pulumi's SDK logs outputs in clear at debug level), the
 * server's current integration id, and the URLs the type exposes. Plain JSON only (Pulumi rejects undefined and
 * silently empties Dates and Maps).
 *
 * Fingerprints are kept under their own name, not the secret field's: an output named like a secret input is
 * re-encrypted by the engine, and each encrypted value costs ~110 bytes of envelope in state for nothing, since a
 * keyed MAC is safe in clear. The resource's fingerprint key is an input only: it never appears here.
 */
export function outputs(
  props: SplitProps,
  fields: Record<string, unknown>,
  integrationId: unknown,
  serverUrl: string,
  viewKey?: Buffer,
): Record<string, unknown> {
  const out: Record<string, unknown> = { groupId: props.groupId, type: props.type };
  const fingerprints: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const spec = props.def.fields[name];
    const ctx = { where: `${props.groupId}/${props.type}/${name}`, resourceKey: props.fingerprintKey, viewKey };
    if (!spec?.secret) {
      out[name] = value;
      continue;
    }
    const stored = toStoredSecret(value, ctx, !spec.writeOnly);
    // Older forms (a salted hash with a clear tail, a mask) stay under the field's own name, which the engine keeps
    // encrypted, until the next update replaces them.
    if (isKeyedFingerprint(stored)) fingerprints[name] = stored;
    else out[name] = stored;
  }
  if (Object.keys(fingerprints).length > 0) out[FINGERPRINTS] = fingerprints;
  if (props.adoptExisting) out.adoptExisting = true;
  if (props.secretVersion !== undefined) out.secretVersion = props.secretVersion;
  if (typeof integrationId === "string") out.integrationId = integrationId;
  out.endpoints = props.def.endpoints?.({ serverUrl, groupId: props.groupId }) ?? {};
  return out;
}

/**
 * Stored outputs with each secret field's fingerprint back under the field's name, as diff, read and update
 * compare them. Outputs of builds before 0.2 kept (older) fingerprints under the field names themselves.
 */
export function storedFields(stored: Record<string, unknown>): Record<string, unknown> {
  const fingerprints = stored[FINGERPRINTS];
  if (typeof fingerprints !== "object" || fingerprints === null) return stored;
  const { [FINGERPRINTS]: _fingerprints, ...rest } = stored;
  return { ...rest, ...(fingerprints as Record<string, unknown>) };
}
