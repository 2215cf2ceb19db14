/**
 * When the writer's queued operations go to IndexedDB (lib/store/writer.ts). The whole queue goes once the traffic
 * has paused for `delayMs` and `hold` lets it, or `maxDelayMs` after its oldest operation, or when it holds
 * `maxBatch`; before that, an urgent operation sends the part of the queue up to it at the plain `delayMs`, and
 * what came after it waits on. Without `maxDelayMs` everything goes `delayMs` after the first operation.
 */
export interface WriteQueueOptions {
  delayMs: number;
  maxDelayMs?: number;
  maxBatch: number;
  hold?: () => boolean;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

export class WriteQueue<T> {
  private items: T[] = [];
  /** When each queued operation came, and the latest. */
  private queuedAt: number[] = [];
  private lastAt = 0;
  /** How many of the queue's operations go at the plain delay: up to and including the last urgent one. */
  private urgentPrefix = 0;
  private timer: unknown;
  private readonly maxDelayMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly now: () => number;

  constructor(
    /** Called with the operations due, oldest first. */
    private readonly due: (items: T[]) => void,
    private readonly options: WriteQueueOptions,
  ) {
    this.maxDelayMs = options.maxDelayMs ?? 0;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.now = options.now ?? (() => performance.now());
  }

  get length(): number {
    return this.items.length;
  }

  push(item: T, urgent = false): void {
    this.items.push(item);
    this.lastAt = this.now();
    this.queuedAt.push(this.lastAt);
    if (urgent) this.urgentPrefix = this.items.length;
    if (this.items.length >= this.options.maxBatch) this.due(this.take(this.items.length));
    else if (this.timer === undefined) this.wait(this.options.delayMs);
  }

  /** Everything queued, now (an explicit flush). */
  takeAll(): T[] {
    return this.take(this.items.length);
  }

  /** The first `n` operations; a timer stays for the rest. */
  private take(n: number): T[] {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
    const taken = this.items.slice(0, n);
    this.items = this.items.slice(n);
    this.queuedAt = this.queuedAt.slice(n);
    this.urgentPrefix = 0;
    if (this.items.length) this.wait(Math.max(0, Math.min(this.lastAt + this.options.delayMs, this.queuedAt[0]! + this.maxDelayMs) - this.now()));
    return taken;
  }

  private wait(ms: number): void {
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      const now = this.now();
      const capLeft = this.queuedAt[0]! + this.maxDelayMs - now;
      const pauseLeft = this.lastAt + this.options.delayMs - now;
      if (capLeft <= 0 || (pauseLeft <= 0 && !this.options.hold?.())) this.due(this.takeAll());
      else if (this.urgentPrefix > 0) this.due(this.take(this.urgentPrefix));
      else this.wait(Math.min(pauseLeft > 0 ? pauseLeft : this.options.delayMs, capLeft));
    }, ms);
  }
}
