import fs from "node:fs";
import path from "node:path";
import { OWNER_KEY } from "../../emulator/defaults";
import { useEmulator, type EmulatorFixture } from "./emulator";
import { makeProgramDir } from "./program-dir";
import { PulumiCli, type CliResult } from "../../scripts/lib/pulumi-cli";

/** One resource the test program creates: `new OpsManagerIntegration(name, args, opts)`. */
export interface ResourceSpec {
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly opts?: Record<string, unknown>;
}

/**
 * The test program: plain JavaScript (no compile step to wait for) that loads the package by name from
 * node_modules, like a user's program, and creates the resources listed in resources.json. Secret values arrive
 * as plain strings on purpose: the resource must make them secrets itself.
 */
const PROGRAM = `"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { OpsManagerIntegration } = require("pulumi-opsmanager-integrations");
const config = new pulumi.Config();
// An argument written {"$config": "key"} is read from stack config, {"$secret": "key"} as a secret.
const resolve = (v) => (v && v.$config ? config.require(v.$config) : v && v.$secret ? config.requireSecret(v.$secret) : v);
const specs = JSON.parse(fs.readFileSync(path.join(__dirname, "resources.json"), "utf8"));
const ids = {};
for (const s of specs) {
  const args = Object.fromEntries(Object.entries(s.args).map(([k, v]) => [k, resolve(v)]));
  ids[s.name] = new OpsManagerIntegration(s.name, args, s.opts).integrationId;
}
exports.integrationIds = ids;
`;

/** A step of `pulumi preview --json` / `up --json`. */
export interface JsonStep {
  readonly op: string;
  readonly urn: string;
  readonly newState?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  readonly diffReasons?: string[];
  readonly replaceReasons?: string[];
}

/** What an update printed with --json: one engine event per line, and the summary's counts. */
export interface EngineRun {
  readonly events: Array<Record<string, any>>;
  readonly changeSummary: Record<string, number>;
}

/** Parses the line-delimited engine events that `up/refresh/destroy --json` print. */
export function parseEvents(stdout: string): EngineRun {
  const events = stdout.split("\n").filter((l) => l.trim().startsWith("{")).map((l) => JSON.parse(l));
  const summary = events.find((e) => e.summaryEvent)?.summaryEvent;
  return { events, changeSummary: summary?.resourceChanges ?? {} };
}

/** A Pulumi project + stack on a private file backend, running the test program against one emulator. */
/** What a stack connects with: the server and an API key, or a service account (set with --secret likewise). */
export type Connection =
  | { readonly baseUrl: string; readonly publicKey: string; readonly privateKey: string }
  | { readonly baseUrl: string; readonly clientId: string; readonly clientSecret: string };

export class EngineProject {
  readonly dir: string;
  private readonly cleanupDir: () => void;

  private constructor(readonly ws: PulumiCli, readonly stack: string, program: { dir: string; cleanup: () => void }) {
    this.dir = program.dir;
    this.cleanupDir = program.cleanup;
  }

  /** Creates the project, inits `stack`, and sets the connection config (`opsmanager:*`, private key --secret). */
  static async create(name: string, connection: Connection, stack = "dev"): Promise<EngineProject> {
    const ws = PulumiCli.create();
    const program = makeProgramDir(name, {
      "Pulumi.yaml": `name: ${name}\nruntime: nodejs\nmain: index.js\n`,
      "index.js": PROGRAM,
      "resources.json": "[]\n",
    });
    return EngineProject.forProgram(program, connection, stack, ws);
  }

