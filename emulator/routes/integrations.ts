import type { Access, GroupContext, IntegrationContext } from "../api-context";
import { createIntegration } from "../handlers/create-integration";
import { deleteIntegration } from "../handlers/delete-integration";
import { getIntegration } from "../handlers/get-integration";
import type { ApiResult } from "../handlers/api-result";
import { listIntegrations } from "../handlers/list-integrations";
import { putIntegration } from "../handlers/put-integration";

/** One emulated API route: where it is, what it needs, and the plain function that answers it. */
export type ApiRoute = { readonly method: "GET" | "POST" | "PUT" | "DELETE"; readonly url: string; readonly access: Access } & (
  | { readonly scope: "group"; readonly handler: (ctx: GroupContext) => ApiResult }
  | { readonly scope: "integration"; readonly handler: (ctx: IntegrationContext) => ApiResult }
);

/** The integrations API, relative to `/api/public/v1.0`. Adding an endpoint is one row and one handler file. */
export const integrationRoutes: readonly ApiRoute[] = [
  { method: "GET", url: "/groups/:groupId/integrations", access: "read", scope: "group", handler: listIntegrations },
  { method: "GET", url: "/groups/:groupId/integrations/:type", access: "read", scope: "integration", handler: getIntegration },
  { method: "POST", url: "/groups/:groupId/integrations/:type", access: "write", scope: "integration", handler: createIntegration },
  { method: "PUT", url: "/groups/:groupId/integrations/:type", access: "write", scope: "integration", handler: putIntegration },
  { method: "DELETE", url: "/groups/:groupId/integrations/:type", access: "write", scope: "integration", handler: deleteIntegration },
];
