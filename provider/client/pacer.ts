/** The window Ops Manager's rate limit counts over (and the emulator's, emulator/rate-limiter.ts). */
const WINDOW_MS = 1000;
/** Pacing spreads the learned rate over a slightly longer window: the server counts arrivals, we count sends. */
const PACE_WINDOW_MS = 1100;

/**
 * One pace for every request a client sends (one client per provider process, so one per process and server).
 *
 * Each request used to wait on its own `Retry-After`, so while one waited the other parallel operations kept
 * hitting the limit and collected 429s of their own. Here a 429 or 503 with `Retry-After` sets a shared "not
 * before" instant that every later attempt waits for. A 429 also teaches the rate the server admits: the number
 * of this client's requests sent in the second before the refused one that were not refused. From then on attempts are spaced
 * so no sliding second holds more than that, and the requests waiting on the pause do not come back as a burst
 * that meets the limit again. The estimate only falls (each further 429 re-measures it); it resets with the
 * client, i.e. per Pulumi operation.
 */
export class Pacer {
  private notBefore = 0;
  /** Requests the server admits per {@link WINDOW_MS}, learned from the last 429; undefined until one came. */
  private limit: number | undefined;
  /** When each attempt of the last second was sent, and whether the server admitted it (undefined: no answer yet). */
  private readonly sent: { at: number; admitted?: boolean }[] = [];

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Waits until this client may send its next attempt; returns the slot to report the answer on. */
  async slot(): Promise<{ at: number; admitted?: boolean }> {
    for (;;) {
      const now = this.now();
      this.prune(now);
      let wait = this.notBefore - now;
      if (this.limit !== undefined) {
        const recent = this.sent.filter((s) => s.admitted !== false); // refusals do not count against a limit
        if (recent.length >= this.limit) wait = Math.max(wait, recent[recent.length - this.limit]!.at + PACE_WINDOW_MS - now);
      }
      if (wait <= 0) {
        const slot = { at: now };
        this.sent.push(slot);
        return slot;
      }
      await this.sleep(wait);
    }
  }

  /** Records the answer to an attempt: a refusal with Retry-After pauses every request of this client. */
  answered(slot: { at: number; admitted?: boolean }, status: number | undefined, retryAfterMs: number | undefined): void {
    slot.admitted = status !== 429;
    if (retryAfterMs === undefined || (status !== 429 && status !== 503)) return;
    const now = this.now();
    this.notBefore = Math.max(this.notBefore, now + retryAfterMs);
    // A Retry-After of 0 says "try again now", not how much the server admits.
    if (status !== 429 || retryAfterMs <= 0) return;
    // Attempts still unanswered count as admitted: when a burst meets the limit, the refusals arrive one by one
    // and each lowers the estimate, down to what the server really admitted.
    const admitted = this.sent.filter((s) => s.admitted !== false && s.at > slot.at - WINDOW_MS && s.at <= slot.at).length;
    this.limit = Math.max(1, Math.min(this.limit ?? Infinity, admitted));
  }

  private prune(now: number): void {
    while (this.sent.length > 0 && this.sent[0]!.at <= now - PACE_WINDOW_MS) this.sent.shift();
  }
}
