import * as pulumi from "@pulumi/pulumi";
import type { IntegrationType } from "./generated/args";
import { toView, type IntegrationView } from "./integration-view";
import { sessionOf, type SessionHolder } from "./session";

export type { IntegrationView };

/** The program's connection for lookups (stack config `opsmanager:*`, else `OPSMANAGER_*`), opened on first use. */
const program: SessionHolder = { readConfig: (key) => pulumi.runtime.getConfig(key) };
const programSession = () => sessionOf(program);

/**
 * Reads one integration of a project; undefined when the project has none of that type. Lookups of one project
 * made at the same time share one list request, like refresh's reads.
 */
export async function getIntegration(args: { groupId: string; type: IntegrationType }): Promise<IntegrationView | undefined> {
  const entry = await programSession().client.readIntegration(args.groupId, args.type);
  return entry && toView(args.groupId, entry);
}

/** Lists every integration of a project (all pages). */
export async function listIntegrations(args: { groupId: string }): Promise<IntegrationView[]> {
  const entries = await programSession().client.listIntegrations(args.groupId);
  return entries.map((e) => toView(args.groupId, e));
}
