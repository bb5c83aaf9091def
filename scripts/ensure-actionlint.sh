#!/usr/bin/env bash
# Makes actionlint (the GitHub Actions workflow linter) available as <repo>/.tools/bin/actionlint, built once per
# machine from the Go module proxy (`go install github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION`,
# about half a minute on 2 cores) into the machine-level cache the other tools use, then linked. CI cannot run the
# release workflow here, so it lints it (tests/packaging/release-workflow.test.ts).
# Progress goes to stderr; the last stdout line is the path of the executable.
#
# Environment:
#   ACTIONLINT_VERSION         the release to build (default: scripts/versions.env)
#   OPSMANAGER_TOOLS_CACHE     machine-level cache (default: $HOME/.cache/pulumi-opsmanager-tools)
set -euo pipefail

TOOL=ensure-actionlint
# shellcheck source=lib/tool-cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/tool-cache.sh"

VERSION="${ACTIONLINT_VERSION:-$(leg1_version ACTIONLINT_VERSION)}"
VERSION="${VERSION#v}"
PREFIX="$CACHE_ROOT/actionlint-v$VERSION"
LOG="$PREFIX/build.log"

cached() { [ -x "$PREFIX/bin/actionlint" ]; }
finish() {
  link_into_repo "$PREFIX/bin" actionlint
  [ "$1" = built ] || log "actionlint v$VERSION: cached ($1)"
  printf '%s\n' "$REPO_BIN/actionlint"
}

reuse_or_lock cached finish "$PREFIX.lock" "building actionlint v$VERSION"
mkdir -p "$PREFIX"
log "building actionlint v$VERSION from the Go module proxy (once per machine). Log: $LOG"
rm -rf "$PREFIX/bin.tmp"
run "go install actionlint" env GOBIN="$PREFIX/bin.tmp" go install "github.com/rhysd/actionlint/cmd/actionlint@v$VERSION"
mv "$PREFIX/bin.tmp" "$PREFIX/bin"
finish built
