import { defineIntegration } from "./define";
import { field } from "./field";
import { PAGES } from "./availability";

/** @see https://app.unpkg.com/awscdk-resources-mongodbatlas@3.13.1/files/lib/l2-resources/third-party-integration/microsoftTeamsIntegration.d.ts */
export const microsoftTeams = defineIntegration({
  type: "MICROSOFT_TEAMS",
  label: "Microsoft Teams",
  docsUrl: "https://www.mongodb.com/docs/atlas/tutorial/third-party-service-integrations/",
  documented: [{ product: "atlas", url: PAGES.atlasTeams }],
  fields: {
    // The incoming-webhook URL carries the channel's credential in its path.
    microsoftTeamsWebhookUrl: field.url("Incoming webhook URL of the Teams channel.", { secret: true }),
  },
  example: { microsoftTeamsWebhookUrl: "https://example.webhook.office.com/webhookb2/0123-4567/IncomingWebhook/89ab/cdef" },
  notes: "Documented for Atlas only: no Ops Manager or Cloud Manager page lists MICROSOFT_TEAMS, so expect a server to refuse it.",
});
