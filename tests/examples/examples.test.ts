import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { DEFAULT_GROUP_ID, OWNER_KEY, SECOND_GROUP_ID } from "../../emulator/defaults";
import type { ApiKey } from "../../emulator/options";
import { integrationTypes } from "../../provider/integrations/registry";
import { PulumiWorkspace } from "../engine/support/pulumi";
import { useEmulator } from "../helpers/emulator";
import { makeProgramDir, repoRoot } from "../helpers/program-dir";

const examplesDir = path.join(repoRoot, "examples");
const EXAMPLES = ["all-types", "multi-environment", "quickstart"];
/** Examples in other languages (the plugin, issue 18), each run by its own spec in tests/plugin/engine/ or tests/languages/. */
const OTHER_LANGUAGE_EXAMPLES = ["go", "python", "yaml"];
const read = (example: string, file: string) => fs.readFileSync(path.join(examplesDir, example, file), "utf8");

/** Runs a command without blocking this process (an in-process emulator must keep answering). */
function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * An example copied into a throwaway program folder under .tools/programs/ (it resolves the installed package from
 * the repository's node_modules, as in place), on a private file backend. TypeScript is only transpiled at run
 * time: the type-check specs below check the examples with tsc.
 */
function deployable(example: string) {
  const program = makeProgramDir(`example-${example}`);
  fs.cpSync(path.join(examplesDir, example), program.dir, { recursive: true });
  const ws = PulumiWorkspace.create({ PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
  return {
    dir: program.dir,
    ws,
    pulumi: (stack: string, args: readonly string[]) => ws.ok(program.dir, [...args, "--stack", stack]),
    dispose: () => {
      program.cleanup();
      ws.dispose();
    },
  };
}

const setAll = (plain: Record<string, string>, secret: Record<string, string>) => [
  "config",
  "set-all",
  ...Object.entries(plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
  ...Object.entries(secret).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
];

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

describe("examples on the engine: quickstart", function () {
  this.timeout(10 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  let project: ReturnType<typeof deployable>;
  before(() => {
    project = deployable("quickstart");
  });
  after(() => project?.dispose());

  it("up creates exactly its Slack and webhook integrations from the stack's config", async () => {
    await project.ws.ok(project.dir, ["stack", "init", "dev"]);
    await project.pulumi(
      "dev",
      setAll(
        {
          "opsmanager:baseUrl": emu.url,
          "opsmanager:publicKey": OWNER_KEY.publicKey,
          groupId: DEFAULT_GROUP_ID,
          slackTeam: "platform",
        },
        {
          "opsmanager:privateKey": OWNER_KEY.privateKey,
          slackToken: "xoxb-quickstart-0001",
          webhookUrl: "https://hooks.example.com/q/0001",
          webhookSecret: "quickstart-signing",
        },
      ),
    );
    await project.pulumi("dev", ["up", "--yes", "--skip-preview"]);
    const raw = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.deepEqual(raw.map((r) => r.type).sort(), ["SLACK", "WEBHOOK"]);
    assert.deepEqual(raw.find((r) => r.type === "SLACK")?.fields, {
      apiToken: "xoxb-quickstart-0001",
      teamName: "platform",
      channelName: "mongodb-alerts",
    });
    assert.deepEqual(raw.find((r) => r.type === "WEBHOOK")?.fields, {
      url: "https://hooks.example.com/q/0001",
      secret: "quickstart-signing",
    });
    const outputs = JSON.parse((await project.pulumi("dev", ["stack", "output", "--json"])).stdout);
    assert.equal(outputs.slackIntegrationId, raw.find((r) => r.type === "SLACK")?.id);
  });

  it("destroy removes them", async () => {
    await project.pulumi("dev", ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });
});

describe("examples on the engine: multi-environment (dev promoted to prod)", function () {
  this.timeout(10 * 60 * 1000);
  // The example's own emulator config: one project and one key per environment.
  const setup = JSON.parse(read("multi-environment", "emulator.json")) as { groups: string[]; keys: ApiKey[] };
  const emu = useEmulator(setup, { resetEach: false });
  const privateKey = (publicKey: string) => setup.keys.find((k) => k.publicKey === publicKey)!.privateKey;
  let project: ReturnType<typeof deployable>;
  before(() => {
    project = deployable("multi-environment");
  });
  after(() => project?.dispose());

  const types = async (groupId: string) => (await emu.control.raw(groupId)).map((r) => r.type).sort();
  const config = async (stack: string) =>
    JSON.parse((await project.pulumi(stack, ["config", "--show-secrets", "--json"])).stdout) as Record<
      string,
      { value: string }
    >;

  it("dev, from its committed stack file plus its secrets, lands in dev's project only", async () => {
    await project.ws.ok(project.dir, ["stack", "init", "dev"]);
    await project.pulumi(
      "dev",
      setAll(
        { "opsmanager:baseUrl": emu.url }, // the committed file points at port 8080; this emulator listens elsewhere
        {
          "opsmanager:privateKey": privateKey("MULTIENVDEV"),
          slackToken: "xoxb-shared-0001",
          webhookUrl: "https://tickets.example.com/h/0001",
        },
      ),
    );
    await project.pulumi("dev", ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await types(DEFAULT_GROUP_ID), ["SLACK", "WEBHOOK"]);
    assert.equal(
      (await emu.control.raw(DEFAULT_GROUP_ID)).find((r) => r.type === "SLACK")?.fields.channelName,
      "mongodb-alerts-dev",
    );
    assert.deepEqual(await types(SECOND_GROUP_ID), []);
  });

  it("promote.sh dev prod copies dev's secrets and keeps prod's own committed values", async () => {
    const promoted = await run("bash", ["promote.sh", "dev", "prod"], { cwd: project.dir, env: project.ws.env() });
    assert.equal(promoted.code, 0, promoted.output);
    const prod = await config("prod");
    assert.equal(prod["multi-environment:groupId"]?.value, SECOND_GROUP_ID);
    assert.equal(prod["multi-environment:slackChannel"]?.value, "mongodb-alerts");
    assert.equal(prod["opsmanager:publicKey"]?.value, "MULTIENVPROD");
    assert.equal(
      prod["opsmanager:baseUrl"]?.value,
      "http://127.0.0.1:8080",
      "prod's committed value, not dev's override",
    );
    assert.equal(prod["multi-environment:slackToken"]?.value, "xoxb-shared-0001", "dev's secret, copied");
    assert.equal(
      prod["opsmanager:privateKey"]?.value,
      privateKey("MULTIENVDEV"),
      "dev's key: the walkthrough overrides it next",
    );
  });

  it("prod, with its own key and a PagerDuty key, lands in prod's project only and pages on-call", async () => {
    await project.pulumi(
      "prod",
      setAll(
        { "opsmanager:baseUrl": emu.url },
        { "opsmanager:privateKey": privateKey("MULTIENVPROD"), pagerDutyKey: "prod0pagerduty0service0key00001" },
      ),
    );
    await project.pulumi("prod", ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await types(SECOND_GROUP_ID), ["PAGER_DUTY", "SLACK", "WEBHOOK"]);
    const prodSlack = (await emu.control.raw(SECOND_GROUP_ID)).find((r) => r.type === "SLACK");
    assert.deepEqual(prodSlack?.fields, {
      apiToken: "xoxb-shared-0001",
      teamName: "platform",
      channelName: "mongodb-alerts",
    });
    assert.deepEqual(await types(DEFAULT_GROUP_ID), ["SLACK", "WEBHOOK"], "dev's project untouched");
  });

  it("destroying each stack empties its own project", async () => {
    await project.pulumi("prod", ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await types(SECOND_GROUP_ID), []);
    assert.deepEqual(await types(DEFAULT_GROUP_ID), ["SLACK", "WEBHOOK"]);
    await project.pulumi("dev", ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await types(DEFAULT_GROUP_ID), []);
  });
});
