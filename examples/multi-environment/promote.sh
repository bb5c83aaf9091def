#!/usr/bin/env bash
# Promotes one environment's stack config to the next:  ./promote.sh dev staging   then   ./promote.sh staging prod
#
# 1. `pulumi stack init TO --copy-config-from FROM`: TO starts with all of FROM's config, secrets included
#    (re-encrypted for TO), so nothing has to be typed twice.
# 2. The copy lets FROM's values win over those already in Pulumi.TO.yaml, so TO's committed values (its project,
#    its API key, its channel) are put back on top.
# 3. Secrets that must differ in TO (its API private key at least) are yours to override afterwards; until then,
#    `pulumi up` on TO fails with 401 instead of touching TO's project with FROM's key.
set -euo pipefail
usage="usage: $0 FROM TO   (e.g. $0 dev prod)"
from="${1:?$usage}"
to="${2:?$usage}"
cd "$(dirname "$0")"

saved="$(mktemp -d)"
trap 'rm -rf "$saved"' EXIT
committed="$saved/Pulumi.$to.yaml"
if [ -f "Pulumi.$to.yaml" ]; then cp "Pulumi.$to.yaml" "$committed"; fi

echo "== pulumi stack init $to --copy-config-from $from"
pulumi stack init "$to" --copy-config-from "$from"

if [ -f "$committed" ]; then
  echo "== putting back $to's own values from Pulumi.$to.yaml"
  # `pulumi config --config-file` reads the saved copy; each plain value becomes `--plaintext key=value`.
  values="$(pulumi config --stack "$to" --config-file "$committed" --json)"
  mapfile -d '' overrides < <(node -e '
    for (const [key, { value }] of Object.entries(JSON.parse(process.argv[1]))) {
      process.stdout.write(`--plaintext\0${key}=${value}\0`);
    }' "$values")
  if [ "${#overrides[@]}" -gt 0 ]; then pulumi config set-all --stack "$to" "${overrides[@]}"; fi
fi

echo "== $to now has:"
pulumi config --stack "$to"
echo "Next: override the secrets that differ in $to, e.g."
echo "  pulumi config set --secret --stack $to opsmanager:privateKey <$to's private key>"
