import assert from "node:assert/strict";
import { createClient, type OpsManagerHttpClient } from "../../../provider/client";
import { ProjectReads } from "../../../provider/client/project-reads";
import type { GroupListing } from "../../../provider/client/types";
import { startScriptedServer, type LoggedRequest, type Reply, type ScriptedServer } from "./support/scripted-server";
import { GOOD_KEYS, GROUP, testConfig, webhookRequest } from "./support/test-config";

const A = "5f0000000000000000000a01";
const B = "5f0000000000000000000b02";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fake list endpoint: records when each request was sent and answers after `latencyMs`, each answer numbered. */
function fakeList(latencyMs = 20, fail?: (groupId: string, n: number) => Error | undefined) {
  const sent: { groupId: string; at: number; n: number }[] = [];
  let n = 0;
  const list = async (groupId: string): Promise<GroupListing> => {
    const call = { groupId, at: Date.now(), n: ++n };
    sent.push(call);
    await sleep(latencyMs);
    const error = fail?.(groupId, call.n);
    if (error) throw error;
    return { integrations: [{ type: "WEBHOOK", id: `answer-${call.n}` }], unknownTypes: [] };
  };
  return { list, sent };
}

/** A clock the spec moves by hand. */
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const idOf = (l: GroupListing) => l.integrations[0]!.id;

describe("ProjectReads: one list per project, reused within a process until a write or the bound", () => {
  it("concurrent first reads of a project share one request; each project has its own", async () => {
    const { list, sent } = fakeList();
    const reads = new ProjectReads(list, 30_000);
    const got = await Promise.all([A, A, B, A, B, A].map((g) => reads.read(g)));
    assert.deepEqual(sent.map((s) => s.groupId).sort(), [A, B]);
    assert.equal(new Set(got.filter((_, i) => [0, 1, 3, 5].includes(i))).size, 1, "one answer for every read of A");
  });

  it("a read asked while the list is in flight joins it instead of sending another", async () => {
    const { list, sent } = fakeList(40);
    const reads = new ProjectReads(list, 30_000);
    const first = reads.read(A);
    await sleep(20);
    const second = reads.read(A);
    assert.equal(idOf(await first), idOf(await second));
    assert.equal(sent.length, 1);
  });

  it("later reads reuse the list while it is younger than the bound, then list again", async () => {
    const clock = manualClock();
    const { list, sent } = fakeList(1);
    const reads = new ProjectReads(list, 10_000, clock.now);
    assert.equal(idOf(await reads.read(A)), "answer-1");
    clock.advance(9_999);
    assert.equal(idOf(await reads.read(A)), "answer-1", "9.999 s old: reused");
    clock.advance(1);
    assert.equal(idOf(await reads.read(A)), "answer-2", "10 s old: listed again");
    assert.equal(idOf(await reads.read(A)), "answer-2");
    assert.equal(sent.length, 2);
  });

  it("a write to the project drops its list; a write to another project does not", async () => {
    const { list, sent } = fakeList(1);
    const reads = new ProjectReads(list, 30_000);
    await Promise.all([reads.read(A), reads.read(B)]);
    await reads.write(A, async () => "written");
    assert.equal(idOf(await reads.read(A)), "answer-3", "A listed again after its write");
    assert.equal(idOf(await reads.read(B)), "answer-2", "B's list still reused");
    assert.equal(sent.length, 3);
  });

  it("a list whose request overlapped a write is handed to its reads but never reused", async () => {
    const { list, sent } = fakeList(30);
    const reads = new ProjectReads(list, 30_000);
    const before = reads.read(A);
    await sleep(5); // the list is out
    await reads.write(A, async () => "written while the list was in flight");
    assert.equal(idOf(await before), "answer-1");
    assert.equal(idOf(await reads.read(A)), "answer-2");
    assert.equal(sent.length, 2);
  });

  it("never answers a read with a list older than this process's write to the project: the read waits for it", async () => {
    const { list, sent } = fakeList(1);
    const reads = new ProjectReads(list, 30_000);
    let writeDone = 0;
    const write = reads.write(A, async () => {
      await sleep(40);
      writeDone = Date.now();
    });
    const read = reads.read(A);
    const other = reads.read(B); // another project does not wait
    await other;
    assert.equal(writeDone, 0, "B was answered while A's write ran");
    await Promise.all([write, read]);
    assert.ok(sent.find((s) => s.groupId === A)!.at >= writeDone, "A's list was sent after the write finished");
  });

  it("a write's failure releases the reads waiting for it, and still drops the list", async () => {
    const { list, sent } = fakeList(1);
    const reads = new ProjectReads(list, 30_000);
    await reads.read(A);
    const write = reads.write(A, async () => {
      await sleep(10);
      throw new Error("write failed");
    });
    const read = reads.read(A);
    await assert.rejects(write, /write failed/);
    assert.equal(idOf(await read), "answer-2");
    assert.equal(sent.length, 2);
  });

  it("an error reaches every read waiting on that list and is never reused: the next read lists again", async () => {
    const boom = new Error("page 2 failed");
    const { list, sent } = fakeList(5, (_g, n) => (n === 1 ? boom : undefined));
    const reads = new ProjectReads(list, 30_000);
    const outcomes = await Promise.allSettled([reads.read(A), reads.read(A), reads.read(A)]);
    assert.deepEqual(outcomes.map((o) => (o.status === "rejected" ? o.reason : "ok")), [boom, boom, boom]);
    assert.equal(idOf(await reads.read(A)), "answer-2");
    assert.equal(sent.length, 2);
  });

  it("0 turns reuse off: every read sends its own request, even concurrent ones", async () => {
    const { list, sent } = fakeList(5);
    const reads = new ProjectReads(list, 0);
    await Promise.all([reads.read(A), reads.read(A)]);
    await reads.read(A);
    assert.equal(sent.length, 3);
  });

  it("fresh() always sends its own request and leaves the snapshot alone", async () => {
    const { list, sent } = fakeList(1);
    const reads = new ProjectReads(list, 30_000);
    await reads.read(A);
    assert.equal(idOf(await reads.fresh(A)), "answer-2");
    assert.equal(idOf(await reads.read(A)), "answer-1");
    assert.equal(sent.length, 2);
  });
});

