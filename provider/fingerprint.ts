import { createHash, randomBytes } from "node:crypto";
import { isMasked, maskFits, matchesMask, type SecretShape } from "./integrations/mask";

/**
 * What state keeps of a secret instead of the secret: a salted hash to tell whether a value is the same one, and
 * just enough of its shape (length, a URL's origin, the last four characters of a long value — what Ops Manager
 * itself shows) to tell whether a server mask could hide it.
 *
 * Why not the secret itself: Pulumi encrypts state, but the Node SDK logs every RegisterResource answer — the
 * resource's outputs — at debug level in plain text (`pulumi up --debug`). Outputs therefore never hold a secret.
 * The secret stays in the resource's inputs, which Pulumi encrypts and never logs.
 */
export interface SecretFingerprint extends SecretShape {
  /** Format marker, so state written by a later version can be told apart. */
  readonly fingerprint: "sha256-v1";
  readonly salt: string;
  /** hex sha256(salt + secret) */
  readonly hash: string;
}

/** Secrets shorter than this keep no tail: four visible characters would be too much of them. */
const MIN_LENGTH_FOR_TAIL = 12;

function digest(salt: string, secret: string): string {
  return createHash("sha256").update(salt).update("\0").update(secret).digest("hex");
}

/** The fingerprint of a secret, with a fresh random salt. */
export function fingerprint(secret: string): SecretFingerprint {
  const salt = randomBytes(16).toString("hex");
  const head = /^https?:\/\/[^/?#]+/.exec(secret)?.[0] ?? "";
  const tail = secret.length >= MIN_LENGTH_FOR_TAIL ? secret.slice(-4) : "";
  return { fingerprint: "sha256-v1", salt, hash: digest(salt, secret), length: secret.length, head, tail };
}

export function isFingerprint(value: unknown): value is SecretFingerprint {
  const v = value as Partial<SecretFingerprint> | null;
  return typeof v === "object" && v !== null && v.fingerprint === "sha256-v1" && typeof v.hash === "string" && typeof v.salt === "string";
}

/**
 * Whether what state holds for a secret (a fingerprint, or a plain value from an older state or a mask recorded as
 * drift) is `value`.
 */
export function sameSecret(stored: unknown, value: unknown): boolean {
  if (isFingerprint(stored)) return typeof value === "string" && digest(stored.salt, value) === stored.hash;
  return stored === value;
}

/** Whether what the server shows for a secret (masked, or in clear on older servers) is consistent with state. */
export function secretFitsServer(stored: unknown, shown: string): boolean {
  if (isMasked(shown)) {
    if (isFingerprint(stored)) return maskFits(stored, shown);
    return typeof stored === "string" && matchesMask(stored, shown);
  }
  return sameSecret(stored, shown);
}

/** The state form of a secret input: the previous fingerprint when the value is unchanged, else a new one. */
export function toStoredSecret(value: unknown, previous?: unknown): unknown {
  if (typeof value !== "string" || isMasked(value)) return value;
  return isFingerprint(previous) && sameSecret(previous, value) ? previous : fingerprint(value);
}
