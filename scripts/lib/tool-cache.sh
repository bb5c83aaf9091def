# Sourced by the scripts/ensure-*.sh that build a tool once per machine into a shared cache. They define `log`
# (their own prefix) before sourcing this.

# lock_cache LOCKFILE WHAT: serialise concurrent builders (several work trees, or CI, on one machine) on an exclusive
# lock held on fd 9 until the script exits; the caller re-checks its cache once it owns the lock.
lock_cache() {
  exec 9>"$1"
  if command -v flock >/dev/null 2>&1; then
    flock -n 9 || { log "another run is $2; waiting for $1"; flock 9; }
  fi
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
