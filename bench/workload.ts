import { definitions, findIntegration, type IntegrationType } from "../provider/integrations/registry";

/** Types the benchmark cycles through inside each project: small, common, one to three fields each. */
export const BENCH_TYPES: readonly IntegrationType[] = ["PAGER_DUTY", "SLACK", "WEBHOOK", "DATADOG"];

/** The i-th benchmark project id (24 hex digits, outside the emulator's default ids). */
export function benchGroupId(i: number): string {
  return `5fbe${i.toString(16).padStart(20, "0")}`;
}

/** Projects needed for `n` integrations, at most one per type and project as in Ops Manager. */
export function benchGroupIds(n: number): string[] {
  return Array.from({ length: Math.ceil(n / BENCH_TYPES.length) }, (_, i) => benchGroupId(i));
}

/** One integration of the workload: its resource name, checked inputs and secret fields. */
export interface BenchIntegration {
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly secretFields: readonly string[];
}

/** `n` integrations with each type's registry example (secrets as plain strings), `variant` changing a value. */
export function benchIntegrations(n: number, variant = 0): BenchIntegration[] {
  return Array.from({ length: n }, (_, i) => {
    const type = BENCH_TYPES[i % BENCH_TYPES.length]!;
    const def = findIntegration(type)!;
    const args: Record<string, unknown> = {
      groupId: benchGroupId(Math.floor(i / BENCH_TYPES.length)),
      type,
      ...def.example,
    };
    if (variant > 0) {
      // Change the first secret field: an update every type must send (and a value the server masks).
      const secret = def.secretFields[0]!;
      args[secret] =
        type === "WEBHOOK" ? `https://hooks.example.com/v${variant}/${i}` : `${String(args[secret])}-v${variant}`;
    }
    return { name: `i${String(i).padStart(4, "0")}-${type.toLowerCase()}`, args, secretFields: def.secretFields };
  });
}

/**
 * Every registered type in each of `groups` projects: the refresh-per-project workload, N = types × G, and
 * with `limit` the load suite's layout (fewer than every type per project, types rotating).
 */
export function projectIntegrations(groups: number, limit = groups * definitions.length): BenchIntegration[] {
  const items: BenchIntegration[] = [];
  for (let k = 0; k < definitions.length && items.length < limit; k++) {
    for (let g = 0; g < groups && items.length < limit; g++) {
      const def = definitions[(g + k) % definitions.length]!;
      items.push({
        name: `p${String(g).padStart(3, "0")}-${def.type.toLowerCase()}`,
        args: { groupId: benchGroupId(g), type: def.type, ...def.example },
        secretFields: def.secretFields,
      });
    }
  }
  return items;
}
