import { z } from "zod";

/**
 * The wire shapes this client reads, in one place. Module-level is fine here: the provider loads the client by
 * package name inside its methods, so these schemas are never captured into a serialized closure.
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

/**
 * `{detail, error, errorCode, parameters, reason}`; every field optional (a real 401 has no errorCode), and a
 * field of the wrong type is dropped rather than failing the whole body.
 */
export const errorBodySchema = z.object({
  detail: z.string().optional().catch(undefined),
  errorCode: z.string().optional().catch(undefined),
  reason: z.string().optional().catch(undefined),
  error: z.number().optional().catch(undefined),
});

export type ErrorBody = z.output<typeof errorBodySchema>;
