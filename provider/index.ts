/**
 * pulumi-opsmanager-integrations: MongoDB Ops Manager third-party integrations as Pulumi resources.
 * @packageDocumentation
 */
export { OpsManagerIntegration } from "./resource";
export type { OpsManagerIntegrationArgs, ArgsOf, CommonArgs } from "./args";
export { OpsManagerIntegrationProvider } from "./provider";
export { integrationTypes, type IntegrationType } from "./generated/args";
export { getIntegration, listIntegrations, type IntegrationView } from "./lookups";
