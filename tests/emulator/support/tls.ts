import { generate } from "selfsigned";

let cached: Promise<{ cert: string; key: string }> | undefined;

/** A self-signed certificate for 127.0.0.1 and localhost, made once per test run (never checked in). */
export function selfSignedCert(): Promise<{ cert: string; key: string }> {
  cached ??= generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
    ],
  }).then((pems) => ({ cert: pems.cert, key: pems.private }));
  return cached;
}
