import { defineIntegration } from "./define";
import { field } from "./field";
import { CLOUD_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/tutorial/prometheus-integration/ */
export const prometheus = defineIntegration({
  type: "PROMETHEUS",
  label: "Prometheus",
  docsUrl: "https://www.mongodb.com/docs/ops-manager/current/tutorial/prometheus-integration/",
  // Cloud Manager lists it; Ops Manager documents its body (the `-onprem` request extract) and its UI since 6.0.7
  // (the tutorial), but its {INTEGRATION-TYPE} list leaves it out.
  documented: [CLOUD_MANAGER, { product: "ops-manager", since: "6.0", url: PAGES.bodyExtracts, bodyOnly: { typeListUrl: PAGES.omCurrent } }],
  fields: {
    username: field.text("User name Prometheus authenticates with to scrape and discover targets."),
    // The server never returns it, so refresh cannot see it change: bump secretVersion to re-send it.
    password: field.text("Password for that user.", { secret: true, writeOnly: true }),
    serviceDiscovery: field.requiredChoice(["http", "file"], "How Prometheus discovers the targets."),
    scheme: field.requiredChoice(["http", "https"], "Scheme Prometheus scrapes with."),
    // The API's "You must provide" list names listenAddress (Cloud Manager's request body); the UI defaults it: "The
    // default value, 0.0.0.0:9216, scrapes metrics on port 9216 on all IPv4 addresses on the local machine"
    // (https://www.mongodb.com/docs/ops-manager/v7.0/tutorial/prometheus-integration/). Optional in code, always sent.
    listenAddress: field.optionalText("Address and port the agents serve metrics on (sent as 0.0.0.0:9216, the UI's default, when left out).", {
      serverDefault: "0.0.0.0:9216",
      alwaysSent: true,
    }),
    tlsPemPath: field.optionalText("PEM file (certificate and key) the agents serve metrics over TLS with; required when scheme is https."),
    // "An optional field for the password to your PEM file" (request body); the response elements add "returned if you
    // have a password for your PEM file" (Cloud Manager's extract), so it may come back, masked or clear: refresh never
    // compares or stores it, but an update's answer that shows it after its removal proves the server kept it.
    tlsPemPassword: field.optionalText("Password of that PEM file, when it is encrypted.", { secret: true, writeOnly: true, shownWhenSet: true }),
    enabled: field.requiredFlag("Whether the agents expose metrics."),
  },
  // "If you configure https, you must specify tlsPemPath."
  requiredWhen: [{ field: "tlsPemPath", when: { field: "scheme", equals: "https" } }],
  example: {
    username: "prom-scraper",
    password: "prom-password-0123",
    serviceDiscovery: "http",
    scheme: "https",
    listenAddress: "0.0.0.0:9216",
    tlsPemPath: "/etc/mongodb/prometheus.pem",
    tlsPemPassword: "pem-password-0123",
    enabled: false,
  },
  notes:
    "Cloud Manager's type list has it; Ops Manager's does not, but its request-body extract documents a Prometheus body and its tutorial (https://www.mongodb.com/docs/ops-manager/v7.0/tutorial/prometheus-integration/) needs MongoDB Agent 12.0.15.7646 (released with Ops Manager 6.0.7): preview warns on Ops Manager and the server decides. tlsPemPath is required when scheme is https. listenAddress is in the API's required list: sent as 0.0.0.0:9216 (the UI's default) when left out. password is write-only and tlsPemPassword may be shown only while set: change secretVersion to re-send them after a rotation. The resource's endpoints.discoveryUrl is Prometheus's http_sd URL.",
  endpoints: ({ serverUrl, groupId }) => ({ discoveryUrl: `${serverUrl}/prometheus/v1.0/groups/${groupId}/discovery` }),
});
