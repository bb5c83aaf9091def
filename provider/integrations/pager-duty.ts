import { defineIntegration } from "./define";
import { field } from "./field";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const pagerDuty = defineIntegration({
  type: "PAGER_DUTY",
  label: "PagerDuty",
  docsUrl: "https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/",
  fields: {
    serviceKey: field.text("PagerDuty service key (Events API v1 integration key).", { secret: true }),
  },
  example: { serviceKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" },
  notes: "Ops Manager accepts only PagerDuty v1 keys; use WEBHOOK with PagerDuty's v2 endpoint otherwise.",
});
