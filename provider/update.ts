import type * as pulumi from "@pulumi/pulumi";
import { requestBody } from "./body";
import { errorCodes, OpsManagerError } from "./errors";
import { viewKey } from "./fingerprint";
import { outputs, storedFields } from "./outputs";
import { splitProps } from "./props";
import { heldBeyond } from "./reconcile";
import { serverUrl, type Session } from "./session";

/**
 * Sends the new inputs with one PUT (fields removed since the last update that have a documented default are sent
 * with it; `diff` replaces the integration for any other removal). The PUT's answer is checked: when the server
 * still holds a field the code does not set (set by hand since the last refresh; a PUT keeps what it is not sent),
 * the integration is deleted and created again with exactly the code's fields, in this same update.
 *
 * If that fails midway the error says so and state keeps the previous outputs; the next `up` converges either way
 * (the PUT upserts an integration the failed create left missing), and `refresh` shows what the server holds.
 */
export async function update(
  session: Session,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult> {
  const props = splitProps(news);
  const previous = splitProps(storedFields(olds)).fields;
  const body = requestBody(props.def, props.fields, previous);
  let entry = await session.client.putIntegration(props.groupId, props.type, body);
  const kept = heldBeyond(props.def, props.fields, entry);
  if (kept.length > 0) {
    const where = `the ${props.type} integration of project ${props.groupId}`;
    if (props.def.createdInUiOnly) {
      throw new OpsManagerError(
        `The server still holds ${kept.join(", ")} of ${where}, which this resource does not set, and a ` +
          `${props.type} integration cannot be created again through the API. Set it in code or clear it in the ` +
          `Ops Manager UI, then run up again.`,
        { code: errorCodes.FIELDS_KEPT_BY_SERVER },
      );
    }
    try {
      await session.client.deleteIntegration(props.groupId, props.type);
      entry = await session.client.putIntegration(props.groupId, props.type, body);
    } catch (err) {
      throw new OpsManagerError(
        `The server kept ${kept.join(", ")} of ${where} after the update (a PUT keeps what it is not sent), and ` +
          `deleting and re-creating it with exactly the fields in code failed midway: ${String((err as Error)?.message ?? err)} ` +
          `Run \`pulumi up\` again (it upserts the integration), or \`pulumi refresh\` to see what the server holds.`,
        { code: errorCodes.FIELDS_KEPT_BY_SERVER, cause: err },
      );
    }
  }
  return { outs: outputs(props, props.fields, entry.id, serverUrl(session), viewKey(session.config.privateKey)) };
}
