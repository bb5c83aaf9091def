import type * as GrpcJs from "@grpc/grpc-js";

/*
 * Warnings from inside the provider process, shown by the CLI during `preview` and `up`. A DiffResult carries no
 * prose, and a dynamic provider's `pulumi.log` writes to the plugin's stderr, which the CLI hides: so the warning
 * goes straight to the engine's Log RPC, at the address the engine starts every provider plugin with (its first
 * argument: Pulumi's dynamic-provider host and our plugin both take it as `<engine>`).
 */

/** Something that sends one warning to the user; resolves once it is sent (or could not be). */
export type Warn = (message: string) => Promise<void>;

/** host:port, as the engine passes its address; anything else (a test runner's arguments) means "no engine". */
const ENGINE_ADDRESS = /^(?:127\.0\.0\.1|localhost|\[::1\]|[\w.-]+):\d{1,5}$/;

let cached: { warn: Warn } | undefined;

/** Sends warnings to the engine this process was started by; with no engine, writes them to stderr. */
export function engineWarn(argv: readonly string[] = process.argv): Warn {
  cached ??= { warn: connect(argv[2]) };
  return cached.warn;
}

function connect(address: string | undefined): Warn {
  if (!address || !ENGINE_ADDRESS.test(address)) return async (message) => void process.stderr.write(`warning: ${message}\n`);
  // Pulumi's own gRPC stack and generated engine client, loaded only when a warning is due (not on every diff).
  let client: { log(req: unknown, cb: (err: unknown) => void): void } | undefined;
  return (message) =>
    new Promise<void>((resolve) => {
      try {
        const base = require.resolve("@pulumi/pulumi");
        const grpc = require(require.resolve("@grpc/grpc-js", { paths: [base] })) as typeof GrpcJs;
        const rpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineClient: new (a: string, c: GrpcJs.ChannelCredentials) => typeof client };
        const pb = require("@pulumi/pulumi/proto/engine_pb") as {
          LogRequest: new () => { setSeverity(s: number): unknown; setMessage(m: string): unknown };
          LogSeverity: { WARNING: number };
        };
        client ??= new rpc.EngineClient(address, grpc.credentials.createInsecure());
        const req = new pb.LogRequest();
        req.setSeverity(pb.LogSeverity.WARNING);
        req.setMessage(message);
        // A lost warning must never fail the operation it is about: any error falls back to stderr.
        client!.log(req, (err) => {
          if (err) process.stderr.write(`warning: ${message}\n`);
          resolve();
        });
      } catch {
        process.stderr.write(`warning: ${message}\n`);
        resolve();
      }
    });
}
