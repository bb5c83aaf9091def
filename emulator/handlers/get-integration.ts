import type { IntegrationContext } from "../api-context";
import { apiError } from "../errors";
import { presentIntegration } from "../present";
import type { ApiResult } from "./api-result";

/** `GET /groups/{id}/integrations/{TYPE}`: the bare object, or 404 INTEGRATION_NOT_CONFIGURED. */
export function getIntegration(ctx: IntegrationContext): ApiResult {
  const stored = ctx.state.store.get(ctx.groupId, ctx.type);
  if (!stored) throw apiError("INTEGRATION_NOT_CONFIGURED", [ctx.type]);
  return { status: 200, body: presentIntegration(stored, ctx.state.config.findIntegration, ctx.state.settings.maskStyle, ctx.state.settings.webhookSecret) };
}
