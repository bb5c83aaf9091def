import type { IntegrationContext } from "../api-context";
import { parsePaging } from "../paging";
import { readIntegrationBody, validateFields } from "../validate";
import type { ApiResult } from "./api-result";
import { groupListing } from "./group-listing";

/**
 * `PUT /groups/{id}/integrations/{TYPE}`: upsert. The sent fields are merged over the stored ones (the merged result
 * must be valid; omitted fields, and null ones unless `nullOnPut` is `clears`, keep their stored value) or, when none is stored, must be valid alone. Every write gets a new server id. Answers 200 with
 * every integration of the group.
 */
export function putIntegration(ctx: IntegrationContext): ApiResult {
  const paging = parsePaging(ctx.query);
  const body = readIntegrationBody(ctx.rawBody, ctx.type);
  const existing = ctx.state.store.get(ctx.groupId, ctx.type);
  ctx.state.store.put(ctx.groupId, ctx.type, validateFields(ctx.def, body, existing?.fields, ctx.state.settings.nullOnPut));
  return { status: 200, body: groupListing(ctx, paging) };
}
