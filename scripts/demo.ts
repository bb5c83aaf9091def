/**
 * `npm run demo`: the root program (program/index.ts) end to end against the bundled Ops Manager emulator, on a
 * throwaway local backend: `pulumi up`, what Ops Manager then holds (secrets masked, as the server shows them), and
 * a `pulumi preview` that must show no changes. Exits non-zero with the failing step's name, and always cleans up.
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../emulator/defaults";
import { startEmulator, type RunningEmulator } from "../emulator/start-emulator";
import { createClient } from "../provider/client";
import { loadConnectionConfig } from "../provider/config";
import { toView, type IntegrationView } from "../provider/integration-view";
import { connectedSlack, demoConfig } from "./lib/demo-values";
import { PulumiCli, repoRoot, toolsBin } from "./lib/pulumi-cli";
import { createSteps, indentStream, StepError } from "./lib/steps";
import { copyProject, type TempProject } from "./lib/temp-project";

const STACK = "dev";
const steps = createSteps(7);
const live = indentStream((text) => process.stdout.write(text));

/** The integrations of one project, read through the provider's own client (the Public API listing). */
async function listProject(connection: Record<string, string>, groupId: string): Promise<IntegrationView[]> {
  const client = createClient(loadConnectionConfig((key) => connection[key], {}));
  try {
    return (await client.listIntegrations(groupId)).map((entry) => toView(groupId, entry));
  } finally {
    client.close();
  }
}

function formatView(view: IntegrationView): string {
  const fields = Object.entries(view.values).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `${view.type.padEnd(11)} id=${view.integrationId ?? "?"}  ${fields.join("  ")}`;
}

async function main(): Promise<void> {
  let emulator: RunningEmulator | undefined;
  let cli: PulumiCli | undefined;
  let project: TempProject | undefined;
  // Ctrl-C reaches the pulumi child too, which cancels cleanly; its failure then unwinds through `finally`. A second
  // Ctrl-C quits at once, still removing the temp folders.
  let interrupted = false;
  process.on("SIGINT", () => {
    if (interrupted) {
      project?.remove();
      cli?.dispose();
      process.exit(130);
    }
    interrupted = true;
    process.stderr.write("\ninterrupted: cleaning up after the current command (Ctrl-C again to quit now)\n");
  });
  const step = <T>(title: string, fn: () => Promise<T>) =>
    steps.run(title, () => (interrupted ? Promise.reject(new Error("interrupted (Ctrl-C)")) : fn()));
  try {
    emulator = await step("Starting the bundled Ops Manager emulator on a free port", async () => {
      // A documented Ops Manager (Slack cannot be created through the API) whose project already has Slack connected,
      // as if in the UI: the root program adopts it.
      const running = await startEmulator({ port: 0, integrations: [{ ...connectedSlack }] });
      steps.detail(
        `listening on ${running.url} (projects ${DEFAULT_GROUP_ID} and one more, key ${OWNER_KEY.publicKey})`,
      );
      steps.detail(`Slack already connected in project ${connectedSlack.groupId}, as if in the Ops Manager UI`);
      return running;
    });
    const connection = {
      "opsmanager:baseUrl": emulator.url,
      "opsmanager:publicKey": OWNER_KEY.publicKey,
      "opsmanager:privateKey": OWNER_KEY.privateKey,
    };

    const workspace = await step(`Creating a local file backend and the \`${STACK}\` stack`, async () => {
      cli = PulumiCli.create();
      // A copy of the root project, so the stack file Pulumi.dev.yaml is written there, not into the work tree.
      project = copyProject(repoRoot, ["Pulumi.yaml", "program"], "demo");
      await cli.ok(project.dir, ["stack", "init", STACK]);
      const version = (await cli.ok(project.dir, ["version"])).stdout.trim();
      steps.detail(
        `Pulumi CLI ${version} (${fs.realpathSync(path.join(toolsBin, "pulumi"))}; scripts/ensure-pulumi.sh picked it)`,
      );
      steps.detail(`backend file://${cli.backend}`);
      steps.detail(`project  ${project.dir} (Pulumi.yaml + program/ copied from the repository root)`);
      return { cli, dir: project.dir };
    });
    /** `pulumi <args> --stack dev`; with `onOutput` it is shown live, so a failure need not repeat it. */
    const pulumi = async (args: string[], onOutput?: (chunk: string) => void) => {
      if (!onOutput) return workspace.cli.ok(workspace.dir, [...args, "--stack", STACK]);
      const result = await workspace.cli.run(workspace.dir, [...args, "--stack", STACK], { onOutput });
      if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code} (its output is above)`);
      return result;
    };

    await step("Setting the stack config (secrets with --secret)", async () => {
      const plain = {
        ...demoConfig.plain,
        "opsmanager:baseUrl": connection["opsmanager:baseUrl"],
        "opsmanager:publicKey": connection["opsmanager:publicKey"],
      };
      const secret = { ...demoConfig.secret, "opsmanager:privateKey": connection["opsmanager:privateKey"] };
      await pulumi([
        "config",
        "set-all",
        ...Object.entries(plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
        ...Object.entries(secret).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
      ]);
      steps.detail(`plain:  ${Object.keys(plain).join(", ")}`);
      steps.detail(`secret: ${Object.keys(secret).join(", ")}`);
    });

    await step("pulumi up (creates PagerDuty and a webhook, adopts the connected Slack)", async () => {
      await pulumi(["up", "--yes", "--skip-preview"], live);
    });

    await step(`Reading what Ops Manager now holds in project ${demoConfig.plain.groupId} (Public API)`, async () => {
      const views = await listProject(connection, demoConfig.plain.groupId);
      steps.detail(`${views.length} integrations (secrets masked by the server: ****** + last four characters):`);
      for (const view of views) steps.detail(`  ${formatView(view)}`);
      if (views.length !== 3) throw new Error(`expected 3 integrations, the server holds ${views.length}`);
    });

    await step("pulumi preview --expect-no-changes (code and Ops Manager agree)", async () => {
      await pulumi(["preview", "--expect-no-changes"], live);
      steps.detail("no changes: the program and Ops Manager agree");
    });
  } finally {
    await steps.last("Stopping the emulator and removing the temporary stack, backend and project", async () => {
      await emulator?.close();
      project?.remove();
      cli?.dispose();
    });
  }
}

main().then(
  () => {
    console.log(
      '\nDemo finished: npm run demo succeeded. Next: README.md "Use it against your Ops Manager" and examples/.',
    );
  },
  (error: unknown) => {
    const message =
      error instanceof StepError
        ? error.message
        : `unexpected error: ${error instanceof Error ? error.stack : String(error)}`;
    console.error(`\nnpm run demo FAILED at ${message}`);
    process.exitCode = 1;
  },
);
