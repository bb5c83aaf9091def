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
    serviceKey: field.text(
      "PagerDuty integration key. Current pages: Events API v2 keys (an existing Events API v1 key keeps working); Ops Manager up to 6.0: Events API v1 keys only, v2 not supported.",
      { secret: true },
    ),
  },
  example: { serviceKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" },
  onChange: {
    serviceKey:
      "\"Changing the Integration Key doesn't change any alerts that use this integration. Those alerts still use the previous " +
      "Integration Key. Remove and re-add each PagerDuty notification to use the new key.\" " +
      "(https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/)",
  },
});
