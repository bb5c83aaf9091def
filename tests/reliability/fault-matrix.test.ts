import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import type { RequestLogEntry } from "../../emulator/request-log";
import type { StoredIntegration } from "../../emulator/store";
import { OpsManagerError } from "../../provider/errors";
import { findIntegration, type AnyIntegration } from "../../provider/integrations/registry";
import { rawRequest } from "../emulator/support/http";
import { useEmulator } from "../helpers/emulator";
import { stateVersusServer } from "./support/consistency";
import { CALLS, MAX_RETRIES, OPS, ROWS, path, type Op } from "./support/fault-rows";
import { startRecordingProxy } from "./support/recording-proxy";
import { sessionWith, type TestSession } from "../helpers/session";
import { outcome } from "./support/outcome";
import { lifecycle } from "../../provider/lifecycle";

/**
 * Reliability suite 1: every fault the emulator can inject, against each lifecycle operation, through the provider's
 * own functions. Each case must converge, or fail with a message naming the cause; either way what the provider
 * would keep in state (the outputs returned, or on failure the previous state) must equal what the server holds,
 * and the requests spent must stay within the retry bound.
 */

interface CaseResult {
  readonly row: string;
  readonly op: Op;
  readonly result: "converged" | "failed clearly" | "inconsistent";
  readonly requests: number;
  readonly authenticated: number;
  readonly ms: number;
  readonly problems: string[];
}

