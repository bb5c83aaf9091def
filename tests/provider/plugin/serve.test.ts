import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../../emulator/defaults";
import { hookProviderServer, type GrpcServerClass } from "../../../provider/plugin/serve";
import { useEmulator } from "../../helpers/emulator";
import { repoRoot } from "../../helpers/program-dir";
import { startChild } from "../../helpers/run";

/** The framework's own gRPC and protobuf modules, as serve.ts loads them. */
const frameworkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const load = (id: string) => require(require.resolve(id, { paths: [frameworkDir] }));
const grpc = load("@grpc/grpc-js");
const { Struct } = load("google-protobuf/google/protobuf/struct_pb");
const providerPb = load("@pulumi/pulumi/proto/provider_pb");
const { ResourceProviderClient, ResourceProviderService } = load("@pulumi/pulumi/proto/provider_grpc_pb");

const URN = "urn:pulumi:dev::p::opsmanager:index:Integration::hook";

/** Starts the plugin from source as the engine does, and resolves with it and the port it printed. */
async function startPlugin(): Promise<{ child: ChildProcess; port: number }> {
  const main = path.join(repoRoot, "provider", "plugin", "main.ts");
  const { child, ready } = await startChild("the plugin", process.execPath, ["--require", require.resolve("tsx/cjs"), main], (out) => {
    const m = /^(\d+)\n/.exec(out);
    return m ? Number(m[1]) : undefined;
  });
  return { child, port: ready };
}

const call = <T>(client: any, method: string, request: unknown) =>
  new Promise<T>((resolve, reject) => client[method](request, (e: unknown, r: T) => (e ? reject(e) : resolve(r))));

describe("plugin: serve over gRPC", () => {
  const emu = useEmulator();
  let plugin: { child: ChildProcess; port: number } | undefined;
  let client: any;
  before(async () => {
    plugin = await startPlugin();
    client = new ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
  });
  after(() => {
    client?.close();
    plugin?.child.kill();
  });

  it("Configure's settings reach the plugin, and a Read with no properties (pulumi import) reads the server's integration", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "WEBHOOK", { url: "https://hooks.example.com/serve/0042" });
    const configure = new providerPb.ConfigureRequest();
    configure.setArgs(
      Struct.fromJavaScript({ baseUrl: emu.url, publicKey: OWNER_KEY.publicKey, privateKey: OWNER_KEY.privateKey }),
    );
    const configured = await call<any>(client, "configure", configure);
    assert.equal(configured.getAcceptsecrets(), true);

    const read = new providerPb.ReadRequest();
    read.setId(`${DEFAULT_GROUP_ID}-WEBHOOK`);
    read.setUrn(URN);
    const answer = await call<any>(client, "read", read);
    assert.equal(answer.getId(), `${DEFAULT_GROUP_ID}-WEBHOOK`);
    const props = answer.getProperties().toJavaScript();
    assert.equal(props.type, "WEBHOOK");
    assert.equal(props.groupId, DEFAULT_GROUP_ID);
    const requests = await emu.control.requests();
    assert.ok(requests.some((r: { method: string }) => r.method === "GET"), "the plugin asked the emulator");
  });
});

describe("plugin: the framework patch", () => {
  const plugin = { configure: () => undefined };

  it("wraps Configure and Read of the ResourceProvider service @pulumi/pulumi registers", () => {
    const hook = hookProviderServer(grpc.Server as GrpcServerClass, plugin, () => new Struct(), "3.248.0");
    try {
      new grpc.Server().addService(ResourceProviderService, { configure() {}, read() {} });
    } finally {
      hook.restore();
    }
    hook.verify();
  });

  it("fails naming the SDK version when no ResourceProvider service was wrapped", () => {
    class OtherServer {
      addService(_service: unknown, _implementation: unknown): void {}
    }
    const hook = hookProviderServer(OtherServer as unknown as GrpcServerClass, plugin, () => new Struct(), "9.9.9");
    new OtherServer().addService({ check: { path: "/pulumirpc.LanguageRuntime/Run" } }, { check() {} });
    hook.restore();
    assert.throws(() => hook.verify(), /@pulumi\/pulumi 9\.9\.9.*\/pulumirpc\.ResourceProvider\/Configure/s);
  });

  it("fails when the service is registered under other method paths", () => {
    const hook = hookProviderServer(grpc.Server as GrpcServerClass, plugin, () => new Struct(), "9.9.9");
    const renamed = Object.fromEntries(
      Object.entries(ResourceProviderService as Record<string, { path: string }>).map(([k, v]) => [
        k,
        { ...v, path: v.path.replace("ResourceProvider", "ResourceProviderV2") },
      ]),
    );
    try {
      new grpc.Server().addService(renamed, { configure() {}, read() {} });
    } finally {
      hook.restore();
    }
    assert.throws(() => hook.verify(), /does not support @pulumi\/pulumi 9\.9\.9/);
  });
});
