import type * as pulumi from "@pulumi/pulumi";
import type * as Runtime from "./runtime";
import type { Session } from "./session";

/**
 * The dynamic provider for {@link OpsManagerIntegration}. Pulumi serializes this object into every resource's
 * state, so it is deliberately thin: each method loads the runtime by package name when called and holds no
 * schema, HTTP client or credentials. Constructible with no arguments, so tests and scripts can drive it directly.
 */
export class OpsManagerIntegrationProvider implements pulumi.dynamic.ResourceProvider {
  /** How to read stack config; set by `configure` inside the provider process, never serialized. */
  declare readConfig?: (key: string) => string | undefined;
  /** The open connection; created on first use inside the provider process, never serialized. */
  declare session?: Session;

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return (require("pulumi-opsmanager-integrations/runtime") as typeof Runtime).configure(this, req);
  }
  async check(olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    return (require("pulumi-opsmanager-integrations/runtime") as typeof Runtime).check(this, olds, news);
  }
  async diff(id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
    return (require("pulumi-opsmanager-integrations/runtime") as typeof Runtime).diff(this, id, olds, news);
  }
  async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    return (require("pulumi-opsmanager-integrations/runtime") as typeof Runtime).create(this, inputs);
  }
  async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
    return (require("pulumi-opsmanager-integrations/runtime") as typeof Runtime).read(this, id, props);
  }
  async update(id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
    return (require("pulumi-opsmanager-integrations/runtime") as typeof Runtime).update(this, id, olds, news);
  }
  async delete(id: string, props: any): Promise<void> {
    return (require("pulumi-opsmanager-integrations/runtime") as typeof Runtime).destroy(this, id, props);
  }
}
