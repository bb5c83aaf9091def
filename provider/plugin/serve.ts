import path from "node:path";
import * as provider from "@pulumi/pulumi/provider";
import type { DetailedDiff, OpsManagerPlugin } from "./plugin-provider";
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
interface DiffRequest {
  getId(): string;
  getUrn(): string;
  getOlds(): { toJavaScript(): Props };
  getNews(): { toJavaScript(): Props };
}
type Implementation = Record<string, unknown> & {
  configure?: Method<ConfigureRequest>;
  read?: Method<ReadRequest>;
  diff?: Method<DiffRequest>;
};
/** The protobuf messages of a Diff answer (the framework's provider_pb), as far as used here. */
interface DiffProto {
  DiffResponse: (new () => {
    setChanges(v: number): void;
    setReplacesList(v: string[]): void;
    setDeletebeforereplace(v: boolean): void;
    setDiffsList(v: string[]): void;
    setHasdetaileddiff(v: boolean): void;
    getDetaileddiffMap(): { set(key: string, value: unknown): void };
  }) & { DiffChanges: Record<"DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME", number> };
  PropertyDiff: (new () => { setKind(v: number): void; setInputdiff(v: boolean): void }) & {
    Kind: Record<DetailedDiff[string]["kind"], number>;
  };
}
interface GrpcServerClass {
  prototype: { addService(service: unknown, implementation: Implementation): void };
}

/**
 * Serves `plugin` with Pulumi's Node.js provider framework (`provider.main`), which prints the port the engine
 * connects to. Three gaps of the framework (checked in @pulumi/pulumi 3.248.0 and 3.276.0) are closed by wrapping
 * three methods of its gRPC service while `main` registers it, each then answering as the framework does:
 *
 * - Configure: the framework answers it (accepting secrets) but never passes the request on, and its Provider
 *   interface has no configure, so the plugin could not learn the `opsmanager:*` settings. The request's `args`
 *   (the stack config of the `opsmanager` namespace, secrets wrapped) go to `plugin.configure` first.
 * - Read: `pulumi import` sends no properties, and the framework then fails on `undefined.toJavaScript()`. An
 *   empty property struct is put in their place.
 * - Diff: the framework's DiffResult carries changes, replaces and deleteBeforeReplace only, so the engine would
 *   show `pulumi preview --diff` as the difference of old and new inputs, where every secret prints `[secret]` and a
 *   drift found by refresh is invisible (the stored inputs still equal the program's). Diff is answered here, as
 *   the framework does plus the detailed diff `plugin.diff` names (and the changed top-level keys, which the
 *   protocol asks to match it).
 *
 * The gRPC and protobuf modules are the framework's own copies, resolved from its folder.
 */
export async function serve(plugin: OpsManagerPlugin, args: string[]): Promise<void> {
  const frameworkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const load = (id: string) => require(require.resolve(id, { paths: [frameworkDir] }));
  const grpc = load("@grpc/grpc-js") as { Server: GrpcServerClass };
  const { Struct } = load("google-protobuf/google/protobuf/struct_pb") as { Struct: new () => unknown };
  const diffProto = load("@pulumi/pulumi/proto/provider_pb") as DiffProto;
  const proto = grpc.Server.prototype;
  const addService = proto.addService;
  proto.addService = function (service, implementation) {
    const { configure, read, diff } = implementation;
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
    if (diff) {
      implementation.diff = (call, callback) => {
        answerDiff(plugin, diffProto, call.request).then(
          (resp) => callback(undefined, resp),
          (err: unknown) => {
            console.error(`${String(err)}: ${(err as Error)?.stack ?? ""}`);
            callback(err);
          },
        );
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

/** The Diff answer: the framework's fields, and the detailed diff with the top-level keys it names. */
async function answerDiff(plugin: OpsManagerPlugin, proto: DiffProto, req: DiffRequest): Promise<unknown> {
  const result = await plugin.diff(req.getId(), req.getUrn(), req.getOlds().toJavaScript(), req.getNews().toJavaScript());
  const resp = new proto.DiffResponse();
  const { DIFF_SOME, DIFF_NONE, DIFF_UNKNOWN } = proto.DiffResponse.DiffChanges;
  resp.setChanges(result.changes === true ? DIFF_SOME : result.changes === false ? DIFF_NONE : DIFF_UNKNOWN);
  if (result.replaces && result.replaces.length > 0) resp.setReplacesList([...result.replaces]);
  if (result.deleteBeforeReplace) resp.setDeletebeforereplace(true);
  if (result.detailedDiff) {
    const map = resp.getDetaileddiffMap();
    for (const [path, { kind, inputDiff }] of Object.entries(result.detailedDiff)) {
      const entry = new proto.PropertyDiff();
      entry.setKind(proto.PropertyDiff.Kind[kind]);
      entry.setInputdiff(inputDiff);
      map.set(path, entry);
    }
    resp.setDiffsList(Object.keys(result.detailedDiff));
    resp.setHasdetaileddiff(true);
  }
  return resp;
}
