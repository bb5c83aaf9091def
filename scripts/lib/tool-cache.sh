# Sourced by the scripts that provide a tool (ensure-*.sh) or a test leg (lts-leg.sh): their log, the repository
# and the machine-level cache, the cache's "check, lock, check again", stamps, links into .tools/bin and Go's module
# cache. A script sets TOOL (its log prefix) before sourcing this.

log() { printf '[%s] %s\n' "$TOOL" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPO_BIN="$ROOT/.tools/bin"
CACHE_ROOT="${OPSMANAGER_TOOLS_CACHE:-$HOME/.cache/pulumi-opsmanager-tools}"
# NO_LINK=1: a script's option to provide a tool into the cache only (CI's background build of leg 2's tools).
# FORCE=1: the script's own ENSURE_*_FORCE, rebuild even when cached. Neither is taken from the environment.
NO_LINK=""
FORCE=""

# leg1_version KEY: a version of scripts/versions.env (read, not sourced, so a caller's own variable is kept).
leg1_version() {
  local v
  v="$(sed -n "s/^$1=//p" "$ROOT/scripts/versions.env" | head -n 1)"
  [ -n "$v" ] || die "no $1 in $ROOT/scripts/versions.env"
  printf '%s' "$v"
}

# lock_cache LOCKFILE WHAT: serialise concurrent builders (several work trees, or CI, on one machine) on an exclusive
# lock held on fd 9 until the script exits.
lock_cache() {
  exec 9>"$1"
  if command -v flock >/dev/null 2>&1; then
    flock -n 9 || { log "another run is $2; waiting for $1"; flock 9; }
  fi
}

# reuse_or_lock CHECK FINISH LOCKFILE WHAT: when the cache passes CHECK (and FORCE is not 1), FINISH (given
# "earlier") and exit; else take the lock and check again, FINISH (given "concurrent") and exit if another run
# built it meanwhile. Returns, holding the lock, when the caller must build.
reuse_or_lock() {
  local check="$1" finish="$2" lockfile="$3" what="$4"
  if [ "${FORCE:-}" != "1" ] && "$check"; then "$finish" earlier; exit 0; fi
  mkdir -p "$(dirname "$lockfile")"
  lock_cache "$lockfile" "$what"
  if [ "${FORCE:-}" != "1" ] && "$check"; then "$finish" concurrent; exit 0; fi
}

# write_stamp FILE KEY=VALUE...: the lines given and the build time, written at once (a stamp marks a complete cache).
write_stamp() {
  local file="$1"; shift
  { printf '%s\n' "$@"; date -u +'built=%Y-%m-%dT%H:%M:%SZ'; } >"$file.tmp"
  mv -f "$file.tmp" "$file"
}

# link_into_repo DIR TOOL...: symlink each tool of DIR into .tools/bin (symlinks, because the CLI resolves its own
# link to find the language host and plugin script next to it); nothing with NO_LINK=1.
link_into_repo() {
  local dir="$1" t; shift
  [ "$NO_LINK" != "1" ] || return 0
  mkdir -p "$REPO_BIN"
  for t in "$@"; do
    rm -f "$REPO_BIN/$t"
    ln -s "$dir/$t" "$REPO_BIN/$t" 2>/dev/null || cp -p "$dir/$t" "$REPO_BIN/$t"
  done
}

# run STEP CMD...: run a command, appending its output to $LOG; on failure show the log's tail and exit.
run() {
  local step="$1"; shift
  printf '\n### %s\n$ %s\n' "$step" "$*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    log "FAILED: $step. Last lines of $LOG:"
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}

# module_dir MOD@VER: download a Go module and print its directory in the module cache.
module_dir() {
  go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p'
}
