import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { ApiError, OpsManagerError } from "../../provider/errors";
import { integrationTypes } from "../../provider/integrations/registry";
import { useEmulator } from "../helpers/emulator";
import { sessionWith, type TestSession } from "../helpers/session";
import { outcome } from "./support/outcome";
import { lifecycle } from "../../provider/lifecycle";

/**
 * Reliability suite 3 (server side): malformed answers — not JSON, HTML error pages, missing fields, wrong types,
 * huge bodies — through the provider's own functions. Each ends in a clear OpsManagerError or a result consistent
 * with the answer; never a crash (TypeError, RangeError), never a silently wrong state (a resource dropped from
 * state because a proxy said 404, outputs for another type).
 */
type Op = "create" | "update" | "read" | "delete";
const OPS: Op[] = ["create", "update", "read", "delete"];
const inputs = { groupId: DEFAULT_GROUP_ID, type: "WEBHOOK", url: "https://hooks.example.com/malformed/0001" };
const stored = { ...inputs, integrationId: "5f00000000000000000000aa", endpoints: {} };

async function perform(session: TestSession, op: Op): Promise<Record<string, unknown> | "gone" | "deleted"> {
  if (op === "create") return (await lifecycle.create({ session }, inputs)).outs ?? {};
  if (op === "update")
    return (await lifecycle.update({ session }, "", stored, { ...inputs, url: "https://hooks.example.com/malformed/0002" })).outs ?? {};
  if (op === "read") {
    const r = await lifecycle.read({ session }, `${DEFAULT_GROUP_ID}/WEBHOOK`, stored);
    return r.id ? (r.props ?? {}) : "gone";
  }
  await lifecycle.delete({ session }, "", stored);
  return "deleted";
}

