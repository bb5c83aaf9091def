import { ApiError, serverErrorCodes } from "../errors";
import type { IntegrationType } from "../generated/args";
import { integrationPath } from "./integration-path";
import { invalidAnswer, parseAnswer } from "./parse-answer";
import { serverIntegrationSchema } from "./schemas";
import { sendRequest, type Transport } from "./send-request";
import type { ServerIntegration } from "./types";

/** True for the one 404 that means "absent": other 404s (GROUP_NOT_FOUND, a wrong baseUrl) are real errors. */
export function isNotConfigured(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.errorCode === serverErrorCodes.INTEGRATION_NOT_CONFIGURED;
}

/** GET one integration; undefined when the project has none of that type. */
export async function getIntegration(t: Transport, groupId: string, type: IntegrationType): Promise<ServerIntegration | undefined> {
  let answer;
  try {
    answer = await sendRequest(t, { method: "GET", path: integrationPath(groupId, type) });
  } catch (error) {
    if (isNotConfigured(error)) return undefined;
    throw error;
  }
  const entry = parseAnswer(answer, serverIntegrationSchema, `a ${type} integration`);
  if (entry.type !== type) throw invalidAnswer(answer, `a ${type} integration expected, but the answer has type ${JSON.stringify(entry.type.slice(0, 40))}`);
  return entry as ServerIntegration;
}
