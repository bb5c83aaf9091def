import type { IntegrationType, OpsManagerIntegrationArgs } from "./generated/args";

export type { CommonArgs, OpsManagerIntegrationArgs } from "./generated/args";

/** The arguments of one type, e.g. `ArgsOf<"SLACK">`. */
export type ArgsOf<T extends IntegrationType> = Extract<OpsManagerIntegrationArgs, { type: T }>;
