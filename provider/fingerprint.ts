import { createHash, createHmac, randomBytes } from "node:crypto";
import { isMasked, maskFits, matchesMask, type SecretShape } from "./integrations/mask";

/**
 * What outputs keep of a secret instead of the secret: keyed MACs, nothing an outputs reader can test guesses
 * against (issue 15).
 *
 * Why not the secret, and why keyed: the Node SDK logs every RegisterResource answer — all outputs, secret ones
 * included, in clear — at debug level (`pulumi up --debug`), so outputs must never hold anything a wordlist can be
 * checked against. A stored form is one string, `fp2:` then base64url MACs:
 *
 * - `m` (12 bytes): HMAC of the whole secret under the resource's own random key. That key is created by `check`,
 *   travels in the checked inputs under {@link FINGERPRINT_KEY} (a Pulumi secret: the resource sends a secret
 *   placeholder under that name, and the engine keeps the secret bit of same-named inputs), and never enters
 *   outputs. `diff` gets it with the new inputs and compares; nothing else needs it.
 * - `t`, `n`, `o` (6 bytes each; only for secrets the server shows): HMACs of the last four characters, the
 *   length and a URL's origin, under a key derived from the API private key (stack config). `read` checks the
 *   server's mask (`******WXYZ`) against them, so refresh still notices a secret rotated outside code, and anyone
 *   able to check them holds the API key, so could read the mask from Ops Manager anyway.
 *
 * Each MAC also covers `{groupId}/{TYPE}/{field}`, so equal secrets in two places do not look equal. Outputs
 * written by builds before 0.2 (`sha256-v1` objects) are still read and compared; they are replaced on the next
 * update of the resource.
 */

/** The checked input that carries the resource's MAC key. Never an output. */
export const FINGERPRINT_KEY = "fingerprintKey";

/** Prefix of the stored form; `fp2:drift` marks a secret the server changed outside code. */
const V2 = "fp2:";
export const DRIFT = `${V2}drift`;
const M = 16; // base64url characters of 12 bytes
const P = 8; // of 6 bytes

/** Where a secret lives, and the keys available to whoever asks. */
export interface SecretContext {
  /** `{groupId}/{TYPE}/{field}`, bound into every MAC. */
  readonly where: string;
  /** The resource's key (base64url), from the checked inputs; absent when a caller bypassed `check`. */
  readonly resourceKey?: string;
  /** From {@link viewKey}; absent outside a provider session. */
  readonly viewKey?: Buffer;
}

/** A fresh resource key: 16 random bytes, base64url. */
export function newFingerprintKey(): string {
  return randomBytes(16).toString("base64url");
}

/** `news` with the resource key of `olds` kept (so fingerprints stay comparable), or a new one. */
export function withFingerprintKey(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  const kept = olds[FINGERPRINT_KEY];
  return { ...news, [FINGERPRINT_KEY]: typeof kept === "string" && kept.length >= 16 ? kept : newFingerprintKey() };
}

/** The key for mask checks, derived from the API private key (never stored). */
export function viewKey(privateKey: string): Buffer {
  return createHmac("sha256", privateKey).update("pulumi-opsmanager-integrations fingerprint view key v2").digest();
}

function mac(key: string | Buffer, where: string, part: string, value: string, bytes: number): string {
  return createHmac("sha256", key).update(`${where}\0${part}\0${value}`).digest().subarray(0, bytes).toString("base64url");
}

