import fc from "fast-check";
import { DEFAULT_GROUP_ID } from "../../../emulator/defaults";
import type { FieldSpec } from "../../../provider/integrations/field";
import { isMasked } from "../../../provider/integrations/mask";
import { definitions, type AnyIntegration } from "../../../provider/integrations/registry";

/** One invalid resource input and the property `check` must name. */
export interface BadInput {
  readonly label: string;
  readonly inputs: Record<string, unknown>;
  /** The property every failure must name. */
  readonly property: string;
  /** Values that must never be echoed in a reason (secret fields). */
  readonly secrets: readonly string[];
}

/** The kind of a field as the registry declares it (field.ts); candidates are still kept only where the schema refuses them. */
export type FieldKind = "text" | "url" | "enum" | "boolean";

/** The allowed values of a choice field; empty for other kinds. */
export function enumValues(spec: FieldSpec): string[] {
  return spec.kind === "choice" ? [...spec.values] : [];
}

export function kindOf(spec: FieldSpec): FieldKind {
  return spec.kind === "choice" ? "enum" : spec.kind === "flag" ? "boolean" : spec.kind;
}

/** Candidate bad values per kind; each is kept only where the field's own schema refuses it. */
const CANDIDATES: Record<FieldKind | "any", readonly [string, unknown][]> = {
  any: [
    ["a number", 42],
    ["an object", { value: "x" }],
    ["an array", ["x"]],
    ["null", null],
  ],
  text: [
    ["empty", ""],
    ["a newline", "first\nsecond-0123456789"],
    ["a NUL byte", "nul\u0000byte-0123456789"],
    ["an escape sequence", "\u001b[31mred-0123456789"],
    ["oversize (1025 characters)", "x".repeat(1025)],
    ["oversize (100 000 characters)", "y".repeat(100_000)],
    ["a boolean", true],
  ],
  url: [
    ["empty", ""],
    ["not a URL", "not a url at all"],
    ["a relative path", "/hooks/abc"],
    ["ftp://", "ftp://files.example.com/hook"],
    ["javascript:", "javascript:alert(1)"],
    ["a newline inside", "https://h.example.com/a\nb"],
    ["oversize", `https://h.example.com/${"z".repeat(1100)}`],
  ],
  enum: [
    ["an unknown value", "MARS"],
    ["lower case", "us"],
    ["empty", ""],
  ],
  boolean: [
    ['the string "true"', "true"],
    ["1", 1],
    ['the string "yes"', "yes"],
  ],
};

