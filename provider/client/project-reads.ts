import type { GroupListing } from "./types";

/** How long reads are collected before their shared list requests are sent. */
export interface ReadWindow {
  /** The requests go out once no further read (of any project) arrived for this long... */
  readonly idleMs: number;
  /** ... and at the latest this long after the first read of the window. */
  readonly maxWaitMs: number;
}

interface Batch {
  readonly promise: Promise<GroupListing>;
  readonly resolve: (listing: GroupListing) => void;
  readonly reject: (error: unknown) => void;
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
 * When to send, measured through the engine (bench/README.md): at `--parallel` ≥ N a refresh sends every read at
 * once, but they reach this code in random project order spread over a second or more (110 reads in 0.8–1.4 s on
 * 2 loaded cores), so a per-project window of a few milliseconds split each project several times. At the default
 * `--parallel` (8 on 2 cores) at most 8 reads are out; when they are answered the next ones trickle in one by one,
 * between the engine's checkpoint writes, and per-project windows that closed at different times kept the trickle
 * going. So there is one window for the whole process: it opens with the first read, stays open while reads of any
 * project keep arriving, and when they pause for `idleMs` (or `maxWaitMs` after it opened) every project's batch
 * is sent at once. Holding every read it has, the engine then has nothing more to send, so the pause comes.
 */
export class ProjectReads {
  private open = new Map<string, Batch>();
  private readonly writes = new Map<string, Writes>();
  /** When the open window began and when its last read arrived; undefined while no window is open. */
  private window?: { readonly openedAt: number; lastArrival: number };

  constructor(
    private readonly list: (groupId: string) => Promise<GroupListing>,
    private readonly timing: ReadWindow,
    private readonly now: () => number = Date.now,
  ) {}

  /** Everything the project holds, from a list request sent after this call. */
  read(groupId: string): Promise<GroupListing> {
    const now = this.now();
    if (this.window) this.window.lastArrival = now;
    else {
      this.window = { openedAt: now, lastArrival: now };
      this.schedule();
    }
    let batch = this.open.get(groupId);
    if (!batch) {
      let resolve!: (listing: GroupListing) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<GroupListing>((res, rej) => ((resolve = res), (reject = rej)));
      batch = { promise, resolve, reject };
      this.open.set(groupId, batch);
    }
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
   * Closes the window when it is due. The check is repeated after pending I/O was handled (setImmediate), so a
   * process that was busy or descheduled first takes in the reads that arrived meanwhile instead of closing at
   * once because its timer fired late.
   */
  private schedule(): void {
    const due = () => {
      const w = this.window!;
      return Math.min(w.lastArrival + this.timing.idleMs, w.openedAt + this.timing.maxWaitMs) - this.now();
    };
    const check = (): void => {
      const wait = due();
      if (wait > 0) setTimeout(check, wait);
      else setImmediate(() => (due() > 0 ? check() : this.flush()));
    };
    setTimeout(check, Math.max(0, due()));
  }

  /** Sends every open batch; later reads open the next window. */
  private flush(): void {
    const batches = this.open;
    this.open = new Map();
    this.window = undefined;
    for (const [groupId, batch] of batches) void this.send(groupId, batch);
  }

  private async send(groupId: string, batch: Batch): Promise<void> {
    for (let w = this.writes.get(groupId); w; w = this.writes.get(groupId)) await w.idle;
    try {
      batch.resolve(await this.list(groupId));
    } catch (error) {
      batch.reject(error);
    }
  }
}
