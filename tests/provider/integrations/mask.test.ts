import assert from "node:assert/strict";
import fc from "fast-check";
import { isMasked, maskSecret, matchesMask } from "../../../provider/integrations/mask";

describe("masks", () => {
  const table: [string, string, boolean][] = [
    ["abcdef7890", "******7890", true],
    ["abcdef7890", "******7891", false],
    ["abcdef7890", "******7890x", false],
    ["abcdef7890", "******", true], // fully hidden: nothing to compare, state is trusted
    ["abcdef7890", "**********", true],
    ["abcdef7890", "*****7890", false], // length-tracking (Atlas) mask of a 9-character secret
    ["abcde7890", "*****7890", true],
    ["https://h.example/x/y", "https://h.example*****", false],
    ["https://h.example/x/y", "https://h.example****", true],
  ];
  for (const [secret, mask, expected] of table) {
    it(`${expected ? "matches" : "does not match"} ${JSON.stringify(secret)} with ${mask}`, () => {
      assert.equal(matchesMask(secret, mask), expected);
    });
  }

  // Real tokens are long; a length-tracking mask of a secret under 7 characters has too few asterisks to be told
  // from a value (isMasked wants a run of three), which the README states.
  it("a secret of 7+ characters always matches its own mask, in every style (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 7, maxLength: 80 }).filter((s) => !s.includes("*")), fc.constantFrom("om", "atlas"), (secret, style) => {
        const mask = maskSecret(secret, style as "om" | "atlas");
        return isMasked(mask) && matchesMask(secret, mask);
      }),
    );
  });

  it("a secret whose last four characters changed never matches the old mask (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 5, maxLength: 60 }).filter((s) => !s.includes("*")), fc.string({ minLength: 4, maxLength: 4 }).filter((s) => !s.includes("*")), (secret, tail) => {
        fc.pre(secret.slice(-4) !== tail);
        return !matchesMask(secret.slice(0, -4) + tail, maskSecret(secret, "om"));
      }),
    );
  });

  it("clear mode shows the secret as it is, and real secrets are not taken for masks", () => {
    assert.equal(maskSecret("abc", "clear"), "abc");
    assert.equal(isMasked("xoxb-123-abc"), false);
    assert.equal(isMasked("******1234"), true);
  });
});
