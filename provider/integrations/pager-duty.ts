import { defineIntegration } from "./define";
import { field } from "./field";
import { ALL_OPS_MANAGER, CLOUD_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const pagerDuty = defineIntegration({
  type: "PAGER_DUTY",
  label: "PagerDuty",
  docsUrl: PAGES.omCurrent,
  documented: [ALL_OPS_MANAGER, CLOUD_MANAGER],
  fields: {
    serviceKey: field.text("PagerDuty integration key (Events API v2; an existing Events API v1 key keeps working).", { secret: true }),
  },
  example: { serviceKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" },
});
