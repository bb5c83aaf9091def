import assert from "node:assert/strict";
import { ProjectReads } from "../../../provider/client/project-reads";
import type { GroupListing } from "../../../provider/client/types";

const A = "5f0000000000000000000a01";
const B = "5f0000000000000000000b02";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fake list endpoint: records when each request was sent and answers after `latencyMs`. */
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

describe("ProjectReads: single-flight reads per project", () => {
  const window = { idleMs: 5, maxWaitMs: 50 };

  it("reads of one project that overlap in time share one request; each project has its own", async () => {
    const { list, sent } = fakeList();
    const reads = new ProjectReads(list, window);
    const got = await Promise.all([A, A, B, A, B, A].map((g) => reads.read(g)));
    assert.deepEqual(sent.map((s) => s.groupId).sort(), [A, B]);
    assert.equal(new Set(got.filter((_, i) => [0, 1, 3, 5].includes(i))).size, 1, "one answer for every read of A");
  });

  it("a stream of reads keeps the batch open while they keep coming, for at most maxWaitMs", async () => {
    const { list, sent } = fakeList();
    const reads = new ProjectReads(list, { idleMs: 1000, maxWaitMs: 60 });
    const first = Date.now();
    const pending: Promise<GroupListing>[] = [];
    for (let i = 0; i < 12; i++) {
      pending.push(reads.read(A));
      await sleep(8);
    }
    await Promise.all(pending);
    assert.ok(sent[0]!.at - first >= 55, `the first request waited ${sent[0]!.at - first} ms (idle never passed)`);
    assert.ok(sent.length >= 2, "the cap closed the first batch while reads still came");
  });

  it("reads of other projects arriving keep every batch open: the engine is still sending a refresh's reads", async () => {
    const { list, sent } = fakeList();
    const reads = new ProjectReads(list, { idleMs: 100, maxWaitMs: 2000 });
    const pending: Promise<GroupListing>[] = [reads.read(A)];
    for (let i = 0; i < 12; i++) {
      await sleep(15); // B's reads come every 15 ms for ~180 ms: A alone would have gone out after 100 ms
      pending.push(reads.read(B));
    }
    pending.push(reads.read(A));
    await Promise.all(pending);
    assert.deepEqual(sent.map((s) => s.groupId).sort(), [A, B]);
  });

  it("a read asked while a request is in flight waits for the next request instead of reusing that answer", async () => {
    const { list, sent } = fakeList(40);
    const reads = new ProjectReads(list, window);
    const first = reads.read(A);
    await sleep(20); // the first request is out
    assert.equal(sent.length, 1);
    const asked = Date.now();
    const second = reads.read(A);
    const [a, b] = await Promise.all([first, second]);
    assert.equal(sent.length, 2);
    assert.ok(sent[1]!.at >= asked, "the second answer began after the second read was asked");
    assert.notEqual(a.integrations[0]!.id, b.integrations[0]!.id);
  });

  it("keeps nothing: reads one after another each send their own request", async () => {
    const { list, sent } = fakeList(1);
    const reads = new ProjectReads(list, window);
    for (let i = 0; i < 3; i++) await reads.read(A);
    assert.equal(sent.length, 3);
  });

  it("an error (a failed or malformed page) reaches every read of the batch, and the next batch tries again", async () => {
    const boom = new Error("page 2 failed");
    const { list, sent } = fakeList(5, (_g, n) => (n === 1 ? boom : undefined));
    const reads = new ProjectReads(list, window);
    const outcomes = await Promise.allSettled([reads.read(A), reads.read(A), reads.read(A)]);
    assert.deepEqual(outcomes.map((o) => (o.status === "rejected" ? o.reason : "ok")), [boom, boom, boom]);
    assert.equal((await reads.read(A)).integrations[0]!.id, "answer-2");
    assert.equal(sent.length, 2);
  });

  it("never answers a read with a list older than this process's write to the project: the batch waits for it", async () => {
    const { list, sent } = fakeList(1);
    const reads = new ProjectReads(list, window);
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
    const a = sent.find((s) => s.groupId === A)!;
    assert.ok(a.at >= writeDone, "A's list was sent after the write finished");
  });

  it("a write's failure releases the reads waiting for it", async () => {
    const { list, sent } = fakeList(1);
    const reads = new ProjectReads(list, window);
    const write = reads.write(A, async () => {
      await sleep(10);
      throw new Error("write failed");
    });
    const read = reads.read(A);
    await assert.rejects(write, /write failed/);
    await read;
    assert.equal(sent.length, 1);
  });
});
