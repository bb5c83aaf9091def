import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { TEMPLATE_TSCONFIG } from "../../provider/cli/project-files";
import { makeProgramDir, repoRoot } from "../helpers/program-dir";

/** The tsconfig `pulumi new typescript` writes (shared with the export command), without colours in messages. */
const PULUMI_TEMPLATE_TSCONFIG = {
  ...TEMPLATE_TSCONFIG,
  compilerOptions: { ...TEMPLATE_TSCONFIG.compilerOptions, pretty: false },
};

const PROGRAM = (extra: string) => `import * as pulumi from "@pulumi/pulumi";
import { OpsManagerIntegration, getIntegration, integrationTypes, type ArgsOf } from "pulumi-opsmanager-integrations";
const config = new pulumi.Config();
const args: ArgsOf<"SLACK"> = { groupId: "5f0000000000000000000001", type: "SLACK", apiToken: config.requireSecret("t"), teamName: "ops"${extra} };
new OpsManagerIntegration("chat", args);
export const types = integrationTypes;
export const found = getIntegration({ groupId: "5f0000000000000000000001", type: "SLACK" });
`;

function tsc(dir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      path.join(repoRoot, "node_modules/typescript/bin/tsc"),
      "-p",
      dir,
      "--noEmit",
    ]);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

/**
 * The installed package's declarations compile in a program made by `pulumi new typescript`. They used to reach
 * zod's, which need esModuleInterop: every user's `pulumi up` would have failed its type check.
 */
describe("the package's types under Pulumi's default tsconfig", function () {
  this.timeout(120_000);

  it("compile with no error", async () => {
    const program = makeProgramDir("default-tsconfig", {
      "tsconfig.json": JSON.stringify(PULUMI_TEMPLATE_TSCONFIG),
      "index.ts": PROGRAM(""),
    });
    try {
      const { code, out } = await tsc(program.dir);
      assert.equal(code, 0, out);
    } finally {
      program.cleanup();
    }
  });

  it("still reject a field of another type", async () => {
    const program = makeProgramDir("default-tsconfig", {
      "tsconfig.json": JSON.stringify(PULUMI_TEMPLATE_TSCONFIG),
      "index.ts": PROGRAM(`, roomName: "r"`),
    });
    try {
      const { code, out } = await tsc(program.dir);
      assert.notEqual(code, 0);
      assert.match(out, /roomName/);
      assert.doesNotMatch(out, /zod/);
    } finally {
      program.cleanup();
    }
  });
});
