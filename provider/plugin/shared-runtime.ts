/**
 * THE one place the plugin reaches the runtime it shares with the dynamic provider (provider/runtime.ts): the same
 * lifecycle functions, on the same kind of {@link SessionHolder}, as OpsManagerIntegrationProvider calls. Every
 * other plugin file goes through this one, so a rename of the runtime is a change here only.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as runtime from "../runtime";
import { lookUpIntegration, lookUpIntegrations } from "../lookups";
import { sessionOf, type SessionHolder } from "../session";

export type { SessionHolder };
type Props = Record<string, unknown>;

/** The lifecycle operations, named after the provider protocol's methods. */
export const lifecycle = {
  /** `get(key)` answers stack config keys such as `opsmanager:baseUrl`, as the dynamic provider's configure does. */
  configure(holder: SessionHolder, get: (key: string) => unknown): void {
    const config = {
      get: (key: string) => get(key),
      require: (key: string) => {
        const value = get(key);
        if (value === undefined) throw new Error(`Missing required configuration key: ${key}`);
        return value;
      },
    };
    runtime.configure(holder, { config } as unknown as pulumi.dynamic.ConfigureRequest);
  },
  check: (holder: SessionHolder, olds: Props, news: Props) => runtime.check(holder, olds, news),
  diff: (holder: SessionHolder, id: string, olds: Props, news: Props) => runtime.diff(holder, id, olds, news),
  create: (holder: SessionHolder, inputs: Props) => runtime.create(holder, inputs),
  read: (holder: SessionHolder, id: string, props: Props) => runtime.read(holder, id, props),
  update: (holder: SessionHolder, id: string, olds: Props, news: Props) => runtime.update(holder, id, olds, news),
  delete: (holder: SessionHolder, id: string, props: Props) => runtime.destroy(holder, id, props),
};

/** The lookups of provider/lookups.ts, on the provider's session instead of the program's. */
export const lookups = {
  getIntegration: (holder: SessionHolder, args: Props) =>
    lookUpIntegration(sessionOf(holder), { groupId: args.groupId, type: args.type }),
  listIntegrations: (holder: SessionHolder, args: Props) =>
    lookUpIntegrations(sessionOf(holder), { groupId: args.groupId }),
};
