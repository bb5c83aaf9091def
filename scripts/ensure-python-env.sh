#!/usr/bin/env bash
# Makes a Python virtualenv holding the `pulumi` package from PyPI (the version that matches the Pulumi CLI and the
# Python language host of leg 1), cached outside the repository and shared by every clone and work tree, for the
# Python example and the specs in tests/languages. It also holds what building the generated Python SDK offline
# needs: its other dependency (parver; semver comes with pulumi) and a setuptools that builds wheels by itself (70.1+),
# for `pip install --no-build-isolation --no-index`.
# The first run downloads from PyPI (about half a minute); later runs only check the stamp.
#
# Programs do not run in this env directly: the specs give each program its own venv layered over this one
# (tests/languages/support/example.ts, pythonVenv), so the generated SDK is installed per program and this cache
# never changes once complete.
#
# Progress goes to stderr; the last stdout line is the virtualenv's directory.
#
# Usage:  VENV="$(bash scripts/ensure-python-env.sh | tail -1)"
#
# Environment:
#   PULUMI_PYTHON_SDK_VERSION  the `pulumi` PyPI release (default: scripts/versions.env, the CLI version of leg 1)
#   PYTHON                     the interpreter to build the env from (default: python3.11, else python3)
#   OPSMANAGER_TOOLS_CACHE     machine-level cache (default: $HOME/.cache/pulumi-opsmanager-tools)
#   ENSURE_PYTHON_ENV_FORCE=1  rebuild even when a complete env is cached
set -euo pipefail

TOOL=ensure-python-env
# shellcheck source=lib/tool-cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/tool-cache.sh"

VERSION="${PULUMI_PYTHON_SDK_VERSION:-$(leg1_version PULUMI_PYTHON_SDK_VERSION)}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "not a version: '$VERSION'"
# The generated SDK's other install_requires (setup.py) and its build backend; exact pins so every machine builds the
# same env (pulumi's own dependencies are resolved by pip within pulumi's ranges; the stamp lists what was installed).
EXTRAS=(parver==1.0.1.post0 setuptools==80.9.0)

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PYTHON="$candidate"; break; fi
  done
fi
[ -n "$PYTHON" ] || die "no python3.11 or python3 on PATH (set PYTHON)"
PY_VERSION="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" || die "$PYTHON does not run"
# pulumi 3.x supports Python 3.9+ (the generated SDK says python_requires>=3.9).
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' || die "$PYTHON is $PY_VERSION; 3.9+ is needed"

VENV="$CACHE_ROOT/python$PY_VERSION-pulumi-$VERSION"
STAMP="$VENV/.complete"

cache_ok() { [ -f "$STAMP" ] && [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import pulumi, parver' 2>/dev/null; }
finish() {
  [ "${1:-}" != concurrent ] || log "made by a concurrent run"
  log "pulumi $VERSION on Python $PY_VERSION ready in $VENV"
  printf '%s\n' "$VENV"
}
FORCE="${ENSURE_PYTHON_ENV_FORCE:-}"
# Serialise concurrent builders (several work trees or CI on one machine).
reuse_or_lock cache_ok finish "$VENV.lock" "making $VENV"

t0=$SECONDS
log "making $VENV: pulumi==$VERSION ${EXTRAS[*]} from PyPI (once per machine and version)"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pulumi==$VERSION" "${EXTRAS[@]}" >&2 \
  || { rm -rf "$VENV"; die "pip install pulumi==$VERSION failed (is PyPI reachable?)"; }
got="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("pulumi"))')"
[ "$got" = "$VERSION" ] || { rm -rf "$VENV"; die "pulumi $got installed, expected $VERSION"; }
# The stamp lists what pip installed, after the versions and the build time.
mapfile -t frozen < <("$VENV/bin/python" -m pip freeze --disable-pip-version-check)
write_stamp "$STAMP" "pulumi=$VERSION" "python=$("$VENV/bin/python" --version 2>&1)" "${frozen[@]}"
log "made in $((SECONDS - t0))s"
finish
