import { splitProps } from "./props";
import type { Session } from "./session";

/** Deletes the integration; one that is already gone (deleted by hand, say) counts as deleted. */
export async function remove(session: Session, stored: Record<string, unknown>): Promise<void> {
  const props = splitProps(stored);
  await session.client.deleteIntegration(props.groupId, props.type);
}
