import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliError, parseCli } from "../../emulator/cli-options";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { DigestClient } from "./support/digest-client";
import { selfSignedCert } from "./support/tls";
import { startChild } from "../helpers/run";

const CONFIG = {
  groups: ["aaaaaaaaaaaaaaaaaaaaaaaa"],
  keys: [{ publicKey: "FILEKEY", privateKey: "file-private", roles: [{ groupId: "aaaaaaaaaaaaaaaaaaaaaaaa", roleName: "GROUP_OWNER" }] }],
  maskStyle: "atlas",
};
const files: Record<string, string> = { "cfg.json": JSON.stringify(CONFIG), "cert.pem": "CERT", "key.pem": "KEY" };
const read = (file: string) => files[file] ?? assert.fail(`unexpected read of ${file}`);
const options = (argv: string[]) => {
  const parsed = parseCli(argv, read);
  assert.equal(parsed.help, false);
  return parsed.help ? assert.fail() : parsed.options;
};

describe("emulator: command line", () => {
  const table: { argv: string[]; expect: Record<string, unknown> }[] = [
    { argv: [], expect: { port: 8080, host: "127.0.0.1", groups: undefined, keys: undefined, maskStyle: undefined, dataFile: undefined, tls: undefined } },
    { argv: ["--port", "0", "--host", "0.0.0.0"], expect: { port: 0, host: "0.0.0.0" } },
    { argv: ["--mask", "clear", "--nonce-lifetime", "10", "--rate-limit", "5", "--latency", "20"], expect: { maskStyle: "clear", nonceLifetimeMs: 10_000, rateLimitPerSecond: 5, latencyMs: 20 } },
    { argv: ["--data-file", "/tmp/x.json"], expect: { dataFile: "/tmp/x.json" } },
    { argv: ["--null-on-put", "clears"], expect: { nullOnPut: "clears" } },
    { argv: ["--put", "replace"], expect: { putSemantics: "replace" } },
    { argv: ["--webhook-secret", "masked", "--body-only-types", "accept"], expect: { webhookSecret: "masked", bodyOnlyTypes: "accept" } },
    { argv: ["--tls-cert", "cert.pem", "--tls-key", "key.pem"], expect: { tls: { cert: "CERT", key: "KEY" } } },
    { argv: ["--config", "cfg.json"], expect: { groups: CONFIG.groups, keys: CONFIG.keys, maskStyle: "atlas" } },
    { argv: ["--config", "cfg.json", "--mask", "om"], expect: { maskStyle: "om" } },
    {
      argv: ["--group", "bbbbbbbbbbbbbbbbbbbbbbbb", "--key", "K:P", "--key", "R:Q:GROUP_READ_ONLY:cccccccccccccccccccccccc"],
      expect: {
        groups: ["bbbbbbbbbbbbbbbbbbbbbbbb"],
        keys: [
          { publicKey: "K", privateKey: "P", roles: [{ groupId: "bbbbbbbbbbbbbbbbbbbbbbbb", roleName: "GROUP_OWNER" }] },
          { publicKey: "R", privateKey: "Q", roles: [{ groupId: "cccccccccccccccccccccccc", roleName: "GROUP_READ_ONLY" }] },
        ],
      },
    },
  ];
  for (const row of table) {
    it(`${row.argv.join(" ") || "(no flags)"} → ${JSON.stringify(row.expect)}`, () => {
      const got = options(row.argv) as unknown as Record<string, unknown>;
      for (const [name, value] of Object.entries(row.expect)) assert.deepEqual(got[name], value, name);
    });
  }

  const wrong = [["--mask", "loud"], ["--port", "eighty"], ["--tls-cert", "cert.pem"], ["--key", "NOPRIVATE"], ["--put", "patch"], ["--webhook-secret", "last4"], ["--body-only-types", "maybe"]];
  for (const argv of wrong) {
    it(`refuses ${argv.join(" ")} with a CliError`, () => assert.throws(() => parseCli(argv, read), CliError));
  }

  it("refuses an unknown flag and answers --help", () => {
    assert.throws(() => parseCli(["--colour"], read), /Unknown option/);
    assert.deepEqual(parseCli(["--help"], read), { help: true });
  });
});

