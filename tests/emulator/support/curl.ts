import { execFile } from "node:child_process";
import type { KeyPair } from "../../../emulator/defaults";

/** What curl got. */
export interface CurlResult {
  readonly status: number;
  readonly body: string;
}

/**
 * Runs the system curl with `--digest` as an independent client: if the emulator's digest checks accept curl's
 * signatures (query string included), they are not merely agreeing with our own test signer.
 */
export function curlDigest(key: KeyPair, method: string, url: string, o: { body?: string; cacert?: string } = {}): Promise<CurlResult> {
  const args = ["--silent", "--show-error", "--digest", "--user", `${key.publicKey}:${key.privateKey}`, "--request", method];
  args.push("--header", "Accept: application/json", "--write-out", "\n%{http_code}");
  if (o.body !== undefined) args.push("--header", "Content-Type: application/json", "--data", o.body);
  if (o.cacert) args.push("--cacert", o.cacert);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/curl", args, { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`curl failed: ${stderr || error.message}`));
      const cut = stdout.lastIndexOf("\n");
      resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}

/**
 * Runs the system curl with `args` (URL included) and returns status and body: for the service-account flow,
 * where curl's own `--user` (HTTP Basic) and `--data` (form body) make the token request as the docs' example does.
 */
export function curlRaw(args: readonly string[]): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/curl", ["--silent", "--show-error", "--write-out", "\n%{http_code}", ...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`curl failed: ${stderr || error.message}`));
      const cut = stdout.lastIndexOf("\n");
      resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}
