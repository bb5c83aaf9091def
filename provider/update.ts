import type * as pulumi from "@pulumi/pulumi";
import { requestBody } from "./body";
import { errorCodes, OpsManagerError } from "./errors";
import { outputs } from "./outputs";
import { resourceId, splitProps } from "./props";
import { heldBeyond, reconcileFields } from "./reconcile";
import { serverUrl, type Session } from "./session";

/**
 * Sends the new inputs with one PUT (fields removed since the last update that have a documented default are sent
 * with it; `diff` replaces the integration for any other removal). The PUT's answer is checked: when the server
 * still holds a field the code does not set (set outside code since the last refresh, or kept by a server that
 * ignores what it is not sent), the update fails with state recording what the server holds, so state matches the
 * server and the next `up` replaces the integration to remove that field.
 */
export async function update(
  session: Session,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult> {
  const props = splitProps(news);
  const previous = splitProps(olds).fields;
  const entry = await session.client.putIntegration(props.groupId, props.type, requestBody(props.def, props.fields, previous));
  const kept = heldBeyond(props.def, props.fields, entry);
  if (kept.length > 0) {
    const held = reconcileFields(props.def, { ...previous, ...props.fields }, entry);
    // Pulumi records `properties` as the resource's new state when an update fails with an id (a partial update).
    throw Object.assign(
      new OpsManagerError(
        `The server still holds ${kept.join(", ")} of the ${props.type} integration in project ${props.groupId}, which ` +
          `this resource no longer sets (a PUT updates only the fields it is sent). The other changes were applied and ` +
          `state now records what the server holds; run \`pulumi up\` again: it replaces the integration (delete, then ` +
          `create with exactly the fields in code) to remove ${kept.join(", ")}.`,
        { code: errorCodes.FIELDS_KEPT_BY_SERVER },
      ),
      { id: resourceId(props.groupId, props.type), properties: outputs(props, held, entry.id, serverUrl(session), olds), reasons: [] },
    );
  }
  return { outs: outputs(props, props.fields, entry.id, serverUrl(session), olds) };
}
