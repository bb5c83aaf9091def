/**
 * The provider's runtime, loaded by package name (`pulumi-opsmanager-integrations/runtime`) inside each method of
 * {@link OpsManagerIntegrationProvider}. Nothing here is ever serialized into state, so a new version of the
 * package takes effect for existing resources on the next refresh or destroy.
 */
import type * as pulumi from "@pulumi/pulumi";
import { check as checkInputs } from "./check";
import { create as createIntegration } from "./create";
import { diff as diffProps } from "./diff";
import { withFingerprintKey } from "./fingerprint";
import { read as readIntegration } from "./read";
import { remove } from "./remove";
import { configure as configureHolder, sessionOf, type SessionHolder } from "./session";
import { targetFrom } from "./target";
import { update as updateIntegration } from "./update";

type Props = Record<string, unknown>;

export function configure(holder: SessionHolder, req: pulumi.dynamic.ConfigureRequest): void {
  configureHolder(holder, (key) => req.config.get(key));
}
export async function check(holder: SessionHolder, olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const result = checkInputs(news, targetFrom(holder.readConfig ?? (() => undefined), process.env));
  // The resource's fingerprint key: kept from the old inputs so stored fingerprints stay comparable.
  return { ...result, inputs: withFingerprintKey(olds ?? {}, result.inputs ?? news) };
}
export async function diff(_holder: SessionHolder, _id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  return diffProps(olds, news);
}
export async function create(holder: SessionHolder, inputs: Props): Promise<pulumi.dynamic.CreateResult> {
  return createIntegration(sessionOf(holder), inputs);
}
export async function read(holder: SessionHolder, id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  return readIntegration(sessionOf(holder), id, props);
}
export async function update(holder: SessionHolder, _id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
  return updateIntegration(sessionOf(holder), olds, news);
}
export async function destroy(holder: SessionHolder, _id: string, props: Props): Promise<void> {
  return remove(sessionOf(holder), props);
}
