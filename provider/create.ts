import type * as pulumi from "@pulumi/pulumi";
import { requestBody } from "./body";
import type { ServerIntegration } from "./client/types";
import { ApiError, errorCodes, OpsManagerError } from "./errors";
import { viewKey } from "./fingerprint";
import { describeAvailability } from "./integrations/availability";
import { outputs } from "./outputs";
import { resourceId, splitProps, type SplitProps } from "./props";
import { heldBeyond, sameAsServer } from "./reconcile";
import { serverUrl, type Session } from "./session";

/**
 * Creates the integration with one request. Without `adoptExisting` it POSTs, which fails with 409 when the
 * project already has one of this type: we never overwrite settings someone made outside this stack (one that
 * already holds exactly our values is ours, left by an interrupted run, and is taken). With it, a PUT (upsert)
 * takes the existing integration over, or creates it; fields it holds that the code does not set are then removed.
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
    if (err instanceof ApiError && err.errorCode === "INVALID_ENUM_VALUE" && err.detail?.includes(props.type)) {
      throw new ApiError({
        ...err.fields,
        message:
          `The server does not accept integration type ${props.type} (${err.status} ${err.errorCode}: ${err.detail}). ` +
          `${props.type} is documented for ${describeAvailability(props.def.documented)}. Set opsmanager:serverVersion ` +
          `to have preview check this before any request.`,
      });
    }
    if (err instanceof ApiError && props.def.createdInUiOnly && isCreateRefusal(err)) {
      throw new ApiError({ ...err.fields, message: connectInUiFirst(props.def.label, props.type, props.groupId, props.adoptExisting, err) });
    }
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
  if (props.adoptExisting) entry = await dropFieldsNotInCode(session, props, body, entry);
  return { id: resourceId(props.groupId, props.type), outs: outputs(props, props.fields, entry.id, serverUrl(session), viewKey(session.config.privateKey)) };
}

/**
 * An adopted integration may hold fields the code does not set (a routing key set by hand), and a PUT keeps what it
 * is not sent: delete it and create it again with exactly the code's fields. A failure in between leaves nothing in
 * state, which matches the server either way (create failed: the resource is not recorded).
 */
async function dropFieldsNotInCode(
  session: Session,
  props: SplitProps,
  body: Record<string, unknown>,
  entry: ServerIntegration,
): Promise<ServerIntegration> {
  const kept = heldBeyond(props.def, props.fields, entry);
  if (kept.length === 0) return entry;
  if (props.def.createdInUiOnly) {
    throw new OpsManagerError(
      `The adopted ${props.type} integration in project ${props.groupId} holds ${kept.join(", ")}, which this resource ` +
        `does not set, and a ${props.type} integration cannot be created again through the API. Set ${kept.join(", ")} ` +
        `in code, or clear it in the Ops Manager UI, then run up again.`,
      { code: errorCodes.FIELDS_KEPT_BY_SERVER },
    );
  }
  await session.client.deleteIntegration(props.groupId, props.type);
  return session.client.putIntegration(props.groupId, props.type, body);
}

function alreadyExists(groupId: string, type: string): string {
  return (
    `Project ${groupId} already has a ${type} integration that this resource does not manage (configured by hand, ` +
    `by another stack, or held by a resource this update deletes later). It was left unchanged. To manage it from ` +
    `this resource, set adoptExisting: true (the next up replaces its settings with yours), remove it in Ops Manager, ` +
    `or run the update that deletes the other resource first.`
  );
}

/** Why a UI-only type (Slack) cannot be created here, and the way to manage it anyway. */
function connectInUiFirst(label: string, type: string, groupId: string, adopting: boolean, err: ApiError): string {
  const said = `${err.status}${err.errorCode ? ` ${err.errorCode}` : ""}${err.detail ? `: ${err.detail}` : ""}`;
  return (
    `Ops Manager refused to create the ${type} integration of project ${groupId} (${said}). ${label} integrations must be ` +
    `connected first in the Ops Manager UI (the project's Integrations page), which the API cannot do; the API only ` +
    `reconfigures an existing one. Connect ${label} in the UI, then manage it with this resource and ` +
    `adoptExisting: true${adopting ? " (already set: the project has none to adopt yet)" : ""}.`
  );
}

/** Field errors name what to fix themselves; any other 400 to a UI-only type's create is the refusal (its code is undocumented). */
const FIELD_ERRORS = new Set(["MISSING_ATTRIBUTE", "INVALID_ATTRIBUTE", "INVALID_ENUM_VALUE", "INVALID_JSON"]);
function isCreateRefusal(err: ApiError): boolean {
  return err.status === 400 && !FIELD_ERRORS.has(err.errorCode ?? "");
}
