import { z } from "zod";

/**
 * What a field holds, declared by its builder so nothing has to read it back out of the zod schema: the public
 * argument types, the plugin schema, the emulator's masks and the conformance suite read it here.
 * - text: printable text; url: an absolute http(s) URL (a mask may keep its origin visible);
 * - choice: one of `values`; flag: a boolean.
 */
export type FieldKind =
  | { readonly kind: "text" }
  | { readonly kind: "url" }
  | { readonly kind: "choice"; readonly values: readonly [string, ...string[]] }
  | { readonly kind: "flag" };

/**
 * Everything the provider, the emulator and the docs need to know about one field of an integration.
 * The zod schema is the truth for validation; the flags say how the field travels.
 */
export type FieldSpec<S extends z.ZodType = z.ZodType> = FieldTraits<S> & FieldKind;

/** A field's traits besides its kind. */
export interface FieldTraits<S extends z.ZodType = z.ZodType> {
  /** Validates a user's input and an emulator request body. Optional fields are `.optional()`. */
  readonly schema: S;
  /** One sentence for the docs table and the JSDoc of the resource input. */
  readonly description: string;
  /** Kept as a Pulumi secret in state and previews; the server masks it in responses. */
  readonly secret: boolean;
  /** Never returned by the server (e.g. a password): refresh cannot compare it. */
  readonly writeOnly: boolean;
  /**
   * A write-only field the server may still show (masked or clear) while it holds one (Prometheus's tlsPemPassword,
   * "returned if you have a password for your PEM file"): refresh still never compares or stores what it shows,
   * but a write's answer showing it reveals the server kept it.
   */
  readonly shownWhenSet: boolean;
  /**
   * The server may leave the field out of its answers although it was sent (Slack's teamName "may not be present
   * with a legacy Slack integration"): an absent value then keeps what state holds instead of reading as drift.
   */
  readonly mayBeOmitted: boolean;
  /** What the server reports for the field when it was never sent; an absent input equals it. */
  readonly serverDefault?: string | boolean;
  /**
   * The API lists the field as required although the UI offers a default (Prometheus's listenAddress): every write
   * sends `serverDefault` when code leaves it out, and the emulator refuses a write without it.
   */
  readonly alwaysSent: boolean;
  /**
   * A server may show this secret fully redacted, no character visible: "the secret is completely redacted" (the
   * webhook secret, in the request-body extracts' `fact-webhook-redacted`); the emulator's `webhookSecret` switch
   * plays that (its default) or the last four.
   */
  readonly mayBeRedacted: boolean;
}

/** Printable text: no control characters, bounded so a stray file paste fails at preview, not on the server. */
const text = () =>
  z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .max(1024, { error: "must be at most 1024 characters" })
    .regex(/^[^\p{Cc}]*$/u, { error: "must not contain control characters (newlines, tabs, ...)" });

type Options = { secret?: boolean; writeOnly?: boolean; shownWhenSet?: boolean; mayBeOmitted?: boolean; alwaysSent?: boolean; mayBeRedacted?: boolean };

function spec<S extends z.ZodType>(
  type: FieldKind,
  schema: S,
  description: string,
  o: Options & { serverDefault?: string | boolean } = {},
): FieldSpec<S> {
  return {
    ...type,
    schema,
    description,
    secret: o.secret ?? false,
    writeOnly: o.writeOnly ?? false,
    shownWhenSet: o.shownWhenSet ?? false,
    mayBeOmitted: o.mayBeOmitted ?? false,
    mayBeRedacted: o.mayBeRedacted ?? false,
    serverDefault: o.serverDefault,
    alwaysSent: o.alwaysSent ?? false,
  };
}

const TEXT: FieldKind = { kind: "text" };
const URL_KIND: FieldKind = { kind: "url" };
const FLAG: FieldKind = { kind: "flag" };

/** Field builders used by the integration files; each returns a {@link FieldSpec}. */
export const field = {
  /** A required string. */
  text: (description: string, o?: Options) => spec(TEXT, text(), description, o),
  /** An optional string; the server reports `serverDefault` (if given) when it was not sent. */
  optionalText: (description: string, o?: Options & { serverDefault?: string }) => spec(TEXT, text().optional(), description, o),
  /** A required http(s) URL. */
  url: (description: string, o?: Options) =>
    spec(
      URL_KIND,
      text().pipe(z.url({ protocol: /^https?$/, error: "must be an absolute http:// or https:// URL" })),
      description,
      o,
    ),
  /** An optional value from a fixed set, defaulted by the server. */
  choice: <const V extends readonly [string, ...string[]]>(values: V, description: string, serverDefault?: V[number]) =>
    spec({ kind: "choice", values }, z.enum(values, { error: `must be one of ${values.join(", ")}` }).optional(), description, {
      serverDefault,
    }),
  /** A required value from a fixed set. */
  requiredChoice: <const V extends readonly [string, ...string[]]>(values: V, description: string) =>
    spec({ kind: "choice", values }, z.enum(values, { error: `must be one of ${values.join(", ")}` }), description),
  /** An optional boolean, defaulted by the server. */
  flag: (description: string, serverDefault?: boolean) =>
    spec(FLAG, z.boolean({ error: "must be true or false" }).optional(), description, { serverDefault }),
  /** A required boolean: `false` is sent and compared like any value. */
  requiredFlag: (description: string) => spec(FLAG, z.boolean({ error: "must be true or false" }), description),
};
