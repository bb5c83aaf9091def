import type { FastifyRequest } from "fastify";
import type { IntegrationDefinition } from "../provider/integrations/define";
import { OWNER_ROLE } from "./defaults";
import type { EmulatorState } from "./emulator-state";
import { apiError } from "./errors";
import { profileAccepts } from "./profiles";
import { requestMeta } from "./request-meta";

/** What a group-level handler needs: no Fastify, so handlers stay plain functions. */
export interface GroupContext {
  readonly state: EmulatorState;
  readonly groupId: string;
  readonly query: Record<string, unknown>;
  /** The raw body text (parsed by the handler, after the route's checks). */
  readonly rawBody: unknown;
  /** Origin and path of the request, without query: the base of the `links` hrefs. */
  readonly baseHref: string;
}

/** What an integration-level handler needs on top: the path's type and its registry definition. */
export interface IntegrationContext extends GroupContext {
  readonly type: string;
  readonly def: IntegrationDefinition;
}

/** Whether a route reads or changes integrations; writes need GROUP_OWNER. */
export type Access = "read" | "write";

/**
 * The checks every group route makes, in Ops Manager's order: group id shape (404 INVALID_GROUP_ID), group exists
 * (404 GROUP_NOT_FOUND), the key is a member (401 NOT_IN_GROUP), the key's role allows a write (401
 * USER_UNAUTHORIZED, as issue 17 quotes Ops Manager's error table,
 * https://www.mongodb.com/docs/ops-manager/current/reference/api-error-codes/; the excerpt this project could read
 * ends before that row, so the status is unverified here and the detail text is a guess).
 */
export function groupContext(request: FastifyRequest, state: EmulatorState, access: Access): GroupContext {
  const { groupId } = request.params as { groupId: string };
  if (!/^[0-9a-f]{24}$/i.test(groupId)) throw apiError("INVALID_GROUP_ID", [groupId]);
  if (!state.store.hasGroup(groupId)) throw apiError("GROUP_NOT_FOUND", [groupId]);
  const roles = (requestMeta(request).key?.roles ?? []).filter((r) => r.groupId === groupId);
  if (roles.length === 0) throw apiError("NOT_IN_GROUP", [], { parameters: [groupId] });
  if (access === "write" && !roles.some((r) => r.roleName === OWNER_ROLE)) throw apiError("USER_UNAUTHORIZED", []);
  const path = (request.raw.url ?? request.url).split("?")[0] ?? "";
  return {
    state,
    groupId,
    query: (request.query ?? {}) as Record<string, unknown>,
    rawBody: request.body,
    baseHref: `${request.protocol}://${request.host}${path}`,
  };
}

/**
 * {@link groupContext} plus the path's type, which must be registered and accepted by the emulator's profile
 * (else 400 INVALID_ENUM_VALUE).
 */
export function integrationContext(request: FastifyRequest, state: EmulatorState, access: Access): IntegrationContext {
  const group = groupContext(request, state, access);
  const { type } = request.params as { type: string };
  const def = state.config.findIntegration(type);
  if (!def || !profileAccepts(state.settings.profile, def, state.settings.bodyOnlyTypes)) throw apiError("INVALID_ENUM_VALUE", [type]);
  return { ...group, type, def };
}
