import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import type { AnyIntegration } from "../../provider/integrations/registry";

/** A unique value planted where a secret goes; its `core` never appears anywhere by chance. */
export interface Canary {
  readonly label: string;
  readonly value: string;
  /** The part searched for: a mask or a fingerprint may show the last four characters, never this. */
  readonly core: string;
}

/** A fresh canary; URL-shaped for URL fields. `tail` becomes the last four characters. */
export function canary(label: string, kind: "text" | "url" | "key", tail: string): Canary {
  const core = `cnry${randomBytes(8).toString("hex")}`;
  const value =
    kind === "url"
      ? `https://hooks.example.com/c/${core}-${tail}`
      : kind === "key"
        ? `${core}${tail}`
        : `${core}-${tail}`;
  return { label, value, core };
}

/** A canary for every secret field of `def`, accepted by that field's schema. */
export function canariesFor(def: AnyIntegration, generation: number): Record<string, Canary> {
  const out: Record<string, Canary> = {};
  for (const name of def.secretFields) {
    const tail = `g${String(generation).padStart(3, "0")}`;
    const url = canary(`${def.type}.${name}`, "url", tail);
    const text = canary(`${def.type}.${name}`, "text", tail);
    out[name] = def.fields[name]?.schema.safeParse(text.value).success ? text : url;
  }
  return out;
}

/** Where a canary was found. */
export interface Finding {
  readonly output: string;
  readonly line: number;
  readonly canary: string;
  /** The line, with every canary replaced by its label: safe to print. */
  readonly excerpt: string;
}

/**
 * Collects every text a user or a log could see (CLI output, state exports, errors) and looks for the canaries in
 * the forms a leak takes: raw (JSON-escaped is the same for these characters), URL-encoded and base64.
 */
export class SecretScanner {
  private canaries: Canary[] = [];
  readonly findings: Finding[] = [];
  bytes = 0;
  outputs = 0;

  watch(...canaries: Canary[]): void {
    this.canaries.push(...canaries);
  }

  private needles(c: Canary): string[] {
    return [
      c.core,
      encodeURIComponent(c.value),
      Buffer.from(c.value).toString("base64").slice(0, -4),
      Buffer.from(c.core).toString("hex"),
    ];
  }

  /** Scans one output; `name` says which (command, stream). */
  scan(name: string, text: string): void {
    this.outputs += 1;
    this.bytes += Buffer.byteLength(text);
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      for (const c of this.canaries) {
        if (this.needles(c).some((n) => line.includes(n))) {
          this.findings.push({ output: name, line: i + 1, canary: c.label, excerpt: this.redact(line).slice(0, 400) });
        }
      }
    });
  }

  /** Scans everything reachable from a thrown value: message, stack, JSON, util.inspect (hidden fields, causes). */
  scanError(name: string, error: unknown): void {
    const e = error as { message?: unknown; stack?: unknown };
    this.scan(`${name} (message)`, String(e?.message ?? error));
    this.scan(`${name} (stack)`, String(e?.stack ?? ""));
    this.scan(`${name} (JSON)`, safeJson(error));
    this.scan(`${name} (inspect)`, inspect(error, { depth: 20, showHidden: true, getters: true }));
  }

  private redact(line: string): string {
    let out = line;
    for (const c of this.canaries) for (const n of this.needles(c)) out = out.split(n).join(`<${c.label}>`);
    return out;
  }

  report(): string {
    return this.findings.map((f) => `${f.output}, line ${f.line}: ${f.canary}: ${f.excerpt}`).join("\n");
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (error) {
    return `(not JSON: ${String(error)})`;
  }
}
