import assert from "node:assert/strict";
import { OWNER_KEY, OWNER_ROLE } from "../../emulator/defaults";
import type { RequestLogEntry } from "../../emulator/request-log";
import { definitions } from "../../provider/integrations/registry";
import { useEngineProject, type ResourceSpec } from "../helpers/engine-project";

/**
 * Regression guard (bench/README.md, "Refresh per project"): a refresh costs one request per project, not per
 * integration, at the parallelism users actually run (Pulumi's default, no `--parallel` flag), counted from the
 * emulator's request log through the real pulumi CLI. Counts, not times. G = 1, 10 and 40 (440 resources through
 * the engine: the slowest case, a few minutes on a shared 2-core machine).
 */

/** Every registered type in each of `groups` projects: N = types × G. */
const TYPES = definitions.length;
const groupId = (i: number) => `5f00000000000000000d${i.toString(16).padStart(4, "0")}`;
const layout = (groups: number): ResourceSpec[] =>
  Array.from({ length: groups }, (_, g) =>
    definitions.map((d) => ({ name: `g${g}-${d.type.toLowerCase()}`, args: { groupId: groupId(g), type: d.type, ...d.example } })),
  ).flat();

/**
 * No `--parallel`: the engine's default (4 × CPUs) hands out reads a few at a time, so most reads of a project
 * arrive after its list was answered; the provider process reuses that list (client/project-reads.ts).
 */
const DEFAULT_PARALLEL: string[] = [];

describe("refresh requests per project through the Pulumi CLI, at the default parallelism", function () {
  this.timeout(30 * 60 * 1000);
  const fixture = useEngineProject("refresh-counts", async (emu) => {
    const groups = Array.from({ length: 40 }, (_, i) => groupId(i));
    for (const g of groups) await emu.control.addGroup(g);
    await emu.control.addKey({ ...OWNER_KEY, roles: groups.map((g) => ({ groupId: g, roleName: OWNER_ROLE })) });
  });

  async function requestsOf(run: () => Promise<unknown>): Promise<{ requests: number; challenges: number; log: RequestLogEntry[] }> {
    await fixture.emu.control.clearRequests();
    await run();
    const log = await fixture.emu.control.requests();
    return { requests: log.length, challenges: log.filter((r) => r.challenged).length, log };
  }

  for (const groups of [1, 10, 40]) {
    const n = TYPES * groups;
    it(`pulumi refresh of ${n} integrations in ${groups} project(s) sends ${groups} list request(s) + 1 challenge`, async () => {
      fixture.project.setResources(layout(groups));
      await fixture.project.up();
      const refresh = await requestsOf(() => fixture.project.refresh(DEFAULT_PARALLEL));
      assert.deepEqual([refresh.requests, refresh.challenges], [groups + 1, 1]);
      const paths = refresh.log.filter((r) => r.status === 200).map((r) => `${r.method} ${r.path.split("?")[0]}`);
      assert.deepEqual(new Set(paths), new Set(layout(groups).map((s) => `GET /api/public/v1.0/groups/${s.args.groupId}/integrations`)));
    });

    it(`pulumi up --refresh of the same ${n} (no change) sends the same ${groups + 1} requests`, async () => {
      const up = await requestsOf(() => fixture.project.up(["--refresh", ...DEFAULT_PARALLEL]));
      assert.deepEqual([up.requests, up.challenges], [groups + 1, 1]);
    });
  }
});
