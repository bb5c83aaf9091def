#!/usr/bin/env bash
# Makes the real Pulumi CLI (plus the Node.js language host and the dynamic-provider plugin script)
# available for tests. The CLI cannot be downloaded here, so it is built from the Go module proxy once
# per machine and cached outside the repo; every later run (also from another clone) just links it.
#
# Usage:  PATH="$(scripts/ensure-pulumi.sh | tail -1):$PATH"
#
# Progress goes to stderr; the last stdout line is the directory holding `pulumi`,
# `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`.
#
# Environment:
#   PULUMI_VERSION               CLI version to provide (default: node_modules/@pulumi/pulumi version, else 3.248.0)
#   OPSMANAGER_TOOLS_CACHE       machine-level cache (default: $HOME/.cache/pulumi-opsmanager-tools)
#   PULUMI_LANGHOST_SDK_VERSION  sdk/v3 version whose in-module Node.js language host is built when the
#                                language host of PULUMI_VERSION is not served by the module proxy
#                                (default: 3.68.0, the last sdk/v3 release that still contained it)
#   PULUMI_BUILD_JOBS            go build -p (default: nproc)
#   ENSURE_PULUMI_FORCE=1        ignore the cache and any pulumi on PATH, rebuild
set -euo pipefail

log() { printf '[ensure-pulumi] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_BIN="$ROOT/.tools/bin"
DEFAULT_VERSION="3.248.0"

# --- 1. target version ----------------------------------------------------------------------------
read_sdk_version() {
  local pj="$ROOT/node_modules/@pulumi/pulumi/package.json" v=""
  [ -f "$pj" ] || return 0
  if command -v node >/dev/null 2>&1; then
    v="$(node -p 'require(process.argv[1]).version' "$pj" 2>/dev/null || true)"
  fi
  if [ -z "$v" ]; then
    v="$(sed -n 's/^[[:space:]]*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$pj" | head -n 1)"
  fi
  printf '%s' "$v"
}

VERSION="${PULUMI_VERSION:-}"
[ -n "$VERSION" ] || VERSION="$(read_sdk_version)"
[ -n "$VERSION" ] || VERSION="$DEFAULT_VERSION"
VERSION="${VERSION#v}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] || die "not a version: '$VERSION'"
VX="v$VERSION"

LANGHOST_SDK_VERSION="${PULUMI_LANGHOST_SDK_VERSION:-3.68.0}"
LANGHOST_SDK_VERSION="v${LANGHOST_SDK_VERSION#v}"

export PULUMI_SKIP_UPDATE_CHECK=true

# First line of `<bin> version`, or nothing.
cli_version() { "$1" version 2>/dev/null | head -n 1 | tr -d '[:space:]' || true; }

# --- 2. a matching pulumi already on PATH ------------------------------------------------------------
if [ "${ENSURE_PULUMI_FORCE:-}" != "1" ] && command -v pulumi >/dev/null 2>&1 \
   && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  onpath="$(command -v pulumi)"
  if [ "$(cli_version "$onpath")" = "$VX" ]; then
    dir="$(dirname "$onpath")"
    if ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
      log "warning: pulumi-resource-pulumi-nodejs is not on PATH; dynamic providers will not load"
    fi
    log "using pulumi $VX from PATH: $onpath"
    printf '%s\n' "$dir"
    exit 0
  fi
fi

# --- 3. machine-level cache ---------------------------------------------------------------------------
CACHE_ROOT="${OPSMANAGER_TOOLS_CACHE:-$HOME/.cache/pulumi-opsmanager-tools}"
PREFIX="$CACHE_ROOT/pulumi-$VX"
BIN="$PREFIX/bin"
LOG="$PREFIX/build.log"
STAMP="$BIN/.complete"
TOOLS=(pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs)

cache_ok() {
  local t
  [ -f "$STAMP" ] || return 1
  for t in "${TOOLS[@]}"; do [ -x "$BIN/$t" ] || return 1; done
  [ "$(cli_version "$BIN/pulumi")" = "$VX" ]
}

link_into_repo() {
  local t
  mkdir -p "$REPO_BIN"
  for t in "${TOOLS[@]}"; do
    rm -f "$REPO_BIN/$t"
    # Symlinks: the CLI resolves its own symlink to find the "bundled" language host and
    # dynamic-provider script next to it, which all live in $BIN.
    ln -s "$BIN/$t" "$REPO_BIN/$t" 2>/dev/null || cp -p "$BIN/$t" "$REPO_BIN/$t"
  done
}

finish() {
  link_into_repo
  log "pulumi $VX ready in $REPO_BIN (-> $BIN)"
  printf '%s\n' "$REPO_BIN"
}

if [ "${ENSURE_PULUMI_FORCE:-}" != "1" ] && cache_ok; then
  log "cached pulumi $VX: $BIN"
  finish
  exit 0
