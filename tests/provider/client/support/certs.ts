import { generate } from "selfsigned";

/** A throwaway CA and a server certificate it signed for "localhost" only (so 127.0.0.1 is a name it does not cover), made at test time. */
export async function makeCerts() {
  const ca = await generate([{ name: "commonName", value: "opsmanager-integrations test CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] },
    ],
  });
  return { caCert: ca.cert, tls: { key: server.private, cert: server.cert } };
}

export type Certs = Awaited<ReturnType<typeof makeCerts>>;
