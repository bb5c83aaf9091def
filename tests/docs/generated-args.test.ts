import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { GENERATED_ARGS, renderArgs } from "../../scripts/generate-args";

describe("provider/generated/args.ts", () => {
  it("is exactly what the registry renders (run `npm run docs` after changing a type)", () => {
    assert.equal(fs.readFileSync(path.join(__dirname, "../..", GENERATED_ARGS), "utf8"), renderArgs());
  });
});
