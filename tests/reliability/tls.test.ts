import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { ApiError, errorCodes } from "../../provider/errors";
import { EngineProject } from "../helpers/engine-project";
import { selfSignedCert } from "../emulator/support/tls";
import { withEmulator, type EmulatorFixture } from "../helpers/emulator";
import { sessionWith } from "../helpers/session";
import { outcome } from "./support/outcome";
import { lifecycle } from "../../provider/lifecycle";

/**
 * Reliability suite 6: the emulator over HTTPS with a self-signed certificate made at test time. Verification is on
 * by default (refused, with a message naming opsmanager:caCert), the certificate is accepted through
 * opsmanager:caCert as PEM text or as a file path, and opsmanager:insecureSkipVerify works but warns.
 */
const inputs = { groupId: DEFAULT_GROUP_ID, type: "PAGER_DUTY", serviceKey: "pd-tls-0123456789" };

describe("reliability: TLS (HTTPS emulator, self-signed certificate)", function () {
  this.timeout(5 * 60 * 1000);
  let cert: { cert: string; key: string };
  let dir: string;
  let caFile: string;
  before(async () => {
    cert = await selfSignedCert();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "om-reliability-tls-"));
    caFile = path.join(dir, "om-ca.pem");
    fs.writeFileSync(caFile, cert.cert);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const withTls = <T>(fn: (emu: EmulatorFixture) => Promise<T>) => withEmulator({ tls: cert }, fn);

  /** Create, read back and delete through a session with these settings; the error when refused. */
  async function roundTrip(emu: EmulatorFixture, settings: Record<string, string>) {
    const session = sessionWith(emu.url, settings);
    try {
      return await outcome(async () => {
        const created = await lifecycle.create({ session }, inputs);
        const refreshed = await lifecycle.read({ session }, created.id, created.outs ?? {});
        assert.equal(refreshed.id, created.id);
        await lifecycle.delete({ session }, "", created.outs ?? {});
        return created;
      });
    } finally {
      session.client.close();
    }
  }

  it("refuses the self-signed server by default, naming opsmanager:caCert, before any HTTP request", () =>
    withTls(async (emu) => {
      const run = await roundTrip(emu, {});
      assert.ok(!run.ok, "an untrusted certificate was accepted");
      const err = run.error;
      assert.ok(err instanceof ApiError, String(err));
      assert.equal(err.code, errorCodes.TLS_ERROR);
      assert.equal(err.attempts, 1, "a certificate problem is not retried");
      assert.match(err.message, /TLS certificate is not trusted/);
      assert.match(err.message, /opsmanager:caCert/);
      assert.deepEqual(await emu.control.requests(), [], "an HTTP request got through");
      assert.deepEqual(
        (await emu.control.raw()).groups.flatMap((g) => g.integrations),
        [],
      );
    }));

  it("accepts it with opsmanager:caCert as PEM text", () =>
    withTls(async (emu) => {
      const run = await roundTrip(emu, { "opsmanager:caCert": cert.cert });
      assert.ok(run.ok, run.ok ? "" : String(run.error));
    }));

  it("accepts it with opsmanager:caCert as a file path", () =>
    withTls(async (emu) => {
      const run = await roundTrip(emu, { "opsmanager:caCert": caFile });
      assert.ok(run.ok, run.ok ? "" : String(run.error));
    }));

  it("accepts it with opsmanager:insecureSkipVerify true", () =>
    withTls(async (emu) => {
      const run = await roundTrip(emu, { "opsmanager:insecureSkipVerify": "true" });
      assert.ok(run.ok, run.ok ? "" : String(run.error));
    }));

  it("a caCert that is neither PEM nor a readable file fails at configuration, naming the setting", () =>
    withTls(async () => {
      const run = await outcome(async () =>
        sessionWith("https://127.0.0.1:1", { "opsmanager:caCert": path.join(dir, "missing.pem") }),
      );
      assert.ok(!run.ok);
      assert.match(String((run.error as Error).message), /opsmanager:caCert .*neither PEM text nor a readable file/);
    }));

  it("through the real CLI: refused by default, accepted with caCert (text, file), insecureSkipVerify works and warns", () =>
    withTls(async (emu) => {
      const project = await EngineProject.create("reliability-tls", { baseUrl: emu.url, ...OWNER_KEY });
      const figures: string[] = [];
      const run = async (what: string, args: string[]) => {
        const started = Date.now();
        const result = await project.attempt(args);
        figures.push(
          `${what}: exit ${result.code}, ${(await emu.control.requests()).length} request(s), ${Date.now() - started} ms`,
        );
        await emu.control.clearRequests();
        return { ...result, text: result.stdout + result.stderr };
      };
      try {
        project.setResources([{ name: "pager", args: inputs }]);
        const refused = await run("up, default verification", ["up", "--yes", "--skip-preview"]);
        assert.notEqual(refused.code, 0, "an untrusted certificate was accepted");
        assert.match(refused.text, /TLS certificate is not trusted/);
        assert.match(refused.text, /opsmanager:caCert/);

        // A PEM value starts with "-": given on stdin, not as an argument the CLI would parse as a flag.
        const set = await project.ws.run(
          project.dir,
          ["config", "set", "opsmanager:caCert", "--stack", project.stack],
          { input: cert.cert },
        );
        assert.equal(set.code, 0, set.stderr);
        const withText = await run("up, caCert as PEM text", ["up", "--yes", "--skip-preview"]);
        assert.equal(withText.code, 0, withText.text);

        await project.pulumi(["config", "set", "opsmanager:caCert", caFile]);
        const withFile = await run("refresh, caCert as a file path", ["refresh", "--yes", "--skip-preview"]);
        assert.equal(withFile.code, 0, withFile.text);

        await project.pulumi(["config", "rm", "opsmanager:caCert"]);
        await project.pulumi(["config", "set", "opsmanager:insecureSkipVerify", "true"]);
        project.setResources([{ name: "pager", args: { ...inputs, serviceKey: "pd-tls-9876543210" } }]);
        const insecure = await run("up, insecureSkipVerify", ["up", "--yes", "--skip-preview"]);
        assert.equal(insecure.code, 0, insecure.text);
        assert.match(insecure.text, /warning: .*opsmanager:insecureSkipVerify/, "no warning about insecureSkipVerify");
        assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields.serviceKey, "pd-tls-9876543210");
      } finally {
        for (const f of figures) console.log(`      ${f}`);
        project.dispose();
      }
    }));
});
