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
export interface DiffProto {
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
/** A gRPC service definition: each method's wire path (`/pulumirpc.ResourceProvider/Configure`). */
type ServiceDefinition = Record<string, { path?: unknown } | undefined>;
export interface GrpcServerClass {
  prototype: { addService(service: ServiceDefinition, implementation: Implementation): void };
}

/** The two methods of Pulumi's ResourceProvider service the framework leaves short, by wire path. */
const CONFIGURE_PATH = "/pulumirpc.ResourceProvider/Configure";
const READ_PATH = "/pulumirpc.ResourceProvider/Read";
const DIFF_PATH = "/pulumirpc.ResourceProvider/Diff";

/**
 * Serves `plugin` with Pulumi's Node.js provider framework (`provider.main`), which prints the port the engine
 * connects to. Three gaps of the framework (checked in @pulumi/pulumi 3.248.0 and 3.276.0) are closed by wrapping
 * three methods of its gRPC service while `main` registers it (see {@link hookProviderServer}). The gRPC and
 * protobuf modules are the framework's own copies, resolved from its folder.
 */
export async function serve(plugin: OpsManagerPlugin, args: string[]): Promise<void> {
  const frameworkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const load = (id: string) => require(require.resolve(id, { paths: [frameworkDir] }));
  const grpc = load("@grpc/grpc-js") as { Server: GrpcServerClass };
  const { Struct } = load("google-protobuf/google/protobuf/struct_pb") as { Struct: new () => unknown };
  const { version } = load("@pulumi/pulumi/package.json") as { version: string };
  const diffProto = load("@pulumi/pulumi/proto/provider_pb") as DiffProto;
  const hook = hookProviderServer(grpc.Server, plugin, () => new Struct(), version, diffProto);
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
 * - Diff (given `diffProto`): the framework's DiffResult carries changes, replaces and deleteBeforeReplace only,
 *   so the engine would show `pulumi preview --diff` as the difference of old and new inputs, where every secret
 *   prints `[secret]` and a drift found by refresh is invisible (the stored inputs still equal the program's).
 *   Diff is answered here, as the framework does, plus the detailed diff `plugin.diff` names (and the changed
 *   top-level keys, which the protocol asks to match it). Without it the framework's answer stands.
 *
 * `verify` throws, naming the SDK version, unless both were wrapped: a framework that registers its service some
 * other way would otherwise serve a plugin that never learns its settings ("opsmanager:baseUrl is missing").
 */
export function hookProviderServer(
  server: GrpcServerClass,
  plugin: Pick<OpsManagerPlugin, "configure"> & Partial<Pick<OpsManagerPlugin, "diff">>,
  emptyStruct: () => unknown,
  sdkVersion: string,
  diffProto?: DiffProto,
): { restore(): void; verify(): void } {
  const proto = server.prototype;
  const addService = proto.addService;
  const wrapped = new Set<string>();
  proto.addService = function (service, implementation) {
    const { configure, read, diff } = implementation;
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
    const answer = plugin.diff?.bind(plugin);
    if (diff && answer && diffProto && service.diff?.path === DIFF_PATH) {
      implementation.diff = (call, callback) => {
        answerDiff(answer, diffProto, call.request).then(
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

/** The Diff answer: the framework's fields, and the detailed diff with the top-level keys it names. */
async function answerDiff(diff: OpsManagerPlugin["diff"], proto: DiffProto, req: DiffRequest): Promise<unknown> {
  const result = await diff(req.getId(), req.getUrn(), req.getOlds().toJavaScript(), req.getNews().toJavaScript());
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
