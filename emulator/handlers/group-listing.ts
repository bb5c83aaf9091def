import type { GroupContext } from "../api-context";
import { pageOf, type ListBody, type Paging } from "../paging";
import { presentIntegration, type IntegrationView } from "../present";

/**
 * Every integration of the group as the server shows them, paged: the list answer, and also what POST and PUT
 * answer with (clients pick the entry whose `type` they sent).
 */
export function groupListing(ctx: GroupContext, paging: Paging): ListBody<IntegrationView> {
  const { store, config, settings } = ctx.state;
  const views = store.list(ctx.groupId).map((s) => presentIntegration(s, config.findIntegration, settings.maskStyle, settings.webhookSecret));
  return pageOf(views, paging, ctx.baseHref);
}
