import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { integrationTable } from "../../scripts/integration-table";
import { withSection } from "../../scripts/lib/readme-section";
import { settingsTable } from "../../scripts/settings-table";

describe("README.md", () => {
  const readme = () => fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");

  it("carries the integration table exactly as the registry renders it (run `npm run docs` after changing a type)", () => {
    assert.equal(readme(), withSection(readme(), integrationTable));
  });

  it("carries the connection-settings table exactly as connection-settings.ts renders it (run `npm run docs` after changing a setting)", () => {
    assert.equal(readme(), withSection(readme(), settingsTable));
    assert.match(readme(), /\| `opsmanager:timeoutSeconds` \| `OPSMANAGER_TIMEOUT_SECONDS` \| number \| `30` \|/);
  });
});