describe("client: refresh's reads through a real HTTP server", () => {
  const base = `/api/public/v1.0/groups/${GROUP}/integrations`;
  let server: ScriptedServer;
  afterEach(() => server?.close());
  const isList = (r: LoggedRequest) => r.method === "GET" && r.url.startsWith(`${base}?`);
  const lists = () => server.served().filter(isList).length;
  /** Lists answer with a numbered WEBHOOK (and SLACK), so a reused answer is told from a new one. */
  const start = async (readSnapshotMs: number, listReply?: (n: number, req: LoggedRequest) => Reply | undefined): Promise<OpsManagerHttpClient> => {
    let n = 0;
    server = await startScriptedServer({
      digest: GOOD_KEYS,
      script: (req) => {
        if (!isList(req)) return { status: 200, body: { results: [{ type: "WEBHOOK", url: "******x/42", id: "written" }], totalCount: 1 } };
        n += 1;
        return listReply?.(n, req) ?? { status: 200, body: { results: [{ type: "WEBHOOK", id: `list-${n}` }, { type: "SLACK", channelName: "#a" }], totalCount: 2 } };
      },
    });
    return createClient(testConfig(server.url, { readSnapshotMs }), { retryBaseDelayMs: 5, maxRetryTimeMs: 0, knownTypes: ["SLACK", "WEBHOOK"] });
  };

  it("reads of one project one after another cost one list request", async () => {
    const client = await start(30_000);
    for (let i = 0; i < 5; i++) assert.equal((await client.readIntegration(GROUP, "WEBHOOK"))?.id, "list-1");
    assert.equal((await client.readIntegration(GROUP, "SLACK"))?.channelName, "#a");
    assert.equal(lists(), 1);
  });

  it("a create, update or delete through the client makes the next read list again", async () => {
    const client = await start(30_000);
    await client.readIntegration(GROUP, "WEBHOOK");
    const writes = [
      () => client.createIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://x/42" })),
      () => client.putIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://x/42" })),
      () => client.deleteIntegration(GROUP, "WEBHOOK"),
    ];
    for (const [i, write] of writes.entries()) {
      await write();
      assert.equal((await client.readIntegration(GROUP, "WEBHOOK"))?.id, `list-${i + 2}`);
      await client.readIntegration(GROUP, "SLACK");
    }
    assert.equal(lists(), 4);
  });

  it("a list that failed on its second page reaches both waiting reads and is not reused", async () => {
    const client = await start(30_000, (n, req) =>
      n === 1
        ? { status: 200, body: { results: Array.from({ length: 500 }, () => ({ type: "SLACK" })), totalCount: 501 } }
        : n === 2 && req.url.includes("pageNum=2")
          ? { status: 200, body: { results: [{ notAType: 1 }], totalCount: 501 } }
          : undefined,
    );
    const outcomes = await Promise.allSettled([client.readIntegration(GROUP, "WEBHOOK"), client.readIntegration(GROUP, "SLACK")]);
    assert.deepEqual(outcomes.map((o) => o.status), ["rejected", "rejected"]);
    assert.equal((await client.readIntegration(GROUP, "WEBHOOK"))?.id, "list-3");
    assert.equal(lists(), 3, "pages 1 and 2 of the failed list, then one new list");
  });

  it("readSnapshotMs 0: every read sends its own list request", async () => {
    const client = await start(0);
    for (let i = 1; i <= 3; i++) assert.equal((await client.readIntegration(GROUP, "WEBHOOK"))?.id, `list-${i}`);
    assert.equal(lists(), 3);
  });

  it("lookups' listIntegrations always list afresh, even with a snapshot at hand", async () => {
    const client = await start(30_000);
    await client.readIntegration(GROUP, "WEBHOOK");
    assert.equal((await client.listIntegrations(GROUP)).find((e) => e.type === "WEBHOOK")?.id, "list-2");
    assert.equal((await client.listGroup(GROUP)).integrations.find((e) => e.type === "WEBHOOK")?.id, "list-3");
    assert.equal(lists(), 3);
  });
});
