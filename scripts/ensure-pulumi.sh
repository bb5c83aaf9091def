#!/usr/bin/env bash
# Makes a Pulumi CLI (plus its Node.js language host and the dynamic-provider plugin script) available to the demo,
# the examples and the tests, linked into <repo>/.tools/bin. In order:
#   1. the user's own Pulumi: `pulumi` on PATH or in ~/.pulumi/bin, when its version is new enough for this provider
#      (dynamic-provider configure(): 3.139.0+) and its language host and plugin script sit next to it, as an
#      official install has them;
#   2. a CLI built earlier on this machine (cached outside the repo, shared by every clone);
#   3. otherwise a build from the Go module proxy (needs Go; several minutes, once per machine and version).
# It says which CLI it picked and why on stderr.
# Usage:  PATH="$(scripts/ensure-pulumi.sh | tail -1):$PATH"   (progress on stderr; the last stdout line is the
# directory holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`: <repo>/.tools/bin)
#         scripts/ensure-pulumi.sh --no-link   provide the CLI (cache it) but link nothing into .tools/bin; the last
#                                              stdout line is then the directory the CLI is in (CI prebuilds leg 2's)
# Environment:
#   PULUMI_VERSION               an exact CLI version to provide (a CLI on PATH is used only if it is that version);
#                                unset: any usable CLI on PATH, else build the version of node_modules/@pulumi/pulumi
#                                (else PULUMI_CLI_VERSION of scripts/versions.env)
#   OPSMANAGER_TOOLS_CACHE       machine-level cache (default: $HOME/.cache/pulumi-opsmanager-tools)
#   PULUMI_VENDOR_DIR            folder holding pulumi-language-nodejs/vX/ sources (default: <repo>/../shared/vendor);
#                                the language host is built from there at the CLI's own version. Only when no
#                                vendored source matches, the host contained in sdk/v3@PULUMI_LANGHOST_SDK_VERSION
#                                (default 3.68.0, the last release that had it; it ignores runtime.options) is built
#   PULUMI_BUILD_JOBS            go build -p (default: nproc)
#   ENSURE_PULUMI_FORCE=1        ignore the cache and any pulumi on PATH, rebuild
set -euo pipefail

TOOL=ensure-pulumi
# shellcheck source=lib/tool-cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/tool-cache.sh"
case "${1:-}" in
  "") ;;
  --no-link) NO_LINK=1 ;;
  *) die "usage: $0 [--no-link]" ;;
esac
FORCE="${ENSURE_PULUMI_FORCE:-}"
DEFAULT_VERSION="$(leg1_version PULUMI_CLI_VERSION)"
# configure() of dynamic providers, which carries the connection settings, arrived in 3.139.0.
MIN_VERSION="3.139.0"
TOOLS=(pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs)

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

EXACT="${PULUMI_VERSION:-}"
VERSION="$EXACT"
[ -n "$VERSION" ] || VERSION="$(read_sdk_version)"
[ -n "$VERSION" ] || VERSION="$DEFAULT_VERSION"
VERSION="${VERSION#v}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] || die "not a version: '$VERSION'"
VX="v$VERSION"

LANGHOST_SDK_VERSION="${PULUMI_LANGHOST_SDK_VERSION:-3.68.0}"
LANGHOST_SDK_VERSION="v${LANGHOST_SDK_VERSION#v}"
VENDOR_DIR="${PULUMI_VENDOR_DIR:-$ROOT/../shared/vendor}"

export PULUMI_SKIP_UPDATE_CHECK=true

# First line of `<bin> version`, or nothing.
cli_version() { "$1" version 2>/dev/null | head -n 1 | tr -d '[:space:]' || true; }

# version_ge A B: A >= B, both x.y.z (a leading v and any pre-release suffix ignored).
version_ge() {
  local a="${1#v}" b="${2#v}"
  a="${a%%[-+]*}"; b="${b%%[-+]*}"
  [ "$(printf '%s\n%s\n' "$b" "$a" | sort -t. -k1,1n -k2,2n -k3,3n | head -n 1)" = "$b" ]
}

