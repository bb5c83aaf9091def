import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY, SECOND_GROUP_ID } from "../../emulator/defaults";
import type { RequestLogEntry } from "../../emulator/request-log";
import { definitions } from "../../provider/integrations/registry";
import { lifecycle } from "../../provider/lifecycle";
import type { SessionHolder } from "../../provider/session";
import { useEmulator, type EmulatorFixture } from "../helpers/emulator";
import { useEngineProject, type ResourceSpec } from "../helpers/engine-project";

/**
 * Regression guard (bench/README.md): what each operation costs in API requests, counted from the
 * emulator's request log. Not a timing test. The third goal of the issue, `__provider` ≤ 2 KB per resource, is
 * asserted by tests/serialization/provider-size.test.ts ("is at most 2 KB and only requires the package by name").
 */

/** Every registered type in both default projects: 22 integrations, each addressed once. */
const all = [DEFAULT_GROUP_ID, SECOND_GROUP_ID].flatMap((groupId) =>
  definitions.map((d) => ({ groupId, type: d.type, ...d.example })),
);

/** What one batch of calls cost: every request, and those answered with a digest challenge. */
async function cost(
  emu: EmulatorFixture,
  calls: () => Promise<unknown>,
): Promise<{ requests: number; challenges: number; log: RequestLogEntry[] }> {
  await emu.control.clearRequests();
  await calls();
  const log = await emu.control.requests();
  return { requests: log.length, challenges: log.filter((r) => r.challenged).length, log };
}

/** A provider's per-process state, configured the way the engine's `configure` call does. */
function configuredHolder(emu: EmulatorFixture): SessionHolder {
  const config: Record<string, string> = {
    "opsmanager:baseUrl": emu.url,
    "opsmanager:publicKey": OWNER_KEY.publicKey,
    "opsmanager:privateKey": OWNER_KEY.privateKey,
  };
  const holder: SessionHolder = {};
  const get = (k: string) => config[k];
  lifecycle.configure(holder, { config: { get, require: get } } as unknown as Parameters<typeof lifecycle.configure>[1]);
  return holder;
}

describe("request counts per operation", () => {
  const emu = useEmulator({}, { resetEach: false });

  it("one session: one challenge, then one request per create, update and delete, one list per project for the reads after them; none per check or diff", async () => {
    const holder = configuredHolder(emu);
    const checked: Record<string, unknown>[] = [];
    const created: { id: string; outs: Record<string, unknown> }[] = [];
    const n = all.length;

    const checks = await cost(emu, async () => {
      for (const inputs of all)
        checked.push((await lifecycle.check(holder, {}, inputs)).inputs as Record<string, unknown>);
    });
    const creates = await cost(emu, async () => {
      for (const inputs of checked) {
        const { id, outs } = await lifecycle.create(holder, inputs);
        created.push({ id, outs });
      }
    });
    const diffs = await cost(emu, async () => {
      for (const [i, { id, outs }] of created.entries()) {
        assert.equal((await lifecycle.diff(holder, id, outs, checked[i]!)).changes, false, `${id} unchanged`);
        assert.equal(
          (await lifecycle.diff(holder, id, outs, { ...checked[i], secretVersion: 2 })).changes,
          true,
          `${id} changed`,
        );
      }
    });
    const updates = await cost(emu, async () => {
      for (const [i, c] of created.entries())
        c.outs = (await lifecycle.update(holder, c.id, c.outs, { ...checked[i], secretVersion: 2 })).outs;
    });
    const reads = await cost(emu, async () => {
      for (const { id, outs } of created) assert.equal((await lifecycle.read(holder, id, outs)).id, id);
    });
    const deletes = await cost(emu, async () => {
      for (const { id, outs } of created) await lifecycle.delete(holder, id, outs);
    });

    assert.deepEqual(
      { checks, creates, diffs, updates, reads, deletes },
      {
        checks: { requests: 0, challenges: 0, log: [] },
        creates: { requests: n + 1, challenges: 1, log: creates.log },
        diffs: { requests: 0, challenges: 0, log: [] },
        updates: { requests: n, challenges: 0, log: updates.log },
        // The reads come after this process's last writes, so each project is listed once and its list reused.
        reads: { requests: 2, challenges: 0, log: reads.log },
        deletes: { requests: n, challenges: 0, log: deletes.log },
      },
    );
    assert.deepEqual(
      creates.log.slice(0, 2).map((r) => `${r.method} ${r.status}`),
      ["GET 401", "POST 200"], // the challenge is fetched without the body
      "only the first call is challenged",
    );
  });

  it("reads of one project share one list request, at the same time or one after another, until this process writes to it", async () => {
    const holder = configuredHolder(emu);
    const created = await Promise.all(all.map((inputs) => lifecycle.create(holder, inputs)));
    const together = await cost(emu, () =>
      Promise.all(created.map(({ id, outs }) => lifecycle.read(holder, id, outs).then((r) => assert.equal(r.id, id)))),
    );
    assert.deepEqual(
      together.log.map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`).sort(),
      [DEFAULT_GROUP_ID, SECOND_GROUP_ID].map((g) => `GET /api/public/v1.0/groups/${g}/integrations 200`).sort(),
    );
    const apart = await cost(emu, async () => {
      for (const { id, outs } of created.slice(0, 3)) await lifecycle.read(holder, id, outs);
    });
    assert.equal(apart.requests, 0, "later reads reuse the project's list");
    const [first, second] = created;
    await lifecycle.delete(holder, first!.id, first!.outs);
    const afterWrite = await cost(emu, () => lifecycle.read(holder, second!.id, second!.outs));
    assert.deepEqual(
      afterWrite.log.map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`),
      [`GET /api/public/v1.0/groups/${DEFAULT_GROUP_ID}/integrations 200`],
      "a write to the project drops its list: the next read lists it again",
    );
    created.shift();
    await Promise.all(created.map(({ id, outs }) => lifecycle.delete(holder, id, outs)));
  });

  it("creates started all at once on a fresh session wait for one challenge instead of each taking their own", async () => {
    const holder = configuredHolder(emu);
    const burst = await cost(emu, () => Promise.all(all.map((inputs) => lifecycle.create(holder, inputs))));
    assert.deepEqual([burst.requests, burst.challenges], [all.length + 1, 1]);
    await cost(emu, () =>
      Promise.all(all.map((inputs) => lifecycle.delete(holder, `${inputs.groupId}/${inputs.type}`, inputs))),
    );
  });
});

describe("request counts through the Pulumi CLI", function () {
  this.timeout(10 * 60 * 1000);
  const fixture = useEngineProject("request-counts");
  const specs: ResourceSpec[] = all.slice(0, 4).map((args, i) => ({ name: `r${i}`, args }));

  it("pulumi preview of creates sends no request", async () => {
    fixture.project.setResources(specs);
    assert.deepEqual(await cost(fixture.emu, () => fixture.project.preview()), { requests: 0, challenges: 0, log: [] });
  });

  it("pulumi up sends one request per resource plus one challenge for its provider process", async () => {
    const up = await cost(fixture.emu, () => fixture.project.up());
    assert.deepEqual([up.requests, up.challenges], [specs.length + 1, 1]);
  });

  it("pulumi preview of unchanged resources (no refresh) sends no request", async () => {
    const preview = await cost(fixture.emu, async () =>
      assert.deepEqual(Object.keys((await fixture.project.preview()).changeSummary), ["same"]),
    );
    assert.deepEqual(preview, { requests: 0, challenges: 0, log: [] });
  });
});
