import type * as pulumi from "@pulumi/pulumi";
import type { FieldValues } from "./integrations/define";
import type { IntegrationType, RegisteredIntegration } from "./integrations/registry";

/** Inputs every integration takes, whatever its type. */
export interface CommonArgs {
  /** The Ops Manager project (group) id: 24 hexadecimal characters. Changing it replaces the integration. */
  groupId: pulumi.Input<string>;
  /**
   * Take over an integration of this type that already exists in the project (configured by hand or by another
   * tool) instead of failing. Off by default so that `up` never silently overwrites someone else's settings.
   */
  adoptExisting?: pulumi.Input<boolean>;
  /**
   * Change it (a date, a counter) to send the secrets again although they look unchanged: needed after rotating
   * a write-only secret such as Prometheus's password, which the server never shows and so cannot be compared.
   */
  secretVersion?: pulumi.Input<string | number>;
}

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * The arguments of {@link OpsManagerIntegration}: a union discriminated on `type`, derived from the registry, so a
 * field of another type or a missing required field is a compile error.
 */
export type OpsManagerIntegrationArgs = {
  [D in RegisteredIntegration as D["type"]]: CommonArgs & {
    /** The integration type; changing it replaces the integration. */
    type: D["type"];
  } & Inputs<FieldValues<D["fields"]>>;
}[IntegrationType];

/** The arguments of one type, e.g. `ArgsOf<"SLACK">`. */
export type ArgsOf<T extends IntegrationType> = Extract<OpsManagerIntegrationArgs, { type: T }>;