# provide DIR: link the three tools of DIR into .tools/bin and print where they are (DIR itself with --no-link).
provide() {
  link_into_repo "$1" "${TOOLS[@]}"
  if [ "$NO_LINK" = "1" ]; then printf '%s\n' "$1"; else printf '%s\n' "$REPO_BIN"; fi
}

# --- 2. the user's own Pulumi ------------------------------------------------------------------------
# usable_cli PATH: prints nothing and succeeds when the CLI at PATH can run this provider's programs; otherwise
# prints why not.
usable_cli() {
  local bin="$1" dir v t
  dir="$(dirname "$bin")"
  v="$(cli_version "$bin")"
  [ -n "$v" ] || { echo "it does not report a version"; return 1; }
  if [ -n "$EXACT" ]; then
    [ "$v" = "$VX" ] || { echo "it is $v and PULUMI_VERSION asks for $VX"; return 1; }
  else
    version_ge "$v" "$MIN_VERSION" || { echo "it is $v; this provider needs $MIN_VERSION or newer (dynamic-provider configure)"; return 1; }
  fi
  for t in pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
    [ -x "$dir/$t" ] || { echo "it is $v but $dir has no $t next to it"; return 1; }
  done
}

if [ "$FORCE" != "1" ]; then
  candidates=()
  if onpath="$(command -v pulumi 2>/dev/null)"; then candidates+=("$onpath"); fi
  [ -x "$HOME/.pulumi/bin/pulumi" ] && candidates+=("$HOME/.pulumi/bin/pulumi")
  for candidate in "${candidates[@]}"; do
    real="$(readlink -f "$candidate" 2>/dev/null || printf '%s' "$candidate")"
    case "$real" in "$REPO_BIN"/*|"$(readlink -f "$REPO_BIN" 2>/dev/null)"/*) continue ;; esac
    if why="$(usable_cli "$real")"; then
      log "using your Pulumi CLI $(cli_version "$real") at $candidate (on PATH or in ~/.pulumi/bin; $MIN_VERSION+ is needed)"
      provide "$(dirname "$real")"
      exit 0
    fi
    log "not using the Pulumi CLI at $candidate: $why"
  done
  [ "${#candidates[@]}" -gt 0 ] || log "no Pulumi CLI on PATH or in ~/.pulumi/bin"
fi

# --- 3. machine-level cache ---------------------------------------------------------------------------
PREFIX="$CACHE_ROOT/pulumi-$VX"
BIN="$PREFIX/bin"
LOG="$PREFIX/build.log"
STAMP="$BIN/.complete"

# The language host this machine can build for $VX: the vendored source of the same version, else the old one.
VENDORED_HOST="$VENDOR_DIR/pulumi-language-nodejs/$VX"
if [ -f "$VENDORED_HOST/go.mod" ]; then WANT_HOST="$VX"; else WANT_HOST="$LANGHOST_SDK_VERSION"; fi

stamp_of() { [ -f "$STAMP" ] && sed -n "s/^$1=//p" "$STAMP" | head -n 1; }
cli_ok() { [ -x "$BIN/pulumi" ] && [ "$(cli_version "$BIN/pulumi")" = "$VX" ]; }
host_ok() { [ -x "$BIN/pulumi-language-nodejs" ] && [ "$(stamp_of pulumi-language-nodejs)" = "$WANT_HOST" ]; }
cache_ok() { [ -f "$STAMP" ] && cli_ok && host_ok && [ -x "$BIN/pulumi-resource-pulumi-nodejs" ]; }

# finish [earlier|concurrent|built]: how the cache came to hold the tools, for the log.
finish() {
  case "${1:-built}" in
    earlier) log "using pulumi $VX built earlier on this machine: $BIN" ;;
    concurrent) log "using pulumi $VX (built by a concurrent run): $BIN" ;;
  esac
  local where="$REPO_BIN (-> $BIN)"
  [ "$NO_LINK" != "1" ] || where="$BIN (linked nowhere: --no-link)"
  log "pulumi $VX with language host $(stamp_of pulumi-language-nodejs) ready in $where"
  provide "$BIN"
}

# Serialise concurrent builders (a developer and CI on one machine).
reuse_or_lock cache_ok finish "$PREFIX/.lock" "building pulumi $VX"

command -v go >/dev/null 2>&1 || die "no usable Pulumi CLI was found, and building one needs Go (none on PATH). Install the Pulumi CLI (3.139.0 or newer) or Go."
mkdir -p "$BIN"
touch "$LOG"
log "building pulumi $VX into $BIN (once per machine; several minutes). Log: $LOG"

export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -mod=mod"
JOBS="${PULUMI_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"
VERSION_PKG="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
PKG="github.com/pulumi/pulumi/pkg/v3"
SDK="github.com/pulumi/pulumi/sdk/v3"


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
if cli_ok; then
  log "[1/3] pulumi CLI $VX: already built"
else
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
fi

# --- 5. the Node.js language host ----------------------------------------------------------------------
# The module proxy does not serve the host's own module (sdk/nodejs/cmd/pulumi-language-nodejs/v3), so it is built
# from its unchanged source in $VENDOR_DIR (copied first: that folder may be read-only, and the build must not write
# into it). Without a matching copy, the host that sdk/v3 up to 3.68.0 contained is built instead: it speaks the
# same protocol but ignores runtime.options in Pulumi.yaml.
t0=$SECONDS
if host_ok; then
  log "[2/3] pulumi-language-nodejs $WANT_HOST: already built"
elif [ "$WANT_HOST" = "$VX" ]; then
  log "[2/3] pulumi-language-nodejs $VX: building from the vendored source in $VENDORED_HOST"
  rm -rf "$WORK/langhost-vendored"
  cp -R "$VENDORED_HOST" "$WORK/langhost-vendored"
  chmod -R u+w "$WORK/langhost-vendored"
  (cd "$WORK/langhost-vendored" && run "go build pulumi-language-nodejs ($VX, vendored)" go build -p "$JOBS" -trimpath \
     -ldflags "-s -w -X $VERSION_PKG=$VX" -o "$BIN/pulumi-language-nodejs.tmp" .)
  mv -f "$BIN/pulumi-language-nodejs.tmp" "$BIN/pulumi-language-nodejs"
  got="$("$BIN/pulumi-language-nodejs" -version 2>/dev/null | tr -d '[:space:]' || true)"
  [ "$got" = "$VX" ] || die "the built language host reports '$got', expected $VX"
else
  log "[2/3] WARNING: no vendored source for pulumi-language-nodejs $VX in $VENDOR_DIR/pulumi-language-nodejs;"
  log "      building the older host contained in $SDK@$LANGHOST_SDK_VERSION instead (it ignores runtime.options)"
  run "go mod download $SDK@$LANGHOST_SDK_VERSION" go mod download "$SDK@$LANGHOST_SDK_VERSION"
  OLD_SDK_DIR="$(module_dir "$SDK@$LANGHOST_SDK_VERSION")"
  [ -d "$OLD_SDK_DIR/nodejs/cmd/pulumi-language-nodejs" ] \
    || die "$SDK@$LANGHOST_SDK_VERSION has no nodejs/cmd/pulumi-language-nodejs package"
  new_module "$WORK/langhost" pulumi-langhost-build "$OLD_SDK_DIR/go.mod" "$SDK/nodejs/cmd/pulumi-language-nodejs" \
    "$SDK@$LANGHOST_SDK_VERSION"
  (cd "$WORK/langhost" && run "go build pulumi-language-nodejs ($LANGHOST_SDK_VERSION)" go build -p "$JOBS" -trimpath \
     -ldflags "-s -w -X $VERSION_PKG=$LANGHOST_SDK_VERSION" -o "$BIN/pulumi-language-nodejs.tmp" \
     "$SDK/nodejs/cmd/pulumi-language-nodejs")
  mv -f "$BIN/pulumi-language-nodejs.tmp" "$BIN/pulumi-language-nodejs"
fi
host_ok || log "[2/3] pulumi-language-nodejs $WANT_HOST built in $((SECONDS - t0))s ($(du -h "$BIN/pulumi-language-nodejs" | cut -f1))"

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

write_stamp "$STAMP" "pulumi=$VX" "pulumi-language-nodejs=$WANT_HOST"
cache_ok || die "the cache at $BIN does not verify after building"
finish
