import type { Logger } from '@nestjs/common';

/**
 * A sweep each instance runs every few seconds (the SLA sweeper, the missed-promise sweeper): one run at a time, a
 * failure logged and tried again at the next tick, and stopping waits for the run in flight.
 */
export class PeriodicTask<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
    private readonly run: (now: Date) => Promise<T>,
  ) {}

  /** Runs every `seconds` from now on (0 or less: never). */
  start(seconds: number): void {
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.runNow().catch((error: Error) => this.logger.warn(`${this.name} failed: ${error.message}`)), seconds * 1000);
    this.timer.unref();
  }

  /** Runs now as of `now`, or answers the run under way. */
  runNow(now = new Date()): Promise<T> {
    this.running ??= this.run(now).finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
