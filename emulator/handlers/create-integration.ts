import type { IntegrationContext } from "../api-context";
import { apiError } from "../errors";
import { parsePaging } from "../paging";
import { refuseUiOnlyCreate } from "../refuse-ui-only-create";
import { readIntegrationBody, validateFields } from "../validate";
import type { ApiResult } from "./api-result";
import { groupListing } from "./group-listing";

/**
 * `POST /groups/{id}/integrations/{TYPE}`: creates; 409 INTEGRATION_ALREADY_CONFIGURED when one exists (checked
 * after the body parses, before its fields are validated); a Slack is refused unless `slackCreate` allows it. Answers 200 with every integration of the group.
 */
export function createIntegration(ctx: IntegrationContext): ApiResult {
  const paging = parsePaging(ctx.query);
  const body = readIntegrationBody(ctx.rawBody, ctx.type);
  if (ctx.state.store.get(ctx.groupId, ctx.type)) throw apiError("INTEGRATION_ALREADY_CONFIGURED", [ctx.type]);
  refuseUiOnlyCreate(ctx);
  ctx.state.store.put(ctx.groupId, ctx.type, validateFields(ctx.def, body));
  return { status: 200, body: groupListing(ctx, paging) };
}
