import type { WriteRequest } from "./client/types";
import { isMasked } from "./integrations/mask";
import { findIntegration, type AnyIntegration, type IntegrationType } from "./integrations/registry";

/*
 * From a resource's props to what goes on the wire: which integration they address, its fields, and the request
 * body with the values the client must redact from any error. The only place a body is built.
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

/** The resource id: one integration per (project, type), so `{groupId}/{TYPE}`. */
export function resourceId(groupId: string, type: string): string {
  return `${groupId}/${type}`;
}

/** Parses `{groupId}/{TYPE}`, and Terraform's `{groupId}-{TYPE}` for people migrating from it. */
export function parseResourceId(id: string): { groupId: string; type: IntegrationType } | undefined {
  const m = /^([0-9a-fA-F]{24})[/-]([A-Z_]+)$/.exec(id);
  const def = m && findIntegration(m[2]);
  return m?.[1] && def ? { groupId: m[1], type: def.type } : undefined;
}

/**
 * The POST/PUT body, built from the user's inputs only (never from what the server showed), `type` included, and
 * the secret values in it, which the client scrubs from every error and log line.
 *
 * MongoDB's pages disagree on what a PUT does with a field it is not sent (the update page: it merges; the
 * integrations overview: it replaces), so a field the user removed since `previous` is sent with its documented
 * default when it has one (Datadog's region "US", Slack's channelName ""), and as `null` when it has none: a
 * replacing server drops it either way, a merging one that clears null drops it, and on one that keeps it `update`
 * sees it in the answer and re-creates the integration (lifecycle.ts, reconcile.ts `heldBeyond`). A field the API
 * lists as required but the UI defaults (`alwaysSent`: Prometheus's listenAddress) is always sent, its default
 * when code leaves it out.
 */
export function writeRequest(props: SplitProps, previous: Record<string, unknown> = {}): WriteRequest {
  const { def, fields } = props;
  const body: Record<string, unknown> = { type: def.type };
  const secrets: string[] = [];
  for (const [name, spec] of Object.entries(def.fields)) {
    const value = fields[name];
    if (value !== undefined) {
      // Sending a mask back would store "******1234" as the secret (a bug peers shipped); refuse loudly instead.
      if (spec.secret && isMasked(value)) {
        throw new Error(`${def.type}.${name} looks like a masked value ("******..."); set the real secret in code`);
      }
      body[name] = value;
      if (spec.secret && typeof value === "string") secrets.push(value);
    } else if (spec.serverDefault !== undefined && (previous[name] !== undefined || spec.alwaysSent)) {
      body[name] = spec.serverDefault;
    } else if (previous[name] !== undefined) {
      body[name] = null;
    }
  }
  return { body, secrets };
}
