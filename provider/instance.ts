import { OpsManagerIntegrationProvider } from "./dynamic-provider";

/**
 * The provider every resource uses. It is this module's whole export on purpose: when the package is installed,
 * Pulumi's closure serializer recognises the object as a module and stores `require("…/instance")` (a few hundred
 * bytes) in state instead of the object's code.
 */
export = new OpsManagerIntegrationProvider();
