import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../../emulator/defaults";
import type { FaultRule } from "../../../emulator/faults";
import { signDigest } from "../../emulator/support/digest-signer";
import { rawRequest } from "../../emulator/support/http";
import type { EmulatorFixture } from "../../helpers/emulator";
import { digestParams, type Hold, type RecordingProxy } from "./recording-proxy";
import type { TestSession } from "../../helpers/session";

/** The fault matrix's table (reliability suite 1): one row per fault, run against each lifecycle operation. */

export type Op = "create" | "update" | "read" | "delete";
export const OPS: readonly Op[] = ["create", "update", "read", "delete"];
export const METHOD: Record<Op, string> = { create: "POST", update: "PUT", read: "GET", delete: "DELETE" };
/** HTTP calls an operation may make: create re-reads after a write that may have been applied. */
export const CALLS: Record<Op, number> = { create: 2, update: 1, read: 1, delete: 1 };
export const MAX_RETRIES = 3;

export type Expect = "converge" | "fail" | "either";

/** What a row may do around the operation: set things up once the previous state exists. */
export interface Context {
  readonly emu: EmulatorFixture;
  readonly session: TestSession;
  readonly proxy?: RecordingProxy;
  readonly op: Op;
}

export interface Row {
  readonly name: string;
  /** The fault armed just before the operation (the control plane is never faulted). */
  readonly fault?: (op: Op) => FaultRule;
  /** Runs after the previous state exists, before the operation. */
  readonly before?: (ctx: Context) => Promise<void>;
  readonly expect: Record<Op, Expect>;
  /** Words the failure message must contain. */
  readonly cause: RegExp;
  /** Extra stack settings for the session. */
  readonly settings?: Record<string, string>;
  /** Wait this long after the operation for work the server finishes late (a request the client gave up on). */
  readonly settleMs?: number;
  /** Exact authenticated requests the operation must cost, when known. */
  readonly exact?: Partial<Record<Op, number>>;
  readonly minElapsedMs?: number;
  /** Route the client through the recording proxy (to learn its digest nonce). */
  readonly viaProxy?: boolean;
  /** Through the proxy: the operation's request reaches the server this late (a slow server). */
  readonly hold?: (op: Op) => Hold;
  /**
   * A write the server applies after the provider gave up cannot be in state at that moment; what must hold is
   * that the next run (what `pulumi up` does next) takes it over instead of failing or duplicating it.
   */
  readonly judgeAfterNextRun?: boolean;
  /** A server id that changed after the answer (a late duplicate of an idempotent PUT) is tolerated; fields are not. */
  readonly lateDuplicateWrite?: Op[];
}

export const path = "/integrations/WEBHOOK";
/** What an operation's requests carry in their path: a read lists the project, the others name the type. */
export const pathOf = (op: Op): string => (op === "read" ? "/integrations?" : path);
const burst =
  (status: number, count: number, extra: Partial<FaultRule> = {}) =>
  (op: Op): FaultRule => ({ status, count, pathIncludes: pathOf(op), ...extra });
const all = (e: Expect): Record<Op, Expect> => ({ create: e, update: e, read: e, delete: e });
/** A POST is not repeated after a failure that may come after the work was done (500, 502, a dropped answer). */
const idempotentConverge: Record<Op, Expect> = {
  create: "either",
  update: "converge",
  read: "converge",
  delete: "converge",
};
const serverError = (s: number) => new RegExp(`HTTP ${s}[\\s\\S]*(server error|may have reached the server)`);

