import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { DEFAULT_GROUP_ID, OWNER_ROLE } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { canary, SecretScanner } from "../helpers/canaries";
import { EngineProject } from "../helpers/engine-project";

const G = DEFAULT_GROUP_ID;
const TOKEN_PATH = "/api/oauth/token";
const CLIENT_ID = "mdb_sa_id_enginespec0000000000000001";

/**
 * A stack that authenticates with a Cloud Manager service account (OAuth 2.0 client credentials) instead of an
 * API key: up, an update whose token the server expired while the provider held it, refresh, destroy. The client
 * secret and the webhook's secret are canaries, and every access token the emulator issues starts with `emu_at_`:
 * none may appear in any CLI output, the state or the stack's files.
 */
describe("engine: a stack with a service account", function () {
  this.timeout(5 * 60 * 1000);
  const clientSecret = canary("clientSecret", "key", "cs01");
  const hookSecret = canary("WEBHOOK.secret", "text", "hk01");
  const anyToken = { label: "access token", value: "emu_at_", core: "emu_at_" };
  const scanner = new SecretScanner();
  scanner.watch(clientSecret, hookSecret, anyToken);
  const emu = useEmulator(
    { serviceAccounts: [{ clientId: CLIENT_ID, clientSecret: clientSecret.value, roles: [{ groupId: G, roleName: OWNER_ROLE }] }] },
    { resetEach: false },
  );
  let project: EngineProject;
  before(async () => {
    project = await EngineProject.create("service-account", { baseUrl: emu.url, clientId: CLIENT_ID, clientSecret: clientSecret.value });
  });
  after(() => project?.dispose());

  const hook = (url: string) => [{ name: "hook", args: { groupId: G, type: "WEBHOOK", url, secret: hookSecret.value } }];
  const run = async (args: string[]) => {
    const result = await project.attempt(args);
    scanner.scan(`pulumi ${args.join(" ")} (stdout)`, result.stdout);
    scanner.scan(`pulumi ${args.join(" ")} (stderr)`, result.stderr);
    assert.equal(result.code, 0, `pulumi ${args.join(" ")} failed:\n${scanner.findings.length ? "(withheld: it holds canaries)" : result.stdout + result.stderr}`);
    return result;
  };
  const scanState = async (when: string) => scanner.scan(`pulumi stack export (${when})`, (await project.exportState()).text);
  const log = async () => (await emu.control.requests()).map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`);

  it("up creates the integration with requests authenticated by the service account's token", async () => {
    project.setResources(hook("https://hooks.example.com/sa/one"));
    await emu.control.clearRequests();
    await run(["up", "--yes", "--skip-preview"]);
    const requests = await emu.control.requests();
    assert.equal(requests.filter((r) => r.path === TOKEN_PATH).length, 1, "one token for the provider process");
    assert.ok(requests.filter((r) => r.path !== TOKEN_PATH).every((r) => r.publicKey === CLIENT_ID));
    assert.equal((await emu.control.raw(G)).find((i) => i.type === "WEBHOOK")?.fields.url, "https://hooks.example.com/sa/one");
    await scanState("after up");
  });

  it("an update whose token the server expired mid-run gets one new token and succeeds", async () => {
    project.setResources(hook("https://hooks.example.com/sa/two"));
    await emu.control.clearRequests();
    // API answers wait a second; as soon as the provider has its token, the server expires it, so the update's
    // first request arrives with a token the server no longer takes.
    await emu.control.settings({ latencyMs: 1000 });
    const expirer = (async () => {
      for (let i = 0; i < 600; i++) {
        if ((await emu.control.requests()).some((r) => r.path === TOKEN_PATH && r.status === 200)) return emu.control.expireTokens();
        await delay(20);
      }
      return 0;
    })();
    try {
      await run(["up", "--yes", "--skip-preview"]);
    } finally {
      await emu.control.settings({ latencyMs: 0 });
    }
    assert.ok((await expirer) >= 1, "the token was expired during the run (with the first run's, still live)");
    const requests = await log();
    const path = `/api/public/v1.0/groups/${G}/integrations/WEBHOOK`;
    const refused = requests.findIndex((r) => r.endsWith(" 401"));
    assert.ok(refused > 0, `no request was refused: ${requests.join(", ")}`);
    assert.equal(requests[refused + 1], `POST ${TOKEN_PATH} 200`, "a new token right after the 401");
    assert.equal(requests[refused + 2]?.replace(/ \d+$/, ""), requests[refused]?.replace(/ \d+$/, ""), "the refused request repeated once");
    assert.equal(requests.filter((r) => r.includes(TOKEN_PATH)).length, 2);
    assert.ok(requests.some((r) => r.startsWith(`PUT ${path} 200`)), requests.join(", "));
    assert.equal((await emu.control.raw(G)).find((i) => i.type === "WEBHOOK")?.fields.url, "https://hooks.example.com/sa/two");
    await scanState("after the update");
  });

  it("refresh finds no drift, and preview then has nothing to do", async () => {
    await run(["refresh", "--yes", "--skip-preview"]);
    await run(["preview", "--expect-no-changes"]);
    await scanState("after refresh");
  });

  it("preview fails, naming the settings, when an API key is set beside the service account", async () => {
    await project.pulumi(["config", "set", "opsmanager:publicKey", "SOMEPUBLICKEY"]);
    try {
      await emu.control.clearRequests();
      const result = await project.attempt(["preview"]);
      scanner.scan("pulumi preview with both credentials (stdout)", result.stdout);
      scanner.scan("pulumi preview with both credentials (stderr)", result.stderr);
      assert.notEqual(result.code, 0);
      assert.match(result.stdout + result.stderr, /opsmanager:publicKey[^\n]*not both/);
      assert.match(result.stdout + result.stderr, /opsmanager:clientId/);
      assert.deepEqual(await emu.control.requests(), [], "preview sent requests");
    } finally {
      await project.pulumi(["config", "rm", "opsmanager:publicKey"]);
    }
  });

  it("destroy removes the integration", async () => {
    await run(["destroy", "--yes", "--skip-preview"]);
    assert.equal((await emu.control.raw(G)).find((i) => i.type === "WEBHOOK"), undefined);
    await scanState("after destroy");
  });

  it("no canary (client secret, webhook secret, any access token) appeared in any output, the state or the stack's files", () => {
    for (const file of fs.readdirSync(project.dir).filter((f) => /^Pulumi.*\.yaml$/.test(f))) {
      scanner.scan(file, fs.readFileSync(path.join(project.dir, file), "utf8"));
    }
    assert.ok(scanner.outputs >= 14 && scanner.bytes > 2_000, `scanned too little: ${scanner.outputs} outputs, ${scanner.bytes} bytes`);
    assert.equal(scanner.findings.length, 0, scanner.report());
  });
});
