import { findIntegration, type AnyIntegration, type IntegrationType } from "./integrations/registry";

/*
 * A resource's props as the lifecycle reads them: which integration they address and its own fields, apart from
 * the resource's meta keys.
 */

/** Pulumi's marker for a value not known until apply (preview); such values are never validated or compared. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Keys of the resource's props that are not integration fields. */
export const META_KEYS = [
  "groupId", "type", "adoptExisting", "secretVersion", "integrationId", "endpoints", "__provider",
  // The resource's MAC key for secret fingerprints: added by check, an input only (see fingerprint.ts).
  "fingerprintKey",
  // The secret fields' fingerprints, an output (see outputs.ts).
  "fingerprints",
] as const;

/** A resource's props split into what addresses it and the integration's own fields. */
export interface SplitProps {
  readonly groupId: string;
  readonly type: IntegrationType;
  readonly def: AnyIntegration;
  readonly adoptExisting: boolean;
  /** Bumped by the user to force secrets to be sent again (the server never shows write-only ones). */
  readonly secretVersion?: string | number;
  /** The key of this resource's secret fingerprints (from the checked inputs; see fingerprint.ts). */
  readonly fingerprintKey?: string;
  /** Only the fields the type defines, with their values as given. */
  readonly fields: Record<string, unknown>;
}

/** Splits checked props (or stored outputs); throws when the type is not registered (check prevents that). */
export function splitProps(props: Record<string, unknown>): SplitProps {
  const def = findIntegration(props.type);
  if (!def) throw new Error(`unknown integration type ${JSON.stringify(props.type)}`);
  const fields: Record<string, unknown> = {};
  for (const name of Object.keys(def.fields)) {
    if (props[name] !== undefined) fields[name] = props[name];
  }
  return {
    groupId: String(props.groupId),
    type: def.type,
    def,
    adoptExisting: props.adoptExisting === true,
    secretVersion: typeof props.secretVersion === "string" || typeof props.secretVersion === "number" ? props.secretVersion : undefined,
    ...(typeof props.fingerprintKey === "string" ? { fingerprintKey: props.fingerprintKey } : {}),
    fields,
  };
}
