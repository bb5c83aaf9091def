import type { IntegrationType } from "../generated/args";
import { isNotConfigured } from "./get-integration";
import { integrationPath } from "./integration-path";
import { sendRequest, type Transport } from "./send-request";

/** DELETE; true when removed (200 or 204), false when it was already gone (404 INTEGRATION_NOT_CONFIGURED). */
export async function deleteIntegration(t: Transport, groupId: string, type: IntegrationType): Promise<boolean> {
  try {
    await sendRequest(t, { method: "DELETE", path: integrationPath(groupId, type) });
    return true;
  } catch (error) {
    if (isNotConfigured(error)) return false;
    throw error;
  }
}
