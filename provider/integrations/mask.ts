/**
 * How Ops Manager hides secrets in responses, and how to compare a stored secret with what it shows.
 *
 * Ops Manager shows `******` + the last four characters; Atlas uses one asterisk per hidden character, masks
 * webhook URLs partly and some secrets fully; servers from around 2020 return secrets in clear. So the provider
 * detects a mask instead of assuming one, and never stores or compares anything but the visible characters.
 */

/** A run of three or more asterisks: no real token we know of contains one, every mask style does. */
const MASK_RUN = /\*{3,}/;

/** The mask styles the emulator can produce. */
export type MaskStyle = "om" | "atlas" | "clear";

/** True when a value the server returned is a mask rather than the secret itself. */
export function isMasked(value: unknown): value is string {
  return typeof value === "string" && MASK_RUN.test(value);
}

/** What is known of a secret when comparing it with a mask: its length and some characters at each end. */
export interface SecretShape {
  readonly length: number;
  /** The first characters, as many as are known (all of a plaintext secret; a URL's origin for a fingerprint). */
  readonly head: string;
  /** The last characters, as many as are known. */
  readonly tail: string;
}

/**
 * Whether a secret of this shape could be the value behind `mask`: the visible characters before and after the
 * asterisks must match what is known of its ends. A mask whose asterisk count tracks the length (Atlas) must also
 * match the length. What is not known cannot disagree.
 */
export function maskFits(shape: SecretShape, mask: string): boolean {
  const m = /^([^*]*)(\*+)([^*]*)$/.exec(mask);
  if (!m) return false;
  const [, prefix = "", stars = "", suffix = ""] = m;
  // A fully hidden secret (short, or a field the server never reveals) cannot be compared: trust state, or
  // every refresh would report drift that no `up` can clear.
  if (prefix === "" && suffix === "") return true;
  if (prefix.length + suffix.length > shape.length) return false;
  const known = (part: string, side: string, atEnd: boolean) => {
    const n = Math.min(part.length, side.length);
    return atEnd ? part.slice(part.length - n) === side.slice(side.length - n) : part.slice(0, n) === side.slice(0, n);
  };
  if (!known(prefix, shape.head, false) || !known(suffix, shape.tail, true)) return false;
  // OM always prints six asterisks; any other count is length-tracking and must match exactly.
  return stars.length === 6 || prefix.length + stars.length + suffix.length === shape.length;
}

/** Whether `secret` could be the value behind `mask` (see {@link maskFits}). */
export function matchesMask(secret: string, mask: string): boolean {
  return maskFits({ length: secret.length, head: secret, tail: secret }, mask);
}

/** The mask a server of the given style shows for `secret` (used by the emulator). */
export function maskSecret(secret: string, style: MaskStyle, kind: "text" | "url" = "text"): string {
  if (style === "clear") return secret;
  const last4 = secret.length > 4 ? secret.slice(-4) : "";
  if (style === "om") return "******" + last4;
  if (kind === "url") {
    // Atlas keeps scheme and host of a webhook URL visible and hides the path.
    const origin = /^https?:\/\/[^/]+/.exec(secret)?.[0] ?? "";
    return origin + "*".repeat(Math.max(secret.length - origin.length, 3));
  }
  return "*".repeat(Math.max(secret.length - last4.length, 3)) + last4;
}
