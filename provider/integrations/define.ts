import { z } from "zod";
import type { Documented } from "./availability";
import type { FieldSpec } from "./field";

/** The fields of one integration type, by their wire name. */
export type FieldSpecs = Record<string, FieldSpec>;

/** The wire shape of an integration's own fields (without `type`), inferred from its field schemas. */
export type FieldValues<F extends FieldSpecs> = z.output<z.ZodObject<{ -readonly [K in keyof F]: F[K]["schema"] }>>;

/** A field required only when another field has a given value (Prometheus: `tlsPemPath` when `scheme` is https). */
export interface RequiredWhen {
  readonly field: string;
  readonly when: { readonly field: string; readonly equals: unknown };
}

/** What a type file declares. */
export interface IntegrationSpec<T extends string, F extends FieldSpecs> {
  /** The wire tag: the `{INTEGRATION-TYPE}` path segment and the body's `type`. */
  readonly type: T;
  /** The vendor's name, for docs and messages. */
  readonly label: string;
  /** The Ops Manager documentation of this type's fields. */
  readonly docsUrl: string;
  /** Which products and versions document the type, each with its page (availability.ts). */
  readonly documented: readonly Documented[];
  readonly fields: F;
  /** Fields required only in some configurations; `check` and the emulator enforce them. */
  readonly requiredWhen?: readonly RequiredWhen[];
  /** A valid configuration, used by the docs, the examples and the conformance suite. */
  readonly example: FieldValues<F>;
  /**
   * The API can only reconfigure an existing integration of this type; it is first created in the Ops Manager UI
   * (Slack: "must be initially configured ... through the ... third-party service integrations page").
   */
  readonly createdInUiOnly?: boolean;
  /** Anything a user should know that the fields do not say (shown in the docs table). */
  readonly notes?: string;
  /** A warning `preview` and `up` print when the field changes (the docs' own, with its page); never the value. */
  readonly onChange?: Readonly<Partial<Record<keyof F & string, string>>>;
  /**
   * URLs the integration makes available, computed from where the server is (e.g. Prometheus's discovery URL);
   * they appear in the resource's `endpoints` output.
   */
  readonly endpoints?: (where: { readonly serverUrl: string; readonly groupId: string }) => Readonly<Record<string, string>>;
}

/** One registered integration type, with the schemas derived from its fields. */
export interface IntegrationDefinition<T extends string = string, F extends FieldSpecs = FieldSpecs>
  extends Omit<IntegrationSpec<T, F>, "example"> {
  /** The spec's example, checked against the fields where it is written; widened here so that every definition
   * is assignable to the general shape (zod's inferred types would make definitions invariant in their fields). */
  readonly example: Readonly<Record<string, unknown>>;
  /** Strict schema of the fields alone: unknown keys are rejected. */
  readonly schema: z.ZodObject;
  /** Names of the fields kept as Pulumi secrets. */
  readonly secretFields: readonly string[];
  readonly requiredFields: readonly string[];
}

/** Builds a definition from a type file's spec; the only place schemas are assembled. */
export function defineIntegration<const T extends string, const F extends FieldSpecs>(
  spec: IntegrationSpec<T, F>,
): IntegrationDefinition<T, F> {
  const entries: [string, FieldSpec][] = Object.entries(spec.fields);
  const shape = Object.fromEntries(entries.map(([n, f]) => [n, f.schema]));
  return {
    ...spec,
    schema: z.strictObject(shape),
    secretFields: entries.filter(([, f]) => f.secret).map(([n]) => n),
    requiredFields: entries.filter(([, f]) => !f.schema.safeParse(undefined).success).map(([n]) => n),
  };
}
