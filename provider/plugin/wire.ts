import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

/**
 * Secrets on the provider protocol. The Node.js provider framework answers Configure with `acceptSecrets: true`, so
 * the engine sends a secret value as `{ [specialSigKey]: specialSecretSig, value }` and keeps a value we return
 * that way encrypted in state. The shared runtime works on plain values (as the dynamic provider's do): the plugin
 * unwraps on the way in and wraps the registry's secret fields on the way out.
 */
export type Props = Record<string, unknown>;

function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[specialSigKey] === specialSecretSig;
}

/** A secret-wrapped value, as the engine expects it. */
export function secret(value: unknown): unknown {
  return isSecret(value) ? value : { [specialSigKey]: specialSecretSig, value };
}

/** `props` with every secret unwrapped (at any depth), and the top-level names that held a secret. */
export function unwrapSecrets(props: Props | undefined): { plain: Props; secretNames: Set<string> } {
  const secretNames = new Set<string>();
  const plain: Props = {};
  for (const [name, value] of Object.entries(props ?? {})) {
    if (containsSecret(value)) secretNames.add(name);
    plain[name] = unwrap(value);
  }
  return { plain, secretNames };
}

function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

function unwrap(value: unknown): unknown {
  if (isSecret(value)) return unwrap(value.value);
  if (Array.isArray(value)) return value.map(unwrap);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)]));
  return value;
}

/** `props` with the named top-level values (those present) wrapped as secrets. */
export function wrapSecrets(props: Props, names: Iterable<string>): Props {
  const out: Props = { ...props };
  for (const name of names) if (out[name] !== undefined) out[name] = secret(out[name]);
  return out;
}
