import type { GroupListing } from "./types";

/** How long reads of one project are collected before their shared list request is sent. */
export interface ReadWindow {
  /** The request goes out once no further read (of any project) arrived for this long... */
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
 * How long to collect, measured through the engine: a refresh at `--parallel` ≥ N sends every read at once, but
 * they reach this code in random project order spread over a second or more (110 reads in 1.4 s on 2 loaded
 * cores, gaps up to 0.5 s), so a per-project window of a few milliseconds splits every project several times.
 * Hence one process-wide signal: a batch stays open while reads of any project keep arriving, and goes out once
 * they pause for `idleMs` (or `maxWaitMs` after its first read). At the default `--parallel` (8 on 2 cores) reads
 * come in rounds of at most 8 and each round costs one `idleMs` of waiting.
 */
export class ProjectReads {
  private readonly open = new Map<string, Batch>();
  private readonly writes = new Map<string, Writes>();
  /** When the last read of any project arrived: while reads keep coming, the engine is still sending them. */
  private lastArrival = 0;

  constructor(
    private readonly list: (groupId: string) => Promise<GroupListing>,
    private readonly window: ReadWindow,
    private readonly now: () => number = Date.now,
  ) {}

  /** Everything the project holds, from a list request sent after this call. */
  read(groupId: string): Promise<GroupListing> {
    this.lastArrival = this.now();
    let batch = this.open.get(groupId);
    if (!batch) {
      let resolve!: (listing: GroupListing) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<GroupListing>((res, rej) => ((resolve = res), (reject = rej)));
      batch = { promise, resolve, reject, firstAt: this.now() };
      this.open.set(groupId, batch);
    }
    if (batch.timer === undefined) this.schedule(groupId, batch);
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

  /**
   * Sends the batch once reads stopped arriving for idleMs, or maxWaitMs after its first read. The check is
   * repeated after pending I/O was handled (setImmediate), so a process that was busy or descheduled for a while
   * first takes in the reads that arrived meanwhile instead of sending at once because its timer is late.
   */
  private schedule(groupId: string, batch: Batch): void {
    const due = () => Math.min(this.lastArrival + this.window.idleMs, batch.firstAt + this.window.maxWaitMs) - this.now();
    const check = () => {
      const wait = due();
      if (wait > 0) batch.timer = setTimeout(check, wait);
      else setImmediate(() => (due() > 0 ? check() : void this.send(groupId, batch)));
    };
    batch.timer = setTimeout(check, Math.max(0, due()));
  }

  private async send(groupId: string, batch: Batch): Promise<void> {
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
