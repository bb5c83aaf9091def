import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { pulumiRangeFor } from "../../provider/cli/own-package";
import { PulumiCli } from "../../scripts/lib/pulumi-cli";
import { run, type Ran } from "../helpers/run";
import { useEmulator } from "../helpers/emulator";
import { repoRoot } from "../helpers/program-dir";
import { copyWorkTree } from "../helpers/work-tree";
import { readmeSection } from "./readme-sections";

const PACKAGE = "pulumi-opsmanager-integrations";

/**
 * The first use, as a new user follows README.md. A fresh clone of this work tree (no build,
 * no node_modules) runs the "Install" commands, so `npm pack` must build; a new program beside it is written from
 * "Use it against your Ops Manager" and runs that section's commands exactly as written (its `preview` needs no
 * server), then is pointed at the emulator for up, preview and destroy. The export command, run from that
 * program as "Migrating" says, writes a project that installs and previews on the Node running this test.
 *
 * npm runs with --prefer-offline (through npm_config_* variables, so the commands stay as written): the packages
 * come from the npm cache the repository's own install filled.
 */
describe("first use from a fresh clone, following README.md", function () {
  this.timeout(20 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  let root: string;
  let ws: PulumiCli;
  const clone = () => path.join(root, PACKAGE);
  const program = () => path.join(root, "my-integrations");

  /** A command line as a user types it: bash, the CLI on PATH, npm from its cache, no developer settings. */
  function shell(lines: readonly string[], cwd: string, extra: Record<string, string> = {}): Promise<Ran> {
    const env = Object.fromEntries(Object.entries(ws.env(extra)).filter(([k]) => !/^npm_/i.test(k)));
    Object.assign(env, {
      npm_config_prefer_offline: "true",
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    });
    return run("bash", ["-euo", "pipefail", "-c", lines.join("\n")], { cwd, env });
  }
  async function ok(lines: readonly string[], cwd: string, extra: Record<string, string> = {}): Promise<Ran> {
    const ran = await shell(lines, cwd, extra);
    assert.equal(ran.code, 0, `${lines.join("\n")}\n--- stdout\n${ran.stdout}\n--- stderr\n${ran.stderr}`);
    return ran;
  }

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "om-first-use-"));
    ws = PulumiCli.create();
  });
  after(() => {
    ws?.dispose();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("Install: a fresh clone packs a package that holds the built provider", async () => {
    const [block] = readmeSection("Install").shellBlocks;
    assert.ok(block, "README Install has a sh block");
    const [cloneLine, ...rest] = block;
    // The one line not run as written: the clone is a copy of this work tree instead of GitHub's.
    assert.match(cloneLine ?? "", /^git clone \S+ *$/);
    copyWorkTree(clone());
    assert.ok(!fs.existsSync(path.join(clone(), "dist")), "a fresh clone has no build");
    await ok(rest, root);
    const { version } = JSON.parse(fs.readFileSync(path.join(clone(), "package.json"), "utf8")) as { version: string };
    const tarball = path.join(clone(), `${PACKAGE}-${version}.tgz`);
    const listed = (await ok([`tar -tzf ${JSON.stringify(tarball)}`], root)).stdout.split("\n");
    for (const file of [
      "package/dist/provider/index.js",
      "package/dist/provider/index.d.ts",
      "package/dist/provider/instance.js",
      "package/dist/provider/cli/main.js",
    ]) {
      assert.ok(listed.includes(file), `${file} is not in the tarball:\n${listed.join("\n")}`);
    }
  });

  it("Use it against your Ops Manager: the section's files and commands, as written, reach a preview", async () => {
    const section = readmeSection("Use it against your Ops Manager");
    assert.deepEqual(Object.keys(section.files).sort(), ["Pulumi.yaml", "index.ts"]);
    fs.mkdirSync(program());
    for (const [name, text] of Object.entries(section.files)) fs.writeFileSync(path.join(program(), name), text);
    const [block = []] = section.shellBlocks;
    assert.ok(
      block.some((l) => l.startsWith("pulumi stack init")),
      "the section inits a stack",
    );
    // A `pulumi config set --secret KEY` line prompts for the value: the user types it (here, on standard input,
    // which the CLI reads when it is not a terminal). The values are the test's own.
    const typed: Record<string, string> = {
      "opsmanager:privateKey": "01234567-89ab-cdef-0123-456789abcdef",
      pagerDutyKey: "0123456789abcdef0123456789abcdef",
    };
    const prompted = block.map((line) => {
      const key = /^pulumi config set --secret (\S+)\s*(#.*)?$/.exec(line)?.[1];
      if (!key) return line;
      assert.ok(typed[key], `the README prompts for ${key}, which this test does not know`);
      return `printf '%s\\n' '${typed[key]}' | ${line.replace(/\s*#.*$/, "")}`;
    });
    assert.equal(
      prompted.filter((l, i) => l !== block[i]).length,
      2,
      "the README sets both secrets at the prompt, not on the command line",
    );
    const ran = await ok(prompted, program());
    assert.equal((await ok(["pulumi config get pagerDutyKey"], program())).stdout.trim(), typed.pagerDutyKey);
    assert.match(ran.stdout, /\+ 2 to create/, ran.stdout);
    // Its own node_modules, not this repository's (the program lives outside it).
    const resolved = (await ok([`node -p 'require.resolve("${PACKAGE}")'`], program())).stdout.trim();
    assert.ok(resolved.startsWith(path.join(program(), "node_modules", PACKAGE) + path.sep), resolved);
  });

  it("up, preview and destroy against the emulator", async () => {
    await ok(
      [
        `pulumi config set opsmanager:baseUrl ${emu.url}`,
        `pulumi config set opsmanager:publicKey ${OWNER_KEY.publicKey}`,
        `pulumi config set --secret opsmanager:privateKey ${OWNER_KEY.privateKey}`,
        "pulumi up --yes --skip-preview",
      ],
      program(),
    );
    const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.equal(stored?.type, "PAGER_DUTY");
    assert.equal(stored?.fields.serviceKey, "0123456789abcdef0123456789abcdef", "the key the README sets");
    await ok(["pulumi preview --expect-no-changes"], program());
  });

  it("export, run from that program, writes a project that installs and previews on this Node", async () => {
    const env = {
      OPSMANAGER_BASE_URL: emu.url,
      OPSMANAGER_PUBLIC_KEY: OWNER_KEY.publicKey,
      OPSMANAGER_PRIVATE_KEY: OWNER_KEY.privateKey,
    };
    const exported = await ok(
      [`npx ${PACKAGE} export --group ${DEFAULT_GROUP_ID} --out ../opsmanager`],
      program(),
      env,
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "opsmanager", "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    assert.match(
      pkg.dependencies[PACKAGE] ?? "",
      new RegExp(`^file:\\.\\./${PACKAGE}/${PACKAGE}-[\\d.]+\\.tgz$`),
      "the tarball the program installed",
    );
    const peer = (
      JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
        peerDependencies: Record<string, string>;
      }
    ).peerDependencies["@pulumi/pulumi"]!;
    assert.equal(pkg.dependencies["@pulumi/pulumi"], pulumiRangeFor(peer, process.versions.node));
    // The next steps as printed, placeholders replaced with the real values (they are meant to be).
    const steps = exported.stdout
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => /^(cd |pulumi )/.test(l))
      .filter((l) => !l.startsWith("pulumi up"));
    const lines = steps.map((l) =>
      l
        .replace("<stack>", "prod")
        .replace("<private-key>", OWNER_KEY.privateKey)
        .replace(/<pager-duty-service-key[^>]*>/, "0123456789abcdef0123456789abcdef"),
    );
    assert.ok(
      lines.every((l) => !/<[a-z-]+>/.test(l.split("#")[0]!)),
      `a placeholder is left:\n${lines.join("\n")}`,
    );
    const ran = await ok(lines, program());
    assert.match(ran.stdout, /\+ 2 to create/, ran.stdout);
    const installed = (
      await ok([`node -p 'require("@pulumi/pulumi/package.json").version'`], path.join(root, "opsmanager"))
    ).stdout.trim();
    console.log(
      `        exported project: ${PACKAGE} ${pkg.dependencies[PACKAGE]}, @pulumi/pulumi ${pkg.dependencies["@pulumi/pulumi"]} → ${installed} on Node ${process.versions.node}`,
    );
  });

  it("destroy leaves the project as it was", async () => {
    await ok(["pulumi destroy --yes --skip-preview"], program());
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });
});
