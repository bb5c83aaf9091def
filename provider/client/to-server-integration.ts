import { findIntegration } from "../integrations/registry";
import { invalidAnswer } from "./parse-answer";
import { serverIntegrationSchema } from "./schemas";
import type { ApiAnswer } from "./send-request";
import type { ServerIntegration } from "./types";

/**
 * One list entry as a {@link ServerIntegration}, or undefined for a type this version does not know (newer
 * servers add MICROSOFT_TEAMS, PROMETHEUS, ...: listed, but not ours to manage). A malformed entry throws.
 */
export function toServerIntegration(entry: unknown, answer: ApiAnswer, where: string): ServerIntegration | undefined {
  const parsed = serverIntegrationSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = [where, ...(issue?.path ?? []).map(String)].join(".");
    throw invalidAnswer(answer, `an integration expected at ${where}, but ${path}: ${issue?.message ?? "invalid"}`);
  }
  return findIntegration(parsed.data.type) ? (parsed.data as ServerIntegration) : undefined;
}
