"use strict";
// Preloaded (NODE_OPTIONS=--require) into every Node process of a benchmark's Pulumi CLI run; it acts only in the
// dynamic-provider process (@pulumi/pulumi/cmd/dynamic-provider). Every 100 ms and at exit it writes
// BENCH_PROBE_DIR/provider-<pid>.json: process start, peak RSS, peak heap, when the provider was first deserialized,
// how many times and from how many distinct `__provider` texts, and how long loading our runtime took. Polling,
// so that the numbers survive however the engine ends the plugin process.
const script = process.argv[1] || "";
const dir = process.env.BENCH_PROBE_DIR;
if (dir && /cmd[\\/]dynamic-provider/.test(script)) {
  const fs = require("node:fs");
  const path = require("node:path");
  const Module = require("node:module");
  const { performance } = require("node:perf_hooks");
  const { setInterval } = require("node:timers");
  const file = path.join(dir, `provider-${process.pid}.json`);
  const texts = new Set();
  const facts = {
    pid: process.pid,
    startedAt: performance.timeOrigin,
    preloadAt: Date.now(),
    firstDeserializeAt: null,
    deserializations: 0,
    distinctTexts: 0,
    providerTextBytes: 0,
    runtimeLoadedAt: null,
    runtimeLoadMs: null,
    runtimePath: null,
    maxRssKb: 0,
    maxHeapUsedKb: 0,
  };
  const write = () => {
    facts.maxRssKb = process.resourceUsage().maxRSS;
    facts.maxHeapUsedKb = Math.max(facts.maxHeapUsedKb, Math.round(process.memoryUsage().heapUsed / 1024));
    try {
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(facts));
      fs.renameSync(`${file}.tmp`, file); // a kill mid-write leaves the previous file whole
    } catch {
      // the benchmark removed the folder: nothing left to report to
    }
  };
  let wrapped;
  const load = Module._load;
  Module._load = function (request, parent) {
    const began = Date.now();
    const exported = load.apply(this, arguments);
    if (request === "require-from-string" && typeof exported === "function") {
      wrapped ??= function (code, ...rest) {
        facts.deserializations += 1;
        facts.firstDeserializeAt ??= Date.now();
        texts.add(code);
        facts.distinctTexts = texts.size;
        facts.providerTextBytes = Math.max(facts.providerTextBytes, Buffer.byteLength(code));
        return exported.call(this, code, ...rest);
      };
      return wrapped;
    }
    if (request === "pulumi-opsmanager-integrations/lifecycle" && facts.runtimeLoadedAt === null) {
      facts.runtimeLoadedAt = Date.now();
      facts.runtimeLoadMs = facts.runtimeLoadedAt - began;
      facts.runtimePath = Module._resolveFilename(request, parent);
    }
    return exported;
  };
  setInterval(write, 100).unref();
  process.on("exit", write);
  write();
}
