import type { IntegrationContext } from "./api-context";
import { apiError } from "./errors";

/**
 * Refuses to create, through the API, a type the docs say must first be configured in the UI (Slack: "must be
 * initially configured, or updated from a legacy integration, through the ... third-party service integrations
 * page", https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-create/),
 * unless the `slackCreate` setting is `allow`. The docs name no error for this: the status and code are a guess
 * (the integrations' validation error, INTEGRATION_FIELDS_INVALID 400), the detail repeats the docs' sentence.
 */
export function refuseUiOnlyCreate(ctx: IntegrationContext): void {
  if (!ctx.def.createdInUiOnly || ctx.state.settings.slackCreate === "allow") return;
  throw apiError(
    "INTEGRATION_FIELDS_INVALID",
    [`${ctx.type} integrations must be initially configured through the third-party service integrations page; the API only reconfigures an existing one.`],
    { parameters: ["type"] },
  );
}
