import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY, READ_ONLY_KEY } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";
import { assertError } from "./support/expect";

const G = DEFAULT_GROUP_ID;
const LIST = `/groups/${G}/integrations`;
const WEBHOOK = { type: "WEBHOOK", url: "https://hooks.example.com/x/0123456789" };

describe("emulator: scripted faults, rate limit and latency", () => {
  const emu = useEmulator();
  let api: DigestClient;
  beforeEach(async () => {
    api = new DigestClient(emu.apiBase, OWNER_KEY);
    await api.send("GET", LIST); // take the challenge now, so faults meet signed requests only
  });

  it("answers `count` matching requests with the status and Retry-After, then recovers", async () => {
    await emu.control.fault({ status: 503, count: 2, retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await api.send("GET", LIST);
      assertError(res, 503, "UNEXPECTED_ERROR", "Injected fault (503).");
      assert.equal(res.headers["retry-after"], "7");
    }
    assert.equal((await api.send("GET", LIST)).status, 200);
    assert.deepEqual(await emu.control.faults(), []);
  });

  it("a 429 fault speaks RATE_LIMITED", async () => {
    await emu.control.fault({ status: 429, count: 1, retryAfter: 1 });
    const res = await api.send("GET", LIST);
    assert.equal(res.status, 429);
    assert.equal(res.json().errorCode, "RATE_LIMITED");
  });

  it("matches on method and pathIncludes only, and applies rules in order", async () => {
    await emu.control.fault({ status: 500, count: 1, method: "put", pathIncludes: "/WEBHOOK" });
    await emu.control.fault({ status: 502, count: 1, method: "PUT" });
    assert.equal((await api.send("GET", `${LIST}/WEBHOOK`)).status, 404, "GET is not matched");
    assert.equal((await api.send("PUT", `${LIST}/SLACK`, { type: "SLACK", apiToken: "t-123456", teamName: "x" })).status, 502);
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 500);
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 200);
  });

  it("with `skip`, lets that many matching requests through before it fails `count` of them", async () => {
    await emu.control.fault({ status: 500, count: 1, skip: 2, method: "PUT" });
    assert.equal((await api.send("GET", LIST)).status, 200, "not matched, not skipped");
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 200);
    assert.equal((await emu.control.faults())[0]?.skip, 1, "one skip left");
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 200);
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 500);
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 200);
    assert.deepEqual(await emu.control.faults(), []);
  });

  it("ignores unauthenticated requests: the fault waits for the signed retry", async () => {
    await emu.control.fault({ status: 500, count: 1 });
    const fresh = new DigestClient(emu.apiBase, OWNER_KEY);
    const res = await fresh.send("GET", LIST); // 401 challenge, then the signed request
    assert.equal(res.status, 500);
    const log = await emu.control.requests();
    assert.deepEqual(log.slice(-2).map((e) => [e.status, e.fault?.status]), [[401, undefined], [500, 500]]);
  });

  it("can send a non-JSON body, as a proxy would", async () => {
    await emu.control.fault({ status: 502, count: 1, body: "<html><body>Bad Gateway</body></html>" });
    const res = await api.send("GET", LIST);
    assert.equal(res.status, 502);
    assert.match(String(res.headers["content-type"]), /^text\/html/);
    assert.equal(res.text, "<html><body>Bad Gateway</body></html>");
  });

  it("drop: before destroys the socket and applies nothing", async () => {
    await emu.control.fault({ drop: "before", count: 1, method: "PUT" });
    await assert.rejects(api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK), /socket hang up|ECONNRESET/);
    assert.deepEqual(await emu.control.raw(G), []);
    const entry = (await emu.control.requests()).at(-1)!;
    assert.equal(entry.status, null);
    assert.deepEqual(entry.fault, { drop: "before", method: "PUT" });
  });

  it("drop: after applies the write, then destroys the socket without answering", async () => {
    await emu.control.fault({ drop: "after", count: 1, method: "PUT" });
    await assert.rejects(api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK), /socket hang up|ECONNRESET/);
    assert.deepEqual((await emu.control.raw(G)).map((i) => i.type), ["WEBHOOK"]);
    assert.equal((await emu.control.requests()).at(-1)!.status, null);
  });

  it("latencyMs delays the answer without changing it", async () => {
    await emu.control.fault({ latencyMs: 150, count: 1 });
    const start = Date.now();
    assert.equal((await api.send("GET", LIST)).status, 200);
    assert.ok(Date.now() - start >= 140, `took ${Date.now() - start} ms`);
  });

  it("refuses a rule with nothing to do or a bad status", async () => {
    for (const rule of [{ count: 1 }, { status: 200, count: 1 }, { status: 500, count: 0 }, { status: 500, count: 1, drop: "sideways" }]) {
      await assert.rejects(emu.control.fault(rule as never), /failed with 400/);
    }
  });

  it("the rate limit answers 429 RATE_LIMITED with Retry-After, per key", async () => {
    await emu.control.settings({ rateLimitPerSecond: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.send("GET", LIST)).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const limited = await api.send("GET", LIST);
    assert.equal(limited.headers["retry-after"], "1");
    assertError(limited, 429, "RATE_LIMITED", `Resource /api/public/v1.0${LIST} is limited to 2 requests every 1 seconds.`, [`/api/public/v1.0${LIST}`, "2"]);
    const other = new DigestClient(emu.apiBase, READ_ONLY_KEY);
    assert.equal((await other.send("GET", LIST)).status, 200, "another key has its own budget");
  });

  it("the global latency setting delays every API request, challenges included", async () => {
    await emu.control.settings({ latencyMs: 100 });
    const start = Date.now();
    await new DigestClient(emu.apiBase, OWNER_KEY).send("GET", LIST);
    assert.ok(Date.now() - start >= 190, `two round trips took ${Date.now() - start} ms`);
  });
});
