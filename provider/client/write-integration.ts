import { ApiError, serverErrorCodes } from "../errors";
import type { IntegrationType } from "../generated/args";
import { integrationPath } from "./integration-path";
import { invalidAnswer, parseAnswer } from "./parse-answer";
import { integrationPageSchema, serverIntegrationSchema } from "./schemas";
import { secretValues } from "./secret-values";
import { sendRequest, type Transport } from "./send-request";
import { toServerIntegration } from "./to-server-integration";
import type { ServerIntegration } from "./types";

/**
 * POST (create) or PUT (upsert) `{...fields, type}` and return the entry of that type from the answer, which lists
 * every integration of the project (a bare object is accepted too). A POST that meets an existing one rejects
 * with errorCode INTEGRATION_ALREADY_CONFIGURED, even if the server's 409 body did not say so.
 */
export async function writeIntegration(
  t: Transport,
  method: "POST" | "PUT",
  groupId: string,
  type: IntegrationType,
  fields: Record<string, unknown>,
): Promise<ServerIntegration> {
  const body = { ...fields, type };
  let answer;
  try {
    answer = await sendRequest(t, { method, path: integrationPath(groupId, type), body, secrets: secretValues(type, fields) });
  } catch (error) {
    if (method === "POST" && error instanceof ApiError && error.status === 409 && !error.errorCode) {
      const code = serverErrorCodes.INTEGRATION_ALREADY_CONFIGURED;
      const again = new ApiError({ ...error.fields, errorCode: code, code });
      throw again;
    }
    throw error;
  }
  const value = parseAnswer(answer, integrationPageSchema.or(serverIntegrationSchema), `the project's integrations`);
  const entries = "results" in value && Array.isArray(value.results) ? value.results : [value];
  for (const [i, entry] of entries.entries()) {
    const found = toServerIntegration(entry, answer, `results.${i}`);
    if (found?.type === type) return found;
  }
  throw invalidAnswer(answer, `the answer lists no ${type} integration`);
}
