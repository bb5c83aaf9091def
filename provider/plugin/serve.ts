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
interface GrpcServerClass {
  prototype: { addService(service: unknown, implementation: Implementation): void };
}

/**
 * Serves `plugin` with Pulumi's Node.js provider framework (`provider.main`), which prints the port the engine
 * connects to. Two gaps of the framework (checked in @pulumi/pulumi 3.248.0 and 3.276.0) are closed by wrapping
 * two methods of its gRPC service while `main` registers it, each then answering as the framework does:
 *
 * - Configure: the framework answers it (accepting secrets) but never passes the request on, and its Provider
 *   interface has no configure, so the plugin could not learn the `opsmanager:*` settings. The request's `args`
 *   (the stack config of the `opsmanager` namespace, secrets wrapped) go to `plugin.configure` first.
 * - Read: `pulumi import` sends no properties, and the framework then fails on `undefined.toJavaScript()`. An
 *   empty property struct is put in their place.
 *
 * The gRPC and protobuf modules are the framework's own copies, resolved from its folder.
 */
export async function serve(plugin: OpsManagerPlugin, args: string[]): Promise<void> {
  const frameworkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const load = (id: string) => require(require.resolve(id, { paths: [frameworkDir] }));
  const grpc = load("@grpc/grpc-js") as { Server: GrpcServerClass };
  const { Struct } = load("google-protobuf/google/protobuf/struct_pb") as { Struct: new () => unknown };
  const proto = grpc.Server.prototype;
  const addService = proto.addService;
  proto.addService = function (service, implementation) {
    const { configure, read } = implementation;
    if (configure) {
      implementation.configure = (call, callback) => {
        try {
          plugin.configure(call.request.getArgs()?.toJavaScript() ?? {});
        } catch (err) {
          callback(err);
          return;
        }
        configure.call(implementation, call, callback);
      };
    }
    if (read) {
      implementation.read = (call, callback) => {
        if (!call.request.getProperties()) call.request.setProperties(new Struct());
        read.call(implementation, call, callback);
      };
    }
    return addService.call(this, service, implementation);
  };
  try {
    await provider.main(plugin, args);
  } finally {
    proto.addService = addService;
  }
}
