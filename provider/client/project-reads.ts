import type { GroupListing } from "./types";

/** How long reads of one project are collected before their shared list request is sent. */
export interface ReadWindow {
  /** The request goes out once no further read of the project arrived for this long. */
  readonly idleMs: number;
  /** ... and at the latest this long after the first read of the batch. */
  readonly maxWaitMs: number;
}

interface Batch {
  readonly promise: Promise<GroupListing>;
  readonly resolve: (listing: GroupListing) => void;
  readonly reject: (error: unknown) => void;
  readonly firstAt: number;
  timer?: ReturnType<typeof setTimeout>;
  /** The window closed; the batch waits for this process's writes to the project, then sends. */
  closing: boolean;
}

interface Writes {
  count: number;
  readonly idle: Promise<void>;
  readonly release: () => void;
}

/**
 * Single-flight reads per project (`groupId`): reads that overlap in time share one list request, since
 * `GET /groups/{id}/integrations` returns every integration of a project in one page (at most a dozen types).
 *
 * The rules that keep a shared answer as fresh as a request of one's own:
 * - A read joins only a batch whose request has not been sent yet, so its answer always began after the read
 *   was asked; a read arriving while a request is in flight waits for the next one. Nothing is kept after the
 *   answer is handed out: no cache between reads, let alone between Pulumi operations.
 * - A batch is not sent while this process writes to the same project, so no read is answered older than this
 *   process's own last write there (writes go through {@link ProjectReads.write}).
 * - The answer, or the error (a failed or malformed page included), goes to every read of the batch.
 *
 * The engine sends a refresh's reads as concurrent gRPC calls, but they reach this code spread over a few
 * milliseconds (each is unmarshalled first), hence a short collection window rather than one event-loop turn.
 */
export class ProjectReads {
  private readonly open = new Map<string, Batch>();
  private readonly writes = new Map<string, Writes>();

  constructor(
    private readonly list: (groupId: string) => Promise<GroupListing>,
    private readonly window: ReadWindow,
    private readonly now: () => number = Date.now,
  ) {}

  /** Everything the project holds, from a list request sent after this call. */
  read(groupId: string): Promise<GroupListing> {
    let batch = this.open.get(groupId);
    if (!batch) {
      let resolve!: (listing: GroupListing) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<GroupListing>((res, rej) => ((resolve = res), (reject = rej)));
      batch = { promise, resolve, reject, firstAt: this.now(), closing: false };
      this.open.set(groupId, batch);
    }
    if (!batch.closing) this.schedule(groupId, batch);
    return batch.promise;
  }

  /** Runs a write to the project; batches of that project wait until no write of this process is under way. */
  async write<T>(groupId: string, run: () => Promise<T>): Promise<T> {
    let w = this.writes.get(groupId);
    if (!w) {
      let release!: () => void;
      const idle = new Promise<void>((res) => (release = res));
      w = { count: 0, idle, release };
      this.writes.set(groupId, w);
    }
    w.count += 1;
    try {
      return await run();
    } finally {
      w.count -= 1;
      if (w.count === 0) {
        this.writes.delete(groupId);
        w.release();
      }
    }
  }

  private schedule(groupId: string, batch: Batch): void {
    if (batch.timer !== undefined) clearTimeout(batch.timer);
    const wait = Math.min(this.window.idleMs, batch.firstAt + this.window.maxWaitMs - this.now());
    batch.timer = setTimeout(() => void this.send(groupId, batch), Math.max(0, wait));
  }

  private async send(groupId: string, batch: Batch): Promise<void> {
    batch.closing = true;
    for (let w = this.writes.get(groupId); w; w = this.writes.get(groupId)) await w.idle;
    // From here on the request is under way: later reads start the next batch.
    this.open.delete(groupId);
    try {
      batch.resolve(await this.list(groupId));
    } catch (error) {
      batch.reject(error);
    }
  }
}
