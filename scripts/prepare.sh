#!/usr/bin/env bash
# Everything `npm test` and `npm run demo` need on a fresh clone: packages, the build, this package installed by
# name into node_modules (scripts/install-self.js says why), and the Pulumi CLI (built once, then cached).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund
npm run --silent build
node scripts/install-self.js
bash scripts/ensure-pulumi.sh >/dev/null
