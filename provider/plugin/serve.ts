import path from "node:path";
import * as provider from "@pulumi/pulumi/provider";
import type { OpsManagerPlugin } from "./plugin-provider";
import type { Props } from "./wire";

type Callback = (err: unknown, value?: unknown) => void;
type Method<R> = (call: { request: R }, callback: Callback) => void;
interface ConfigureRequest {
  getArgs(): { toJavaScript(): Props } | undefined;
}
interface ReadRequest {
  getProperties(): unknown;
  setProperties(value: unknown): void;
}
type Implementation = Record<string, unknown> & { configure?: Method<ConfigureRequest>; read?: Method<ReadRequest> };
/** A gRPC service definition: each method's wire path (`/pulumirpc.ResourceProvider/Configure`). */
type ServiceDefinition = Record<string, { path?: unknown } | undefined>;
export interface GrpcServerClass {
  prototype: { addService(service: ServiceDefinition, implementation: Implementation): void };
}

/** The two methods of Pulumi's ResourceProvider service the framework leaves short, by wire path. */
const CONFIGURE_PATH = "/pulumirpc.ResourceProvider/Configure";
const READ_PATH = "/pulumirpc.ResourceProvider/Read";

/**
 * Serves `plugin` with Pulumi's Node.js provider framework (`provider.main`), which prints the port the engine
 * connects to. Two gaps of the framework (checked in @pulumi/pulumi 3.248.0 and 3.276.0) are closed by wrapping
 * two methods of its gRPC service while `main` registers it (see {@link hookProviderServer}). The gRPC and
 * protobuf modules are the framework's own copies, resolved from its folder.
 */
export async function serve(plugin: OpsManagerPlugin, args: string[]): Promise<void> {
  const frameworkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const load = (id: string) => require(require.resolve(id, { paths: [frameworkDir] }));
  const grpc = load("@grpc/grpc-js") as { Server: GrpcServerClass };
  const { Struct } = load("google-protobuf/google/protobuf/struct_pb") as { Struct: new () => unknown };
  const { version } = load("@pulumi/pulumi/package.json") as { version: string };
  const hook = hookProviderServer(grpc.Server, plugin, () => new Struct(), version);
  try {
    await provider.main(plugin, args);
  } finally {
    hook.restore();
  }
  hook.verify();
}

/**
 * Wraps `addService` of the gRPC server class so that, when the framework registers the ResourceProvider service:
 *
 * - Configure: the framework answers it (accepting secrets) but never passes the request on, and its Provider
 *   interface has no configure, so the plugin could not learn the `opsmanager:*` settings. The request's `args`
 *   (the stack config of the `opsmanager` namespace, secrets wrapped) go to `plugin.configure` first.
 * - Read: `pulumi import` sends no properties, and the framework then fails on `undefined.toJavaScript()`. An
 *   empty property struct is put in their place.
 *
 * `verify` throws, naming the SDK version, unless both were wrapped: a framework that registers its service some
 * other way would otherwise serve a plugin that never learns its settings ("opsmanager:baseUrl is missing").
 */
export function hookProviderServer(
  server: GrpcServerClass,
  plugin: Pick<OpsManagerPlugin, "configure">,
  emptyStruct: () => unknown,
  sdkVersion: string,
): { restore(): void; verify(): void } {
  const proto = server.prototype;
  const addService = proto.addService;
  const wrapped = new Set<string>();
  proto.addService = function (service, implementation) {
    const { configure, read } = implementation;
    if (configure && service.configure?.path === CONFIGURE_PATH) {
      implementation.configure = (call, callback) => {
        try {
          plugin.configure(call.request.getArgs()?.toJavaScript() ?? {});
        } catch (err) {
          callback(err);
          return;
        }
        configure.call(implementation, call, callback);
      };
      wrapped.add(CONFIGURE_PATH);
    }
    if (read && service.read?.path === READ_PATH) {
      implementation.read = (call, callback) => {
        if (!call.request.getProperties()) call.request.setProperties(emptyStruct());
        read.call(implementation, call, callback);
      };
      wrapped.add(READ_PATH);
    }
    return addService.call(this, service, implementation);
  };
  return {
    restore: () => {
      proto.addService = addService;
    },
    verify: () => {
      const missing = [CONFIGURE_PATH, READ_PATH].filter((p) => !wrapped.has(p));
      if (missing.length > 0)
        throw new Error(
          `the opsmanager plugin does not support @pulumi/pulumi ${sdkVersion}: its provider server registered no ` +
            `${missing.join(" or ")} method the plugin could hook (supported: 3.248.0 to 3.276.0), so stack ` +
            `config would never reach it; install a supported @pulumi/pulumi`,
        );
    },
  };
}
