import type { IntegrationContext } from "../api-context";
import { parsePaging } from "../paging";
import { refuseUiOnlyCreate } from "../refuse-ui-only-create";
import { readIntegrationBody, validateFields } from "../validate";
import type { ApiResult } from "./api-result";
import { groupListing } from "./group-listing";

/**
 * `PUT /groups/{id}/integrations/{TYPE}`: upsert. The sent fields are merged over the stored ones (the merged result
 * must be valid; omitted fields, and null ones unless `nullOnPut` is `clears`, keep their stored value) or, when none is stored, must be valid alone. Every write gets a new server id. Answers 200 with
 * every integration of the group. Creating a Slack this way is refused like a POST (see refuse-ui-only-create.ts).
 */
export function putIntegration(ctx: IntegrationContext): ApiResult {
  const paging = parsePaging(ctx.query);
  const body = readIntegrationBody(ctx.rawBody, ctx.type);
  const existing = ctx.state.store.get(ctx.groupId, ctx.type);
  if (!existing) refuseUiOnlyCreate(ctx);
  const fields = validateFields(ctx.def, body, existing?.fields, ctx.state.settings.nullOnPut);
  // A legacy Slack integration (stored without teamName: "teamName ... may not be present with a legacy Slack
  // integration", https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-get-one/)
  // is only upgraded in the UI, so a PUT reconfigures it and it still shows no teamName.
  if (ctx.type === "SLACK" && existing && existing.fields.teamName === undefined) delete fields.teamName;
  ctx.state.store.put(ctx.groupId, ctx.type, fields);
  return { status: 200, body: groupListing(ctx, paging) };
}
