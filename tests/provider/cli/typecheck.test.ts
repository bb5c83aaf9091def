import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { checkAddDir, writeAddDir } from "../../../provider/cli/add-dir";
import { exportProgram, type ExportInput } from "../../../provider/cli/export-program";
import { projectFiles } from "../../../provider/cli/project-files";
import type { ServerIntegration } from "../../../provider/client/types";
import { definitions } from "../../../provider/integrations/registry";
import { toView } from "../../../provider/integration-view";
import { makeProgramDir } from "../../helpers/program-dir";
import { installedBin, typecheck } from "./support/cli";

const G1 = "5f0000000000000000000001";
const G2 = "5f0000000000000000000002";

/** Every registered type with its example values, in two projects: every field shape the generator can emit. */
function everyType(configNamespace?: string): ExportInput {
  const groups = [G1, G2].map((groupId) => ({
    groupId,
    views: definitions.map((d) => toView(groupId, { type: d.type, ...d.example } as ServerIntegration)),
    unknownTypes: ["SHINY_NEW"],
  }));
  return { groups, ...(configNamespace ? { configNamespace } : {}) };
}

/**
 * The generated program type-checks against the package's published types: a project as the CLI writes it, in a
 * folder under .tools/programs that resolves `pulumi-opsmanager-integrations` from node_modules like a user's.
 */
describe("export: the generated program type-checks against the installed package", function () {
  this.timeout(120_000);
  const made: Array<() => void> = [];
  after(() => made.forEach((cleanup) => cleanup()));

  function project(program: string): string {
    const { dir, cleanup } = makeProgramDir("export-tsc");
    made.push(cleanup);
    const files = projectFiles("export-tsc", program, { version: "0.1.0", pulumiRange: "^3.139.0", packageSpec: "^0.1.0" });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  before(() => installedBin()); // fails with what to run when the package is not installed

  const cases: { what: string; input: ExportInput }[] = [
    { what: "every type in two projects", input: everyType() },
    { what: "every type with a config namespace", input: everyType("oncall") },
    { what: "one project", input: { groups: [everyType().groups[0]!] } },
  ];
  for (const row of cases) {
    it(`${row.what}: tsc --noEmit is clean`, async () => {
      const program = exportProgram(row.input);
      assert.ok(program.resources > 0);
      const result = await typecheck(project(program.text));
      assert.equal(result.code, 0, `tsc failed:\n${result.stdout}${result.stderr}\n--- index.ts\n${program.text}`);
    });
  }

  it("a program with a project added by --add (its own file, imported by index.ts): tsc --noEmit is clean", async () => {
    const [first, second] = everyType().groups;
    const dir = project(exportProgram({ groups: [first!] }).text);
    const addTo = checkAddDir(dir, dir, [G2]);
    assert.ok(!("problem" in addTo), JSON.stringify(addTo));
    const added = exportProgram({ groups: [second!], takenSuffixes: addTo.takenSuffixes });
    writeAddDir(addTo, new Map([[addTo.files.get(G2) ?? "", added.text]]));
    assert.match(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), /\nimport "\.\/project-000002";\n$/);
    const result = await typecheck(dir);
    assert.equal(result.code, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
  });

  it("and the check has teeth: a field of another type is a compile error", async () => {
    const program = exportProgram({ groups: [everyType().groups[0]!] }).text.replace('teamName: "ops",', 'teamName: "ops",\n  region: "EU",');
    assert.ok(program.includes('region: "EU"'));
    const result = await typecheck(project(program));
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /index\.ts\(\d+,\d+\): error TS2353:.*'region'/);
  });
});