fi

mkdir -p "$PREFIX"
# Serialise concurrent builders (a developer and CI on one machine); re-check once we own the lock.
exec 9>"$PREFIX/.lock"
if command -v flock >/dev/null 2>&1; then
  flock -n 9 || { log "another run is building pulumi $VX; waiting for $PREFIX/.lock"; flock 9; }
fi
if [ "${ENSURE_PULUMI_FORCE:-}" != "1" ] && cache_ok; then
  log "cached pulumi $VX (built by a concurrent run): $BIN"
  finish
  exit 0
fi

command -v go >/dev/null 2>&1 || die "go is required to build the Pulumi CLI (none on PATH)"
mkdir -p "$BIN"
rm -f "$STAMP"
: >"$LOG"
log "building pulumi $VX into $BIN (first time on this machine; several minutes). Log: $LOG"

export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -mod=mod"
JOBS="${PULUMI_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"
VERSION_PKG="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
PKG="github.com/pulumi/pulumi/pkg/v3"
SDK="github.com/pulumi/pulumi/sdk/v3"
LANGHOST_MOD="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"

# run STEP CMD...: run a command, appending its output to the log; on failure show the log tail and exit.
run() {
  local step="$1"; shift
  printf '\n### %s\n$ %s\n' "$step" "$*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    log "FAILED: $step. Last lines of $LOG:"
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}

# Non-local `replace` directives of a go.mod (both block and single-line form), as `old => new version` lines.
nonlocal_replaces() {
  awk '
    /^replace[[:space:]]*\(/ { inblock = 1; next }
    inblock && /^\)/        { inblock = 0; next }
    inblock                 { print; next }
    /^replace[[:space:]]/   { sub(/^replace[[:space:]]+/, ""); print }
  ' "$1" | sed 's://.*$::' | awk -F'=>' 'NF == 2 {
      split($2, r, " "); if (r[1] ~ /^\.\.?(\/|$)/ || r[1] ~ /^\//) next;   # local path: skip
      gsub(/^[ \t]+|[ \t]+$/, "", $1); gsub(/^[ \t]+|[ \t]+$/, "", $2); print $1 " => " $2 }'
}

# module_dir MOD@VER: download a module and print its directory in the module cache.
module_dir() {
  go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p'
}

# new_module DIR NAME GOMOD_OF_UPSTREAM IMPORT REQUIRE...: a throwaway main module that requires the
# given modules, pins pulumi pkg/sdk to exact versions, copies upstream's non-local replaces, and
# imports IMPORT so `go mod tidy` records every needed checksum.
new_module() {
  local dir="$1" name="$2" upstream_gomod="$3" import="$4"; shift 4
  rm -rf "$dir"; mkdir -p "$dir"
  {
    printf 'module %s\n\ngo 1.21\n\nrequire (\n' "$name"
    local r; for r in "$@"; do printf '\t%s\n' "${r/@/ }"; done
    printf ')\n\n'
    for r in "$@"; do
      case "$r" in "$PKG@"*|"$SDK@"*) printf 'replace %s => %s\n' "${r%@*}" "${r/@/ }" ;; esac
    done
    nonlocal_replaces "$upstream_gomod" | grep -v -e "^$PKG " -e "^$SDK " | sed 's/^/replace /' || true
  } >"$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$import" >"$dir/tools.go"
  log "  go.mod for $name:"; sed 's/^/    /' "$dir/go.mod" >&2
  (cd "$dir" && run "go mod tidy ($name)" go mod tidy)
}

WORK="$PREFIX/src"
mkdir -p "$WORK"
cd "$WORK"   # outside any Go module, whatever the caller's directory

# --- 4. the CLI ---------------------------------------------------------------------------------------
t0=$SECONDS
log "[1/3] pulumi CLI $VX: resolving modules"
run "go mod download $PKG@$VX" go mod download "$PKG@$VX" "$SDK@$VX"
PKG_DIR="$(module_dir "$PKG@$VX")"
[ -f "$PKG_DIR/go.mod" ] || die "cannot find $PKG@$VX in the module cache"
new_module "$WORK/cli" pulumi-cli-build "$PKG_DIR/go.mod" "$PKG/cmd/pulumi" "$PKG@$VX" "$SDK@$VX"
got="$(cd "$WORK/cli" && go list -m -f '{{.Version}}' "$SDK")"
[ "$got" = "$VX" ] || die "module graph selected $SDK $got, expected $VX"
log "[1/3] pulumi CLI $VX: compiling (go build -p $JOBS)"
(cd "$WORK/cli" && run "go build pulumi" go build -p "$JOBS" -trimpath \
   -ldflags "-s -w -X $VERSION_PKG=$VX" -o "$BIN/pulumi.tmp" "$PKG/cmd/pulumi")
