import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../../emulator/defaults";
import { runExport } from "../../../provider/cli/run-export";
import { useEmulator } from "../../helpers/emulator";
import { makeProgramDir } from "../../helpers/program-dir";

/** The export command warns like the provider and prints next steps a shell runs as meant. */
describe("export: security details", function () {
  this.timeout(30_000);
  const emu = useEmulator();
  const cleanups: Array<() => void> = [];
  after(() => cleanups.forEach((c) => c()));

  async function exportWith(env: Record<string, string>, out?: (cwd: string) => string) {
    const made = makeProgramDir("export-security");
    cleanups.push(made.cleanup);
    let stdout = "";
    let stderr = "";
    const io = {
      env: { OPSMANAGER_BASE_URL: emu.url, OPSMANAGER_PUBLIC_KEY: OWNER_KEY.publicKey, OPSMANAGER_PRIVATE_KEY: OWNER_KEY.privateKey, ...env },
      cwd: made.dir,
      out: (t: string) => void (stdout += t),
      err: (t: string) => void (stderr += t),
    };
    const code = await runExport({ groups: [DEFAULT_GROUP_ID], ...(out ? { out: out(made.dir) } : {}) }, io);
    return { code, stdout, stderr, cwd: made.dir };
  }

  beforeEach(() => emu.control.seed(DEFAULT_GROUP_ID, "DATADOG", { apiKey: "dd-export-security-0001" }));

  for (const value of ["1", "true", "TRUE"]) {
    it(`warns when insecureSkipVerify is ${JSON.stringify(value)}, with the provider's own parser`, async () => {
      const ran = await exportWith({ OPSMANAGER_INSECURE_SKIP_VERIFY: value });
      assert.equal(ran.code, 0, ran.stderr);
      assert.match(ran.stderr, /warning: opsmanager:insecureSkipVerify \(OPSMANAGER_INSECURE_SKIP_VERIFY\) is .*not verified/);
    });
  }

  it("does not warn when verification is on", async () => {
    const ran = await exportWith({ OPSMANAGER_INSECURE_SKIP_VERIFY: "0" });
    assert.equal(ran.code, 0, ran.stderr);
    assert.doesNotMatch(ran.stderr, /warning:/);
  });

  it("shell-quotes the folder in the printed `cd` step (an --out with metacharacters)", async () => {
    const name = "it's $(touch pwned); `x` & y";
    const ran = await exportWith({}, (cwd) => path.join(cwd, name));
    assert.equal(ran.code, 0, ran.stderr);
    const cd = /^ {2}(cd .*?)(?: && npm install)?$/m.exec(ran.stdout)?.[1];
    assert.equal(cd, `cd 'it'\\''s $(touch pwned); \`x\` & y'`);
    assert.ok(fs.existsSync(path.join(ran.cwd, name, "index.ts")));
  });
});
