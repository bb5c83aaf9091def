import { errorBodySchema, type ErrorBody } from "./schemas";

/** Ops Manager's error body, or undefined when the body is not a JSON object (HTML from a proxy, empty, text). */
export function parseErrorBody(text: string): ErrorBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const parsed = errorBodySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
