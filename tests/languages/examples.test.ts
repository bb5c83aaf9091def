import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { GO_SDK_VERSION, goModulePath, SCHEMA_FILE, withLanguageDefaults } from "../../scripts/gen-sdk";
import { repoRoot } from "../helpers/program-dir";
import { leg1Versions } from "../helpers/versions";

const examplesDir = path.join(repoRoot, "examples");
const read = (...parts: string[]) => fs.readFileSync(path.join(repoRoot, ...parts), "utf8");
/** What a run leaves in an example folder and its .gitignore keeps out of git. */
const generated = (file: string) => file === "venv" || file === "__pycache__" || /^Pulumi\..+\.yaml$/.test(file);

/**
 * The Python and Go examples as documents: each says what its files are and how to run it, and the versions they
 * pin are the ones the toolchain scripts provide and the tests run with (one fact, checked in both places).
 */
describe("languages: examples/python and examples/go", () => {
  for (const [example, runtime] of [
    ["python", /^runtime:\n {2}name: python$/m],
    ["go", /^runtime: go$/m],
  ] as const) {
    it(`${example}: Pulumi.yaml names the project after its folder and the ${example} runtime`, () => {
      const project = read("examples", example, "Pulumi.yaml");
      assert.match(project, new RegExp(`^name: ${example}$`, "m"));
      assert.match(project, runtime);
    });

    it(`${example}: its README has a "Files" table listing every file and a "Run it" block`, () => {
      const readme = read("examples", example, "README.md");
      assert.match(readme, /^## Files\n\n\| file \| what it is \|/m);
      assert.match(readme, /^## Run it\n[\s\S]*```sh\n/m);
      assert.match(readme, new RegExp(`npm run --silent sdk:gen -- ${example}`), "how to generate the SDK");
      for (const file of fs.readdirSync(path.join(examplesDir, example)).filter((f) => !generated(f))) {
        if (file !== "README.md") assert.ok(readme.includes(`\`${file}\``), `${file} missing from the Files table`);
      }
    });
  }

  it("gen-sdk makes the Python and Go SDKs ask for the plugin of the schema's version, and keeps what the schema sets", () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
    const given = withLanguageDefaults(schema);
    assert.equal(given.language?.python?.respectSchemaVersion, true);
    assert.equal(given.language?.go?.respectSchemaVersion, true);
    const own = withLanguageDefaults({ name: "x", language: { go: { respectSchemaVersion: false, importBasePath: "example.org/x" } } });
    assert.deepEqual(own.language?.go, { respectSchemaVersion: false, importBasePath: "example.org/x" });
    assert.equal(goModulePath({ name: "x", language: { go: { importBasePath: "example.org/x" } } }), "example.org/x");
    assert.equal(goModulePath({ name: "x" }), "example.com/pulumi-x/sdk/go/x");
  });

  it("python: requirements.txt pins the pulumi release scripts/ensure-python-env.sh provides (scripts/versions.env), and the generated SDK", () => {
    const pinned = leg1Versions.PULUMI_PYTHON_SDK_VERSION;
    assert.match(pinned, /^\d+\.\d+\.\d+$/, "scripts/versions.env has no PULUMI_PYTHON_SDK_VERSION");
    const requirements = read("examples", "python", "requirements.txt");
    assert.match(requirements, new RegExp(`^pulumi==${pinned.replace(/\./g, "\\.")}$`, "m"));
    assert.match(requirements, /^\.\.\/\.\.\/sdk\/python$/m);
    assert.match(read("examples", "python", "Pulumi.yaml"), /^ {4}virtualenv: venv$/m);
  });

  it("go: go.mod requires the SDK gen-sdk.ts makes, by its module path, replaced by ../../sdk/go/opsmanager", () => {
    const gomod = read("examples", "go", "go.mod");
    const sdk = goModulePath(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")));
    assert.match(gomod, new RegExp(`^\\s*github\\.com/pulumi/pulumi/sdk/v3 ${GO_SDK_VERSION.replace(/\./g, "\\.")}$`, "m"));
    assert.ok(gomod.includes(`\n\t${sdk} v0.0.0\n`), `go.mod does not require ${sdk}`);
    assert.ok(gomod.includes(`\nreplace ${sdk} => ../../sdk/go/opsmanager\n`), `go.mod does not replace ${sdk}`);
    assert.match(read("examples", "go", "main.go"), new RegExp(`^\\s*"${sdk.replace(/\./g, "\\.")}"$`, "m"));
  });
});
