import { defineIntegration } from "./define";
import { field } from "./field";
import { CLOUD_MANAGER } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/tutorial/prometheus-integration/ */
export const prometheus = defineIntegration({
  type: "PROMETHEUS",
  label: "Prometheus",
  docsUrl: "https://www.mongodb.com/docs/ops-manager/current/tutorial/prometheus-integration/",
  documented: [CLOUD_MANAGER],
  fields: {
    username: field.text("User name Prometheus authenticates with to scrape and discover targets."),
    // The server never returns it, so refresh cannot see it change: bump secretVersion to re-send it.
    password: field.text("Password for that user.", { secret: true, writeOnly: true }),
    serviceDiscovery: field.requiredChoice(["http", "file"], "How Prometheus discovers the targets."),
    scheme: field.requiredChoice(["http", "https"], "Scheme Prometheus scrapes with."),
    listenAddress: field.optionalText("Address and port the agents serve metrics on.", { serverDefault: "0.0.0.0:9216" }),
    tlsPemPath: field.optionalText("PEM file (certificate and key) the agents serve metrics over TLS with; required when scheme is https."),
    // "An optional field for the password to your PEM file" (MongoDB's Prometheus integration fields); never returned.
    tlsPemPassword: field.optionalText("Password of that PEM file, when it is encrypted.", { secret: true, writeOnly: true }),
    enabled: field.requiredFlag("Whether the agents expose metrics."),
  },
  // "If you configure https, you must specify tlsPemPath."
  requiredWhen: [{ field: "tlsPemPath", when: { field: "scheme", equals: "https" } }],
  example: {
    username: "prom-scraper",
    password: "prom-password-0123",
    serviceDiscovery: "http",
    scheme: "https",
    tlsPemPath: "/etc/mongodb/prometheus.pem",
    tlsPemPassword: "pem-password-0123",
    enabled: false,
  },
  notes:
    "Listed by Cloud Manager's API page only; Ops Manager configures Prometheus in its UI (https://www.mongodb.com/docs/ops-manager/upcoming/tutorial/prometheus-integration). tlsPemPath is required when scheme is https. password and tlsPemPassword are write-only: change secretVersion to re-send them after a rotation. The resource's endpoints.discoveryUrl is Prometheus's http_sd URL.",
  endpoints: ({ serverUrl, groupId }) => ({ discoveryUrl: `${serverUrl}/prometheus/v1.0/groups/${groupId}/discovery` }),
});
