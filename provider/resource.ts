import * as pulumi from "@pulumi/pulumi";
import type { IntegrationType, OpsManagerIntegrationArgs } from "./generated/args";
import { FINGERPRINT_KEY } from "./fingerprint";
import { warnIfInsecure } from "./insecure-warning";
import { findIntegration } from "./integrations/registry";
import provider = require("./instance");

/**
 * One third-party integration of an Ops Manager project (PagerDuty, Slack, Datadog, a webhook, ...).
 * There is at most one per (project, type), so its id is `{groupId}/{TYPE}`.
 *
 * Secret fields (tokens, keys, webhook URLs) are stored as Pulumi secrets even when given as plain strings.
 * Connection settings come from stack config `opsmanager:*` or `OPSMANAGER_*` variables, never from inputs.
 */
export class OpsManagerIntegration extends pulumi.dynamic.Resource {
  /** The Ops Manager project id. */
  declare public readonly groupId: pulumi.Output<string>;
  /** The integration type, e.g. "SLACK". */
  declare public readonly type: pulumi.Output<IntegrationType>;
  /** The server's id for the current configuration; Ops Manager changes it on every update. */
  declare public readonly integrationId: pulumi.Output<string>;
  /** URLs the integration makes available, by name; PROMETHEUS: `discoveryUrl` (Prometheus http_sd). */
  declare public readonly endpoints: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: OpsManagerIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    // The dynamic Resource constructor mutates the props it is given: always build a fresh object.
    const props: Record<string, unknown> = { ...args, integrationId: undefined, endpoints: undefined };
    const def = findIntegration(args.type);
    const secrets: string[] = def ? [...def.secretFields] : [];
    for (const name of secrets) {
      if (props[name] !== undefined) props[name] = pulumi.secret(props[name]);
    }
    // A secret placeholder: check replaces it with the resource's fingerprint key, and the engine keeps the secret
    // bit of a checked input whose name was secret in the program's inputs, so the key is encrypted in state.
    props[FINGERPRINT_KEY] = pulumi.secret("");
    warnIfInsecure();
    super(provider, name, props, { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets] }, "opsmanager", "Integration");
  }
}
