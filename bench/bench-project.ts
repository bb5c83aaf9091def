import fs from "node:fs";
import path from "node:path";
import { makeProgramDir } from "../tests/helpers/program-dir";
import { PulumiCli, type CliResult } from "../scripts/lib/pulumi-cli";
import type { PrivateInstall } from "./private-install";
import type { BenchIntegration } from "./workload";

/** `integration`: OpsManagerIntegration resources; `noop`: dynamic resources whose provider does nothing (the floor). */
export type ProgramKind = "integration" | "noop";

/** The benchmark's programs: plain JavaScript reading resources.json, so each run needs no compile step. */
const PROGRAMS: Record<ProgramKind, string> = {
  integration: `"use strict";
const { OpsManagerIntegration } = require("pulumi-opsmanager-integrations");
const specs = require("./resources.json");
for (const s of specs) new OpsManagerIntegration(s.name, s.args);
`,
  // Same inputs, same secrets, a provider that answers at once: what the engine alone costs per resource.
  noop: `"use strict";
const pulumi = require("@pulumi/pulumi");
const noop = require("bench-noop-provider");
const specs = require("./resources.json");
for (const s of specs) {
  const props = { ...s.args };
  for (const name of s.secretFields) if (props[name] !== undefined) props[name] = pulumi.secret(props[name]);
  new pulumi.dynamic.Resource(noop, s.name, props, { additionalSecretOutputs: s.secretFields }, "bench", "Noop");
}
`,
};

/**
 * The floor's provider, installed in the no-op program's node_modules and exported whole, so that Pulumi stores
 * `require("bench-noop-provider")` in `__provider` as it stores ours. Serialized by value it would be 1.8 KB,
 * twice per resource, and the engine's per-step checkpoint writes (which grow with the state) would slow the
 * floor down: a floor in the integration's favour.
 */
const NOOP_PROVIDER = `"use strict";
module.exports = {
  async check(olds, news) { return { inputs: news }; },
  async diff() { return { changes: false }; },
  async create(inputs) { return { id: inputs.groupId + "/" + inputs.type, outs: inputs }; },
  async read(id, props) { return { id, props }; },
  async update(id, olds, news) { return { outs: news }; },
  async delete() {},
};
`;

/** One timed CLI run. */
export interface TimedRun {
  readonly ms: number;
  readonly result: CliResult;
}

/** A Pulumi project + stack on a private file backend for one program kind; the dynamic-provider process is probed. */
export class BenchProject {
  private readonly dir: string;
  private readonly cleanupDir: () => void;

  private constructor(
    readonly kind: ProgramKind,
    private readonly ws: PulumiCli,
    install: PrivateInstall,
  ) {
    const made = makeProgramDir(`bench-${kind}`, {
      "Pulumi.yaml": `name: bench-${kind}\nruntime: nodejs\nmain: index.js\n`,
      "index.js": PROGRAMS[kind],
      "resources.json": "[]\n",
    });
    install.linkInto(made.dir);
    if (kind === "noop") {
      const dir = path.join(made.dir, "node_modules", "bench-noop-provider");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "bench-noop-provider", version: "1.0.0", main: "index.js" }) + "\n",
      );
      fs.writeFileSync(path.join(dir, "index.js"), NOOP_PROVIDER);
    }
    this.dir = made.dir;
    this.cleanupDir = made.cleanup;
  }

  /**
   * Creates the project and its `bench` stack. The program and the provider process load the package from
   * `install`; `probeDir` receives the dynamic-provider probe's files.
   */
  static async create(
    kind: ProgramKind,
    connection: { baseUrl: string; publicKey: string; privateKey: string },
    install: PrivateInstall,
    probeDir: string,
  ): Promise<BenchProject> {
    const probe = path.join(__dirname, "provider-probe.js");
    const ws = PulumiCli.create({ env: { NODE_OPTIONS: `--require ${probe}`, BENCH_PROBE_DIR: probeDir } });
    const project = new BenchProject(kind, ws, install);
    await ws.ok(project.dir, ["stack", "init", "bench"]);
    await project.pulumi(["config", "set", "opsmanager:baseUrl", connection.baseUrl]);
    await project.pulumi(["config", "set", "opsmanager:publicKey", connection.publicKey]);
    await project.pulumi(["config", "set", "--secret", "opsmanager:privateKey", connection.privateKey]);
    return project;
  }

  /** Writes the resources the next run declares. */
  setResources(items: readonly BenchIntegration[]): void {
    fs.writeFileSync(path.join(this.dir, "resources.json"), JSON.stringify(items) + "\n");
  }

  /** `pulumi <args> --stack bench`, throwing with the CLI's output when it fails. */
  pulumi(args: readonly string[]): Promise<CliResult> {
    return this.ws.ok(this.dir, [...args, "--stack", "bench"]);
  }

  /** `pulumi <args> --stack bench` without throwing: for runs that may fail (the load section). */
  attempt(args: readonly string[]): Promise<CliResult> {
    return this.ws.run(this.dir, [...args, "--stack", "bench"]);
  }

  /** Runs and times `pulumi <args>` (wall time of the whole CLI process). */
  async timed(args: readonly string[]): Promise<TimedRun> {
    const began = performance.now();
    const result = await this.pulumi(args);
    return { ms: performance.now() - began, result };
  }

  /** `pulumi stack export` as text (secrets stay encrypted, as in the backend). */
  async exportState(): Promise<string> {
    return (await this.pulumi(["stack", "export"])).stdout;
  }

  dispose(): void {
    this.cleanupDir();
    this.ws.dispose();
  }
}

/** Pulumi's default `--parallel`, as this CLI reports it (4 × CPUs). */
export async function defaultParallel(project: BenchProject): Promise<number> {
  const help = (await project.pulumi(["up", "--help"])).stdout;
  const found = /--parallel int32 .*\(default (\d+)\)/.exec(help);
  return found ? Number(found[1]) : Number.NaN;
}
