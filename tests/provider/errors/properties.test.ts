import assert from "node:assert/strict";
import fc from "fast-check";
import { parseChallenge } from "../../../provider/client";
import { excerpt, printable, redactText } from "../../../provider/redact";

describe("properties of the redaction and parsing helpers", () => {
  it("redactText never leaves a known secret, whatever surrounds it", () => {
    const alphabet = fc.constantFrom(..."abRED[]ACT\"\\% x".split(""));
    fc.assert(
      fc.property(fc.string({ unit: alphabet }), fc.string({ unit: alphabet, minLength: 3, maxLength: 8 }), fc.string({ unit: alphabet }), (pre, secret, post) => {
        const out = redactText(`${pre}${secret}${post}${JSON.stringify(secret)}`, [secret]);
        assert.ok(!out.includes(secret), JSON.stringify({ out, secret }));
      }),
      { numRuns: 2000 },
    );
  });

  it("printable and excerpt are bounded, printable, and never show the secret", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ minLength: 3, maxLength: 20 }), fc.integer({ min: 10, max: 300 }), (body, secret, max) => {
        for (const out of [printable(`${body}${secret}${body}`, [secret], max), excerpt(`${body}${secret}`, [secret], max)]) {
          assert.ok(!out.includes(secret));
          assert.doesNotMatch(out, /[\p{Cc}]/u);
          assert.ok(out.length <= max + 20, `${out.length} > ${max}`); // a trailing marker may push past max
        }
      }),
      { numRuns: 500 },
    );
  });

  it("parseChallenge never throws and only returns complete challenges", () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom("Digest ", "realm=", "nonce=", '"', ",", "=", "qop=auth", "stale=true", "algorithm=MD5", "\\"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const got = parseChallenge(parts.join(""));
        if (got) assert.ok(typeof got.realm === "string" && got.nonce.length > 0);
      }),
      { numRuns: 3000 },
    );
  });
});
