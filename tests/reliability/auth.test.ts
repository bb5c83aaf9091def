import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OUTSIDER_KEY, OWNER_KEY, READ_ONLY_KEY, type KeyPair } from "../../emulator/defaults";
import { ApiError } from "../../provider/errors";
import { EngineProject } from "../helpers/engine-project";
import { useEmulator } from "../helpers/emulator";
import { sessionWith } from "../helpers/session";
import { outcome } from "./support/outcome";
import { lifecycle } from "../../provider/lifecycle";

/**
 * Reliability suite 5: access problems fail fast — no retries, about one request — with one message that says
 * what to fix. Through the provider's functions for each case, and once through the real CLI.
 */
const UNKNOWN_GROUP = "5f00000000000000000000ff";
const inputs = (groupId = DEFAULT_GROUP_ID) => ({
  groupId,
  type: "SLACK",
  apiToken: "xoxb-auth-0000-0000",
  teamName: "ops",
});

type Op = "create" | "update" | "read" | "delete";

interface Case {
  readonly name: string;
  readonly key: KeyPair;
  readonly op: Op;
  readonly groupId?: string;
  readonly status: number;
  readonly errorCode?: string;
  /** Words of the actionable part of the message. */
  readonly says: RegExp;
  /** Requests the failed operation may cost at most, digest challenge included. */
  readonly maxRequests: number;
}

const WRONG_PRIVATE = { publicKey: OWNER_KEY.publicKey, privateKey: "not-the-owner-private-key" };
const UNKNOWN_PUBLIC = { publicKey: "NOSUCHKEY", privateKey: "whatever-private-key" };
const CHECK_KEYS = /check opsmanager:publicKey and opsmanager:privateKey/;
const GROUP_ACCESS = /Check the groupId .* and that the API key has access to that project/;
const OWNER_NEEDED = /changing them needs Project Owner/;

const CASES: Case[] = [
  ...(["create", "update", "read", "delete"] as const).map((op): Case => ({
    name: "wrong private key",
    key: WRONG_PRIVATE,
    op,
    status: 401,
    says: CHECK_KEYS,
    maxRequests: 2,
  })),
  { name: "unknown public key", key: UNKNOWN_PUBLIC, op: "read", status: 401, says: CHECK_KEYS, maxRequests: 2 },
  ...(["create", "update", "read", "delete"] as const).map((op): Case => ({
    name: "a key outside the project",
    key: OUTSIDER_KEY,
    op,
    status: 401,
    errorCode: "NOT_IN_GROUP",
    says: GROUP_ACCESS,
    maxRequests: 2,
  })),
  ...(["create", "update", "delete"] as const).map((op): Case => ({
    name: "a read-only key writing",
    key: READ_ONLY_KEY,
    op,
    status: 401, // the Ops Manager error table's status for USER_UNAUTHORIZED
    errorCode: "USER_UNAUTHORIZED",
    says: OWNER_NEEDED,
    maxRequests: 2,
  })),
  ...(["create", "update", "read", "delete"] as const).map((op): Case => ({
    name: "an unknown project",
    key: OWNER_KEY,
    op,
    groupId: UNKNOWN_GROUP,
    status: 404,
    errorCode: "GROUP_NOT_FOUND",
    says: GROUP_ACCESS,
    maxRequests: 2,
  })),
];

describe("reliability: auth and access fail fast with one actionable message", function () {
  this.timeout(60_000);
  const emu = useEmulator();
  const figures: string[] = [];
  after(() => {
    for (const f of figures) console.log(`      ${f}`);
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.op} fails after ≤ ${c.maxRequests} requests, saying what to fix`, async () => {
      const owner = sessionWith(emu.url);
      const session = sessionWith(emu.url, {}, c.key);
      try {
        const groupId = c.groupId ?? DEFAULT_GROUP_ID;
        // The previous state: made with the owner key in a project that exists (or as if it did).
        const previous =
          c.op === "create"
            ? undefined
            : c.groupId
              ? { ...inputs(groupId), integrationId: "0".repeat(24) }
              : (await lifecycle.create({ session: owner }, inputs())).outs;
        const before = await emu.control.raw();
        await emu.control.clearRequests();
        const run = await outcome(async () => {
          if (c.op === "create") return lifecycle.create({ session }, inputs(groupId));
          if (c.op === "update") return lifecycle.update({ session }, "", previous ?? {}, { ...inputs(groupId), teamName: "platform" });
          if (c.op === "read") return lifecycle.read({ session }, `${groupId}/SLACK`, previous ?? {});
          return lifecycle.delete({ session }, "", previous ?? {});
        });
        const log = await emu.control.requests();
        figures.push(
          `${c.name.padEnd(26)} ${c.op.padEnd(6)} → ${run.ok ? "succeeded!" : `${(run.error as ApiError).status} ${(run.error as ApiError).errorCode ?? ""}`.padEnd(22)} ${log.length} request(s)`,
        );
        assert.ok(!run.ok, "succeeded");
        const err = run.error;
        assert.ok(err instanceof ApiError, String(err));
        assert.equal(err.status, c.status);
        if (c.errorCode) assert.equal(err.errorCode, c.errorCode);
        assert.equal(err.attempts, 1, "retried");
        assert.equal(err.retriable, false);
        assert.match(err.message, c.says);
        assert.ok(log.length <= c.maxRequests, `${log.length} requests`);
        assert.deepEqual(await emu.control.raw(), before, "the server changed");
        assert.ok(!err.message.includes(c.key.privateKey), "the private key is in the message");
      } finally {
        owner.client.close();
        session.client.close();
      }
    });
  }

  it("a read-only key can still read (refresh works, preview needs nothing)", async () => {
    const owner = sessionWith(emu.url);
    const readOnly = sessionWith(emu.url, {}, READ_ONLY_KEY);
    try {
      const created = await lifecycle.create({ session: owner }, inputs());
      await emu.control.clearRequests();
      const refreshed = await lifecycle.read({ session: readOnly }, created.id, created.outs ?? {});
      assert.equal(refreshed.id, created.id);
      assert.ok((await emu.control.requests()).length <= 2);
    } finally {
      owner.client.close();
      readOnly.client.close();
    }
  });

  describe("through the real CLI", function () {
    this.timeout(180_000);
    let project: EngineProject;
    before(async () => {
      project = await EngineProject.create("reliability-auth", { baseUrl: emu.url, ...WRONG_PRIVATE });
    });
    after(() => project?.dispose());

    it("pulumi up with a wrong private key fails fast, once per resource, saying to check the keys", async () => {
      project.setResources([
        { name: "slack", args: inputs() },
        { name: "pager", args: { groupId: DEFAULT_GROUP_ID, type: "PAGER_DUTY", serviceKey: "pd-auth-0123456789" } },
      ]);
      await emu.control.clearRequests();
      const result = await project.attempt(["up", "--yes", "--skip-preview"]);
      const text = result.stdout + result.stderr;
      const log = await emu.control.requests();
      figures.push(`CLI up, wrong private key, 2 resources → exit ${result.code}, ${log.length} request(s)`);
      assert.notEqual(result.code, 0);
      assert.match(text, /HTTP 401/);
      assert.match(text, CHECK_KEYS);
      assert.ok(!text.includes(WRONG_PRIVATE.privateKey), "the private key was printed");
      assert.ok(
        log.length <= 2 * 2,
        `${log.length} requests for 2 resources: ${log.map((r) => `${r.method} ${r.status}`).join(", ")}`,
      );
      assert.deepEqual(
        (await emu.control.raw()).groups.flatMap((g) => g.integrations),
        [],
      );
    });
  });
});