export const ROWS: readonly Row[] = [
  {
    name: "500 ×2 (shorter than the retry budget)",
    fault: burst(500, 2),
    expect: idempotentConverge,
    cause: serverError(500),
    exact: { update: 3, read: 3, delete: 3 },
  },
  {
    name: "502 ×2 (shorter than the retry budget)",
    fault: burst(502, 2),
    expect: idempotentConverge,
    cause: serverError(502),
    exact: { update: 3, read: 3, delete: 3 },
  },
  {
    name: "503 ×2 (shorter than the retry budget)",
    fault: burst(503, 2),
    expect: all("converge"),
    cause: serverError(503),
    exact: { create: 3, update: 3, read: 3, delete: 3 },
  },
  {
    name: "500 ×10 (longer than the retry budget)",
    fault: burst(500, 10),
    expect: all("fail"),
    cause: /HTTP 500[\s\S]*(retried 3 times|may have reached the server)/,
  },
  {
    name: "502 ×10 (longer than the retry budget)",
    fault: burst(502, 10),
    expect: all("fail"),
    cause: /HTTP 502[\s\S]*(retried 3 times|may have reached the server)/,
  },
  {
    name: "503 ×10 (longer than the retry budget)",
    fault: burst(503, 10),
    expect: all("fail"),
    cause: /after 4 attempts: HTTP 503[\s\S]*retried 3 times/,
    exact: { create: 4, update: 4, read: 4, delete: 4 },
  },
  {
    name: "429 ×1 with Retry-After: 1",
    fault: burst(429, 1, { retryAfter: 1 }),
    expect: all("converge"),
    cause: /RATE_LIMITED/,
    exact: { create: 2, update: 2, read: 2, delete: 2 },
    minElapsedMs: 950,
  },
  {
    // A server naming its wait is pacing, not failing: retried within the time budget, past maxRetries.
    name: "429 ×10 with Retry-After: 0 (paced, so past maxRetries)",
    fault: burst(429, 10, { retryAfter: 0 }),
    expect: all("converge"),
    cause: /RATE_LIMITED/,
    exact: { create: 11, update: 11, read: 11, delete: 11 },
  },
  {
    name: "429 with Retry-After beyond the 60 s retry time budget",
    fault: burst(429, 1, { retryAfter: 120 }),
    expect: all("fail"),
    cause: /HTTP 429 RATE_LIMITED[\s\S]*retry time budget \(60 s\) ran out/,
    exact: { create: 1, update: 1, read: 1, delete: 1 },
  },
  {
    name: "connection dropped before the server applied it",
    fault: (op) => ({ drop: "before", count: 1, method: METHOD[op], pathIncludes: pathOf(op) }),
    expect: idempotentConverge,
    cause: /connection dropped before an answer arrived/,
  },
  {
    name: "connection dropped after the server applied it",
    fault: (op) => ({ drop: "after", count: 1, method: METHOD[op], pathIncludes: pathOf(op) }),
    expect: all("converge"),
    cause: /connection dropped before an answer arrived/,
  },
  {
    name: "latency beyond the 1 s timeout (the server drops the abandoned request)",
    settings: { "opsmanager:timeoutSeconds": "1" },
    fault: (op) => ({ latencyMs: 1600, count: 1, method: METHOD[op], pathIncludes: pathOf(op) }),
    settleMs: 900,
    expect: idempotentConverge,
    cause: /no answer within 1 s \(opsmanager:timeoutSeconds\)/,
  },
  {
    name: "slow server: applies the request after the 1 s client timeout",
    settings: { "opsmanager:timeoutSeconds": "1" },
    hold: (op) => ({ method: METHOD[op], ms: 1600, count: 1 }),
    expect: idempotentConverge,
    cause: /no answer within 1 s \(opsmanager:timeoutSeconds\)/,
    lateDuplicateWrite: ["update"],
    judgeAfterNextRun: true,
  },
  {
    name: "expired digest nonce (stale=true)",
    before: async ({ emu, session, op }) => {
      if (op === "create") await session.client.fetchIntegration(DEFAULT_GROUP_ID, "SLACK"); // hold a nonce
      await emu.control.settings({ nonceLifetimeMs: 150 });
      await sleep(300);
    },
    expect: all("converge"),
    cause: /stale/,
    exact: { create: 1, update: 1, read: 1, delete: 1 },
  },
  {
    name: "replayed nc (another party used the client's next nc on its nonce)",
    viaProxy: true,
    before: async ({ emu, session, proxy, op }) => {
      if (op === "create") await session.client.fetchIntegration(DEFAULT_GROUP_ID, "SLACK"); // hold a nonce
      const last = [...(proxy?.seen ?? [])].reverse().find((r) => r.authorization?.startsWith("Digest"));
      assert.ok(last?.authorization, "the proxy saw a signed request");
      const p = digestParams(last.authorization);
      const target = `/api/public/v1.0/groups/${DEFAULT_GROUP_ID}/integrations/SLACK`;
      for (const step of [1, 2]) {
        const nc = parseInt(p.nc ?? "0", 16) + step;
        const authorization = signDigest({
          method: "GET",
          uri: target,
          username: OWNER_KEY.publicKey,
          password: OWNER_KEY.privateKey,
          challenge: { realm: p.realm ?? "", nonce: p.nonce ?? "", opaque: p.opaque ?? "" },
          nc,
        });
        const res = await rawRequest({ method: "GET", origin: emu.url, target, headers: { authorization } });
        assert.equal(res.status, 200, "the other party's request with the client's next nc was accepted");
      }
    },
    expect: all("converge"),
    cause: /replay/,
    exact: { create: 1, update: 1, read: 1, delete: 1 },
  },
];
