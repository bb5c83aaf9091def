#!/usr/bin/env bash
# Makes one more Pulumi language host (YAML, Python or Go) available next to the CLI of scripts/ensure-pulumi.sh,
# linked into <repo>/.tools/bin, for the specs and examples that run programs in those languages. In order:
#   1. a host sitting next to the CLI that ensure-pulumi.sh linked (an official Pulumi install ships all three);
#   2. a host built earlier on this machine (cached outside the repo, shared by every clone and work tree);
#   3. otherwise a build (needs Go):
#      yaml    `go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION` from the
#              module proxy (about 1.5 minutes on 2 cores);
#      python  the vendored source $PULUMI_VENDOR_DIR/pulumi-language-python/vX (seconds);
#      go      the vendored source $PULUMI_VENDOR_DIR/pulumi-language-go/vX (under a minute once the CLI's build
#              has warmed Go's cache).
#      vX is the CLI's own version: the module proxy does not serve these two hosts' modules, so
#      ../shared/vendor holds their unchanged source (see its README). Without a copy of that version the newest
#      vendored one is built, with a warning (the language host protocol is stable across 3.x releases).
# Progress goes to stderr; the last stdout line is the directory holding the host (always <repo>/.tools/bin).
#
# Usage:  bash scripts/ensure-pulumi.sh >/dev/null && bash scripts/ensure-language-host.sh yaml
#
# Environment:
#   PULUMI_VERSION             the CLI version whose python/go host to build (default: what .tools/bin/pulumi
#                              reports, else node_modules/@pulumi/pulumi's version)
#   PULUMI_YAML_VERSION        pulumi-yaml release for the YAML host (default: scripts/versions.env)
#   PULUMI_VENDOR_DIR          folder holding pulumi-language-{python,go}/vX/ (default: <repo>/../shared/vendor);
#                              it may be read-only: its source is copied before building
#   OPSMANAGER_TOOLS_CACHE     machine-level cache (default: $HOME/.cache/pulumi-opsmanager-tools)
#   PULUMI_BUILD_JOBS          go build -p (default: nproc)
#   ENSURE_LANGUAGE_HOST_FORCE=1  ignore the cache and any host next to the CLI, rebuild
set -euo pipefail

TOOL=ensure-language-host
# shellcheck source=lib/tool-cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/tool-cache.sh"

LANG_NAME="${1:-}"
case "$LANG_NAME" in yaml|python|go) ;; *) die "usage: $0 <yaml|python|go>" ;; esac
HOST="pulumi-language-$LANG_NAME"

VENDOR_DIR="${PULUMI_VENDOR_DIR:-$ROOT/../shared/vendor}"
JOBS="${PULUMI_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"
FORCE="${ENSURE_LANGUAGE_HOST_FORCE:-}"
export PULUMI_SKIP_UPDATE_CHECK=true

# --- 1. the version to provide --------------------------------------------------------------------------
if [ "$LANG_NAME" = yaml ]; then
  VX="${PULUMI_YAML_VERSION:-$(leg1_version PULUMI_YAML_VERSION)}"
  VX="v${VX#v}"
else
  v="${PULUMI_VERSION:-}"
  if [ -z "$v" ] && [ -x "$REPO_BIN/pulumi" ]; then v="$("$REPO_BIN/pulumi" version 2>/dev/null | head -n 1 || true)"; fi
  if [ -z "$v" ] && [ -f "$ROOT/node_modules/@pulumi/pulumi/package.json" ]; then
    v="$(node -p 'require(process.argv[1]).version' "$ROOT/node_modules/@pulumi/pulumi/package.json")"
  fi
  [ -n "$v" ] || die "cannot tell the Pulumi CLI version: run scripts/ensure-pulumi.sh first or set PULUMI_VERSION"
  VX="v${v#v}"
