import type { AppliedFault } from "./faults";

/** One API request as the emulator saw it; benchmarks count round trips with these. */
export interface RequestLogEntry {
  readonly method: string;
  /** Path and query exactly as sent. */
  readonly path: string;
  /** HTTP status sent on the wire; null when the socket was dropped without an answer. */
  status: number | null;
  /** True when digest authentication succeeded. */
  authenticated: boolean;
  /** The public key that authenticated, when one did. */
  publicKey?: string;
  /** True when the answer carried a `WWW-Authenticate` digest challenge. */
  challenged: boolean;
  /** Why authentication failed (for debugging clients), when it did. */
  authError?: string;
  /** ISO time the request arrived. */
  readonly timestamp: string;
  /** The scripted fault applied to this request, if any. */
  fault?: AppliedFault;
}

/** The request log: API requests only (the control plane is not logged), oldest first, bounded. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly max: number) {}

  /** Starts an entry when a request arrives; the hooks fill in the rest as it is answered. */
  start(method: string, path: string): RequestLogEntry {
    const entry: RequestLogEntry = { method, path, status: null, authenticated: false, challenged: false, timestamp: new Date().toISOString() };
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.shift();
    return entry;
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
