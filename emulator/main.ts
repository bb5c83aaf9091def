import { CliError, parseCli, USAGE } from "./cli-options";
import { startEmulator, type RunningEmulator } from "./start-emulator";

/** The start-up banner: where to point a client and which credentials it accepts. */
function banner(emulator: RunningEmulator): string {
  const { store, settings, config } = emulator.state;
  const snapshot = store.snapshot();
  const keys = snapshot.keys.map((k) => {
    const roles = k.roles.length ? k.roles.map((r) => `${r.roleName}@${r.groupId}`).join(", ") : "(no group)";
    return `    ${k.publicKey} / ${k.privateKey}  ${roles}`;
  });
  const accounts = config.serviceAccounts.map((a) => {
    const roles = a.roles.length ? a.roles.map((r) => `${r.roleName}@${r.groupId}`).join(", ") : "(no group)";
    return `    ${a.clientId} / ${a.clientSecret}  ${roles}`;
  });
  return [
    `Ops Manager emulator listening on ${emulator.url}`,
    `  API base:      ${emulator.apiBase}`,
    `  Control plane: ${emulator.controlUrl} (loopback only)`,
    `  Groups:        ${snapshot.groups.map((g) => g.id).join(", ") || "(none)"}`,
    `  API keys (HTTP digest: username = public key, password = private key):`,
    ...keys,
    `  Service accounts (token: POST ${emulator.url}/api/oauth/token, HTTP Basic client ID / secret):`,
    ...accounts,
    `  Mask: ${settings.maskStyle}; nonce lifetime: ${settings.nonceLifetimeMs / 1000}s; state: ${config.dataFile ?? "in memory"}`,
  ].join("\n");
}

/** `npm run emulator -- --port 8080`: the only command-line entry point; stops cleanly on SIGINT/SIGTERM. */
async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCli(argv);
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  console.log(banner(emulator));
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof CliError || (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"));
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}${usage ? `\n\n${USAGE}` : ""}`);
  process.exit(usage ? 2 : 1);
});
