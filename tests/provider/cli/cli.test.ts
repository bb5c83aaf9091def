import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY, OWNER_SERVICE_ACCOUNT, SECOND_GROUP_ID } from "../../../emulator/defaults";
import { ApiError } from "../../../provider/errors";
import { useEmulator } from "../../helpers/emulator";
import { makeProgramDir } from "../../helpers/program-dir";
import { sessionWith } from "../../helpers/session";
import { cleanEnv, runCliFromSource, type Ran } from "./support/cli";

const MISSING_GROUP = "5f00000000000000000000ff";

/** Seeded secrets: none of them, nor any mask, may appear in anything the command prints or writes. */
const SECRETS = {
  slack: "xoxb-cli-test-slack-token-1111",
  datadog: "dd-cli-test-api-key-2222",
  pagerDuty: "pd-cli-test-service-key-3333",
  prometheus: "prom-cli-test-password-4444",
  webhookUrl: "https://hooks.example.com/cli-test/5555",
  shiny: "shiny-cli-test-token-6666",
};

function assertNoSecret(...texts: string[]): void {
  const all = texts.join("\n");
  for (const secret of [...Object.values(SECRETS), OWNER_KEY.privateKey]) assert.ok(!all.includes(secret), `${secret} printed`);
  assert.ok(!all.includes("***"), "a mask printed");
}

/**
 * The command as a user runs it, in a child process, against the emulator: progress and errors on stderr, the
 * program on stdout, the provider's own error messages, and exit statuses.
 */
