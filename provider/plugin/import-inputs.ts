import { importPlaceholder } from "../import-placeholder";
import { findIntegration } from "../integrations/registry";
import { FINGERPRINTS } from "../outputs";
import { secret, type Props } from "./wire";

/**
 * The inputs `pulumi import` records and writes into the code it generates, from the outputs the runtime's read
 * returned: the address, the fields the server shows in clear, and for each secret the type requires or the server
 * holds a placeholder (wrapped as a secret, like every secret input), never the secret's mask. Leaving out a secret
 * the server holds would make the next `up` remove it (diff replaces an integration whose field was removed), so
 * the placeholder says where one goes; check refuses it until the user puts the secret there.
 */
export function importInputs(outs: Props): Props {
  const def = findIntegration(outs.type);
  const inputs: Props = { groupId: outs.groupId, type: outs.type };
  if (!def) return inputs;
  const held = (outs[FINGERPRINTS] ?? {}) as Props;
  for (const name of Object.keys(def.fields)) {
    if (!def.secretFields.includes(name)) {
      if (outs[name] !== undefined) inputs[name] = outs[name];
    } else if (def.requiredFields.includes(name) || held[name] !== undefined || outs[name] !== undefined) {
      inputs[name] = secret(importPlaceholder(name));
    }
  }
  return inputs;
}
