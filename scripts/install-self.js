#!/usr/bin/env node
// Installs this package, exactly as `npm pack` would publish it, into the repository's own node_modules.
// Programs in this repository (the root program, the examples, the engine tests) then load it by its name, the
// way a user's program does. That matters: Pulumi serializes the provider into state as `require(<package>)` only
// when it comes from node_modules; code loaded from the source tree would be copied into state by value.
// Run after `npm run build`: packing skips the `prepare` script, which would build a second time.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const packDir = path.join(root, ".tools", "pack");
const target = path.join(root, "node_modules", "pulumi-opsmanager-integrations");

fs.mkdirSync(packDir, { recursive: true });
const [packed] = JSON.parse(
  execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }),
);
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
execFileSync("tar", ["-xzf", path.join(packDir, packed.filename), "-C", target, "--strip-components=1"]);
fs.writeFileSync(path.join(packDir, "files.json"), JSON.stringify(packed.files.map((f) => f.path).sort(), null, 2) + "\n");
console.error(`installed ${packed.name}@${packed.version} (${packed.files.length} files, ${packed.size} bytes packed) into node_modules`);