/** Every invalid input the registry lets us derive, plus the common ones (groupId, type, unknown keys, ...). */
export function badInputs(): BadInput[] {
  const out: BadInput[] = [];
  for (const def of definitions) {
    const valid = { groupId: DEFAULT_GROUP_ID, type: def.type, ...def.example };
    const secretsOf = (v: unknown, name: string) =>
      def.fields[name]?.secret && typeof v === "string" && v.length >= 8 ? [v] : [];
    for (const name of def.requiredFields) {
      const { [name]: _dropped, ...rest } = valid as Record<string, unknown>;
      out.push({ label: `${def.type}: ${name} missing`, inputs: rest, property: name, secrets: [] });
    }
    for (const [name, spec] of Object.entries(def.fields)) {
      const kind = kindOf(spec);
      for (const [what, value] of [...CANDIDATES[kind], ...CANDIDATES.any]) {
        if (spec.schema.safeParse(value).success) continue;
        out.push({
          label: `${def.type}: ${name} ${what}`,
          inputs: { ...valid, [name]: value },
          property: name,
          secrets: secretsOf(value, name),
        });
      }
    }
    const foreign = definitions.flatMap((d) => Object.keys(d.fields)).find((f) => !(f in def.fields));
    if (foreign)
      out.push({
        label: `${def.type}: a field of another type (${foreign})`,
        inputs: { ...valid, [foreign]: "x-0123456789" },
        property: foreign,
        secrets: [],
      });
    out.push({
      label: `${def.type}: an unknown key`,
      inputs: { ...valid, colour: "blue" },
      property: "colour",
      secrets: [],
    });
  }
  const slack = { type: "SLACK", apiToken: "xoxb-valid-0000-0000", teamName: "ops" };
  for (const [what, groupId] of [
    ["missing", undefined],
    ["empty", ""],
    ["too short", "5f00000000000001"],
    ["too long", "5f00000000000000000000011"],
    ["not hex", "5f000000000000000000000g"],
    ["with a space", " 5f0000000000000000000001"],
    ["a number", 5],
    ["null", null],
    ["a path", "../5f0000000000000000000001"],
    ["a URL", "https://om.example.com/5f0000000000000000000001"],
  ] as const) {
    out.push({ label: `groupId ${what}`, inputs: { ...slack, groupId }, property: "groupId", secrets: [] });
  }
  for (const [what, type] of [
    ["missing", undefined],
    ["empty", ""],
    ["lower case", "slack"],
    ["misspelt", "SLAK"],
    ["a number", 7],
    ["null", null],
    ["__proto__", "__proto__"],
    ["an Atlas-only type", "MICROSOFT_TEAMS_OAUTH"],
  ] as const) {
    out.push({
      label: `type ${what}`,
      inputs: { groupId: DEFAULT_GROUP_ID, apiToken: "xoxb-valid-0000-0000", teamName: "ops", type },
      property: "type",
      secrets: [],
    });
  }
  for (const [what, value] of [
    ["a string", "yes"],
    ["a number", 1],
  ] as const) {
    out.push({
      label: `adoptExisting ${what}`,
      inputs: { groupId: DEFAULT_GROUP_ID, ...slack, adoptExisting: value },
      property: "adoptExisting",
      secrets: [],
    });
  }
  for (const [what, value] of [
    ["an object", { v: 1 }],
    ["a boolean", true],
    ["an array", [1]],
  ] as const) {
    out.push({
      label: `secretVersion ${what}`,
      inputs: { groupId: DEFAULT_GROUP_ID, ...slack, secretVersion: value },
      property: "secretVersion",
      secrets: [],
    });
  }
  return out;
}

/** An arbitrary value the field's schema accepts (drawn by kind, then filtered by the schema itself). */
function validValue(spec: FieldSpec): fc.Arbitrary<unknown> {
  const kind = kindOf(spec);
  const base: fc.Arbitrary<unknown> =
    kind === "boolean"
      ? fc.boolean()
      : kind === "enum"
        ? fc.constantFrom(...enumValues(spec))
        : kind === "url"
          ? fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true, withFragments: true })
          : fc.oneof(
              fc.string({ minLength: 1, maxLength: 40 }),
              fc.string({ unit: "grapheme", minLength: 1, maxLength: 200 }),
              fc.string({ minLength: 1000, maxLength: 1024 }),
            );
  // A mask (three asterisks or more) in a secret field passes the schema but fails check on purpose.
  return base.filter((v) => spec.schema.safeParse(v).success && !(spec.secret && isMasked(v)));
}

/**
 * Inputs of one type that check accepts: required fields always (conditionally required ones when their condition
 * holds), optional ones sometimes, common keys too.
 */
export function acceptedInputs(def: AnyIntegration): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(Object.entries(def.fields).map(([n, spec]) => [n, validValue(spec)]));
  return fc
    .record(
      {
        ...fields,
        groupId: fc.stringMatching(/^[0-9a-fA-F]{24}$/),
        adoptExisting: fc.boolean(),
        secretVersion: fc.oneof(fc.string(), fc.integer()),
      },
      { requiredKeys: [...def.requiredFields, "groupId"] as never[] },
    )
    // A field required only in some configurations (Prometheus's tlsPemPath when scheme is https) is there then.
    .filter((r: Record<string, unknown>) =>
      (def.requiredWhen ?? []).every((rule) => r[rule.when.field] !== rule.when.equals || r[rule.field] !== undefined),
    )
    .map((r) => ({ ...r, type: def.type }));
}
