import type * as pulumi from "@pulumi/pulumi";
import { viewKey } from "./fingerprint";
import { outputs, storedFields } from "./outputs";
import { parseResourceId, splitProps } from "./props";
import { reconcileFields } from "./reconcile";
import { serverUrl, type Session } from "./session";

/**
 * Refresh: what the server holds now, in state's terms. Gone on the server → an empty id, which removes the
 * resource from state (the next up recreates it). Drift shows as changed outputs, so `up` restores it.
 * Reads of one project that overlap in time cost one request together (client/project-reads.ts).
 *
 * No `inputs` are returned, so the engine keeps the stored ones: they hold the resource's fingerprint key, which
 * `read` never sees (it is not an output) and which the next diff needs to compare secrets.
 */
export async function read(session: Session, id: string, stored: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
  const address = stored.type !== undefined ? stored : { ...parseResourceId(id) };
  if (address.type === undefined) throw new Error(`cannot read ${JSON.stringify(id)}: expected an id of the form {groupId}/{TYPE}`);
  const props = splitProps({ ...storedFields(stored), ...address });
  // Taken from a list of the project shared with the reads of its other integrations that run at the same time.
  const server = await session.client.readIntegration(props.groupId, props.type);
  if (!server) return { id: "" };
  const key = viewKey(session.config.privateKey);
  const fields = reconcileFields(props.def, props.fields, server, { groupId: props.groupId, viewKey: key });
  return { id, props: outputs(props, fields, server.id, serverUrl(session), key) };
}
