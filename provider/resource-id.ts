import { findIntegration, type IntegrationType } from "./integrations/registry";

/** The resource id: one integration per (project, type), so `{groupId}/{TYPE}`. */
export function resourceId(groupId: string, type: string): string {
  return `${groupId}/${type}`;
}

/** Parses `{groupId}/{TYPE}`, and Terraform's `{groupId}-{TYPE}` for people migrating from it. */
export function parseResourceId(id: string): { groupId: string; type: IntegrationType } | undefined {
  const m = /^([0-9a-fA-F]{24})[/-]([A-Z_]+)$/.exec(id);
  const def = m && findIntegration(m[2]);
  return m?.[1] && def ? { groupId: m[1], type: def.type } : undefined;
}
