import type * as pulumi from "@pulumi/pulumi";
import { requestBody } from "./body";
import { viewKey } from "./fingerprint";
import { outputs, storedFields } from "./outputs";
import { splitProps } from "./props";
import { serverUrl, type Session } from "./session";

/** Sends the new inputs with one PUT; fields removed since the last update are cleared explicitly. */
export async function update(
  session: Session,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult> {
  const props = splitProps(news);
  const previous = splitProps(storedFields(olds)).fields;
  const entry = await session.client.putIntegration(props.groupId, props.type, requestBody(props.def, props.fields, previous));
  return { outs: outputs(props, props.fields, entry.id, serverUrl(session), viewKey(session.config.privateKey)) };
}
