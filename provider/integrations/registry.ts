import type { IntegrationDefinition } from "./define";
import { datadog } from "./datadog";
import { flowdock } from "./flowdock";
import { hipChat } from "./hip-chat";
import { microsoftTeams } from "./microsoft-teams";
import { newRelic } from "./new-relic";
import { opsGenie } from "./ops-genie";
import { pagerDuty } from "./pager-duty";
import { prometheus } from "./prometheus";
import { slack } from "./slack";
import { victorOps } from "./victor-ops";
import { webhook } from "./webhook";

/**
 * THE list of integration types. Adding a type is one file in this folder plus one line here: the resource's
 * input types, `check`, the emulator, the README table and the conformance suite are all derived from it.
 */
export const integrations = [
  datadog,
  hipChat,
  pagerDuty,
  slack,
  newRelic,
  opsGenie,
  victorOps,
  flowdock,
  webhook,
  microsoftTeams,
  prometheus,
] as const;

/** One registered definition, as a union so each type keeps its own field types. */
export type RegisteredIntegration = (typeof integrations)[number];

/**
 * The wire tag of every registered type: "DATADOG" | "HIP_CHAT" | .... The public twin in generated/args.ts is
 * rendered from this list, and tests/provider/generated/args.test-d.ts proves the two are the same type (checked by `npm run typecheck`).
 */
export type IntegrationType = RegisteredIntegration["type"];

/** A registered definition seen through its general shape, for code that handles every type alike. */
export type AnyIntegration = IntegrationDefinition<IntegrationType>;

/** The registry, typed for code that handles every type alike. */
export const definitions: readonly AnyIntegration[] = integrations;

/** The registered wire tags, in registry order. */
export const integrationTypes: readonly IntegrationType[] = integrations.map((d) => d.type);

/** The definition for a wire tag, or undefined for a type this version does not know. */
export function findIntegration(type: unknown): AnyIntegration | undefined {
  return definitions.find((d) => d.type === type);
}

/** A wire tag in PascalCase (PAGER_DUTY → PagerDuty): the name generated code gives the type (args types, SDK enums). */
export function pascalName(type: string): string {
  return type.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
