import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY, SECOND_GROUP_ID } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { deployable, exampleEmulator, run, setAll } from "./support/examples";

describe("examples on the engine: quickstart", function () {
  this.timeout(10 * 60 * 1000);
  const emu = useEmulator(exampleEmulator("quickstart"), { resetEach: false });
  let project: ReturnType<typeof deployable>;
  before(() => {
    project = deployable("quickstart");
  });
  after(() => project?.dispose());

  it("up adopts the Slack connected in the UI and creates the webhook, from the stack's config", async () => {
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

  it("destroy removes the webhook and leaves Slack connected (retainOnDelete: only the UI could connect it again)", async () => {
    await project.pulumi("dev", ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(
      (await emu.control.raw(DEFAULT_GROUP_ID)).map((r) => r.type),
      ["SLACK"],
    );
  });
});

describe("examples on the engine: multi-environment (dev promoted to prod)", function () {
  this.timeout(10 * 60 * 1000);
  // The example's own emulator config: one project, one key and one Slack connected in the UI per environment.
  const setup = exampleEmulator("multi-environment");
  const emu = useEmulator(setup, { resetEach: false });
  const privateKey = (publicKey: string) => setup.keys!.find((k) => k.publicKey === publicKey)!.privateKey;
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
    assert.deepEqual(await types(SECOND_GROUP_ID), ["SLACK"], "prod's project: only its Slack, connected in the UI");
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

  it("destroying each stack empties its own project but for the Slack connected in the UI", async () => {
    await project.pulumi("prod", ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await types(SECOND_GROUP_ID), ["SLACK"]);
    assert.deepEqual(await types(DEFAULT_GROUP_ID), ["SLACK", "WEBHOOK"]);
    await project.pulumi("dev", ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await types(DEFAULT_GROUP_ID), ["SLACK"]);
  });
});
