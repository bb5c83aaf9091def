import assert from "node:assert/strict";
import fc from "fast-check";
import { fingerprint, isFingerprint, sameSecret, secretFitsServer, toStoredSecret } from "../../provider/fingerprint";
import { maskSecret } from "../../provider/integrations/mask";
import { reconcileFields } from "../../provider/reconcile";
import { findIntegration } from "../../provider/integrations/registry";

const secret = "xoxb-1234567890-abcdefghij-WXYZ";

describe("secret fingerprints (what outputs hold instead of secrets)", () => {
  it("never contain the secret, only its length, a URL's origin and the last four characters of a long value", () => {
    const fp = fingerprint(secret);
    assert.ok(!JSON.stringify(fp).includes(secret.slice(0, -4)));
    assert.deepEqual([fp.length, fp.head, fp.tail], [secret.length, "", "WXYZ"]);
    assert.equal(fingerprint("https://hooks.example.com/T0/B0/tok3n").head, "https://hooks.example.com");
    assert.equal(fingerprint("short-key").tail, "", "no tail for secrets under 12 characters");
  });

  it("tell the same secret from another, with a salt of their own", () => {
    const a = fingerprint(secret);
    const b = fingerprint(secret);
    assert.notEqual(a.hash, b.hash);
    assert.ok(sameSecret(a, secret) && sameSecret(b, secret));
    assert.ok(!sameSecret(a, secret + "!"));
    assert.ok(!sameSecret(a, undefined));
  });

  const fits: [string, string, boolean][] = [
    ["an OM mask of the same secret", maskSecret(secret, "om"), true],
    ["an Atlas mask of the same secret", maskSecret(secret, "atlas"), true],
    ["an OM mask whose last four differ", "******9876", false],
    ["an Atlas mask of another length", "*".repeat(40) + "WXYZ", false],
    ["a fully hidden mask", "********", true],
    ["the secret in clear (older servers)", secret, true],
    ["another secret in clear", "xoxb-other", false],
  ];
  for (const [what, shown, expected] of fits) {
    it(`${expected ? "fit" : "do not fit"} ${what}`, () => assert.equal(secretFitsServer(fingerprint(secret), shown), expected));
  }

  it("keep the previous fingerprint while the value is unchanged, so state does not churn", () => {
    const before = fingerprint(secret);
    assert.equal(toStoredSecret(secret, before), before);
    assert.notEqual(toStoredSecret("rotated-value-0000", before), before);
  });

  it("a secret always fits its own masks and clear value (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 7, maxLength: 80 }).filter((s) => !s.includes("*")), fc.constantFrom("om", "atlas", "clear"), (value, style) =>
        secretFitsServer(fingerprint(value), maskSecret(value, style as "om" | "atlas" | "clear")),
      ),
    );
  });

  it("a server answering in clear with another secret is recorded as a fingerprint, never in clear", () => {
    const def = findIntegration("SLACK")!;
    const stored = { apiToken: fingerprint(secret), teamName: "ops" };
    const seen = reconcileFields(def, stored, { type: "SLACK", apiToken: "rotated-by-hand-secret-value", teamName: "ops" });
    assert.ok(isFingerprint(seen.apiToken));
    assert.ok(!JSON.stringify(seen).includes("rotated-by-hand-secret-value"));
    assert.ok(!sameSecret(seen.apiToken, secret), "and shows as drift");
  });
});