fi
[[ "$VX" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] || die "not a version: '$VX'"

# --- 2. a host next to the CLI that ensure-pulumi.sh picked ---------------------------------------------
if [ "$FORCE" != "1" ] && [ -e "$REPO_BIN/pulumi" ]; then
  cli_dir="$(dirname "$(readlink -f "$REPO_BIN/pulumi")")"
  if [ -x "$cli_dir/$HOST" ] && [ "$cli_dir" != "$(readlink -f "$REPO_BIN")" ]; then
    log "using $HOST next to the Pulumi CLI in $cli_dir"
    link_into_repo "$cli_dir" "$HOST"
    printf '%s\n' "$REPO_BIN"
    exit 0
  fi
fi

# --- 3. machine-level cache -----------------------------------------------------------------------------
PREFIX="$CACHE_ROOT/$HOST-$VX"
BIN="$PREFIX/bin"
STAMP="$BIN/.complete"
LOG="$PREFIX/build.log"
# The Python host runs programs through the `pulumi-language-python-exec` shim, which it looks for next to its own
# (symlink-resolved) executable: https://github.com/pulumi/pulumi/blob/v3.248.0/sdk/python/cmd/pulumi-language-python/main.go#L150
EXTRA=""
[ "$LANG_NAME" = python ] && EXTRA="pulumi-language-python-exec"
cache_ok() { [ -f "$STAMP" ] && [ -x "$BIN/$HOST" ] && { [ -z "$EXTRA" ] || [ -x "$BIN/$EXTRA" ]; }; }
finish() {
  link_into_repo "$BIN" "$HOST"
  log "$HOST $VX ($(sed -n 's/^source=//p' "$STAMP")) ready in $REPO_BIN (-> $BIN)"
  printf '%s\n' "$REPO_BIN"
}
# Serialise concurrent builders (several work trees or CI on one machine).
reuse_or_lock cache_ok finish "$PREFIX/.lock" "building $HOST $VX"
mkdir -p "$BIN"

command -v go >/dev/null 2>&1 || die "building $HOST needs Go (none on PATH); or install Pulumi, whose official install ships it"
: >"$LOG"
export CGO_ENABLED=0
t0=$SECONDS
rm -f "$BIN/$HOST" "$STAMP"

if [ "$LANG_NAME" = yaml ]; then
  MOD="github.com/pulumi/pulumi-yaml"
  log "building $HOST $VX with go install from the module proxy into $BIN (once per machine; ~1.5 min). Log: $LOG"
  # Outside any module, so `go install pkg@version` uses the release's own go.mod.
  (cd "$PREFIX" && GOBIN="$BIN" run "go install $HOST@$VX" go install -p "$JOBS" -trimpath \
    -ldflags "-s -w -X $MOD/pkg/version.Version=$VX" "$MOD/cmd/$HOST@$VX")
  SOURCE="$MOD@$VX"
else
  SRC="$VENDOR_DIR/$HOST/$VX"
  if [ ! -f "$SRC/go.mod" ]; then
    newest="$(ls -1 "$VENDOR_DIR/$HOST" 2>/dev/null | grep '^v[0-9]' | sort -V | tail -n 1 || true)"
    [ -n "$newest" ] || die "no vendored source of $HOST in $VENDOR_DIR/$HOST (see ../shared/vendor/README.md)"
    log "WARNING: no vendored $HOST $VX in $VENDOR_DIR/$HOST; building $newest instead"
    SRC="$VENDOR_DIR/$HOST/$newest"
  fi
  SRC_VX="$(basename "$SRC")"
  log "building $HOST $SRC_VX from the vendored source in $SRC into $BIN. Log: $LOG"
  rm -rf "$PREFIX/src"
  cp -R "$SRC" "$PREFIX/src"
  chmod -R u+w "$PREFIX/src"
  (cd "$PREFIX/src" && GOFLAGS="${GOFLAGS:-} -mod=mod" run "go build $HOST ($SRC_VX, vendored)" go build -p "$JOBS" \
    -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$SRC_VX" \
    -o "$BIN/$HOST.tmp" .)
  mv -f "$BIN/$HOST.tmp" "$BIN/$HOST"
  if [ -n "$EXTRA" ]; then
    # The shim is a Python script in the sdk/v3 module of the same version (the module proxy serves it).
    SDK_DIR="$(cd "$PREFIX/src" && module_dir "github.com/pulumi/pulumi/sdk/v3@$SRC_VX")"
    [ -f "$SDK_DIR/python/cmd/$EXTRA" ] || die "no python/cmd/$EXTRA in github.com/pulumi/pulumi/sdk/v3@$SRC_VX"
    cp "$SDK_DIR/python/cmd/$EXTRA" "$BIN/$EXTRA.tmp"
    chmod 755 "$BIN/$EXTRA.tmp"
    mv -f "$BIN/$EXTRA.tmp" "$BIN/$EXTRA"
  fi
  SOURCE="vendored $SRC_VX"
fi
[ -x "$BIN/$HOST" ] || die "the build wrote no $BIN/$HOST"
log "$HOST built in $((SECONDS - t0))s ($(du -h "$BIN/$HOST" | cut -f1))"
write_stamp "$STAMP" "source=$SOURCE"
finish
