import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { integrationTypes } from "../../provider/integrations/registry";
import { repoRoot } from "../helpers/program-dir";
import { EXAMPLES, examplesDir, OTHER_LANGUAGE_EXAMPLES, read } from "./support/examples";

describe("examples: each is a small, self-contained Pulumi program", () => {
  it("examples/ holds exactly the documented examples", () => {
    const dirs = fs
      .readdirSync(examplesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    assert.deepEqual(dirs.sort(), [...EXAMPLES, ...OTHER_LANGUAGE_EXAMPLES].sort());
  });

  for (const example of EXAMPLES) {
    it(`${example}: Pulumi.yaml, index.ts, tsconfig.json, and a package.json of its own naming the package by version`, () => {
      assert.match(read(example, "Pulumi.yaml"), new RegExp(`^name: ${example}$`, "m"));
      assert.match(read(example, "Pulumi.yaml"), /^runtime: nodejs$/m);
      assert.ok(fs.existsSync(path.join(examplesDir, example, "tsconfig.json")));
      const pkg = JSON.parse(read(example, "package.json"));
      assert.notEqual(
        pkg.name,
        "pulumi-opsmanager-integrations",
        "its own name, or Node would self-reference the repository",
      );
      assert.match(pkg.dependencies["pulumi-opsmanager-integrations"], /^\^\d+\.\d+\.\d+$/);
      assert.ok(pkg.dependencies["@pulumi/pulumi"]);
    });

    it(`${example}: loads the package by its name, never by a path into the repository`, () => {
      const source = read(example, "index.ts");
      assert.match(source, /from "pulumi-opsmanager-integrations";/);
      assert.doesNotMatch(source, /from "\.\.?\//, "a relative import");
      assert.doesNotMatch(source, /provider\/|dist\//);
    });

    it(`${example}: its README has a "Files" table listing every file and a "Run it" block`, () => {
      const readme = read(example, "README.md");
      assert.match(readme, /^## Files\n\n\| file \| what it is \|/m);
      assert.match(readme, /^## Run it\n[\s\S]*```sh\n/m);
      for (const file of fs.readdirSync(path.join(examplesDir, example))) {
        if (file !== "README.md") assert.ok(readme.includes(`\`${file}\``), `${file} missing from the Files table`);
      }
    });
  }

  it("the main README's Examples table lists every example", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("## Examples"),
      readme.indexOf("## Promoting from dev to staging to prod"),
    );
    for (const example of [...EXAMPLES, ...OTHER_LANGUAGE_EXAMPLES]) {
      assert.ok(section.includes(`](examples/${example})`), `${example} missing`);
    }
  });

  it("all-types creates one integration of every registered type", () => {
    const types = [...read("all-types", "index.ts").matchAll(/type: "([A-Z_]+)"/g)].map((m) => m[1]);
    assert.deepEqual([...types].sort(), [...integrationTypes].sort());
  });

  it("multi-environment's committed stack files hold no secrets and give each stack its own project and key", () => {
    const seen = { groups: new Set<string>(), keys: new Set<string>() };
    for (const stack of ["dev", "staging", "prod"]) {
      const file = read("multi-environment", `Pulumi.${stack}.yaml`);
      assert.doesNotMatch(file, /secure:|encryptionsalt|privateKey/, `Pulumi.${stack}.yaml`);
      seen.groups.add(/multi-environment:groupId: "([0-9a-f]{24})"/.exec(file)?.[1] ?? "");
      seen.keys.add(/opsmanager:publicKey: (\S+)/.exec(file)?.[1] ?? "");
    }
    assert.equal(seen.groups.size, 3);
    assert.equal(seen.keys.size, 3);
  });
});

describe("examples: type-check with tsc", function () {
  this.timeout(3 * 60 * 1000);
  // One compiler host for all examples: the declaration files they share (@pulumi/pulumi, this package) are parsed
  // once, as the TypeScript language service does, instead of once per `tsc` process.
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const base = ts.createCompilerHost({});
  const host: ts.CompilerHost = {
    ...base,
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      const key = `${fileName}|${JSON.stringify(languageVersion)}`;
      if (!parsed.has(key)) parsed.set(key, base.getSourceFile(fileName, languageVersion, onError, shouldCreate));
      return parsed.get(key);
    },
  };

  for (const example of EXAMPLES) {
    it(`${example} compiles without errors (its own tsconfig.json, as \`tsc -p\` does)`, () => {
      const configFile = path.join(examplesDir, example, "tsconfig.json");
      const config = ts.getParsedCommandLineOfConfigFile(
        configFile,
        { noEmit: true },
        {
          ...ts.sys,
          onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, "\n")),
        },
      );
      assert.ok(config);
      assert.deepEqual(config.errors, []);
      const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
      const diagnostics = ts.getPreEmitDiagnostics(program);
      const text = ts.formatDiagnostics(diagnostics, { ...host, getNewLine: () => "\n" });
      assert.equal(diagnostics.length, 0, text);
    });
  }
});
