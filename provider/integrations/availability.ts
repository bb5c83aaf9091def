/**
 * Where an integration type is documented: which product, which versions, and the page that says so. The
 * `{INTEGRATION-TYPE}` lists of the create/update pages are the source; each entry carries its URL so every claim
 * in the README's availability column links to its page.
 */

/** The products whose API pages list integration types. */
export type Product = "ops-manager" | "cloud-manager" | "atlas";

/** One documented availability. Versions are `major.minor`; bounds are inclusive and optional. */
export interface Documented {
  readonly product: Product;
  /** First Ops Manager version whose page lists the type (absent: every version documented here). */
  readonly since?: string;
  /** Last Ops Manager version whose page lists the type. */
  readonly until?: string;
  /** The page that lists it (or, for a body-only entry, the page that documents its request body). */
  readonly url: string;
  /**
   * The product documents the type's request body (at `url`) but its `{INTEGRATION-TYPE}` path list, at
   * `typeListUrl`, leaves the type out: the pages disagree, so the provider warns at preview and lets the server
   * decide, and the emulator accepts it only behind a switch.
   */
  readonly bodyOnly?: { readonly typeListUrl: string };
}

/** What the provider knows of the server it talks to; `undefined` when it cannot tell. */
export type Target = { readonly product: "cloud-manager" } | { readonly product: "ops-manager"; readonly version: string };

/** Pages cited by the type files (found with the docs search; each lists the accepted `{INTEGRATION-TYPE}`s). */
export const PAGES = {
  omCurrent: "https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/",
  omV50: "https://www.mongodb.com/docs/ops-manager/v5.0/reference/api/third-party-integration-settings-update/",
  cloudManager: "https://www.mongodb.com/docs/cloud-manager/reference/api/third-party-integration-settings-update/",
  // The request- and response-body extracts of the integration pages (Cloud Manager's, and the `-onprem` variants
  // for Ops Manager), as MongoDB publishes their source: they document MICROSOFT_TEAMS and PROMETHEUS bodies.
  bodyExtracts:
    "https://github.com/mongodb/docs/blob/81c0452c92400ba5f7635e56baa78d2449227da3/content/cloud-manager/source/includes/extracts-api-third-party-integrations.yaml",
  // Ops Manager's Prometheus tutorial: "MongoDB Agent 12.0.15.7646 is released with Ops Manager 6.0.7".
  omPrometheus: "https://www.mongodb.com/docs/ops-manager/v7.0/tutorial/prometheus-integration/",
  // MongoDB's own Atlas CDK constructs; no Ops Manager or Cloud Manager type list has MICROSOFT_TEAMS.
  atlasTeams:
    "https://app.unpkg.com/awscdk-resources-mongodbatlas@3.13.1/files/lib/l2-resources/third-party-integration/microsoftTeamsIntegration.d.ts",
} as const;

/** Documented by every Ops Manager version's page (5.0, 6.0, 7.0, current and master list it). */
export const ALL_OPS_MANAGER: Documented = { product: "ops-manager", url: PAGES.omCurrent };
/** Documented by Cloud Manager's page. */
export const CLOUD_MANAGER: Documented = { product: "cloud-manager", url: PAGES.cloudManager };

const NAMES: Record<Product, string> = { "ops-manager": "Ops Manager", "cloud-manager": "Cloud Manager", atlas: "Atlas" };

function versionKey(v: string): number {
  const [major = 0, minor = 0] = v.split(".").map((n) => Number.parseInt(n, 10) || 0);
  return major * 1000 + minor;
}

/** The entries that cover `target`'s product and version. */
function covering(documented: readonly Documented[], target: Target): Documented[] {
  return documented.filter((d) => {
    if (d.product !== target.product) return false;
    if (target.product !== "ops-manager") return true;
    const v = versionKey(target.version);
    return (d.since === undefined || v >= versionKey(d.since)) && (d.until === undefined || v <= versionKey(d.until));
  });
}

/** Whether `target`'s type list has a type with this availability. */
export function accepts(documented: readonly Documented[], target: Target): boolean {
  return covering(documented, target).some((d) => !d.bodyOnly);
}

/** The entry saying `target` documents the type's body but not in its type list, if that is all it says. */
export function bodyOnlyFor(documented: readonly Documented[], target: Target): Documented | undefined {
  return accepts(documented, target) ? undefined : covering(documented, target).find((d) => d.bodyOnly);
}

/** "Ops Manager up to 5.0" / "Cloud Manager" / ...: one availability in words. */
export function describeOne(d: Documented): string {
  const range = d.since && d.until ? ` ${d.since} to ${d.until}` : d.since ? ` ${d.since} and later` : d.until ? ` up to ${d.until}` : "";
  return `${NAMES[d.product]}${range}${d.bodyOnly ? ": body documented, not in the type list" : ""}`;
}

/**
 * What preview says when the server (known from config) is not documented to take a type. Never a refusal: no page
 * says any registered type is unsupported, and where the pages disagree (a documented body, a type list without
 * the type) the server decides; its refusal at `up` names the type.
 */
export function availabilityWarning(type: string, documented: readonly Documented[], target: Target): string | undefined {
  if (accepts(documented, target)) return undefined;
  const where = describeTarget(target);
  const body = bodyOnlyFor(documented, target);
  if (body?.bodyOnly) {
    return (
      `${type} on ${where}: the request body is documented (${body.url}) but the {INTEGRATION-TYPE} list leaves ${type} out ` +
      `(${body.bodyOnly.typeListUrl}). Sent anyway: the server decides at up.`
    );
  }
  return `${type} is not in ${where}'s documented types (documented for ${describeAvailability(documented)}). Sent anyway: the server decides at up.`;
}

/** Every availability in words, each with its page: for messages. */
export function describeAvailability(documented: readonly Documented[]): string {
  return documented.map((d) => `${describeOne(d)} (${d.url}${d.bodyOnly ? `; type list: ${d.bodyOnly.typeListUrl}` : ""})`).join("; ");
}

/** A target in words. */
export function describeTarget(target: Target): string {
  return target.product === "ops-manager" ? `Ops Manager ${target.version}` : NAMES[target.product];
}