/** A clear error: ours, naming the call, bounded, printable, and not a JavaScript runtime error underneath. */
function assertClear(error: unknown): asserts error is OpsManagerError {
  assert.ok(
    error instanceof OpsManagerError,
    `not an OpsManagerError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  );
  // Either the client's own wording, or the provider's rewording of a 409 (create never overwrites).
  assert.match(
    error.message,
    /^(Ops Manager API (GET|POST|PUT|DELETE) \/api\/public\/v1\.0\/groups\/|Project \w{24} already has a WEBHOOK integration)/,
  );
  assert.ok(error.message.length < 3000, `${error.message.length}-character message`);
  assert.doesNotMatch(error.message, /[\p{Cc}]/u);
  assert.doesNotMatch(error.message, /TypeError|RangeError|Cannot read propert|undefined is not/);
}

/** One answer from the tiny server: any status, any body, any content type. */
interface Answer {
  readonly status: number;
  readonly body: string;
  readonly type?: string;
}

describe("reliability: malformed server answers (provider functions)", function () {
  this.timeout(120_000);
  let served = 0;
  let pagesServed = 0;
  const counts = { clear: 0, ok: 0 };
  after(() =>
    console.log(
      `      malformed answers: ${pagesServed} cases via emulator faults, ${served} answers from the tiny server; ${counts.clear} clear errors, ${counts.ok} results consistent with the answer, 0 crashes`,
    ),
  );

  describe("from the emulator's fault injection (HTML pages, bare statuses)", () => {
    const emu = useEmulator();
    const methods: Record<Op, string> = { create: "POST", update: "PUT", read: "GET", delete: "DELETE" };
    const pages: { name: string; status: number; body: string; says: RegExp }[] = [
      {
        name: "a proxy's 502 HTML page",
        status: 502,
        body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
        says: /HTTP 502: 502 Bad Gateway 502 Bad Gateway nginx/,
      },
      {
        name: "a proxy's 404 HTML page",
        status: 404,
        body: "<html><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>",
        says: /HTTP 404: Not Found The requested URL was not found/,
      },
      {
        name: "a login page with 401 and no challenge",
        status: 401,
        body: "<!DOCTYPE html><html><body><form action=/login>Sign in</form><script>var x=1</script></body></html>",
        says: /HTTP 401: Sign in/,
      },
      { name: "an empty 503", status: 503, body: "", says: /HTTP 503: \(empty body\)/ },
      {
        name: "plain text 400",
        status: 400,
        body: "Bad Request: header too large",
        says: /HTTP 400: Bad Request: header too large/,
      },
    ];
    for (const page of pages) {
      for (const op of OPS) {
        it(`${page.name} on ${op}: a clear error quoting it, and state stays as it was`, async () => {
          const session = sessionWith(emu.url, { "opsmanager:maxRetries": "1" });
          try {
            if (op !== "create") await emu.control.seed(DEFAULT_GROUP_ID, "WEBHOOK", { url: inputs.url });
            const before = await emu.control.raw(DEFAULT_GROUP_ID);
            await emu.control.fault({ status: page.status, count: 20, method: methods[op], body: page.body });
            // After a POST that may have been applied, create looks and, finding nothing, upserts with PUT.
            if (op === "create") await emu.control.fault({ status: page.status, count: 20, method: "PUT", body: page.body });
            const run = await outcome(() => perform(session, op));
            await emu.control.clearFaults();
            pagesServed++;
            assert.ok(!run.ok, `succeeded with ${JSON.stringify(run.ok && run.value)}`);
            assertClear(run.error);
            counts.clear++;
            assert.match(run.error.message, page.says);
            assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), before, "the server changed");
          } finally {
            session.client.close();
          }
        });
      }
    }
  });

  describe("from a tiny HTTP server (2xx answers that are not what the API returns)", () => {
    let server: Server;
    let url: string;
    let next: Answer = { status: 200, body: "" };
    before(async () => {
      server = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          served++;
          res.writeHead(next.status, { "Content-Type": next.type ?? "application/json" });
          res.end(next.body);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    const webhook = (extra: Record<string, unknown> = {}) =>
      JSON.stringify({ type: "WEBHOOK", id: "5f00000000000000000000bb", url: "******0001", ...extra });
    const page = (results: unknown, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ results, totalCount: Array.isArray(results) ? results.length : 1, ...extra });
    const table: { name: string; answer: Answer; ops: Op[]; says: RegExp }[] = [
      {
        name: "a 200 HTML login page",
        answer: { status: 200, body: "<html><body>Please log in</body></html>", type: "text/html" },
        ops: ["create", "update", "read"],
        says: /not JSON.*Please log in|body is not JSON/,
      },
      { name: "an empty 200", answer: { status: 200, body: "" }, ops: ["create", "update", "read"], says: /not JSON/ },
      {
        name: "truncated JSON",
        answer: { status: 200, body: '{"results":[{"type":"WEBHOOK","id":"5f0' },
        ops: ["create", "update", "read"],
        says: /not JSON/,
      },
      {
        name: "JSON null",
        answer: { status: 200, body: "null" },
        ops: ["create", "update", "read"],
        says: /expected, but \(body\)/,
      },
      {
        name: "a JSON array",
        answer: { status: 200, body: "[]" },
        ops: ["create", "update", "read"],
        says: /expected, but/,
      },
      {
        name: "an object without type",
        answer: { status: 200, body: JSON.stringify({ id: "5f00000000000000000000bb", url: "******0001" }) },
        ops: ["create", "update", "read"],
        says: /expected, but/,
      },
      {
        name: "another type than asked",
        answer: { status: 200, body: JSON.stringify({ type: "SLACK", id: "x" }) },
        ops: ["read"],
        // A read lists the project: a bare object where the page belongs is refused as such.
        says: /a page of integrations expected, but results/,
      },
      {
        name: "a page listing only another type",
        answer: { status: 200, body: page([{ type: "SLACK", id: "x" }]) },
        ops: ["create", "update"],
        says: /lists no (WEBHOOK|\[REDACTED\]) integration|WEBHOOK integration expected/,
      },
      {
        name: "an id that is a number",
        answer: { status: 200, body: webhook({ id: 42 }) },
        ops: ["create", "update", "read"],
        says: /id/,
      },
      {
        name: "type a number",
        answer: { status: 200, body: JSON.stringify({ type: 7 }) },
        ops: ["create", "update", "read"],
        says: /expected, but/,
      },
      {
        name: "results not an array",
        answer: { status: 200, body: JSON.stringify({ results: "nope", totalCount: 1 }) },
        ops: ["create", "update"],
        says: /expected/,
      },
      {
        name: "a results entry that is null",
        answer: { status: 200, body: page([null]) },
        ops: ["create", "update"],
        says: /results\.0|expected, but/,
      },
      {
        name: "a 12 MB body",
        answer: { status: 200, body: `{"results":[${'{"type":"SLACK"},'.repeat(760_000)}{"type":"WEBHOOK"}]}` },
        ops: ["create", "read"],
        says: /too large|maxContentLength|not JSON|expected/,
      },
      {
        name: "JSON nested 100 000 deep",
        answer: { status: 200, body: `${"[".repeat(100_000)}${"]".repeat(100_000)}` },
        ops: ["create", "read"],
        says: /expected|not JSON/,
      },
      {
        name: "a 404 whose body is not Ops Manager's",
        answer: { status: 404, body: '{"message":"no route"}' },
        ops: ["read", "delete"],
        says: /HTTP 404/,
      },
      {
        name: "a 404 HTML page",
        answer: { status: 404, body: "<h1>404</h1>", type: "text/html" },
        ops: ["read", "delete"],
        says: /HTTP 404/,
      },
      {
        name: "a 3xx redirect to a login page",
        answer: { status: 302, body: "" },
        ops: ["create", "update", "read", "delete"],
        says: /redirected/,
      },
      {
        name: "an unknown 2xx with HTML",
        answer: { status: 299, body: "<p>hmm</p>", type: "text/html" },
        ops: ["create", "read"],
        says: /not JSON/,
      },
    ];

    for (const row of table) {
      for (const op of row.ops) {
        it(`${row.name} on ${op}: a clear error, no state change`, async () => {
          next = row.answer;
          const session = sessionWith(url, { "opsmanager:maxRetries": "0" });
          try {
            const run = await outcome(() => perform(session, op));
            assert.ok(!run.ok, `succeeded with ${JSON.stringify(run.ok && run.value)?.slice(0, 300)}`);
            assertClear(run.error);
            counts.clear++;
            assert.match(run.error.message, row.says);
          } finally {
            session.client.close();
          }
        });
      }
    }

    it("property: any status and body give a clear error or a result consistent with the answer", async () => {
      const bodies = fc.oneof(
        fc.string(),
        fc.constantFrom(
          "",
          "null",
          "{}",
          "[]",
          "<html>500</html>",
          '{"results":',
          webhook(),
          page([JSON.parse(webhook())]),
        ),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .record(
            {
              type: fc.oneof(fc.constantFrom(...integrationTypes), fc.anything()),
              id: fc.oneof(fc.string(), fc.anything()),
              url: fc.oneof(fc.string(), fc.anything()),
            },
            { requiredKeys: [] },
          )
          .map((o) => JSON.stringify(o)),
        fc
          .record(
            {
              results: fc.oneof(
                fc.array(
                  fc.record(
                    { type: fc.oneof(fc.constantFrom("WEBHOOK", "SLACK"), fc.anything()), id: fc.anything() },
                    { requiredKeys: [] },
                  ),
                ),
                fc.anything(),
              ),
              totalCount: fc.anything(),
            },
            { requiredKeys: [] },
          )
          .map((o) => JSON.stringify(o)),
        fc
          .record(
            {
              errorCode: fc.oneof(fc.constantFrom("INTEGRATION_NOT_CONFIGURED", "GROUP_NOT_FOUND"), fc.anything()),
              detail: fc.anything(),
              error: fc.anything(),
            },
            { requiredKeys: [] },
          )
          .map((o) => JSON.stringify(o)),
      );
      const statuses = fc.oneof(
        fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503),
        fc.integer({ min: 200, max: 599 }),
      );
      const session = sessionWith(url, { "opsmanager:maxRetries": "0" });
      try {
        await fc.assert(
          fc.asyncProperty(statuses, bodies, fc.constantFrom(...OPS), async (status, body, op) => {
            next = { status, body };
            const run = await outcome(() => perform(session, op));
            if (!run.ok) {
              assertClear(run.error);
              counts.clear++;
              return;
            }
            counts.ok++;
            const ok = status >= 200 && status < 300;
            const notConfigured =
              status === 404 &&
              (() => {
                try {
                  return JSON.parse(body)?.errorCode === "INTEGRATION_NOT_CONFIGURED";
                } catch {
                  return false;
                }
              })();
            if (run.value === "gone")
              assert.ok(notConfigured, `read dropped the resource on ${status} ${body.slice(0, 100)}`);
            else if (run.value === "deleted")
              assert.ok(ok || notConfigured, `delete counted ${status} ${body.slice(0, 100)} as success`);
            else {
              assert.ok(ok, `${op} succeeded on ${status}`);
              assert.equal(run.value.type, "WEBHOOK");
              assert.equal(run.value.groupId, DEFAULT_GROUP_ID);
              if (run.value.integrationId !== undefined) assert.equal(typeof run.value.integrationId, "string");
            }
          }),
          { numRuns: 400 },
        );
      } finally {
        session.client.close();
      }
    });

    it("a 200 after a 404 page on read: the resource is kept, never dropped on a proxy's word", async () => {
      next = { status: 404, body: "<h1>Not Found</h1>", type: "text/html" };
      const session = sessionWith(url, { "opsmanager:maxRetries": "0" });
      try {
        const run = await outcome(() => lifecycle.read({ session }, `${DEFAULT_GROUP_ID}/WEBHOOK`, stored));
        assert.ok(!run.ok && run.error instanceof ApiError, "a proxy's 404 was taken as 'deleted'");
      } finally {
        session.client.close();
      }
    });
  });
});
