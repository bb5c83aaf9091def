#!/usr/bin/env bash
# Runs test suites on the second leg: Node.js LTS + the newest @pulumi/pulumi + Pulumi CLI and language host of
# .ci/lts-leg/versions.env, in a copy of the work tree under .tools/lts-leg/ with its own node_modules installed
# from the committed .ci/lts-leg/package-lock.json. The first leg (the machine's Node.js, the root lockfile) is
# the plain `npm test`.
#
# Usage:  bash scripts/lts-leg.sh NPM_SCRIPT...     e.g.  bash scripts/lts-leg.sh test:unit test:engine
#         bash scripts/lts-leg.sh --update-lock      re-resolve the leg's lockfile after a package.json change
set -euo pipefail

TOOL=lts-leg
# shellcheck source=lib/tool-cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/tool-cache.sh"
LEG="$ROOT/.ci/lts-leg"
# shellcheck source=/dev/null
. "$LEG/versions.env"
COPY="$ROOT/.tools/lts-leg/repo"
# Every ensure-pulumi.sh run in the copy (also the one in its `pretest`) must provide the leg's CLI, and find the
# vendored language host sources beside this work tree, not beside the copy.
export PULUMI_VERSION="$PULUMI_CLI_VERSION"
export PULUMI_VENDOR_DIR="${PULUMI_VENDOR_DIR:-$ROOT/../shared/vendor}"

[ "$#" -gt 0 ] || die "name the npm scripts to run (e.g. test:engine), or --update-lock"

NODE_BIN="$(NODE_LTS_VERSION="$NODE_LTS_VERSION" bash "$ROOT/scripts/ensure-node-lts.sh" | tail -1)"
export PATH="$NODE_BIN:$PATH"
# The npm registry's Node.js package ships no npm: run the machine's npm on the LTS node.
NPM_CLI="$(readlink -f "$(command -v npm)")"
case "$NPM_CLI" in *.js) ;; *) NPM_CLI="$(dirname "$NPM_CLI")/../lib/node_modules/npm/bin/npm-cli.js" ;; esac
[ -f "$NPM_CLI" ] || die "cannot find npm's npm-cli.js (from $(command -v npm))"
npm_lts() { node "$NPM_CLI" "$@"; }

# A fresh copy of the work tree (tracked and untracked-but-not-ignored files); node_modules is kept between runs
# and `npm ci` re-checks it against the lockfile.
mkdir -p "$COPY"
find "$COPY" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .tools -exec rm -rf {} +
(cd "$ROOT" && git ls-files -co --exclude-standard -z | grep -zv '^\.ci/lts-leg/package-lock\.json$' \
  | xargs -0 -I{} cp --parents -P {} "$COPY/" 2>/dev/null) || true
[ -f "$COPY/package.json" ] || die "copying the work tree into $COPY failed"

# The leg's package.json: the root one with @pulumi/pulumi pinned to the leg's version.
node -e '
  const fs = require("fs"); const [file, v] = process.argv.slice(1);
  const p = JSON.parse(fs.readFileSync(file, "utf8")); p.devDependencies["@pulumi/pulumi"] = v;
  fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n");' "$COPY/package.json" "$PULUMI_SDK_VERSION"

if [ "$1" = "--update-lock" ]; then
  (cd "$COPY" && rm -f package-lock.json && npm_lts install --package-lock-only --no-audit --no-fund >&2)
  cp "$COPY/package-lock.json" "$LEG/package-lock.json"
  log "wrote $LEG/package-lock.json (@pulumi/pulumi $PULUMI_SDK_VERSION, resolved on Node.js $(node --version))"
  exit 0
fi

[ -f "$LEG/package-lock.json" ] || die "no $LEG/package-lock.json: run bash scripts/lts-leg.sh --update-lock"
cp "$LEG/package-lock.json" "$COPY/package-lock.json"
log "installing the leg's packages (npm ci on Node.js $(node --version))"
(cd "$COPY" && npm_lts ci --no-audit --no-fund >&2)
got="$(node -p 'require(process.argv[1]).version' "$COPY/node_modules/@pulumi/pulumi/package.json")"
[ "$got" = "$PULUMI_SDK_VERSION" ] || die "@pulumi/pulumi $got installed, expected $PULUMI_SDK_VERSION"

# The leg's CLI and language host, built from the module proxy and the vendored host source when not cached.
bash "$COPY/scripts/ensure-pulumi.sh" >/dev/null

log "leg: Node.js $(node --version), @pulumi/pulumi $got, $("$COPY/.tools/bin/pulumi" version) with language host $("$COPY/.tools/bin/pulumi-language-nodejs" -version 2>/dev/null || echo '?')"
for script in "$@"; do
  log "npm run $script"
  (cd "$COPY" && npm_lts run "$script")
done
