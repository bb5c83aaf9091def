import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";

/** PEM text, or a file holding it; must contain at least one parsable certificate. */
export function loadCaCert(raw: string): string | { problem: string } {
  let pem = raw.includes("-----BEGIN") ? raw.replace(/\\n/g, "\n") : undefined;
  if (pem === undefined) {
    const path = resolve(raw.replace(/^~(?=$|[/\\])/, homedir()));
    try {
      pem = readFileSync(path, "utf8");
    } catch (err) {
      const code = (err as { code?: string }).code ?? "unreadable";
      return { problem: `is neither PEM text nor a readable file (${code} reading ${path})` };
    }
  }
  try {
    new X509Certificate(pem);
  } catch {
    return { problem: "does not contain a valid PEM certificate (-----BEGIN CERTIFICATE----- block)" };
  }
  return pem;
}
