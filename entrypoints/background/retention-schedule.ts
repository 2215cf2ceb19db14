/**
 * When the passive log's retention (lib/store/retention.ts) runs: at start, then after every RETENTION_EVERY_WRITES
 * records stored or once an hour has passed since it last ran, whichever comes first, and when settings change.
 */
const RETENTION_EVERY_MS = 3_600_000;
const RETENTION_EVERY_WRITES = 2_000;

export class RetentionSchedule {
  private writes = 0;
  private last = 0;

  constructor(private readonly apply: () => Promise<void>) {}

  /** A flush stored `n` records. */
  stored(n: number): void {
    this.writes += n;
    if (this.writes >= RETENTION_EVERY_WRITES || Date.now() - this.last > RETENTION_EVERY_MS) void this.run();
  }

  async run(): Promise<void> {
    this.writes = 0;
    this.last = Date.now();
    await this.apply().catch((e) => console.error('retention failed', e));
  }
}
