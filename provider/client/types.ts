/** An integration as the server shows it: its `type`, its fields (secrets possibly masked) and its server `id`. */
export interface ServerIntegration {
  readonly type: string;
  /** The server's own id; it changes on every update, so it is an output, never the resource id. */
  readonly id?: string;
  readonly [field: string]: unknown;
}

/** Everything a project holds: the integrations of the caller's known types, and the other types apart. */
export interface GroupListing {
  readonly integrations: readonly ServerIntegration[];
  /** Types the server listed that the caller does not know (a newer Ops Manager); see ClientOptions.knownTypes. */
  readonly unknownTypes: readonly string[];
}

/**
 * What a POST or PUT sends: the body exactly as it goes on the wire (the caller, who knows the integration types,
 * builds it, `type` included), and the values in it that must never appear in an error or a log.
 */
export interface WriteRequest {
  readonly body: Record<string, unknown>;
  readonly secrets: readonly string[];
}

/** The calls the provider makes; each resolves with the server's view or rejects with an ApiError. */
export interface OpsManagerClient {
  /** GET one integration; `undefined` when the server says it is not configured (404). */
  fetchIntegration(groupId: string, type: string): Promise<ServerIntegration | undefined>;
  /**
   * One integration, taken from a list of its project that later reads of that project reuse until this client
   * writes to it or the list is `readSnapshotMs` old (see ProjectReads); `undefined` when the project has none of
   * that type. What refresh uses.
   */
  readIntegration(groupId: string, type: string): Promise<ServerIntegration | undefined>;
  /** POST: creates, or rejects with ApiError code INTEGRATION_ALREADY_CONFIGURED (409) when one exists. */
  createIntegration(groupId: string, type: string, request: WriteRequest): Promise<ServerIntegration>;
  /** PUT: upserts (changed fields merged) and returns the entry of that type. */
  putIntegration(groupId: string, type: string, request: WriteRequest): Promise<ServerIntegration>;
  /** DELETE; resolves false when it was already gone (404). */
  deleteIntegration(groupId: string, type: string): Promise<boolean>;
  /** Every integration of a group of the known types, following all pages; a request of its own (lookups). */
  listIntegrations(groupId: string): Promise<ServerIntegration[]>;
  /** Every integration of a group, the types the caller does not know listed apart; a request of its own (export). */
  listGroup(groupId: string): Promise<GroupListing>;
}
