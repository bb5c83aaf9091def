import { createRequire } from "node:module";
import type * as pulumi from "@pulumi/pulumi";
import type { ControlClient } from "../emulator/control-client";
import { OWNER_KEY } from "../emulator/defaults";
import type * as Package from "../provider/index";
import { integrationPath } from "../provider/client/integration-path";
import { naiveDigestClient } from "./naive-digest-client";
import { benchIntegrations } from "./workload";

/** Requests one kind of operation cost, from the emulator's request log. */
export interface RequestCount {
  readonly operation: string;
  readonly ops: number;
  /** Every API request the emulator logged, challenges included. */
  readonly requests: number;
  /** Requests answered with a digest challenge (401 + WWW-Authenticate). */
  readonly challenges: number;
  /** Wall time of the whole batch (sequential, no added latency). */
  readonly ms: number;
}

/** The provider's numbers next to the naive client's, per operation. */
export interface RequestCountRow {
  readonly provider: RequestCount;
  readonly naive?: RequestCount;
}

type Emulator = { readonly url: string; readonly apiBase: string; readonly control: ControlClient };
type Provider = InstanceType<typeof Package.OpsManagerIntegrationProvider>;

/** A fresh provider object from the installed package (as the provider process has it), configured like a stack. */
async function freshProvider(emu: Emulator, packageDir: string): Promise<Provider> {
  const pkg = createRequire(__filename)(packageDir) as typeof Package;
  const provider = new pkg.OpsManagerIntegrationProvider();
  const config: Record<string, string> = {
    "opsmanager:baseUrl": emu.url,
    "opsmanager:publicKey": OWNER_KEY.publicKey,
    "opsmanager:privateKey": OWNER_KEY.privateKey,
  };
  const get = (k: string) => config[k];
  await provider.configure({ config: { get, require: get } as unknown as pulumi.dynamic.Config });
  return provider;
}

/** Runs `fn` on a cleared request log and counts what reached the emulator. */
async function counted(
  emu: Emulator,
  operation: string,
  ops: number,
  fn: () => Promise<unknown>,
): Promise<RequestCount> {
  await emu.control.clearRequests();
  const began = performance.now();
  await fn();
  const ms = performance.now() - began;
  const log = await emu.control.requests();
  const failed = log.filter((r) => r.status === null || (r.status >= 400 && !r.challenged));
  if (failed.length > 0)
    throw new Error(`${operation}: ${failed.length} request(s) failed, e.g. ${JSON.stringify(failed[0])}`);
  return { operation, ops, requests: log.length, challenges: log.filter((r) => r.challenged).length, ms };
}

/** Runs one async step per item, one after another. */
async function each<T>(items: readonly T[], step: (item: T, i: number) => Promise<unknown>): Promise<void> {
  for (const [i, item] of items.entries()) await step(item, i);
}

/**
 * `ops` creates, diffs, updates, reads and deletes through the provider's own methods with one session (as one
 * provider process has), then the same calls through {@link naiveDigestClient}. Needs an emulator with no added
 * latency and the benchmark's groups; `packageDir` is the installed package the provider is loaded from.
 */
export async function countRequests(emu: Emulator, packageDir: string, ops: number): Promise<RequestCountRow[]> {
  const base = benchIntegrations(ops);
  const changed = benchIntegrations(ops, 1);
  const provider = await freshProvider(emu, packageDir);
  const checked: Record<string, unknown>[] = [];
  const next: Record<string, unknown>[] = [];
  const outs: Record<string, unknown>[] = [];
  const ids: string[] = [];
  const diffs: boolean[] = [];

  const check = await counted(emu, "check", ops * 2, () =>
    each(base, async (b, i) => {
      checked.push((await provider.check({}, b.args)).inputs ?? b.args);
      next.push((await provider.check({}, changed[i]!.args)).inputs ?? changed[i]!.args);
    }),
  );
  const create = await counted(emu, "create", ops, () =>
    each(checked, async (inputs) => {
      const result = await provider.create(inputs);
      ids.push(result.id);
      outs.push(result.outs);
    }),
  );
  const diff = await counted(emu, "diff", ops * 2, () =>
    each(ids, async (id, i) => {
      diffs.push((await provider.diff(id, outs[i], checked[i])).changes === true);
      diffs.push((await provider.diff(id, outs[i], next[i])).changes === true);
    }),
  );
  const unchangedSeenAsChanged = diffs.filter((d, i) => i % 2 === 0 && d).length;
  const changeMissed = diffs.filter((d, i) => i % 2 === 1 && !d).length;
  if (unchangedSeenAsChanged + changeMissed > 0) {
    throw new Error(
      `diff is wrong: ${unchangedSeenAsChanged} unchanged resources diffed as changed, ${changeMissed} changes missed`,
    );
  }
  const update = await counted(emu, "update", ops, () =>
    each(ids, async (id, i) => (outs[i] = (await provider.update(id, outs[i], next[i]!)).outs)),
  );
  const read = await counted(emu, "read", ops, () => each(ids, (id, i) => provider.read(id, outs[i])));
  const remove = await counted(emu, "delete", ops, () => each(ids, (id, i) => provider.delete(id, outs[i])));

  // The engine calls a fresh provider process with up to --parallel creates at once: one challenge for all.
  const burstProvider = await freshProvider(emu, packageDir);
  const burst = await counted(emu, "create, all at once on a fresh session", ops, () =>
    Promise.all(checked.map((inputs) => burstProvider.create(inputs))),
  );
  await counted(emu, "cleanup", ops, () => Promise.all(ids.map((id, i) => burstProvider.delete(id, outs[i]))));

  const naive = naiveDigestClient(emu.apiBase, OWNER_KEY);
  const call = async (method: string, b: { args: Record<string, unknown> }, body?: boolean) => {
    const { groupId, type, ...fields } = b.args;
    const res = await naive(
      method,
      integrationPath(String(groupId), String(type)),
      body ? { ...fields, type } : undefined,
    );
    if (res.status >= 300) throw new Error(`naive ${method}: ${res.status}`);
  };
  const naiveCreate = await counted(emu, "create", ops, () => each(base, (b) => call("POST", b, true)));
  const naiveUpdate = await counted(emu, "update", ops, () => each(changed, (b) => call("PUT", b, true)));
  const naiveRead = await counted(emu, "read", ops, () => each(base, (b) => call("GET", b)));
  const naiveDelete = await counted(emu, "delete", ops, () => each(base, (b) => call("DELETE", b)));

  return [
    { provider: check },
    { provider: create, naive: naiveCreate },
    { provider: diff },
    { provider: update, naive: naiveUpdate },
    { provider: read, naive: naiveRead },
    { provider: remove, naive: naiveDelete },
    { provider: burst },
  ];
}
