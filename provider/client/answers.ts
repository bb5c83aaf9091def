import { z } from "zod";
import type { ApiAnswer } from "./send-request";
import { toApiError } from "./to-api-error";
import type { ServerIntegration } from "./types";

/*
 * Reading 2xx answers: the wire shapes this client accepts, and the one way a malformed answer becomes an error.
 * Module-level schemas are fine here: the provider loads the client by package name inside its methods, so they
 * are never captured into a serialized closure.
 */

/** One integration as the server shows it: `type` is required, `id` optional; other fields pass through. */
export const serverIntegrationSchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
});

/** A page of integrations (GET list; POST and PUT answer with one too). */
export const integrationPageSchema = z.looseObject({
  results: z.array(z.unknown()),
  totalCount: z.number().int().nonnegative().optional(),
});

/** A malformed 2xx answer as an INVALID_RESPONSE ApiError; `problem` must not quote the body (it may hold secrets). */
export function invalidAnswer(answer: ApiAnswer, problem: string, showBody = false) {
  return toApiError(
    { kind: "invalid", status: answer.status, problem, ...(showBody ? { body: answer.body } : {}) },
    { method: answer.method, url: answer.url, attempts: answer.attempts, secrets: answer.secrets, retriable: false, maybeApplied: answer.method !== "GET" },
  );
}

/**
 * The JSON of a 2xx answer validated by `schema`, or an INVALID_RESPONSE ApiError. JSON.parse's own message is
 * not used (it quotes the input), and only non-JSON bodies (HTML pages, text) are excerpted: a JSON body may
 * carry other integrations' secrets from servers that do not mask them.
 */
export function parseAnswer<S extends z.ZodType>(answer: ApiAnswer, schema: S, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(answer.body);
  } catch {
    const looksJson = /^\s*[[{"]/.test(answer.body);
    throw invalidAnswer(answer, `${what} expected, but the body is not JSON`, !looksJson);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? issue.path.map(String).join(".") : "(body)";
    throw invalidAnswer(answer, `${what} expected, but ${path}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** One list entry as a {@link ServerIntegration}; a malformed entry throws, naming where it is in the answer. */
export function toServerIntegration(entry: unknown, answer: ApiAnswer, where: string): ServerIntegration {
  const parsed = serverIntegrationSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = [where, ...(issue?.path ?? []).map(String)].join(".");
    throw invalidAnswer(answer, `an integration expected at ${where}, but ${path}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}
