import { z } from "zod";
import type { EmulatorState } from "../emulator-state";
import { apiError } from "../errors";
import { faultRuleSchema } from "../faults";
import { apiKeySchema, groupIdSchema, serviceAccountSchema } from "../options";
import { seedIntegration } from "../seed";
import { settingsPatchSchema } from "../settings";

/** What a control handler gets. */
export interface ControlContext {
  readonly state: EmulatorState;
  readonly params: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
}

/** What a control handler returns (204 when there is no body). */
export interface ControlResult {
  readonly status: number;
  readonly body?: unknown;
}

/** One control-plane route, relative to `/__emulator`. */
export interface ControlRoute {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly url: string;
  readonly handler: (ctx: ControlContext) => ControlResult;
}

/** Parses a control body with a schema; a failure is 400 EMULATOR_BAD_REQUEST naming the field. */
function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw apiError("EMULATOR_BAD_REQUEST", [`${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`]);
}

const ok = (body?: unknown): ControlResult => (body === undefined ? { status: 204 } : { status: 200, body });
const found = (removed: boolean, what: string): ControlResult => (removed ? ok() : { status: 404, body: apiError("EMULATOR_NOT_FOUND", [what]).toBody() });
const flag = (v: unknown) => v === "true" || v === "1";
const clientIdOf = (query: Record<string, unknown>) => (typeof query.clientId === "string" ? query.clientId : undefined);

/** The control plane: reset, raw state, writes behind the API's back, groups, keys, service accounts and tokens, faults, settings, request log. */
export const controlRoutes: readonly ControlRoute[] = [
  { method: "POST", url: "/reset", handler: ({ state }) => (state.reset(), ok()) },
  { method: "GET", url: "/state", handler: ({ state }) => ok(state.store.snapshot()) },
  {
    method: "GET",
    url: "/groups/:groupId/integrations",
    handler: ({ state, params }) => {
      if (!state.store.hasGroup(params.groupId!)) throw apiError("GROUP_NOT_FOUND", [params.groupId!]);
      return ok(state.store.list(params.groupId!));
    },
  },
  {
    method: "PUT",
    url: "/groups/:groupId/integrations/:type",
    handler: ({ state, params, query, body }) =>
      ok(seedIntegration(state, params.groupId!, params.type!, body, { unvalidated: flag(query.unvalidated) })),
  },
  {
    method: "PATCH",
    url: "/groups/:groupId/integrations/:type",
    handler: ({ state, params, query, body }) =>
      ok(seedIntegration(state, params.groupId!, params.type!, body, { unvalidated: flag(query.unvalidated), merge: true })),
  },
  {
    method: "DELETE",
    url: "/groups/:groupId/integrations/:type",
    handler: ({ state, params }) => found(state.store.remove(params.groupId!, params.type!), `Integration ${params.type}`),
  },
  {
    method: "PUT",
    url: "/groups/:groupId",
    handler: ({ state, params }) => (state.store.addGroup(parse(groupIdSchema, params.groupId)), ok()),
  },
  { method: "DELETE", url: "/groups/:groupId", handler: ({ state, params }) => found(state.store.removeGroup(params.groupId!), `Group ${params.groupId}`) },
  {
    method: "PUT",
    url: "/keys/:publicKey",
    handler: ({ state, params, body }) => {
      const key = parse(apiKeySchema, { roles: [], ...(body as object), publicKey: params.publicKey });
      key.roles.forEach((r) => state.store.addGroup(r.groupId));
      state.store.putKey(key);
      return ok(key);
    },
  },
  { method: "DELETE", url: "/keys/:publicKey", handler: ({ state, params }) => found(state.store.removeKey(params.publicKey!), `Key ${params.publicKey}`) },
  {
    method: "PUT",
    url: "/service-accounts/:clientId",
    handler: ({ state, params, body }) => {
      const account = parse(serviceAccountSchema, { roles: [], ...(body as object), clientId: params.clientId });
      account.roles.forEach((r) => state.store.addGroup(r.groupId));
      state.tokens.putAccount(account);
      return ok({ clientId: account.clientId, roles: account.roles });
    },
  },
  {
    method: "DELETE",
    url: "/service-accounts/:clientId",
    handler: ({ state, params }) => found(state.tokens.removeAccount(params.clientId!), `Service account ${params.clientId}`),
  },
  /** Issued tokens without their values; `POST /tokens/expire` and `/tokens/revoke` end them (`?clientId=` for one account's). */
  { method: "GET", url: "/tokens", handler: ({ state }) => ok(state.tokens.list()) },
  { method: "POST", url: "/tokens/expire", handler: ({ state, query }) => ok({ expired: state.tokens.expireAll(clientIdOf(query)) }) },
  { method: "POST", url: "/tokens/revoke", handler: ({ state, query }) => ok({ revoked: state.tokens.revokeAll(clientIdOf(query)) }) },
  { method: "GET", url: "/faults", handler: ({ state }) => ok(state.faults.list()) },
  { method: "POST", url: "/faults", handler: ({ state, body }) => (state.faults.add(parse(faultRuleSchema, body)), { status: 201, body: state.faults.list() }) },
  { method: "DELETE", url: "/faults", handler: ({ state }) => (state.faults.clear(), ok()) },
  { method: "GET", url: "/settings", handler: ({ state }) => ok(state.settings) },
  { method: "PATCH", url: "/settings", handler: ({ state, body }) => ok(Object.assign(state.settings, parse(settingsPatchSchema, body))) },
  { method: "GET", url: "/requests", handler: ({ state }) => ok(state.log.list()) },
  { method: "DELETE", url: "/requests", handler: ({ state }) => (state.log.clear(), ok()) },
];