describe("export: the command line tool", function () {
  this.timeout(60_000);
  const emu = useEmulator();
  const env = (extra: Record<string, string> = {}) =>
    cleanEnv({ OPSMANAGER_BASE_URL: emu.url, OPSMANAGER_PUBLIC_KEY: OWNER_KEY.publicKey, OPSMANAGER_PRIVATE_KEY: OWNER_KEY.privateKey, ...extra });
  const cleanups: Array<() => void> = [];
  after(() => cleanups.forEach((c) => c()));
  const scratch = () => {
    const made = makeProgramDir("export-cli");
    cleanups.push(made.cleanup);
    return made.dir;
  };

  beforeEach(async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "SLACK", { apiToken: SECRETS.slack, teamName: "ops" });
    await emu.control.seed(DEFAULT_GROUP_ID, "DATADOG", { apiKey: SECRETS.datadog, region: "EU" });
    await emu.control.seed(DEFAULT_GROUP_ID, "PAGER_DUTY", { serviceKey: SECRETS.pagerDuty });
    await emu.control.seed(SECOND_GROUP_ID, "PROMETHEUS", { username: "prom", password: SECRETS.prometheus, serviceDiscovery: "http", scheme: "https", tlsPemPath: "/etc/mongodb/prometheus.pem", enabled: true });
    await emu.control.seed(SECOND_GROUP_ID, "WEBHOOK", { url: SECRETS.webhookUrl });
    await emu.control.seed(SECOND_GROUP_ID, "SHINY_NEW", { token: SECRETS.shiny }, { unvalidated: true });
    await emu.control.clearRequests();
  });

  it("prints the program for two projects, progress and warnings on stderr, and the config commands", async () => {
    const ran = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, "--group", SECOND_GROUP_ID], { env: env() });
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stderr, new RegExp(`\\[1/2\\] project ${DEFAULT_GROUP_ID}: 3 integrations\\n`));
    assert.match(ran.stderr, new RegExp(`\\[2/2\\] project ${SECOND_GROUP_ID}: 2 integrations \\(\\+1 of unknown type, not exported\\)\\n`));
    assert.match(ran.stderr, /warning: Project 5f0000000000000000000002 has a SHINY_NEW integration, a type this version .* does not know/);
    for (const name of ["slack-000001", "datadog-000001", "pager-duty-000001", "prometheus-000002", "webhook-000002"]) {
      assert.ok(ran.stdout.includes(`new OpsManagerIntegration("${name}", {`), name);
    }
    const commands = ran.stderr.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("pulumi config set"));
    assert.deepEqual(commands.map((c) => c.split(/\s+/).slice(3, 5).join(" ")), [
      `opsmanager:baseUrl ${emu.url}`,
      `opsmanager:publicKey ${OWNER_KEY.publicKey}`,
      "--secret opsmanager:privateKey",
      // Registry order within a project.
      "--secret datadogApiKey_000001",
      "--secret pagerDutyServiceKey_000001",
      "--secret slackApiToken_000001",
      "--secret webhookUrl_000002",
      "--secret prometheusPassword_000002",
    ]);
    assertNoSecret(ran.stdout, ran.stderr);
    const requests = await emu.control.requests();
    assert.ok(requests.every((r) => r.method === "GET"), "read only");
  });

  it("reports a failing project with the provider's message, still exports the others, and exits 1", async () => {
    const ran = await runCliFromSource(["export", "--group", MISSING_GROUP, "--group", DEFAULT_GROUP_ID], { env: env() });
    const expected = await sessionWith(emu.apiBase).client.listIntegrations(MISSING_GROUP).then(() => assert.fail("listed"), (e: unknown) => e);
    assert.ok(expected instanceof ApiError && expected.errorCode === "GROUP_NOT_FOUND");
    assert.equal(ran.code, 1);
    assert.ok(ran.stderr.includes(`[1/2] project ${MISSING_GROUP}: failed: ${expected.message}\n`), ran.stderr);
    assert.match(ran.stderr, new RegExp(`\\[2/2\\] project ${DEFAULT_GROUP_ID}: 3 integrations`));
    assert.match(ran.stderr, /error: exported 1 of 2 projects; failed: 5f00000000000000000000ff/);
    // The program was printed, so the command names its folder as a placeholder the shell refuses unchanged.
    assert.ok(ran.stderr.includes(`then add it to the program with:\n  npx pulumi-opsmanager-integrations export --group ${MISSING_GROUP} --add <folder-of-the-program>\n`), ran.stderr);
    assert.ok(ran.stdout.includes('new OpsManagerIntegration("slack-000001", {'));
  });

  it("after a partial failure, the printed command adds the failed project to the same program, once", async () => {
    const dir = path.join(scratch(), "program");
    const cwd = path.dirname(dir);
    await emu.control.fault({ method: "GET", pathIncludes: `/groups/${SECOND_GROUP_ID}/integrations`, status: 403, count: 1 });
    const first = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, "--group", SECOND_GROUP_ID, "--out", "program", "--stack-config-namespace", "oncall"], { env: env(), cwd });
    assert.equal(first.code, 1, first.stderr);
    const printed = /then add it to this program with:\n {2}npx pulumi-opsmanager-integrations (.*)\n/.exec(first.stderr)?.[1] ?? "";
    assert.equal(printed, `export --group ${SECOND_GROUP_ID} --add program --stack-config-namespace oncall`);
    const before = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    assert.ok(before.includes('apiToken: config.requireSecret("slackApiToken_000001"),'), before);

    const added = await runCliFromSource(printed.split(" "), { env: env(), cwd });
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["Pulumi.yaml", "index.ts", "package.json", "project-000002.ts", "tsconfig.json"]);
    const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    assert.equal(index, `${before}import "./project-000002";\n`, "index.ts only gains the import");
    const file = fs.readFileSync(path.join(dir, "project-000002.ts"), "utf8");
    assert.ok(file.includes('new OpsManagerIntegration("prometheus-000002", {'), file);
    assert.ok(file.includes('password: config.requireSecret("prometheusPassword_000002"),'), file);
    assert.ok(file.includes('const config = new pulumi.Config("oncall");'), file);
    assert.match(added.stdout, /^ {2}pulumi config set --secret oncall:webhookUrl_000002 <webhook-url-000002> {2}# WEBHOOK url of project 5f0000000000000000000002$/m);
    assert.doesNotMatch(added.stdout, /opsmanager:privateKey/, "the connection is in stack config already");
    assertNoSecret(added.stdout, added.stderr, index, file);

    await emu.control.clearRequests();
    const again = await runCliFromSource(printed.split(" "), { env: env(), cwd });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /project\(s\) 5f0000000000000000000002 are in that program already/);
    assert.deepEqual(await emu.control.requests(), []);
    assert.equal(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), index);
  });

  it("--add refuses a folder without index.ts before any request (exit 2)", async () => {
    const dir = scratch();
    await emu.control.clearRequests();
    const ran = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, "--add", dir], { env: env() });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /index\.ts not found; --add takes the folder of a program the export wrote/);
    assert.deepEqual(await emu.control.requests(), []);
  });

  it("fails every project on a wrong private key with the provider's 401 message, writes nothing, never shows the key", async () => {
    const out = path.join(scratch(), "program");
    const ran = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, "--out", out], { env: env({ OPSMANAGER_PRIVATE_KEY: "wrong-private-key-value" }) });
    assert.equal(ran.code, 1);
    assert.match(ran.stderr, /failed: Ops Manager API GET .* failed: HTTP 401.*check opsmanager:publicKey and opsmanager:privateKey/);
    assert.match(ran.stderr, /error: nothing exported, every project failed/);
    assert.ok(!fs.existsSync(out));
    assert.ok(!(ran.stdout + ran.stderr).includes("wrong-private-key-value"));
  });

  it("without OPSMANAGER_PRIVATE_KEY: the provider's config message, no request, exit 1", async () => {
    const noKey = env();
    delete noKey.OPSMANAGER_PRIVATE_KEY;
    const ran = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID], { env: noKey });
    assert.equal(ran.code, 1);
    assert.match(ran.stderr, /opsmanager:privateKey is missing \(environment variable OPSMANAGER_PRIVATE_KEY is not set either\)/);
    assert.deepEqual(await emu.control.requests(), []);
  });

  it("takes the connection from --base-url and --public-key, and refuses --private-key without showing it (exit 2)", async () => {
    const flags = ["--base-url", emu.url, "--public-key", OWNER_KEY.publicKey];
    const ok = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, ...flags], { env: cleanEnv({ OPSMANAGER_PRIVATE_KEY: OWNER_KEY.privateKey }) });
    assert.equal(ok.code, 0, ok.stderr);
    const refused = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, ...flags, `--private-key=${OWNER_KEY.privateKey}`], { env: cleanEnv() });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--private-key is not accepted: set the private key in the environment variable OPSMANAGER_PRIVATE_KEY/);
    assertNoSecret(refused.stdout, refused.stderr);
  });

  it("exports with a service account (--client-id, OPSMANAGER_CLIENT_SECRET) and prints its commands, never the secret", async () => {
    const { clientId, clientSecret } = OWNER_SERVICE_ACCOUNT;
    const ran = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, "--base-url", emu.url, "--client-id", clientId], {
      env: cleanEnv({ OPSMANAGER_CLIENT_SECRET: clientSecret }),
    });
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stderr, new RegExp(`\\(service account ${clientId}\\)`));
    const commands = ran.stderr.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("pulumi config set"));
    assert.deepEqual(commands.slice(0, 3).map((c) => c.split(/\s+/).slice(3, 5).join(" ")), [
      `opsmanager:baseUrl ${emu.url}`,
      `opsmanager:clientId ${clientId}`,
      "--secret opsmanager:clientSecret",
    ]);
    assert.ok((await emu.control.requests()).some((r) => r.path === "/api/oauth/token" && r.status === 200));
    const refused = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, `--client-secret=${clientSecret}`], { env: cleanEnv() });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--client-secret is not accepted: set the client secret in the environment variable OPSMANAGER_CLIENT_SECRET/);
    for (const text of [ran.stdout, ran.stderr, refused.stdout, refused.stderr]) assert.ok(!text.includes(clientSecret), "the client secret was printed");
  });

  it("--out a new folder: writes a whole project and prints the next steps", async () => {
    const ownVersion = (JSON.parse(fs.readFileSync(path.join(__dirname, "../../../package.json"), "utf8")) as { version: string }).version;
    const out = path.join(scratch(), "program");
    const ran = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, "--out", out, "--stack-config-namespace", "oncall"], { env: env() });
    assert.equal(ran.code, 0, ran.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
    const program = fs.readFileSync(path.join(out, "index.ts"), "utf8");
    assert.ok(program.includes('const config = new pulumi.Config("oncall");'));
    assert.match(ran.stdout, /Next steps:\n {2}cd .*program && npm install\n/);
    // Run from the source tree, not an installed copy: package.json asks the registry, and the output says so (#16).
    assert.equal(JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8")).dependencies["pulumi-opsmanager-integrations"], `^${ownVersion}`);
    assert.match(ran.stdout, /Until it is published there, point that dependency at the tarball or git URL/);
    assert.match(ran.stdout, /^ {2}pulumi config set --secret oncall:slackApiToken_000001 <slack-api-token-000001> {2}# SLACK apiToken of project 5f0000000000000000000001$/m);
    assertNoSecret(ran.stdout, ran.stderr, program);
  });

  it("--out an existing project: adds index.ts only, and never overwrites one (exit 2, no request)", async () => {
    const dir = scratch(); // holds a package.json already
    const first = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, "--out", dir], { env: env() });
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["index.ts", "package.json"]);
    await emu.control.clearRequests();
    const second = await runCliFromSource(["export", "--group", DEFAULT_GROUP_ID, "--out", dir], { env: env() });
    assert.equal(second.code, 2);
    assert.match(second.stderr, /index\.ts exists and would be overwritten/);
    assert.deepEqual(await emu.control.requests(), []);
  });

  it("--help prints the usage and exits 0; a usage mistake exits 2", async () => {
    const help: Ran = await runCliFromSource(["--help"], { env: cleanEnv() });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: npx pulumi-opsmanager-integrations export --group <id>/);
    const wrong = await runCliFromSource(["export", "--group", "not-a-project"], { env: cleanEnv() });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--group must be an Ops Manager project id/);
  });
});
