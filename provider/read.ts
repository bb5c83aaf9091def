import type * as pulumi from "@pulumi/pulumi";
import { outputs } from "./outputs";
import { parseResourceId, splitProps } from "./props";
import { reconcileFields } from "./reconcile";
import { serverUrl, type Session } from "./session";

/**
 * Refresh: what the server holds now, in state's terms. Gone on the server → an empty id, which removes the
 * resource from state (the next up recreates it). Drift shows as changed outputs and inputs, so `up` restores it.
 * Reads of one project that overlap in time cost one request together (client/project-reads.ts).
 */
export async function read(session: Session, id: string, stored: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
  const address = stored.type !== undefined ? stored : { ...parseResourceId(id) };
  if (address.type === undefined) throw new Error(`cannot read ${JSON.stringify(id)}: expected an id of the form {groupId}/{TYPE}`);
  const props = splitProps({ ...stored, ...address });
  // Taken from a list of the project shared with the reads of its other integrations that run at the same time.
  const server = await session.client.readIntegration(props.groupId, props.type);
  if (!server) return { id: "" };
  const outs = outputs(props, reconcileFields(props.def, props.fields, server), server.id, serverUrl(session), stored);
  const { integrationId: _id, endpoints: _endpoints, ...inputs } = outs;
  return { id, props: outs, inputs };
}
