/**
 * Which client pages are still loading, so the background's own work on their requests (classifying requests
 * without a body, writing records) can wait for their load event instead of sharing the machine with it. A page
 * is loading from its top-level navigation until its tab says it loaded (Chromium's content-script relay), or
 * until `maxMs` have passed: a page that never says so (a load stopped, no relay) stops counting then.
 */
export class PageLoads {
  /** Tab → when its page started loading. */
  private readonly started = new Map<number, number>();

  constructor(
    private readonly maxMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  start(tabId: number): void {
    this.started.set(tabId, this.now());
  }

  /** The tab's page fired its load event, or the tab is gone. */
  end(tabId: number): void {
    this.started.delete(tabId);
  }

  /** True while some page started less than `maxMs` ago and has not ended; older entries are let go. */
  any(): boolean {
    const since = this.now() - this.maxMs;
    for (const [tab, at] of this.started) {
      if (at > since) return true;
      this.started.delete(tab);
    }
    return false;
  }
}
