/**
 * Events that arrive while the worker is still starting. Init takes a few hundred milliseconds (DB, settings,
 * engine); a worker stopped within them took its queued events with it, and the merger never journaled them.
 * So until init is done, each event's journal entry is written as it arrives, at once. The custom origins are
 * not known yet: every requesting page is journaled, and the next worker's restore filters.
 */
import type { Journal } from '../../lib/store/journal';
import type { CapturedRequest } from '../../lib/capture/captured';
import { clientOriginOf, navigationOpenerOf, normalizeType, pageOriginOf, type RawDetails } from '../../lib/capture/normalize';

export class EarlyArrivals {
  /** Requests journaled here, until the merger has taken them over or turned them down. */
  private readonly ids = new Set<string>();

  constructor(
    private readonly journal: Journal,
    /** True while the merger is merging this request. */
    private readonly merging: (requestId: string) => boolean,
  ) {}

  /** An event as it arrives, before the worker is ready. */
  note(d: RawDetails): void {
    if (this.ids.has(d.requestId)) return;
    // A navigation a custom origin's page started is journaled under that page; restore() filters.
    const clientOrigin = clientOriginOf(d) ?? navigationOpenerOf(d) ?? pageOriginOf(d);
    if (!clientOrigin) return;
    this.ids.add(d.requestId);
    this.journal.start({
      requestId: d.requestId,
      url: d.url,
      method: d.method.toUpperCase(),
      type: normalizeType(d.type),
      tabId: d.tabId,
      frameId: d.frameId,
      clientOrigin,
      time: d.timeStamp,
    });
    this.journal.flush();
  }

  /** An event Telltale does not watch (its host is reachable only by a permission it does not use). */
  skip(requestId: string): void {
    if (this.ids.delete(requestId) && !this.merging(requestId)) this.journal.remove([requestId]);
  }

  /** An early journal entry the merger did not take (not a client page) would otherwise stay for good. */
  settle(requestId: string, finished: CapturedRequest | undefined): void {
    if (!this.ids.delete(requestId)) return;
    if (!finished && !this.merging(requestId)) this.journal.remove([requestId]);
  }
}
