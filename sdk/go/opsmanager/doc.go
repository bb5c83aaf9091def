// Manage MongoDB Ops Manager third-party integrations (PagerDuty, Slack, Datadog, webhooks, ...) as code.
package opsmanager