  /**
   * Like {@link create}, for a program folder the caller made (a program in another language, tests/languages);
   * `program.cleanup` runs on dispose. `setResources` applies only to the Node.js test program.
   */
  static async forProgram(
    program: { dir: string; cleanup: () => void },
    connection: Connection,
    stack = "dev",
    ws = PulumiCli.create(),
  ): Promise<EngineProject> {
    const project = new EngineProject(ws, stack, program);
    await project.ws.ok(project.dir, ["stack", "init", stack]);
    await project.pulumi(["config", "set", "opsmanager:baseUrl", connection.baseUrl]);
    if ("clientId" in connection) {
      await project.pulumi(["config", "set", "opsmanager:clientId", connection.clientId]);
      await project.pulumi(["config", "set", "--secret", "opsmanager:clientSecret", connection.clientSecret]);
    } else {
      await project.pulumi(["config", "set", "opsmanager:publicKey", connection.publicKey]);
      await project.pulumi(["config", "set", "--secret", "opsmanager:privateKey", connection.privateKey]);
    }
    return project;
  }

  /** Writes the resources the next run creates. */
  setResources(specs: readonly ResourceSpec[]): void {
    fs.writeFileSync(path.join(this.dir, "resources.json"), JSON.stringify(specs, null, 2) + "\n");
  }

  /** `pulumi <args>` in this project, failing the test with the CLI's output when it fails. */
  pulumi(args: readonly string[], env?: Record<string, string>): Promise<CliResult> {
    return this.ws.ok(this.dir, [...args, "--stack", this.stack], { env });
  }

  /** `pulumi <args>` without failing: for runs expected to fail. */
  attempt(args: readonly string[], env?: Record<string, string>): Promise<CliResult> {
    return this.ws.run(this.dir, [...args, "--stack", this.stack], { env });
  }

  /** `pulumi preview --json`: the steps and the change summary. */
  async preview(extra: readonly string[] = []): Promise<{ steps: JsonStep[]; changeSummary: Record<string, number> }> {
    return JSON.parse((await this.pulumi(["preview", "--json", ...extra])).stdout);
  }

  /** `pulumi up --yes --skip-preview --json`: its engine events and the summary's resource changes. */
  async up(extra: readonly string[] = []): Promise<EngineRun> {
    return parseEvents((await this.pulumi(["up", "--yes", "--skip-preview", "--json", ...extra])).stdout);
  }

  /** `pulumi refresh --yes --json`. */
  async refresh(extra: readonly string[] = []): Promise<EngineRun> {
    return parseEvents((await this.pulumi(["refresh", "--yes", "--skip-preview", "--json", ...extra])).stdout);
  }

  /** `pulumi destroy --yes`. */
  destroy(): Promise<CliResult> {
    return this.pulumi(["destroy", "--yes", "--skip-preview"]);
  }

  /** `pulumi stack export` (secrets stay encrypted). */
  async exportState(): Promise<{ text: string; deployment: { resources?: Array<Record<string, any>> } }> {
    const text = (await this.pulumi(["stack", "export"])).stdout;
    return { text, deployment: JSON.parse(text).deployment };
  }

  /** The stack's OpsManagerIntegration resources from the state export. */
  async integrations(): Promise<Array<Record<string, any>>> {
    const { deployment } = await this.exportState();
    return (deployment.resources ?? []).filter((r) => String(r.type).includes("opsmanager:Integration"));
  }

  dispose(): void {
    this.cleanupDir();
    this.ws.dispose();
  }
}

/**
 * Mocha helper for an engine spec: one emulator (not reset between tests, since the stack's state builds up) and
 * one project with its `dev` stack connected to it with the owner key; `setup` runs first (e.g. to add keys).
 */
export function useEngineProject(
  name: string,
  setup?: (emu: EmulatorFixture) => Promise<void>,
): { readonly emu: EmulatorFixture; readonly project: EngineProject } {
  const emu = useEmulator({}, { resetEach: false });
  let project: EngineProject | undefined;
  before(async () => {
    await setup?.(emu);
    project = await EngineProject.create(name, { baseUrl: emu.url, ...OWNER_KEY });
  });
  after(() => project?.dispose());
  return {
    emu,
    get project() {
      if (!project) throw new Error("useEngineProject(): the project exists only inside hooks and tests");
      return project;
    },
  };
}
