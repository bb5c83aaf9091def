import type { GroupContext } from "../api-context";
import { parsePaging } from "../paging";
import type { ApiResult } from "./api-result";
import { groupListing } from "./group-listing";

/** `GET /groups/{id}/integrations`: `{links, results, totalCount}`, paged. */
export function listIntegrations(ctx: GroupContext): ApiResult {
  return { status: 200, body: groupListing(ctx, parsePaging(ctx.query)) };
}
