import type { AnyIntegration } from "../../provider/integrations/registry";

/** The optional fields of a type, from its definition: what a user may delete from code. */
export function optionalFields(def: AnyIntegration): string[] {
  return Object.keys(def.fields).filter((name) => !def.requiredFields.includes(name));
}

/** A value the field's schema accepts that is not its server default (so removing it is a visible change). */
export function someValue(def: AnyIntegration, name: string): unknown {
  const spec = def.fields[name]!;
  const candidates = [def.example[name], "EU", "https", "file", "optional-value-0123", "https://optional.example/x/0123", true, false];
  const found = candidates.find((v) => v !== undefined && v !== spec.serverDefault && spec.schema.safeParse(v).success);
  if (found === undefined) throw new Error(`${def.type}.${name}: no test value`);
  return found;
}

/**
 * The type's example with every condition that makes an optional field required switched off (Prometheus
 * `scheme: https` needs `tlsPemPath`), so each optional field can be removed on its own: the `when` field gets
 * another value its schema accepts.
 */
export function removableExample(def: AnyIntegration, only?: string): Record<string, unknown> {
  const base: Record<string, unknown> = { ...def.example };
  for (const rule of def.requiredWhen ?? []) {
    if ((only === undefined || rule.field === only) && base[rule.when.field] === rule.when.equals) {
      base[rule.when.field] = ["http", "https", "file", true, false].find(
        (v) => v !== rule.when.equals && def.fields[rule.when.field]?.schema.safeParse(v).success,
      );
    }
  }
  return base;
}

/** The type's removable example with every optional field set, and the same with only its required fields. */
export function withAndWithoutOptional(def: AnyIntegration): { full: Record<string, unknown>; trimmed: Record<string, unknown> } {
  const base = removableExample(def);
  const optional = optionalFields(def);
  const trimmed = Object.fromEntries(Object.entries(base).filter(([name]) => !optional.includes(name)));
  return { full: { ...trimmed, ...Object.fromEntries(optional.map((name) => [name, someValue(def, name)])) }, trimmed };
}
