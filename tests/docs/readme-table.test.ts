import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { withIntegrationTable } from "../../scripts/integration-table";

describe("README.md", () => {
  it("carries the integration table exactly as the registry renders it (run `npm run docs` after changing a type)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    assert.equal(readme, withIntegrationTable(readme));
  });
});
