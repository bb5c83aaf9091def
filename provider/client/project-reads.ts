import type { GroupListing } from "./types";

/** One list of a project: the request (in flight or answered) and when it was sent. */
interface Snapshot {
  readonly listing: Promise<GroupListing>;
  readonly sentAt: number;
}

interface Writes {
  count: number;
  readonly idle: Promise<void>;
  readonly release: () => void;
}

/**
 * Per-project snapshots of `GET /groups/{id}/integrations` (one page holds every integration of a project), so a
 * refresh costs one list request per project at any `--parallel`, not one per integration.
 *
 * Why reuse is sound: a refresh is not atomic. The engine reads resources in an order of its choosing, so its result
 * is "what the server held at some moment during the refresh" however the reads are served; one list per project
 * gives the same guarantee, with one consistent view per project. What keeps a reused list honest:
 * - It is younger than `snapshotMs` (counted from when its request was sent), and this process has written nothing
 *   to that project since: a write ({@link ProjectReads.write}) drops the project's snapshot when it starts and
 *   again when it ends, and a list whose request overlapped a write is never reused.
 * - Reads of a project wait while this process writes to it, so no read is answered older than our own last write.
 * - Concurrent first reads share the one request; its answer or its error (a failed or malformed page included)
 *   goes to every read waiting on it, and a failed list is forgotten at once, never reused.
 * - Nothing survives the process: each Pulumi command starts a new provider process, so an integration changed
 *   outside code before a refresh is always seen by that refresh.
 * `snapshotMs` = 0 turns reuse off: every read sends its own request.
 */
export class ProjectReads {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly writes = new Map<string, Writes>();

  constructor(
    private readonly list: (groupId: string) => Promise<GroupListing>,
    private readonly snapshotMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Everything the project holds: its snapshot when one is fit for reuse, else a list request sent now. */
  async read(groupId: string): Promise<GroupListing> {
    await this.writesDone(groupId);
    if (this.snapshotMs <= 0) return this.list(groupId);
    const kept = this.snapshots.get(groupId);
    if (kept && this.now() - kept.sentAt < this.snapshotMs) return kept.listing;
    const snapshot: Snapshot = { listing: this.list(groupId), sentAt: this.now() };
    this.snapshots.set(groupId, snapshot);
    snapshot.listing.catch(() => {
      if (this.snapshots.get(groupId) === snapshot) this.snapshots.delete(groupId);
    });
    return snapshot.listing;
  }

  /** A list request of its own, sent once this process has no write to the project under way; never kept. */
  async fresh(groupId: string): Promise<GroupListing> {
    await this.writesDone(groupId);
    return this.list(groupId);
  }

  /** Runs a write to the project: reads of it wait until no write of this process is under way, then list again. */
  async write<T>(groupId: string, run: () => Promise<T>): Promise<T> {
    let w = this.writes.get(groupId);
    if (!w) {
      let release!: () => void;
      const idle = new Promise<void>((res) => (release = res));
      w = { count: 0, idle, release };
      this.writes.set(groupId, w);
    }
    w.count += 1;
    this.snapshots.delete(groupId);
    try {
      return await run();
    } finally {
      this.snapshots.delete(groupId);
      w.count -= 1;
      if (w.count === 0) {
        this.writes.delete(groupId);
        w.release();
      }
    }
  }

  private async writesDone(groupId: string): Promise<void> {
    for (let w = this.writes.get(groupId); w; w = this.writes.get(groupId)) await w.idle;
  }
}
