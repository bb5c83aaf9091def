/**
 * The emulator's well-known defaults. Tests, examples and the demo rely on these exact values, so they live in one
 * place and are exported instead of being repeated as literals.
 */

/** Where the emulated Public API lives, as on a real Ops Manager. */
export const API_BASE_PATH = "/api/public/v1.0";

/** Where the control plane lives: outside the API base so no client can reach it by accident. */
export const CONTROL_BASE_PATH = "/__emulator";

/** The digest realm Ops Manager announces; clients echo it, and the emulator refuses any other. */
export const DIGEST_REALM = "MMS Public API";

/** The first default project (group). */
export const DEFAULT_GROUP_ID = "5f0000000000000000000001";

/** A second default project, so tests can prove that groups are isolated. */
export const SECOND_GROUP_ID = "5f0000000000000000000002";

/** Both default projects, in creation order. */
export const DEFAULT_GROUP_IDS: readonly string[] = [DEFAULT_GROUP_ID, SECOND_GROUP_ID];

/** The role that may create, update and delete integrations (Ops Manager's "Project Owner"). */
export const OWNER_ROLE = "GROUP_OWNER";

/** A role that may only read (Ops Manager's "Project Read Only"). */
export const READ_ONLY_ROLE = "GROUP_READ_ONLY";

/** An API key pair as a digest client uses it: username = public key, password = private key. */
export interface KeyPair {
  readonly publicKey: string;
  readonly privateKey: string;
}

/** Member of both default groups with GROUP_OWNER: the key the provider is normally configured with. */
export const OWNER_KEY: KeyPair = { publicKey: "EMULATOROWNER", privateKey: "emulator-owner-private-key" };

/** Member of both default groups with GROUP_READ_ONLY: writes get 401 USER_UNAUTHORIZED. */
export const READ_ONLY_KEY: KeyPair = { publicKey: "EMULATORREADONLY", privateKey: "emulator-readonly-private-key" };

/** A valid key that belongs to no group: every group call gets 401 NOT_IN_GROUP. */
export const OUTSIDER_KEY: KeyPair = { publicKey: "EMULATOROUTSIDER", privateKey: "emulator-outsider-private-key" };

/** Where the OAuth 2.0 endpoints live, beside the API ("Generate Service Account Token": POST /api/oauth/token). */
export const OAUTH_BASE_PATH = "/api/oauth";

/** Client credentials of a service account: HTTP Basic user = client ID, password = client secret. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A service account with GROUP_OWNER in both default groups (the `mdb_sa_id_` / `mdb_sa_sk_` prefixes are Cloud Manager's). */
export const OWNER_SERVICE_ACCOUNT: ClientCredentials = { clientId: "mdb_sa_id_emulatorowner", clientSecret: "mdb_sa_sk_emulator-owner-secret" };

/** An access token's lifetime: the `expires_in` of the docs' example answer (3600 s). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** How long a digest nonce stays valid before the emulator answers `stale=true` (5 minutes). */
export const DEFAULT_NONCE_LIFETIME_MS = 5 * 60 * 1000;

/** Ops Manager's default page size for list endpoints. */
export const DEFAULT_ITEMS_PER_PAGE = 100;

/** Ops Manager's documented maximum page size. */
export const MAX_ITEMS_PER_PAGE = 500;
