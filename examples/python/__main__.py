"""A Datadog and a webhook integration of one Ops Manager project, from Python.

The connection to Ops Manager is stack config (opsmanager:baseUrl, :publicKey, :privateKey), read by the opsmanager
plugin itself: it never appears here. Secrets come from `pulumi config set --secret`; the plugin stores every secret
field as a Pulumi secret even when it is passed as a plain string.
"""

import pulumi
import pulumi_opsmanager as opsmanager

config = pulumi.Config()
group_id = config.require("groupId")

# Metrics to Datadog's EU site.
datadog = opsmanager.Integration(
    "datadog",
    group_id=group_id,
    type=opsmanager.IntegrationType.DATADOG,
    api_key=config.require_secret("datadogApiKey"),
    region="EU",
)

# Alerts to an HTTP endpoint, signed with a shared secret when one is set.
webhook = opsmanager.Integration(
    "alerts-webhook",
    group_id=group_id,
    type=opsmanager.IntegrationType.WEBHOOK,
    url=config.require_secret("webhookUrl"),
    secret=config.get_secret("webhookSecret"),
)

# What the server holds, secrets masked. It reads the project after the integrations are made (depends_on), so a
# preview of new integrations sends no request.
listed = opsmanager.list_integrations_output(
    group_id=group_id,
    opts=pulumi.InvokeOutputOptions(depends_on=[datadog, webhook]),
)

pulumi.export("datadogIntegrationId", datadog.integration_id)
pulumi.export("webhookIntegrationId", webhook.integration_id)
pulumi.export("integrationTypes", listed.integrations.apply(lambda views: sorted(v.type for v in views)))
