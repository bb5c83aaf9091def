import { defineIntegration } from "./define";
import { field } from "./field";
import { PAGES } from "./availability";

/** @see https://app.unpkg.com/awscdk-resources-mongodbatlas@3.13.1/files/lib/l2-resources/third-party-integration/microsoftTeamsIntegration.d.ts */
export const microsoftTeams = defineIntegration({
  type: "MICROSOFT_TEAMS",
  label: "Microsoft Teams",
  docsUrl: "https://www.mongodb.com/docs/atlas/tutorial/third-party-service-integrations/",
  // Atlas lists it; Cloud Manager's and Ops Manager's (`-onprem`) request-body extracts document its body, while
  // their {INTEGRATION-TYPE} lists leave it out.
  documented: [
    { product: "atlas", url: PAGES.atlasTeams },
    { product: "cloud-manager", url: PAGES.bodyExtracts, bodyOnly: { typeListUrl: PAGES.cloudManager } },
    { product: "ops-manager", url: PAGES.bodyExtracts, bodyOnly: { typeListUrl: PAGES.omCurrent } },
  ],
  fields: {
    // The incoming-webhook URL carries the channel's credential in its path.
    microsoftTeamsWebhookUrl: field.url("Incoming webhook URL of the Teams channel.", { secret: true }),
  },
  example: { microsoftTeamsWebhookUrl: "https://example.webhook.office.com/webhookb2/0123-4567/IncomingWebhook/89ab/cdef" },
  notes:
    "In Atlas's type list; Cloud Manager and Ops Manager document a microsoftTeamsWebhookUrl body but leave MICROSOFT_TEAMS out of their type lists: preview warns naming both pages and the server decides (a refusal at up names the type).",
});
