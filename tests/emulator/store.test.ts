import assert from "node:assert/strict";
import { initialSnapshot, Store } from "../../emulator/store";

/** 24 hex digits. */
const group = (i: number) => `5f0000000000000000${i.toString(16).padStart(6, "0")}`;

/** Bytes passed to structuredClone while `run` runs (what the store copies). */
function clonedBytes(run: () => void): number {
  const original = globalThis.structuredClone;
  let bytes = 0;
  globalThis.structuredClone = ((value: unknown, options?: Parameters<typeof structuredClone>[1]) => {
    bytes += JSON.stringify(value)?.length ?? 0;
    return original(value, options);
  }) as typeof structuredClone;
  try {
    run();
  } finally {
    globalThis.structuredClone = original;
  }
  return bytes;
}

describe("emulator store: a write costs the same however much the store holds", () => {
  const fields = { url: "https://hooks.example.com/x/0123456789", secret: "s".repeat(32) };
  const types = ["WEBHOOK", "SLACK", "DATADOG", "PAGER_DUTY", "OPS_GENIE", "VICTOR_OPS", "NEW_RELIC", "HIP_CHAT"];

  it("300 writes into 40 projects copy only what each write touches, not the whole store", () => {
    const groups = Array.from({ length: 40 }, (_, i) => group(i));
    const store = new Store(initialSnapshot(groups, []));
    const one = JSON.stringify({ id: "0".repeat(24), type: "WEBHOOK", fields }).length;
    const bytes = clonedBytes(() => {
      for (let i = 0; i < 300; i++) store.put(groups[i % 40]!, types[Math.floor(i / 40)]!, fields);
    });
    // Two copies per write (the fields kept, the entry returned). A copy of the whole store per write would be
    // ~150 entries on average: 300 × 150 × one.
    assert.ok(bytes <= 300 * 3 * one, `copied ${bytes} bytes for 300 writes of ${one}-byte entries`);
    assert.equal(store.snapshot().groups.reduce((n, g) => n + g.integrations.length, 0), 300);
  });

  it("still tells a listener (the data file) about every write, with the whole state", () => {
    const seen: number[] = [];
    const store = new Store(initialSnapshot([group(0)], []), (view) => seen.push(view.groups[0]!.integrations.length));
    store.put(group(0), "WEBHOOK", fields);
    store.put(group(0), "SLACK", fields);
    store.remove(group(0), "WEBHOOK");
    assert.deepEqual(seen, [1, 2, 1]);
  });

  it("hands out copies: changing what snapshot, list or get returned leaves the store as it was", () => {
    const store = new Store(initialSnapshot([group(0)], []));
    store.put(group(0), "WEBHOOK", fields);
    store.snapshot().groups[0]!.integrations[0]!.fields.url = "changed";
    store.list(group(0))[0]!.fields.url = "changed";
    store.get(group(0), "WEBHOOK")!.fields.url = "changed";
    assert.equal(store.get(group(0), "WEBHOOK")!.fields.url, fields.url);
  });
});
