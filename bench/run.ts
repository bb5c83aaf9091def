/**
 * `npm run bench`: request counts, state size, engine scaling and the provider process, against the bundled
 * emulator and the real Pulumi CLI. Writes bench/RESULTS.md, bench/up-scaling.svg and .tools/bench/results.json
 * (`tsx bench/render.ts` re-renders the first two from it).
 * `npm run bench` first runs scripts/prepare.sh (build, install this package by name, the CLI).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ControlClient } from "../emulator/control-client";
import { OWNER_KEY } from "../emulator/defaults";
import { startEmulator } from "../emulator/start-emulator";
import { definitions } from "../provider/integrations/registry";
import { toolsBin } from "../scripts/lib/pulumi-cli";
import { benchOptions } from "./bench-options";
import { BenchProject, defaultParallel, type ProgramKind } from "./bench-project";
import { countRequests } from "./count-requests";
import { measureLoad } from "./measure-load";
import { measureRefresh } from "./measure-refresh";
import { measureScaling } from "./measure-scaling";
import { measureState } from "./measure-state";
import { privateInstall } from "./private-install";
import type { BenchResults } from "./results";
import { benchGroupId, benchGroupIds } from "./workload";
import { writeOutputs } from "./write-outputs";

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<void> {
  const options = benchOptions(process.env);
  const began = Date.now();
  const loadBefore = os.loadavg();
  const largest = Math.max(options.ops, ...options.sizes, ...options.stateSizes);
  const projectCount = Math.max(benchGroupIds(largest).length, options.load.groups, ...options.refreshGroups);
  const emulator = await startEmulator({
    port: 0,
    groups: Array.from({ length: projectCount }, (_, i) => benchGroupId(i)),
    maxLoggedRequests: Math.max(4 * largest + 100, 20 * options.load.n, definitions.length * 4 * Math.max(...options.refreshGroups, 0)),
    slackCreate: "allow", // the workload creates SLACK through the API (documented servers refuse; see README "Slack")
    profile: "all-registered", // the refresh section creates every registered type, PROMETHEUS and MICROSOFT_TEAMS too
  });
  const control = new ControlClient(emulator.controlUrl);
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-probe-"));
  const projects: Partial<Record<ProgramKind, BenchProject>> = {};
  const install = privateInstall();
  try {
    let requests: BenchResults["requests"];
    if (options.sections.has("requests")) {
      log(`requests: ${options.ops} operations of each kind through the provider and the naive client`);
      requests = await countRequests(
        { url: emulator.url, apiBase: emulator.apiBase, control },
        install.packageDir,
        options.ops,
      );
    }
    const needEngine = ["refresh", "load", "state", "scaling"].some((s) => options.sections.has(s as never));
    if (needEngine) {
      log("creating the integration and no-op stacks");
      for (const kind of ["integration", "noop"] as const) {
        projects[kind] = await BenchProject.create(kind, { baseUrl: emulator.url, ...OWNER_KEY }, install, probeDir);
      }
    }
    const both = projects as Record<ProgramKind, BenchProject>;
    const parallelDefault = needEngine ? await defaultParallel(both.integration) : 4 * os.cpus().length;
    let refresh: BenchResults["refresh"];
    if (options.sections.has("refresh")) {
      await control.settings({ latencyMs: 0 });
      // Pulumi's default --parallel, and one that lets every read of the largest stack be in flight at once.
      const all = definitions.length * Math.max(...options.refreshGroups);
      refresh = await measureRefresh(both.integration, control, options.refreshGroups, [parallelDefault, all], log);
    }
    let load: BenchResults["load"];
    if (options.sections.has("load")) {
      await control.settings({ latencyMs: 0 });
      load = await measureLoad(both.integration, control, { ...options.load, parallel: parallelDefault }, log);
    }
    let state: BenchResults["state"];
    if (options.sections.has("state")) {
      await control.settings({ latencyMs: 0 });
      state = await measureState(both, control, probeDir, options.stateSizes, parallelDefault, log);
    }
    let scaling: BenchResults["scaling"];
    let failures: string[] = [];
    if (options.sections.has("scaling")) {
      await control.settings({ latencyMs: options.latencyMs });
      ({ samples: scaling, failures } = await measureScaling({
        projects: both,
        control,
        probeDir,
        sizes: options.sizes,
        parallel: options.parallel,
        defaultParallel: parallelDefault,
        runs: options.runs,
        log,
      }));
    }
    const results: BenchResults = {
      options: {
        sizes: options.sizes,
        runs: options.runs,
        parallel: options.parallel.map((p) => (p > 0 ? p : parallelDefault)),
        defaultParallel: parallelDefault,
        latencyMs: options.latencyMs,
        ops: options.ops,
        stateSizes: options.stateSizes,
        refreshGroups: options.refreshGroups,
        load: options.load,
      },
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        pulumi: cliVersion(),
        loadBefore,
        loadAfter: os.loadavg(),
      },
      startedAt: new Date(began).toISOString(),
      durationMs: Date.now() - began,
      ...(requests ? { requests } : {}),
      ...(refresh ? { refresh } : {}),
      ...(load ? { load } : {}),
      ...(state ? { state } : {}),
      ...(scaling ? { scaling } : {}),
      ...(failures.length > 0 ? { failures } : {}),
    };
    process.stdout.write(writeOutputs(results));
    log(
      `done in ${((Date.now() - began) / 60_000).toFixed(1)} min: bench/RESULTS.md${scaling ? ", bench/up-scaling.svg" : ""}, .tools/bench/results.json`,
    );
  } finally {
    for (const project of Object.values(projects)) project.dispose();
    fs.rmSync(probeDir, { recursive: true, force: true });
    install.remove();
    await emulator.close();
  }
}

function cliVersion(): string {
  return execFileSync(path.join(toolsBin, "pulumi"), ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  }).trim();
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
