import type { Access, GroupContext, IntegrationContext } from "../api-context";
import { apiError } from "../errors";
import { pageOf, parsePaging, type ListBody, type Paging } from "../paging";
import { presentIntegration, type PresentedIntegration } from "../present";
import { readIntegrationBody, validateFields } from "../validate";

/** What an API handler returns; the route runner sends it (with `pretty`/`envelope` applied). */
export interface ApiResult {
  readonly status: number;
  /** Absent for a body-less answer (204). */
  readonly body?: unknown;
}

/** One emulated API route: where it is, what it needs, and the plain function that answers it. */
export type ApiRoute = { readonly method: "GET" | "POST" | "PUT" | "DELETE"; readonly url: string; readonly access: Access } & (
  | { readonly scope: "group"; readonly handler: (ctx: GroupContext) => ApiResult }
  | { readonly scope: "integration"; readonly handler: (ctx: IntegrationContext) => ApiResult }
);

/**
 * Every integration of the group as the server shows them, paged: the list answer, and also what POST and PUT
 * answer with (clients pick the entry whose `type` they sent).
 */
function groupListing(ctx: GroupContext, paging: Paging): ListBody<PresentedIntegration> {
  const { store, config, settings } = ctx.state;
  const views = store.list(ctx.groupId).map((s) => presentIntegration(s, config.findIntegration, settings.maskStyle, settings.webhookSecret));
  return pageOf(views, paging, ctx.baseHref);
}

/**
 * Refuses to create, through the API, a type the docs say must first be configured in the UI (Slack: "must be
 * initially configured, or updated from a legacy integration, through the ... third-party service integrations
 * page", https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-create/),
 * unless the `slackCreate` setting is `allow`. The docs name no error for this: the status and code are a guess
 * (the integrations' validation error, INTEGRATION_FIELDS_INVALID 400), the detail repeats the docs' sentence.
 */
function refuseUiOnlyCreate(ctx: IntegrationContext): void {
  if (!ctx.def.createdInUiOnly || ctx.state.settings.slackCreate === "allow") return;
  throw apiError(
    "INTEGRATION_FIELDS_INVALID",
    [`${ctx.type} integrations must be initially configured through the third-party service integrations page; the API only reconfigures an existing one.`],
    { parameters: ["type"] },
  );
}

/**
 * `POST` (create) and `PUT` (upsert) of `/groups/{id}/integrations/{TYPE}`: one function, as they differ in one
 * line. POST answers 409 INTEGRATION_ALREADY_CONFIGURED when one exists (checked after the body parses, before its
 * fields are validated). PUT merges the sent fields over the stored ones when `putSemantics` is `merge` (the merged
 * result must be valid; omitted fields, and null ones unless `nullOnPut` is `clears`, keep their stored value), and
 * stores exactly the sent fields when it is `replace` (settings.ts cites both pages). With nothing stored, either one
 * creates, and a Slack is refused unless `slackCreate` allows it. Every write gets a new server id. Both answer 200
 * with every integration of the group.
 */
function writeIntegration(method: "POST" | "PUT") {
  return (ctx: IntegrationContext): ApiResult => {
    const paging = parsePaging(ctx.query);
    const body = readIntegrationBody(ctx.rawBody, ctx.type);
    const existing = ctx.state.store.get(ctx.groupId, ctx.type);
    if (existing && method === "POST") throw apiError("INTEGRATION_ALREADY_CONFIGURED", [ctx.type]);
    if (!existing) refuseUiOnlyCreate(ctx);
    // A replacing PUT (putSemantics, settings.ts) validates and stores the body alone; a merging one merges it over
    // what is stored.
    const base = method === "PUT" && ctx.state.settings.putSemantics === "replace" ? undefined : existing?.fields;
    const fields = validateFields(ctx.def, body, base, ctx.state.settings.nullOnPut);
    // A legacy Slack integration (stored without teamName: "teamName ... may not be present with a legacy Slack
    // integration", https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-get-one/)
    // is only upgraded in the UI, so a PUT reconfigures it and it still shows no teamName. The registry marks such
    // fields mayBeOmitted.
    for (const [name, spec] of Object.entries(ctx.def.fields))
      if (spec.mayBeOmitted && existing && existing.fields[name] === undefined) delete fields[name];
    ctx.state.store.put(ctx.groupId, ctx.type, fields);
    return { status: 200, body: groupListing(ctx, paging) };
  };
}

/** `GET /groups/{id}/integrations`: `{links, results, totalCount}`, paged. */
function listIntegrations(ctx: GroupContext): ApiResult {
  return { status: 200, body: groupListing(ctx, parsePaging(ctx.query)) };
}

/** `GET /groups/{id}/integrations/{TYPE}`: the bare object, or 404 INTEGRATION_NOT_CONFIGURED. */
function showIntegration(ctx: IntegrationContext): ApiResult {
  const stored = ctx.state.store.get(ctx.groupId, ctx.type);
  if (!stored) throw apiError("INTEGRATION_NOT_CONFIGURED", [ctx.type]);
  const { config, settings } = ctx.state;
  return { status: 200, body: presentIntegration(stored, config.findIntegration, settings.maskStyle, settings.webhookSecret) };
}

/** `DELETE /groups/{id}/integrations/{TYPE}`: 204 No Content, or 404 INTEGRATION_NOT_CONFIGURED when absent. */
function deleteIntegration(ctx: IntegrationContext): ApiResult {
  if (!ctx.state.store.remove(ctx.groupId, ctx.type)) throw apiError("INTEGRATION_NOT_CONFIGURED", [ctx.type]);
  return { status: 204 };
}

/** The integrations API, relative to `/api/public/v1.0`. Adding an endpoint is one row and one function above. */
export const integrationRoutes: readonly ApiRoute[] = [
  { method: "GET", url: "/groups/:groupId/integrations", access: "read", scope: "group", handler: listIntegrations },
  { method: "GET", url: "/groups/:groupId/integrations/:type", access: "read", scope: "integration", handler: showIntegration },
  { method: "POST", url: "/groups/:groupId/integrations/:type", access: "write", scope: "integration", handler: writeIntegration("POST") },
  { method: "PUT", url: "/groups/:groupId/integrations/:type", access: "write", scope: "integration", handler: writeIntegration("PUT") },
  { method: "DELETE", url: "/groups/:groupId/integrations/:type", access: "write", scope: "integration", handler: deleteIntegration },
];
