import type { IntegrationContext } from "../api-context";
import { apiError } from "../errors";
import type { ApiResult } from "./api-result";

/** `DELETE /groups/{id}/integrations/{TYPE}`: 204 No Content, or 404 INTEGRATION_NOT_CONFIGURED when absent. */
export function deleteIntegration(ctx: IntegrationContext): ApiResult {
  if (!ctx.state.store.remove(ctx.groupId, ctx.type)) throw apiError("INTEGRATION_NOT_CONFIGURED", [ctx.type]);
  return { status: 204 };
}