describe("reliability: fault matrix (provider functions × injected faults)", function () {
  this.timeout(60_000);
  const emu = useEmulator();
  const results: CaseResult[] = [];
  const def = findIntegration("WEBHOOK") as AnyIntegration;
  const inputs = {
    fingerprintKey: "fault-matrix-fingerprint-key-0001", // as check adds it
    groupId: DEFAULT_GROUP_ID,
    type: "WEBHOOK",
    url: "https://hooks.example.com/fault/0001",
    secret: "whsec-fault-0001",
  };
  const changed = { ...inputs, url: "https://hooks.example.com/fault/0002", secret: "whsec-fault-0002" };
  const bystanderFields = { apiToken: "xoxb-bystander-0000-0000", teamName: "ops", channelName: "alerts" };

  after(() => {
    const count = (r: CaseResult["result"]) => results.filter((x) => x.result === r).length;
    console.log(
      "      case                                                             op      result          reqs  auth     ms",
    );
    for (const r of results) {
      console.log(
        `      ${r.row.padEnd(64)} ${r.op.padEnd(7)} ${r.result.padEnd(15)} ${String(r.requests).padStart(4)} ${String(r.authenticated).padStart(5)} ${String(r.ms).padStart(6)}`,
      );
      for (const p of r.problems) console.log(`        ! ${p}`);
    }
    console.log(
      `      faults: ${count("converged")} converged, ${count("failed clearly")} failed clearly, ${count("inconsistent")} inconsistent`,
    );
  });

  for (const row of ROWS) {
    for (const op of OPS) {
      it(`${row.name}: ${op} ${row.expect[op] === "either" ? "converges or fails clearly" : row.expect[op] === "converge" ? "converges" : "fails clearly"}, state = server`, async () => {
        const bystander = await emu.control.seed(DEFAULT_GROUP_ID, "SLACK", bystanderFields);
        const proxy = row.viaProxy || row.hold ? await startRecordingProxy(emu.url) : undefined;
        const session = sessionWith(proxy?.url ?? emu.url, {
          "opsmanager:maxRetries": String(MAX_RETRIES),
          ...row.settings,
        });
        const nextSession = sessionWith(emu.url);
        try {
          // The previous state: nothing before a create, a created integration before the others.
          let previous: Record<string, unknown> | undefined;
          if (op !== "create") previous = (await lifecycle.create({ session }, inputs)).outs;
          await row.before?.({ emu, session, proxy, op });
          if (row.fault) await emu.control.fault(row.fault(op));
          if (row.hold) proxy?.hold(row.hold(op));
          await emu.control.clearRequests();

          const started = Date.now();
          const run = await outcome(() => perform(session, op, previous));
          const ms = Date.now() - started;
          if (row.settleMs) await sleep(row.settleMs);
          await proxy?.settled();
          await emu.control.clearFaults();
          const log: RequestLogEntry[] = await emu.control.requests();

          // What the provider would keep: the returned outputs, or on failure what state already held.
          const judge = async (stored: Record<string, unknown> | undefined, compareId: boolean) => {
            const raw = await emu.control.raw(DEFAULT_GROUP_ID);
            const server = raw.find((r: StoredIntegration) => r.type === "WEBHOOK");
            const problems = stateVersusServer(def, stored, server, { compareId, fingerprintKey: inputs.fingerprintKey });
            const others = raw.filter((r) => r.type !== "WEBHOOK");
            if (JSON.stringify(others) !== JSON.stringify([bystander]))
              problems.push(`another integration of the project changed: ${JSON.stringify(others)}`);
            return problems;
          };
          let problems = await judge(run.ok ? run.value : previous, !row.lateDuplicateWrite?.includes(op));
          if (!run.ok) {
            // After a failure, the next run (a fresh provider process, no faults) must converge from that state.
            const next = await outcome(() => perform(nextSession, op, previous));
            const after = await judge(next.ok ? next.value : previous, true);
            if (!next.ok)
              after.push(
                `the next run failed too: ${next.error instanceof Error ? next.error.message : String(next.error)}`,
              );
            problems = row.judgeAfterNextRun ? after : [...problems, ...after];
          }

          const authenticated = log.filter((r) => r.authenticated).length;
          // Paced retries (429 with Retry-After) are bounded by the time budget, not maxRetries: such rows state
          // their exact count, which is then the bound.
          const bound = Math.max((MAX_RETRIES + 1) * CALLS[op], row.exact?.[op] ?? 0);
          const result: CaseResult["result"] =
            problems.length > 0 ? "inconsistent" : run.ok ? "converged" : "failed clearly";
          results.push({ row: row.name, op, result, requests: log.length, authenticated, ms, problems });

          assert.deepEqual(problems, [], "state and server disagree");
          if (run.ok) {
            assert.notEqual(row.expect[op], "fail", "expected a failure");
          } else {
            const err = run.error;
            assert.ok(err instanceof OpsManagerError, `not an OpsManagerError: ${String(err)}`);
            assert.notEqual(row.expect[op], "converge", `expected to converge, failed: ${err.message}`);
            // The integration type in the path is checked by its own spec below (it is redacted on writes today).
            assert.match(
              err.message,
              /^Ops Manager API (GET|POST|PUT|DELETE) \/api\/public\/v1\.0\/groups\/\w+\/integrations[/?]\S+ on http:\/\/127\.0\.0\.1:\d+ failed/,
            );
            assert.match(err.message, row.cause, "the message names the cause");
          }
          assert.ok(authenticated <= bound, `${authenticated} authenticated requests, bound ${bound}`);
          assert.ok(log.length <= bound + 2, `${log.length} requests in all (challenges included), bound ${bound + 2}`);
          const exact = row.exact?.[op];
          if (exact !== undefined) assert.equal(authenticated, exact, "authenticated requests");
          if (row.minElapsedMs) assert.ok(ms >= row.minElapsedMs, `took ${ms} ms, Retry-After not honoured`);
          if (row.name.startsWith("expired"))
            assert.ok(
              log.some((r) => r.challenged && /expired/.test(r.authError ?? "")),
              "a stale nonce was refused once",
            );
          if (row.name.startsWith("replayed"))
            assert.ok(
              log.some((r) => r.challenged && /replay/.test(r.authError ?? "")),
              "the replayed nc was refused once",
            );
        } finally {
          session.client.close();
          nextSession.client.close();
          await proxy?.close();
        }
      });
    }
  }

  /** The operation as the engine would call it; the outputs it would store (undefined: nothing in state). */
  async function perform(
    session: TestSession,
    op: Op,
    previous: Record<string, unknown> | undefined,
  ): Promise<Record<string, unknown> | undefined> {
    if (op === "create") return (await lifecycle.create({ session }, inputs)).outs;
    if (op === "update") return (await lifecycle.update({ session }, "", previous ?? {}, changed)).outs;
    if (op === "read") {
      const r = await lifecycle.read({ session }, `${DEFAULT_GROUP_ID}/WEBHOOK`, previous ?? {});
      return r.id ? r.props : undefined;
    }
    await lifecycle.delete({ session }, "", previous ?? {});
    return undefined;
  }

  it("a failed write names the integration type it was writing, not [REDACTED]", async () => {
    const session = sessionWith(emu.url, { "opsmanager:maxRetries": "0" });
    try {
      for (const [op, method] of [
        ["create", "POST"],
        ["update", "PUT"],
        ["delete", "DELETE"],
      ] as const) {
        const previous = op === "create" ? undefined : (await lifecycle.create({ session }, inputs)).outs;
        await emu.control.fault({ status: 500, count: 5, method, pathIncludes: path });
        // After a POST that may have been applied, create looks and, finding nothing, upserts with PUT.
        if (op === "create") await emu.control.fault({ status: 500, count: 5, method: "PUT", pathIncludes: path });
        const run = await outcome(() => perform(session, op, previous));
        await emu.control.clearFaults();
        await emu.control.remove(DEFAULT_GROUP_ID, "WEBHOOK");
        assert.ok(!run.ok && run.error instanceof Error);
        assert.match(
          run.error.message,
          new RegExp(
            `^Ops Manager API (${method}|PUT) /api/public/v1\\.0/groups/${DEFAULT_GROUP_ID}/integrations/WEBHOOK on `,
          ),
          `${op}: ${run.error.message}`,
        );
      }
    } finally {
      session.client.close();
    }
  });

  it("a captured Authorization header replayed with another body is refused and changes nothing", async () => {
    const proxy = await startRecordingProxy(emu.url);
    const session = sessionWith(proxy.url);
    try {
      await lifecycle.create({ session }, inputs);
      const before = await emu.control.raw(DEFAULT_GROUP_ID);
      const put = proxy.seen.find((r) => r.method === "POST" && r.authorization?.startsWith("Digest"));
      assert.ok(put?.authorization);
      const evil = JSON.stringify({ type: "WEBHOOK", url: "https://attacker.example.com/steal" });
      const res = await rawRequest({
        method: "PUT",
        origin: emu.url,
        target: put.target,
        headers: { authorization: put.authorization },
        body: evil,
      });
      assert.equal(res.status, 401, "a signature made for a POST must not authorize a PUT");
      const same = await rawRequest({
        method: put.method,
        origin: emu.url,
        target: put.target,
        headers: { authorization: put.authorization },
        body: evil,
      });
      assert.equal(same.status, 401, "the very same request replayed (nc reused) must be refused");
      assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), before);
    } finally {
      session.client.close();
      await proxy.close();
    }
  });
});
