import type * as pulumi from "@pulumi/pulumi";
import { requestBody } from "./body";
import { ApiError } from "./errors";
import { viewKey } from "./fingerprint";
import { outputs } from "./outputs";
import { resourceId, splitProps } from "./props";
import { sameAsServer } from "./reconcile";
import { serverUrl, type Session } from "./session";

/**
 * Creates the integration with one request. Without `adoptExisting` it POSTs, which fails with 409 when the
 * project already has one of this type: we never overwrite settings someone made outside this stack (one that
 * already holds exactly our values is ours, left by an interrupted run, and is taken). With it, a PUT (upsert)
 * takes the existing integration over, or creates it.
 */
export async function create(session: Session, inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const props = splitProps(inputs);
  const { client } = session;
  const body = requestBody(props.def, props.fields);
  let entry;
  try {
    entry = props.adoptExisting
      ? await client.putIntegration(props.groupId, props.type, body)
      : await client.createIntegration(props.groupId, props.type, body);
  } catch (err) {
    if (!(err instanceof ApiError) || !(err.maybeApplied || err.errorCode === "INTEGRATION_ALREADY_CONFIGURED")) throw err;
    // Look instead of guessing. An integration holding exactly our values is ours: written by a run killed before
    // it could record it, or by a POST whose answer was lost or that arrived late. Take it (a PUT also sends the
    // write-only fields no read can check). Nothing there after a lost answer: the POST was not applied; upsert.
    // If even the look fails, the write's own error says more than the read's.
    const found = await client.getIntegration(props.groupId, props.type).catch(() => Promise.reject(err));
    if (found ? sameAsServer(props.def, props.fields, found) : err.maybeApplied) {
      entry = await client.putIntegration(props.groupId, props.type, body);
    } else if (err.errorCode === "INTEGRATION_ALREADY_CONFIGURED") {
      throw new ApiError({ ...err.fields, message: alreadyExists(props.groupId, props.type) });
    } else {
      throw err;
    }
  }
  return { id: resourceId(props.groupId, props.type), outs: outputs(props, props.fields, entry.id, serverUrl(session), viewKey(session.config.privateKey)) };
}

function alreadyExists(groupId: string, type: string): string {
  return (
    `Project ${groupId} already has a ${type} integration that this resource does not manage (configured by hand, ` +
    `by another stack, or held by a resource this update deletes later). It was left unchanged. To manage it from ` +
    `this resource, set adoptExisting: true (the next up replaces its settings with yours), remove it in Ops Manager, ` +
    `or run the update that deletes the other resource first.`
  );
}
