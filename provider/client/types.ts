import type { IntegrationType } from "../generated/args";

/** An integration as the server shows it: its `type`, its fields (secrets possibly masked) and its server `id`. */
export interface ServerIntegration {
  readonly type: IntegrationType;
  /** The server's own id; it changes on every update, so it is an output, never the resource id. */
  readonly id?: string;
  readonly [field: string]: unknown;
}

/** Everything a project holds: the integrations this package can manage, and the types it does not know. */
export interface GroupListing {
  readonly integrations: readonly ServerIntegration[];
  /** Types the server listed that this version does not know (a newer Ops Manager). */
  readonly unknownTypes: readonly string[];
}

/** The calls the provider makes; each resolves with the server's view or rejects with an ApiError. */
export interface OpsManagerClient {
  /** GET one integration; `undefined` when the server says it is not configured (404). */
  getIntegration(groupId: string, type: IntegrationType): Promise<ServerIntegration | undefined>;
  /**
   * One integration, taken from a list of its project that concurrent reads of that project share (see
   * ProjectReads); `undefined` when the project has none of that type. What refresh and the lookups use.
   */
  readIntegration(groupId: string, type: IntegrationType): Promise<ServerIntegration | undefined>;
  /** POST: creates, or rejects with ApiError code INTEGRATION_ALREADY_CONFIGURED (409) when one exists. */
  createIntegration(groupId: string, type: IntegrationType, fields: Record<string, unknown>): Promise<ServerIntegration>;
  /** PUT: upserts (changed fields merged) and returns the entry of that type. */
  putIntegration(groupId: string, type: IntegrationType, fields: Record<string, unknown>): Promise<ServerIntegration>;
  /** DELETE; resolves false when it was already gone (404). */
  deleteIntegration(groupId: string, type: IntegrationType): Promise<boolean>;
  /** Every integration of a group that this version manages, following all pages (shared like readIntegration). */
  listIntegrations(groupId: string): Promise<ServerIntegration[]>;
  /** Every integration of a group, the types this version does not know listed apart (exports; shared likewise). */
  listGroup(groupId: string): Promise<GroupListing>;
}
