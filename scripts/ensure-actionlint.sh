#!/usr/bin/env bash
# Makes actionlint (the GitHub Actions workflow linter) available as <repo>/.tools/bin/actionlint, built once per
# machine from the Go module proxy (`go install github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION`,
# about half a minute on 2 cores) into the machine-level cache the other tools use, then linked. CI cannot run the
# release workflow here, so it lints it (.ci/run, tests/packaging/release-workflow.test.ts).
# Progress goes to stderr; the last stdout line is the path of the executable.
#
# Environment:
#   ACTIONLINT_VERSION         the release to build (default 1.7.12)
#   OPSMANAGER_TOOLS_CACHE     machine-level cache (default: $HOME/.cache/pulumi-opsmanager-tools)
set -euo pipefail

log() { printf '[ensure-actionlint] %s\n' "$*" >&2; }
# shellcheck source=lib/tool-cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/tool-cache.sh"

VERSION="${ACTIONLINT_VERSION:-1.7.12}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="${OPSMANAGER_TOOLS_CACHE:-$HOME/.cache/pulumi-opsmanager-tools}/actionlint-v$VERSION"
EXE="$PREFIX/bin/actionlint"

if [ ! -x "$EXE" ]; then
  mkdir -p "$PREFIX"
  lock_cache "$PREFIX/.lock" "building actionlint v$VERSION"
  if [ ! -x "$EXE" ]; then
    LOG="$PREFIX/build.log"
    log "building actionlint v$VERSION from the Go module proxy (once per machine). Log: $LOG"
    run "go install actionlint" env GOBIN="$PREFIX/bin.tmp" go install "github.com/rhysd/actionlint/cmd/actionlint@v$VERSION"
    mv "$PREFIX/bin.tmp" "$PREFIX/bin"
  fi
fi
mkdir -p "$ROOT/.tools/bin"
ln -sfn "$EXE" "$ROOT/.tools/bin/actionlint"
printf '%s\n' "$ROOT/.tools/bin/actionlint"
