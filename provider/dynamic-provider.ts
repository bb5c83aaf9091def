import type * as pulumi from "@pulumi/pulumi";
import type * as Lifecycle from "./lifecycle";
import type { Session } from "./session";

/** Loaded when a method is called, by package name, so the serialized provider holds no code of its own. */
const lifecycle = () => (require("pulumi-opsmanager-integrations/lifecycle") as typeof Lifecycle).lifecycle;

/**
 * The dynamic provider for {@link OpsManagerIntegration}. Pulumi serializes the provider object into every
 * resource's state; its one instance lives in instance.ts, whose whole export it is, so state holds only
 * `require("pulumi-opsmanager-integrations/instance")`. Each method hands over to the lifecycle (lifecycle.ts)
 * and holds no schema, HTTP client or credentials.
 */
export class OpsManagerIntegrationProvider implements pulumi.dynamic.ResourceProvider {
  /** How to read stack config; set by `configure` inside the provider process, never serialized. */
  declare readConfig?: (key: string) => string | undefined;
  /** The open connection; created on first use inside the provider process, never serialized. */
  declare session?: Session;

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return lifecycle().configure(this, req);
  }
  async check(olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    return lifecycle().check(this, olds, news);
  }
  async diff(id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
    return lifecycle().diff(this, id, olds, news);
  }
  async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    return lifecycle().create(this, inputs);
  }
  async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
    return lifecycle().read(this, id, props);
  }
  async update(id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
    return lifecycle().update(this, id, olds, news);
  }
  async delete(id: string, props: any): Promise<void> {
    return lifecycle().delete(this, id, props);
  }
}
