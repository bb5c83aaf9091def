import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import {
  DRIFT,
  fingerprint,
  isFingerprint,
  newFingerprintKey,
  sameSecret,
  secretFitsServer,
  toStoredSecret,
  viewKey,
  withFingerprintKey,
} from "../../provider/fingerprint";
import { maskSecret } from "../../provider/integrations/mask";
import { reconcileFields } from "../../provider/reconcile";
import { findIntegration } from "../../provider/integrations/registry";

const secret = "xoxb-1234567890-abcdefghij-WXYZ";
const ctx = { where: "5f0000000000000000000001/SLACK/apiToken", resourceKey: newFingerprintKey(), viewKey: viewKey("private-key-of-the-test") };

/** The fingerprint format of builds before 0.2, as they wrote it (state from those builds must still work). */
function v1(value: string, salt = "0123456789abcdef0123456789abcdef") {
  const hash = createHash("sha256").update(salt).update("\0").update(value).digest("hex");
  const head = /^https?:\/\/[^/?#]+/.exec(value)?.[0] ?? "";
  return { fingerprint: "sha256-v1", salt, hash, length: value.length, head, tail: value.length >= 12 ? value.slice(-4) : "" };
}

/**
 * An attacker of outputs: every hex or base64 string found in an output is tried as a salt, a key or a prefix,
 * with SHA-256, HMAC-SHA256 and truncations, against every word of a list. Returns the word that reproduces a
 * value of the output, if any.
 */
function wordlistAttack(output: unknown, words: readonly string[]): string | undefined {
  const text = JSON.stringify(output);
  const tokens = [...new Set([...(text.match(/[A-Za-z0-9_-]{6,}/g) ?? []), ""])];
  const targets = new Set<string>();
  for (const t of tokens) {
    targets.add(t);
    for (const n of [8, 16, 22]) targets.add(t.slice(0, n));
  }
  const variants = (d: Buffer) => [d.toString("hex"), d.toString("base64url"), d.subarray(0, 12).toString("base64url"), d.subarray(0, 6).toString("base64url")];
  for (const word of words) {
    for (const salt of tokens) {
      const candidates = [
        createHash("sha256").update(salt).update("\0").update(word).digest(),
        createHash("sha256").update(salt + word).digest(),
        createHmac("sha256", salt).update(word).digest(),
      ];
      for (const d of candidates) if (variants(d).some((v) => targets.has(v) || text.includes(v))) return word;
    }
  }
  return undefined;
}

const WORDS = ["password", "123456", "letmein", "winter2023", "spring2024", "summer2023", "summer2024", "autumn2024", "qwerty", "dragon"];

describe("secret fingerprints (what outputs hold instead of secrets)", () => {
  it("a wordlist attack on the output of a 10-character password fails (it finds the pre-0.2 form)", () => {
    const password = "summer2024";
    const def = findIntegration("PROMETHEUS")!;
    const where = { ...ctx, where: "5f0000000000000000000001/PROMETHEUS/password" };
    const stored = toStoredSecret(password, where, !def.fields.password?.writeOnly);
    assert.equal(wordlistAttack(v1(password), WORDS), password, "the attacker works on the old form");
    assert.equal(wordlistAttack(stored, WORDS), undefined);
    assert.ok(!JSON.stringify(stored).includes("2024"), "no tail in clear");
    assert.equal(typeof stored, "string");
    const hook = toStoredSecret(password, { ...ctx, where: "5f0000000000000000000001/WEBHOOK/secret" });
    assert.equal(wordlistAttack(hook, WORDS), undefined, "nor on a secret the server shows (webhook secret)");
  });

  it("a webhook URL's user:password@ never appears in the output", () => {
    const url = "https://alertbot:S3cr3tPassw0rd@alerts.example.com/hooks/0001";
    const stored = String(fingerprint(url, { ...ctx, where: "g/WEBHOOK/url" }));
    for (const part of ["alertbot", "S3cr3tPassw0rd", "alerts.example.com", "0001"]) assert.ok(!stored.includes(part), part);
  });

  it("are compact: one string of at most 44 characters (the pre-0.2 object took about 190)", () => {
    const stored = fingerprint("https://hooks.example.com/T0/B0/tok3n", ctx);
    assert.ok(stored.length <= 44, stored);
    assert.ok(JSON.stringify(v1("https://hooks.example.com/T0/B0/tok3n")).length > 4 * stored.length);
  });

  it("tell the same secret from another with the resource's key, and never without it", () => {
    const a = fingerprint(secret, ctx);
    assert.ok(sameSecret(a, secret, ctx));
    assert.ok(!sameSecret(a, secret + "!", ctx));
    assert.ok(!sameSecret(a, undefined, ctx));
    assert.ok(!sameSecret(a, secret, { ...ctx, resourceKey: newFingerprintKey() }), "another resource's key");
    assert.ok(!sameSecret(a, secret, { where: ctx.where }), "no key: a change, never a missed one");
    assert.notEqual(fingerprint(secret, { ...ctx, where: "g/SLACK/other" }), a, "the same secret elsewhere does not look the same");
  });

  it("check keeps the resource's key across runs and makes one for a new resource", () => {
    const first = withFingerprintKey({}, { type: "SLACK" });
    assert.equal(typeof first.fingerprintKey, "string");
    assert.equal(withFingerprintKey(first, { type: "SLACK", fingerprintKey: "" }).fingerprintKey, first.fingerprintKey);
    assert.notEqual(withFingerprintKey({}, { type: "SLACK" }).fingerprintKey, first.fingerprintKey);
  });

  const fits: [string, string, boolean][] = [
    ["an OM mask of the same secret", maskSecret(secret, "om"), true],
    ["an Atlas mask of the same secret", maskSecret(secret, "atlas"), true],
    ["an Atlas mask of a URL (another secret)", maskSecret("https://hooks.example.com/T0/B0/tok3n", "atlas", "url"), false],
    ["an OM mask whose last four differ", "******9876", false],
    ["an Atlas mask of another length", "*".repeat(40) + "WXYZ", false],
    ["a fully hidden mask", "********", true],
    ["the secret in clear (older servers)", secret, true],
    ["another secret in clear", "xoxb-other", false],
  ];
  for (const [what, shown, expected] of fits) {
    it(`${expected ? "fit" : "do not fit"} ${what}`, () => assert.equal(secretFitsServer(fingerprint(secret, ctx), shown, ctx), expected));
  }

  it("an Atlas URL mask fits its own URL and not a URL on another host", () => {
    const url = "https://hooks.example.com/T0/B0/tok3n";
    const stored = fingerprint(url, ctx);
    assert.ok(secretFitsServer(stored, maskSecret(url, "atlas", "url"), ctx));
    assert.ok(!secretFitsServer(stored, maskSecret("https://other.example.com/T0/B0/tok3n", "atlas", "url"), ctx));
  });

  it("mask checks need the API key's view key: another key sees drift, none trusts state", () => {
    const stored = fingerprint(secret, ctx);
    assert.ok(!secretFitsServer(stored, maskSecret(secret, "om"), { ...ctx, viewKey: viewKey("another-private-key") }));
    assert.ok(secretFitsServer(stored, "******9876", { where: ctx.where }));
  });

  it("are deterministic, so state does not churn on refresh or update", () => {
    assert.equal(fingerprint(secret, ctx), fingerprint(secret, ctx));
    assert.equal(toStoredSecret(fingerprint(secret, ctx), ctx), fingerprint(secret, ctx), "a stored form is kept as it is");
  });

  it("a secret always fits its own masks and clear value (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 7, maxLength: 80 }).filter((s) => !s.includes("*")), fc.constantFrom("om", "atlas", "clear"), (value, style) =>
        secretFitsServer(fingerprint(value, ctx), maskSecret(value, style as "om" | "atlas" | "clear"), ctx),
      ),
    );
  });

  it("a server answering in clear with another secret is recorded as drift, never in clear", () => {
    const def = findIntegration("SLACK")!;
    const stored = { apiToken: fingerprint(secret, ctx), teamName: "ops" };
    const where = { groupId: "5f0000000000000000000001", viewKey: ctx.viewKey };
    const seen = reconcileFields(def, stored, { type: "SLACK", apiToken: "rotated-by-hand-secret-value", teamName: "ops" }, where);
    assert.equal(seen.apiToken, DRIFT);
    assert.ok(isFingerprint(seen.apiToken));
    assert.ok(!sameSecret(seen.apiToken, secret, ctx), "and shows as drift");
    const same = reconcileFields(def, stored, { type: "SLACK", apiToken: maskSecret(secret, "om"), teamName: "ops" }, where);
    assert.equal(same.apiToken, stored.apiToken, "its own mask keeps the fingerprint");
  });

  it("state from builds before 0.2 (sha256-v1 objects) still compares and refreshes", () => {
    const old = v1(secret);
    assert.ok(isFingerprint(old));
    assert.ok(sameSecret(old, secret) && !sameSecret(old, secret + "!"));
    assert.ok(sameSecret(old, { ...old }), "inputs an older refresh rewrote to the fingerprint");
    assert.ok(secretFitsServer(old, maskSecret(secret, "om"), ctx));
    assert.ok(!secretFitsServer(old, "******9876", ctx));
    assert.equal(toStoredSecret(old, ctx), old);
  });
});