/** What a server mask can show of a URL: scheme, user-info and host, as Atlas shows it. */
const originOf = (secret: string) => /^https?:\/\/[^/?#]+/.exec(secret)?.[0] ?? "";

/**
 * The stored form of `secret`. `shown`: whether the server ever shows the field (write-only ones never are, so they
 * keep no view MACs at all). Without a resource key (a caller that skipped `check`) a throwaway key is used: the
 * result then never compares equal, so the next diff re-sends the secret rather than missing a change.
 */
export function fingerprint(secret: string, ctx: SecretContext, shown = true): string {
  const m = mac(ctx.resourceKey ?? newFingerprintKey(), ctx.where, "m", secret, 12);
  if (!shown || !ctx.viewKey) return V2 + m;
  const v = ctx.viewKey;
  const origin = originOf(secret);
  return V2 + m + mac(v, ctx.where, "t", secret.slice(-4), 6) + mac(v, ctx.where, "n", String(secret.length), 6) + (origin ? mac(v, ctx.where, "o", origin, 6) : "");
}

/** A stored form written by this version: `fp2:` + m [+ t n [o]]. */
function parseV2(stored: unknown): { m: string; t?: string; n?: string; o?: string } | undefined {
  if (typeof stored !== "string" || !stored.startsWith(V2) || stored === DRIFT) return undefined;
  const body = stored.slice(V2.length);
  if (![M, M + 2 * P, M + 3 * P].includes(body.length)) return undefined;
  const at = (i: number) => (body.length >= M + (i + 1) * P ? body.slice(M + i * P, M + (i + 1) * P) : undefined);
  return { m: body.slice(0, M), t: at(0), n: at(1), o: at(2) };
}

/** The format of builds before 0.2: salted SHA-256 plus length, URL origin and tail in clear. Read, never written. */
interface FingerprintV1 extends SecretShape {
  readonly fingerprint: "sha256-v1";
  readonly salt: string;
  readonly hash: string;
}

function isV1(value: unknown): value is FingerprintV1 {
  const v = value as Partial<FingerprintV1> | null;
  return typeof v === "object" && v !== null && v.fingerprint === "sha256-v1" && typeof v.hash === "string" && typeof v.salt === "string";
}

/** Whether `value` is this version's keyed form (or its drift marker): safe in clear, unlike older forms. */
export function isKeyedFingerprint(value: unknown): boolean {
  return parseV2(value) !== undefined || value === DRIFT;
}

/** Whether `value` is a stored form (this version's, an older one's, or the drift marker) rather than a secret. */
export function isFingerprint(value: unknown): boolean {
  return isV1(value) || parseV2(value) !== undefined || value === DRIFT;
}

/**
 * Whether what state holds for a secret (a fingerprint, or a plain value from an older state or a mask recorded as
 * drift) is `value`. A v2 fingerprint needs the resource key; without it the answer is "no" (re-send, never miss).
 */
export function sameSecret(stored: unknown, value: unknown, ctx?: SecretContext): boolean {
  const v2 = parseV2(stored);
  if (v2) return typeof value === "string" && ctx?.resourceKey !== undefined && mac(ctx.resourceKey, ctx.where, "m", value, 12) === v2.m;
  if (isV1(stored)) {
    if (typeof value === "string") return createHash("sha256").update(stored.salt).update("\0").update(value).digest("hex") === stored.hash;
    return isV1(value) && value.hash === stored.hash; // state inputs rewritten by an older build's refresh
  }
  return stored === value;
}

/** Whether the visible parts of `shown` (a mask, or a clear value from older servers) agree with a v2 form. */
function fitsV2(v2: NonNullable<ReturnType<typeof parseV2>>, shown: string, ctx: SecretContext): boolean {
  if (!v2.t || !ctx.viewKey) return true; // nothing to compare with: trust state
  const v = ctx.viewKey;
  const same = (part: string, value: string, want: string | undefined) => want === undefined || mac(v, ctx.where, part, value, 6) === want;
  if (!isMasked(shown as unknown)) {
    const clear = shown;
    return same("t", clear.slice(-4), v2.t) && same("n", String(clear.length), v2.n) && same("o", originOf(clear), v2.o ?? mac(v, ctx.where, "o", "", 6));
  }
  const parts = /^([^*]*)(\*+)([^*]*)$/.exec(shown);
  if (!parts) return false;
  const [, prefix = "", stars = "", suffix = ""] = parts;
  if (prefix === "" && suffix === "") return true; // fully hidden: cannot be compared
  if (suffix.length >= 4 && !same("t", suffix.slice(-4), v2.t)) return false;
  if (prefix !== "" && !same("o", prefix, v2.o ?? "")) return false;
  // OM always prints six asterisks; any other count tracks the length (Atlas).
  return stars.length === 6 || same("n", String(prefix.length + stars.length + suffix.length), v2.n);
}

/** Whether what the server shows for a secret (masked, or in clear on older servers) is consistent with state. */
export function secretFitsServer(stored: unknown, shown: string, ctx: SecretContext): boolean {
  const v2 = parseV2(stored);
  if (v2) return fitsV2(v2, shown, ctx);
  if (stored === DRIFT) return false;
  if (isMasked(shown)) {
    if (isV1(stored)) return maskFits(stored, shown);
    return typeof stored === "string" && matchesMask(stored, shown);
  }
  return sameSecret(stored, shown, ctx);
}

/** The state form of a secret field's value: stored forms and masks as they are, a secret as its fingerprint. */
export function toStoredSecret(value: unknown, ctx: SecretContext, shown = true): unknown {
  if (typeof value !== "string" || isMasked(value) || isFingerprint(value)) return value;
  return fingerprint(value, ctx, shown);
}
