// A Datadog and a webhook integration of one Ops Manager project, from Go.
//
// The connection to Ops Manager is stack config (opsmanager:baseUrl, :publicKey, :privateKey), read by the
// opsmanager plugin itself: it never appears here. Secrets come from `pulumi config set --secret`; the plugin stores
// every secret field as a Pulumi secret even when it is passed as a plain string.
package main

import (
	"github.com/opsmanager-integrations/pulumi-opsmanager-integrations/sdk/go/opsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		groupID := cfg.Require("groupId")

		// Metrics to Datadog's EU site.
		datadog, err := opsmanager.NewIntegration(ctx, "datadog", &opsmanager.IntegrationArgs{
			GroupId: pulumi.String(groupID),
			Type:    opsmanager.IntegrationType("DATADOG"),
			ApiKey:  cfg.RequireSecret("datadogApiKey"),
			Region:  pulumi.String("EU"),
		})
		if err != nil {
			return err
		}

		// Alerts to an HTTP endpoint, signed with a shared secret when one is set.
		webhookArgs := &opsmanager.IntegrationArgs{
			GroupId: pulumi.String(groupID),
			Type:    opsmanager.IntegrationType("WEBHOOK"),
			Url:     cfg.RequireSecret("webhookUrl"),
		}
		if signing, err := cfg.TrySecret("webhookSecret"); err == nil {
			webhookArgs.Secret = signing
		}
		webhook, err := opsmanager.NewIntegration(ctx, "alerts-webhook", webhookArgs)
		if err != nil {
			return err
		}

		ctx.Export("datadogIntegrationId", datadog.IntegrationId)
		ctx.Export("webhookIntegrationId", webhook.IntegrationId)
		return nil
	})
}
