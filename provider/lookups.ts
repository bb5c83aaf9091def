import * as pulumi from "@pulumi/pulumi";
import { errorCodes, OpsManagerError } from "./errors";
import type { IntegrationType } from "./generated/args";
import { toView, type IntegrationView } from "./integration-view";
import { findIntegration, integrationTypes } from "./integrations/registry";
import { sessionOf, type Session, type SessionHolder } from "./session";
import { GROUP_ID, groupIdReason, shown } from "./shown";

export type { IntegrationView };

/** The program's connection for lookups (stack config `opsmanager:*`, else `OPSMANAGER_*`), opened on first use. */
const program: SessionHolder = { readConfig: (key) => pulumi.runtime.getConfig(key) };
const programSession = () => sessionOf(program);

/** A lookup argument that is wrong: the argument's name and a sentence saying what is allowed. */
export interface ArgumentFailure {
  readonly property: "groupId" | "type";
  readonly reason: string;
}

/**
 * The lookups' arguments come from programs (often from other stacks' outputs), unchecked by any `check`: refuse
 * anything but a project id and a registered type before a request is made, so no value can reshape the request
 * path. The plugin returns these as CheckFailures; the program's lookups throw them.
 */
export function lookupFailures(args: { groupId?: unknown; type?: unknown }, withType: boolean): ArgumentFailure[] {
  const failures: ArgumentFailure[] = [];
  const { groupId, type } = args;
  if (typeof groupId !== "string" || !GROUP_ID.test(groupId)) failures.push({ property: "groupId", reason: groupIdReason(groupId) });
  if (withType && !findIntegration(type))
    failures.push({ property: "type", reason: `type must be one of ${integrationTypes.join(", ")}, got ${shown(type)}` });
  return failures;
}

function throwIfInvalid(args: { groupId?: unknown; type?: unknown }, withType: boolean): void {
  const [first] = lookupFailures(args, withType);
  if (first) throw new OpsManagerError(first.reason, { code: errorCodes.INVALID_ARGUMENT });
}

/**
 * Reads one integration of a project; undefined when the project has none of that type. Each lookup sends its own
 * list request, unlike refresh's reads (which reuse a per-project snapshot): a program reads what the server holds
 * now, and the writes that would drop a snapshot happen in the provider process, not here.
 */
export async function getIntegration(args: { groupId: string; type: IntegrationType }): Promise<IntegrationView | undefined> {
  return lookUpIntegration(programSession(), args);
}

/** Lists every integration of a project (all pages). */
export async function listIntegrations(args: { groupId: string }): Promise<IntegrationView[]> {
  return lookUpIntegrations(programSession(), args);
}

/** {@link getIntegration} on a given connection: the plugin's functions use the provider's own session. */
export async function lookUpIntegration(session: Session, args: { groupId: unknown; type: unknown }): Promise<IntegrationView | undefined> {
  throwIfInvalid(args, true);
  const groupId = args.groupId as string;
  const type = findIntegration(args.type)!.type;
  const entry = (await session.client.listIntegrations(groupId)).find((e) => e.type === type);
  return entry && toView(groupId, entry);
}

/** {@link listIntegrations} on a given connection. */
export async function lookUpIntegrations(session: Session, args: { groupId: unknown }): Promise<IntegrationView[]> {
  throwIfInvalid(args, false);
  const groupId = args.groupId as string;
  const entries = await session.client.listIntegrations(groupId);
  return entries.map((e) => toView(groupId, e));
}
