import type { StoredIntegration } from "../../../emulator/store";
import { sameSecret } from "../../../provider/fingerprint";
import { storedFields } from "../../../provider/outputs";
import type { AnyIntegration } from "../../../provider/integrations/registry";

/**
 * Differences between what the provider would keep in state for one integration (its outputs, or nothing) and
 * what the server holds raw. A field absent on one side equals its server default, as diff() reads it; a secret
 * kept as a fingerprint equals the server's plaintext when the provider's own `sameSecret` says so (with the
 * resource's fingerprint key, as diff has it). Empty when
 * they agree: nothing lost, nothing duplicated, no stale value.
 */
export function stateVersusServer(
  def: AnyIntegration,
  outputs: Record<string, unknown> | undefined,
  server: StoredIntegration | undefined,
  { compareId = true, fingerprintKey }: { compareId?: boolean; fingerprintKey?: string } = {},
): string[] {
  const stored = outputs && storedFields(outputs);
  if (!stored && !server) return [];
  if (!stored)
    return [`the server holds a ${def.type} integration (id ${server?.id}) that state does not know (orphan)`];
  if (!server) return [`state holds a ${def.type} integration the server does not have (lost)`];
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(def.fields)) {
    const mine = stored[name] ?? spec.serverDefault;
    const theirs = server.fields[name] ?? spec.serverDefault;
    const where = { where: `${String(stored.groupId)}/${def.type}/${name}`, ...(fingerprintKey ? { resourceKey: fingerprintKey } : {}) };
    if (spec.secret ? !sameSecret(mine, theirs, where) : mine !== theirs)
      problems.push(`${def.type}.${name}: state ${JSON.stringify(mine)} ≠ server ${JSON.stringify(theirs)}`);
  }
  if (compareId && stored.integrationId !== undefined && stored.integrationId !== server.id) {
    problems.push(`${def.type}.integrationId: state ${String(stored.integrationId)} ≠ server ${server.id}`);
  }
  return problems;
}
