import type * as pulumi from "@pulumi/pulumi";
import type { CommonArgs, IntegrationType, OpsManagerIntegrationArgs } from "../../../provider/generated/args";
import type { FieldValues } from "../../../provider/integrations/define";
import type { IntegrationType as RegisteredType, RegisteredIntegration } from "../../../provider/integrations/registry";

// Compile-time checks of the generated argument types (not a mocha spec: `npm run typecheck`, run before the tests
// by `npm test`, checks this file). These declarations are the test: typecheck fails if a line marked
// "expect-error" compiles, i.e. if the union ever stops rejecting a field of another type or a missing field.
const group = "5f0000000000000000000001";
export const valid: OpsManagerIntegrationArgs[] = [
  { groupId: group, type: "SLACK", apiToken: "t", teamName: "ops" },
  { groupId: group, type: "SLACK", apiToken: "t", teamName: "ops", channelName: "alerts", adoptExisting: true },
  { groupId: group, type: "DATADOG", apiKey: "k", region: "EU" },
  { groupId: group, type: "WEBHOOK", url: "https://h/x" },
];
export const invalid: OpsManagerIntegrationArgs[] = [
  // @ts-expect-error roomName belongs to HIP_CHAT
  { groupId: group, type: "SLACK", apiToken: "t", teamName: "ops", roomName: "r" },
  // @ts-expect-error teamName is required for SLACK
  { groupId: group, type: "SLACK", apiToken: "t" },
  // @ts-expect-error DATADOG regions are US and EU
  { groupId: group, type: "DATADOG", apiKey: "k", region: "ASIA" },
  // @ts-expect-error not a registered type
  { groupId: group, type: "TEAMS", apiKey: "k" },
  // @ts-expect-error groupId is required
  { type: "PAGER_DUTY", serviceKey: "k" },
];

// The public types are generated as plain TypeScript (zod's declarations break Pulumi's default tsconfig); these
// lines prove they are exactly the types the registry's zod schemas infer, so the registry stays the one source.
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Inferred<T> = Extract<RegisteredIntegration, { type: T }> extends infer D extends RegisteredIntegration
  ? { type: D["type"] } & FieldValues<D["fields"]>
  : never;
type AsInputs<O> = { [K in keyof O]: K extends "type" ? O[K] : pulumi.Input<NonNullable<O[K]>> };
type Generated<T> = Omit<Extract<OpsManagerIntegrationArgs, { type: T }>, keyof CommonArgs>;
type Flat<O> = { [K in keyof O]: O[K] };
type PerType = { [T in IntegrationType]: Equals<Flat<Generated<T>>, Flat<AsInputs<Inferred<T>>>> };
export const sameTypes: Equals<RegisteredType, IntegrationType> = true;
export const sameFields: false extends PerType[IntegrationType] ? false : true = true;
