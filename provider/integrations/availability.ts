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
  /** The page that lists it. */
  readonly url: string;
}

/** What the provider knows of the server it talks to; `undefined` when it cannot tell. */
export type Target = { readonly product: "cloud-manager" } | { readonly product: "ops-manager"; readonly version: string };

/** Pages cited by the type files (found with the docs search; each lists the accepted `{INTEGRATION-TYPE}`s). */
export const PAGES = {
  omCurrent: "https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/",
  omV50: "https://www.mongodb.com/docs/ops-manager/v5.0/reference/api/third-party-integration-settings-update/",
  cloudManager: "https://www.mongodb.com/docs/cloud-manager/reference/api/third-party-integration-settings-update/",
  // MongoDB's own Atlas CDK constructs; no Ops Manager or Cloud Manager page lists MICROSOFT_TEAMS.
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

/** Whether `target` is documented to accept a type with this availability. */
export function accepts(documented: readonly Documented[], target: Target): boolean {
  return documented.some((d) => {
    if (d.product !== target.product) return false;
    if (target.product !== "ops-manager") return true;
    const v = versionKey(target.version);
    return (d.since === undefined || v >= versionKey(d.since)) && (d.until === undefined || v <= versionKey(d.until));
  });
}

/** "Ops Manager up to 5.0" / "Cloud Manager" / ...: one availability in words. */
export function describeOne(d: Documented): string {
  const range = d.since && d.until ? ` ${d.since} to ${d.until}` : d.since ? ` ${d.since} and later` : d.until ? ` up to ${d.until}` : "";
  return `${NAMES[d.product]}${range}`;
}

/** Every availability in words, each with its page: for messages. */
export function describeAvailability(documented: readonly Documented[]): string {
  return documented.map((d) => `${describeOne(d)} (${d.url})`).join("; ");
}

/** A target in words. */
export function describeTarget(target: Target): string {
  return target.product === "ops-manager" ? `Ops Manager ${target.version}` : NAMES[target.product];
}
