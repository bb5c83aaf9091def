import { defineIntegration } from "./define";
import { field } from "./field";

/** @see https://www.mongodb.com/docs/ops-manager/current/tutorial/prometheus-integration/ */
export const prometheus = defineIntegration({
  type: "PROMETHEUS",
  label: "Prometheus",
  docsUrl: "https://www.mongodb.com/docs/ops-manager/current/tutorial/prometheus-integration/",
  fields: {
    username: field.text("User name Prometheus authenticates with to scrape and discover targets."),
    // The server never returns it, so refresh cannot see it change: bump secretVersion to re-send it.
    password: field.text("Password for that user.", { secret: true, writeOnly: true }),
    serviceDiscovery: field.requiredChoice(["http", "file"], "How Prometheus discovers the targets."),
    scheme: field.requiredChoice(["http", "https"], "Scheme Prometheus scrapes with."),
    listenAddress: field.optionalText("Address and port the agents serve metrics on.", { serverDefault: "0.0.0.0:9216" }),
    tlsPemPath: field.optionalText("PEM file the agents use for TLS when scheme is https."),
    enabled: field.requiredFlag("Whether the agents expose metrics."),
  },
  example: { username: "prom-scraper", password: "prom-password-0123", serviceDiscovery: "http", scheme: "https", enabled: false },
  notes: "Ops Manager 6.0.7+. password is write-only: change secretVersion to re-send it after a rotation. The resource's endpoints.discoveryUrl is Prometheus's http_sd URL.",
  endpoints: ({ serverUrl, groupId }) => ({ discoveryUrl: `${serverUrl}/prometheus/v1.0/groups/${groupId}/discovery` }),
});
