import { z } from "zod";
import type { IntegrationDefinition } from "../provider/integrations/define";
import { accepts, bodyOnlyFor, type Target } from "../provider/integrations/availability";

/**
 * The servers the emulator can play, each accepting exactly the types its documentation lists (the `documented`
 * entries of the type files, which cite the pages), plus, behind `bodyOnlyTypes: accept`, those whose body it
 * documents without listing them. `all-registered` is no real server: it accepts every
 * registered type, for suites that exercise every type's fields.
 */
export const profileSchema = z.enum(["om-5.0", "om-6.0", "om-7.0", "om-8.0", "cloud-manager", "all-registered"]);

/** One emulator profile. */
export type Profile = z.infer<typeof profileSchema>;

/** The newest Ops Manager: the default. */
export const DEFAULT_PROFILE: Profile = "om-8.0";

/** The target a profile plays, or undefined for `all-registered`. */
export function profileTarget(profile: Profile): Target | undefined {
  if (profile === "all-registered") return undefined;
  if (profile === "cloud-manager") return { product: "cloud-manager" };
  return { product: "ops-manager", version: profile.slice("om-".length) };
}

/**
 * Whether the profile's server accepts the type in its path. A refused type gets what an unknown value of a Java
 * enum path parameter most plausibly gives, 400 INVALID_ENUM_VALUE (the code is in Ops Manager's error table,
 * https://www.mongodb.com/docs/ops-manager/current/reference/api-error-codes/; that it is the answer here is a guess).
 */
export function profileAccepts(profile: Profile, def: IntegrationDefinition, bodyOnlyTypes: "refuse" | "accept" = "refuse"): boolean {
  const target = profileTarget(profile);
  return target === undefined || accepts(def.documented, target) || (bodyOnlyTypes === "accept" && bodyOnlyFor(def.documented, target) !== undefined);
}
