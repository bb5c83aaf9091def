/**
 * pulumi-opsmanager-integrations: MongoDB Ops Manager third-party integrations as Pulumi resources.
 * @packageDocumentation
 */
export { OpsManagerIntegration } from "./resource";
export { integrationTypes, type IntegrationType, type OpsManagerIntegrationArgs, type ArgsOf, type CommonArgs } from "./generated/args";
export { OpsManagerIntegrationProvider } from "./dynamic-provider";
export { getIntegration, listIntegrations, type IntegrationView } from "./lookups";
