import * as pulumi from "@pulumi/pulumi";
import { errorCodes, OpsManagerError } from "./errors";
import type { IntegrationType } from "./generated/args";
import { toView, type IntegrationView } from "./integration-view";
import { findIntegration, integrationTypes } from "./integrations/registry";
import { sessionOf, type Session, type SessionHolder } from "./session";

export type { IntegrationView };

/** The program's connection for lookups (stack config `opsmanager:*`, else `OPSMANAGER_*`), opened on first use. */
const program: SessionHolder = { readConfig: (key) => pulumi.runtime.getConfig(key) };
const programSession = () => sessionOf(program);

/**
 * The lookups' arguments come from programs (often from other stacks' outputs), unchecked by any `check`: refuse
 * anything but a project id and a registered type before a request is made, so no value can reshape the request
 * path (issue 15).
 */
function validGroupId(groupId: unknown): string {
  if (typeof groupId === "string" && /^[0-9a-fA-F]{24}$/.test(groupId)) return groupId;
  throw new OpsManagerError(`groupId must be an Ops Manager project id (24 hexadecimal characters), got ${shown(groupId)}`, { code: errorCodes.INVALID_ARGUMENT });
}

function validType(type: unknown): IntegrationType {
  const def = findIntegration(type);
  if (def) return def.type;
  throw new OpsManagerError(`type must be one of ${integrationTypes.join(", ")}, got ${shown(type)}`, { code: errorCodes.INVALID_ARGUMENT });
}

const shown = (v: unknown) => (typeof v === "string" ? (v.length > 40 ? `a ${v.length}-character string` : JSON.stringify(v)) : typeof v);

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
  const groupId = validGroupId(args.groupId);
  const type = validType(args.type);
  const entry = (await session.client.listIntegrations(groupId)).find((e) => e.type === type);
  return entry && toView(groupId, entry);
}

/** {@link listIntegrations} on a given connection. */
export async function lookUpIntegrations(session: Session, args: { groupId: unknown }): Promise<IntegrationView[]> {
  const groupId = validGroupId(args.groupId);
  const entries = await session.client.listIntegrations(groupId);
  return entries.map((e) => toView(groupId, e));
}
