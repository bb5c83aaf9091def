import { randomBytes } from "node:crypto";

/**
 * A fresh 24-hex-digit id shaped like a MongoDB ObjectId (seconds timestamp + random), as Ops Manager gives every
 * stored integration. `previous` guarantees a change: the server's id changes on every update, and tests rely on it.
 */
export function newObjectId(previous?: string): string {
  for (;;) {
    const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0").slice(-8);
    const id = seconds + randomBytes(8).toString("hex");
    if (id !== previous) return id;
  }
}
