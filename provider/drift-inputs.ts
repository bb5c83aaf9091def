import { isDeepStrictEqual } from "node:util";
import { DRIFT, FINGERPRINT_KEY, newFingerprintKey } from "./fingerprint";
import type { SplitProps } from "./split-props";

/**
 * What `pulumi preview --diff` shows of a dynamic resource is the engine's comparison of the inputs state holds
 * with the program's (the dynamic provider cannot send a detailed diff: @pulumi/pulumi's dynamic `DiffResult` has
 * no such field), and a refresh keeps the stored inputs unless `read` returns new ones. So after drift the stored
 * inputs still equal the program's and nothing would be marked. When a refresh finds drift, `read` therefore
 * returns these inputs: the server's non-secret fields, so `~ roomName: "changed-by-hand" => "ops"` shows.
 *
 * The dynamic provider's `read` is given only state's outputs, never its inputs, so it cannot know the secrets or
 * the fingerprint key they hold (neither is ever in outputs). What it returns in their place:
 * - a secret still matching state: {@link KEPT_SECRET}, under the same name, so the engine keeps it secret (it
 *   re-marks a returned input named like a secret stored input) and the display, which shows every secret as
 *   `[secret]`, marks nothing;
 * - a secret rotated outside code (state's drift marker): nothing, so the display marks it `+ name: [secret]`
 *   (a changed secret cannot be shown as `~`: both sides print `[secret]`);
 * - the fingerprint key: a new one, secret like the old. The fingerprints in outputs were made with the old key,
 *   so the next update sends every secret, which it does anyway (one PUT of the whole configuration), and
 *   fingerprints them with the new key.
 *
 * Outputs carry {@link DRIFT_INPUTS} until that update, so `diff` knows the stored inputs hold placeholders.
 */

/** The output that says the stored inputs were rebuilt by a refresh (hidden from displays: it starts with `__`). */
export const DRIFT_INPUTS = "__inputsFromRefresh";

/** What the rebuilt inputs hold in place of a secret that still matches state. Never sent: `update` uses the program's. */
export const KEPT_SECRET = "(unchanged; refresh cannot read secrets)";

/** Whether the fields read from the server differ from the ones state holds (a field changed, appeared or went). */
export function drifted(stored: Record<string, unknown>, read: Record<string, unknown>): boolean {
  const names = new Set([...Object.keys(stored), ...Object.keys(read)]);
  return [...names].some((name) => !isDeepStrictEqual(stored[name], read[name]));
}

/** The inputs state should hold after a refresh found drift: see above. `fields` are state's terms (reconcile.ts). */
export function driftInputs(props: SplitProps, fields: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = { groupId: props.groupId, type: props.type };
  if (props.adoptExisting) inputs.adoptExisting = true;
  if (props.secretVersion !== undefined) inputs.secretVersion = props.secretVersion;
  for (const [name, value] of Object.entries(fields)) {
    if (!props.def.fields[name]?.secret) inputs[name] = value;
    else if (value !== DRIFT) inputs[name] = KEPT_SECRET;
  }
  inputs[FINGERPRINT_KEY] = newFingerprintKey();
  return inputs;
}