mv -f "$BIN/pulumi.tmp" "$BIN/pulumi"
[ "$(cli_version "$BIN/pulumi")" = "$VX" ] || die "built pulumi reports '$(cli_version "$BIN/pulumi")', expected $VX"
log "[1/3] pulumi CLI built in $((SECONDS - t0))s ($(du -h "$BIN/pulumi" | cut -f1))"

# --- 5. the Node.js language host ----------------------------------------------------------------------
t0=$SECONDS
langhost_built=""
log "[2/3] pulumi-language-nodejs: trying $LANGHOST_MOD@$VX"
printf '\n### go mod download %s@%s\n' "$LANGHOST_MOD" "$VX" >>"$LOG"
if lh_out="$(go mod download "$LANGHOST_MOD@$VX" 2>&1)"; then
  printf '%s\n' "$lh_out" >>"$LOG"
  LH_DIR="$(module_dir "$LANGHOST_MOD@$VX")"
  new_module "$WORK/langhost" pulumi-langhost-build "$LH_DIR/go.mod" "$LANGHOST_MOD" \
    "$LANGHOST_MOD@$VX" "$PKG@$VX" "$SDK@$VX"
  (cd "$WORK/langhost" && run "go build pulumi-language-nodejs" go build -p "$JOBS" -trimpath \
     -ldflags "-s -w -X $VERSION_PKG=$VX" -o "$BIN/pulumi-language-nodejs.tmp" "$LANGHOST_MOD")
  langhost_built="$VX"
else
  # The language host is its own, untagged Go module (replace directives to ../../..); the module proxy
  # reachable here does not serve it. sdk/v3 up to 3.68.0 still contained it as a package, which speaks
  # the same LanguageRuntime gRPC protocol and runs node_modules/@pulumi/pulumi/cmd/run of the program.
  printf '%s\n' "$lh_out" >>"$LOG"
  log "[2/3] not available from the module proxy:"
  printf '%s\n' "$lh_out" | sed 's/^/    /' >&2
  log "[2/3] building the language host contained in $SDK@$LANGHOST_SDK_VERSION instead"
  run "go mod download $SDK@$LANGHOST_SDK_VERSION" go mod download "$SDK@$LANGHOST_SDK_VERSION"
  OLD_SDK_DIR="$(module_dir "$SDK@$LANGHOST_SDK_VERSION")"
  [ -d "$OLD_SDK_DIR/nodejs/cmd/pulumi-language-nodejs" ] \
    || die "$SDK@$LANGHOST_SDK_VERSION has no nodejs/cmd/pulumi-language-nodejs package"
  new_module "$WORK/langhost" pulumi-langhost-build "$OLD_SDK_DIR/go.mod" "$SDK/nodejs/cmd/pulumi-language-nodejs" \
    "$SDK@$LANGHOST_SDK_VERSION"
  (cd "$WORK/langhost" && run "go build pulumi-language-nodejs ($LANGHOST_SDK_VERSION)" go build -p "$JOBS" -trimpath \
     -ldflags "-s -w -X $VERSION_PKG=$LANGHOST_SDK_VERSION" -o "$BIN/pulumi-language-nodejs.tmp" \
     "$SDK/nodejs/cmd/pulumi-language-nodejs")
  langhost_built="$LANGHOST_SDK_VERSION"
fi
mv -f "$BIN/pulumi-language-nodejs.tmp" "$BIN/pulumi-language-nodejs"
log "[2/3] pulumi-language-nodejs $langhost_built built in $((SECONDS - t0))s ($(du -h "$BIN/pulumi-language-nodejs" | cut -f1))"

# --- 6. the dynamic-provider plugin --------------------------------------------------------------------
# Same as upstream's sdk/nodejs/dist/pulumi-resource-pulumi-nodejs: the engine starts it in the program's
# directory, so the program's own @pulumi/pulumi is resolved from there.
cat >"$BIN/pulumi-resource-pulumi-nodejs" <<'EOF'
#!/bin/sh
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ -n "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    exec node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" "$@"
fi
echo "pulumi-resource-pulumi-nodejs: cannot resolve @pulumi/pulumi/cmd/dynamic-provider from $(pwd)" >&2
exit 1
EOF
chmod +x "$BIN/pulumi-resource-pulumi-nodejs"
log "[3/3] wrote $BIN/pulumi-resource-pulumi-nodejs"

{
  printf 'pulumi=%s\n' "$VX"
  printf 'pulumi-language-nodejs=%s\n' "$langhost_built"
  date -u +'built=%Y-%m-%dT%H:%M:%SZ'
} >"$STAMP.tmp"
mv -f "$STAMP.tmp" "$STAMP"
cache_ok || die "the cache at $BIN does not verify after building"
finish
