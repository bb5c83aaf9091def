import assert from "node:assert/strict";
import { securityWarnings } from "../../provider/insecure-warning";

/** One flag parser for the provider and its warnings, so every value that weakens security warns. */
describe("securityWarnings", () => {
  const table: [string, Record<string, string>, Record<string, string>, RegExp[]][] = [
    ["insecureSkipVerify 1 (stack config)", { "opsmanager:insecureSkipVerify": "1" }, {}, [/insecureSkipVerify .* is 1: .*not verified/]],
    ["insecureSkipVerify true (environment)", {}, { OPSMANAGER_INSECURE_SKIP_VERIFY: "true" }, [/not verified/]],
    ["insecureSkipVerify TRUE", { "opsmanager:insecureSkipVerify": "TRUE" }, {}, [/not verified/]],
    ["insecureSkipVerify 0", { "opsmanager:insecureSkipVerify": "0" }, {}, []],
    ["insecureSkipVerify false", {}, { OPSMANAGER_INSECURE_SKIP_VERIFY: "false" }, []],
    ["nothing set", {}, {}, []],
    ["allowHttp with http:// to another machine", { "opsmanager:baseUrl": "http://om.example.com:8080", "opsmanager:allowHttp": "1" }, {}, [/http:\/\/ to another machine.*in clear/]],
    ["allowHttp with http:// to this machine", { "opsmanager:baseUrl": "http://127.0.0.1:8080", "opsmanager:allowHttp": "true" }, {}, []],
    ["allowHttp with https://", { "opsmanager:baseUrl": "https://om.example.com", "opsmanager:allowHttp": "true" }, {}, []],
    ["allowDigestWithoutQop", {}, { OPSMANAGER_ALLOW_DIGEST_WITHOUT_QOP: "1" }, [/replayed/]],
  ];
  for (const [what, config, env, expected] of table) {
    it(`${expected.length ? "warns" : "is quiet"} for ${what}`, () => {
      const got = securityWarnings((k) => config[k], env);
      assert.equal(got.length, expected.length, got.join("\n"));
      expected.forEach((re, i) => assert.match(got[i] ?? "", re));
    });
  }
});
