import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PulumiCli } from "../../scripts/lib/pulumi-cli";
import { repoRoot } from "../helpers/program-dir";
import { VERSION } from "../helpers/yaml-project";

const run = promisify(execFile);
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};

/** The first line the plugin prints (its gRPC port), or what it said before exiting. */
function firstLine(executable: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill(), 60_000);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes("\n")) child.kill();
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(out.split("\n")[0] || `(nothing on stdout) ${err}`);
    });
  });
}

/** `npm run plugin:pack` and an offline `pulumi plugin install --file` of what it made. */
describe("plugin: npm run plugin:pack", function () {
  this.timeout(10 * 60 * 1000);
  let output: string;
  let tarball: string;
  let entries: string[];
  let ws: PulumiCli;

  let packSeconds: number;

  before(async () => {
    const started = Date.now();
    ({ stdout: output } = await run("npm", ["run", "plugin:pack"], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }));
    packSeconds = (Date.now() - started) / 1000;
    tarball = output.trim().split("\n").pop() ?? "";
    entries = (await run("tar", ["-tzvf", tarball], { maxBuffer: 64 * 1024 * 1024 })).stdout
      .split("\n")
      .filter(Boolean);
    ws = PulumiCli.create();
  });
  after(() => ws?.dispose());

  it("prints the tarball's path as its last line, named for the version and this platform", () => {
    const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
    assert.equal(path.basename(tarball), `pulumi-resource-opsmanager-v${VERSION}-${process.platform}-${arch}.tar.gz`);
    assert.ok(fs.existsSync(tarball));
  });

  it("builds and packs in under two minutes (the build starts from an empty dist/, as on a fresh clone)", () => {
    console.log(`      npm run plugin:pack: ${packSeconds.toFixed(1)} s`);
    assert.ok(packSeconds < 120, `${packSeconds.toFixed(1)} s`);
  });

  it("writes one tarball per platform the engine downloads for, named as its downloader asks a server", () => {
    // pulumi/pulumi sdk/go/common/workspace/plugins.go: `pulumi-%s-%s-v%s-%s-%s.tar.gz` (kind, name, version, os, arch).
    const printed = output
      .trim()
      .split("\n")
      .filter((l) => l.endsWith(".tar.gz"));
    const expected = ["linux", "darwin", "windows"].flatMap((os) =>
      ["amd64", "arm64"].map((arch) => `pulumi-resource-opsmanager-v${VERSION}-${os}-${arch}.tar.gz`),
    );
    assert.deepEqual(printed.map((p) => path.basename(p)).sort(), expected.sort());
    for (const p of printed) assert.ok(fs.statSync(p).size > 1024 * 1024, `${p} is too small`);
  });

  it("gives Windows a .cmd launcher running the same plugin with the node on PATH, and no POSIX script", async () => {
    const windows = path.join(path.dirname(tarball), `pulumi-resource-opsmanager-v${VERSION}-windows-amd64.tar.gz`);
    const names = (await run("tar", ["-tzf", windows], { maxBuffer: 64 * 1024 * 1024 })).stdout.split("\n");
    assert.ok(names.includes("pulumi-resource-opsmanager.cmd"), "no .cmd launcher");
    assert.ok(!names.includes("pulumi-resource-opsmanager"), "a POSIX launcher on Windows");
    assert.ok(names.includes("dist/provider/plugin/main.js"));
    const cmd = (await run("tar", ["-xzOf", windows, "pulumi-resource-opsmanager.cmd"])).stdout;
    assert.match(cmd, /^node "%~dp0dist\\provider\\plugin\\main\.js" %\*\r$/m);
  });

  it("prints the tarball's size, which stays reasonable (under 40 MiB)", () => {
    const bytes = fs.statSync(tarball).size;
    assert.match(output, new RegExp(`\\b${bytes} bytes\\b`));
    assert.ok(bytes < 40 * 1024 * 1024, `${bytes} bytes`);
    console.log(`      plugin tarball: ${bytes} bytes, ${entries.length} entries`);
  });

  it("holds an executable launcher, the built plugin and the framework, and no devDependency", () => {
    const launcher = entries.find((e) => / pulumi-resource-opsmanager$/.test(e));
    assert.match(launcher ?? "", /^-rwxr-xr-x/, "the launcher is not executable");
    const names = entries.map((e) => e.split(/\s+/).pop() ?? "");
    for (const file of [
      "dist/provider/plugin/main.js",
      "dist/provider/lifecycle.js",
      "package.json",
      "node_modules/@pulumi/pulumi/provider/server.js",
      "node_modules/zod/package.json",
    ]) {
      assert.ok(names.includes(file), `${file} missing`);
    }
    // @pulumi/pulumi is the plugin's framework, and semver and @types/semver are dependencies of it; @types/node is
    // a dependency of protobufjs (which gRPC loads).
    const runtime = ["@pulumi/pulumi", "@types/node", "semver", "@types/semver"];
    const dev = Object.keys(pkg.devDependencies).filter((d) => !runtime.includes(d));
    assert.ok(dev.length > 5);
    for (const d of dev)
      assert.ok(!names.some((n) => n.startsWith(`node_modules/${d}/`)), `devDependency ${d} in the tarball`);
    assert.ok(
      !names.some(
        (n) =>
          !n.startsWith("node_modules/") &&
          (/^(tests|emulator|provider|dist\/emulator)\//.test(n) || /(?<!\.d)\.ts$/.test(n)),
      ),
      "sources or tests in the tarball",
    );
  });

  it("installs with `pulumi plugin install --file` and no network, into PULUMI_HOME, and runs on this node", async () => {
    // A proxy that refuses every connection: any download attempt would fail the install.
    const offline = { HTTP_PROXY: "http://127.0.0.1:9", HTTPS_PROXY: "http://127.0.0.1:9", NO_PROXY: "" };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "om-plugin-"));
    try {
      await ws.ok(dir, ["plugin", "install", "resource", "opsmanager", VERSION, "--file", tarball], { env: offline });
      const listed = JSON.parse((await ws.ok(dir, ["plugin", "ls", "--json"])).stdout) as Array<{
        name: string;
        kind: string;
        version: string;
      }>;
      assert.deepEqual(
        listed.map((p) => `${p.kind}/${p.name}@${p.version}`),
        [`resource/opsmanager@${VERSION}`],
      );
      const installed = path.join(ws.home, "plugins", `resource-opsmanager-v${VERSION}`, "pulumi-resource-opsmanager");
      assert.match(await firstLine(installed, dir), /^\d+$/, "the plugin did not print its port");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