/** Starts `emulator/main.ts` and resolves with the process and its banner once it is listening. */
async function startMain(args: string[]): Promise<{ child: ChildProcess; banner: string; url: string }> {
  const { child, ready } = await startChild("main", process.execPath, ["--require", "tsx/cjs", "emulator/main.ts", ...args], (out) => {
    const url = /listening on (\S+)/.exec(out)?.[1];
    return url && /state: .*\n/.test(out) ? { banner: out, url } : undefined;
  });
  return { child, ...ready };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

describe("emulator: main.ts", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "om-emulator-main-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the URLs and credentials, serves the API, persists with --data-file and exits 0 on SIGTERM", async () => {
    const dataFile = join(dir, "state.json");
    const first = await startMain(["--port", "0", "--data-file", dataFile]);
    try {
      assert.match(first.banner, /^Ops Manager emulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
      assert.match(first.banner, /API base: +http:\/\/127\.0\.0\.1:\d+\/api\/public\/v1\.0/);
      assert.match(first.banner, /EMULATOROWNER \/ emulator-owner-private-key +GROUP_OWNER@5f0000000000000000000001, GROUP_OWNER@5f0000000000000000000002/);
      assert.match(first.banner, /EMULATOROUTSIDER \/ emulator-outsider-private-key +\(no group\)/);
      const api = new DigestClient(`${first.url}/api/public/v1.0`, OWNER_KEY);
      const put = await api.send("PUT", `/groups/${DEFAULT_GROUP_ID}/integrations/PAGER_DUTY`, { type: "PAGER_DUTY", serviceKey: "a1b2c3d4e5f6" });
      assert.equal(put.status, 200);
    } finally {
      assert.equal(await stop(first.child), 0);
    }
    const second = await startMain(["--port", "0", "--data-file", dataFile]);
    try {
      const api = new DigestClient(`${second.url}/api/public/v1.0`, OWNER_KEY);
      assert.equal((await api.send("GET", `/groups/${DEFAULT_GROUP_ID}/integrations/PAGER_DUTY`)).json().serviceKey, "******e5f6");
    } finally {
      await stop(second.child);
    }
  });

  it("takes keys, groups and the mask style from --config and serves HTTPS with --tls-cert/--tls-key", async () => {
    const tls = await selfSignedCert();
    writeFileSync(join(dir, "cfg.json"), JSON.stringify(CONFIG));
    writeFileSync(join(dir, "cert.pem"), tls.cert);
    writeFileSync(join(dir, "key.pem"), tls.key);
    const main = await startMain(["--port", "0", "--config", join(dir, "cfg.json"), "--tls-cert", join(dir, "cert.pem"), "--tls-key", join(dir, "key.pem")]);
    try {
      assert.match(main.url, /^https:/);
      assert.match(main.banner, /FILEKEY \/ file-private +GROUP_OWNER@aaaaaaaaaaaaaaaaaaaaaaaa/);
      assert.match(main.banner, /Mask: atlas/);
      const api = new DigestClient(`${main.url}/api/public/v1.0`, { publicKey: "FILEKEY", privateKey: "file-private" }, tls.cert);
      await api.send("PUT", "/groups/aaaaaaaaaaaaaaaaaaaaaaaa/integrations/PAGER_DUTY", { type: "PAGER_DUTY", serviceKey: "a1b2c3d4e5f6" });
      assert.equal((await api.send("GET", "/groups/aaaaaaaaaaaaaaaaaaaaaaaa/integrations/PAGER_DUTY")).json().serviceKey, "********e5f6");
    } finally {
      await stop(main.child);
    }
  });

  it("exits 2 with the usage on a bad flag", async () => {
    await assert.rejects(startMain(["--mask", "loud"]), /main exited 2: emulator: --mask must be om, atlas or clear, got loud\n\nUsage:/);
  });
});
