/**
 * When learner code runs during one call: periods open when the session sends it something and close
 * when the host says it is idle. Each period is reported to `busy`; the time limit counts their sum.
 * The host's reports are the learner side's word: untrusted transports add a wall-clock backstop.
 */
export class RunningTime {
  private used = 0;
  private since: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private endPeriod: (() => void) | undefined;
  /** Messages sent to the host not yet answered by `waiting`/`answer`. */
  private unanswered = 0;
  private onTimeout: () => void = () => undefined;

  constructor(
    private readonly limitMs: number,
    private readonly busy: ((running: Promise<void>) => void) | undefined,
  ) {}

  /** Opens a period now (e.g. while the learner side restarts); `arm` starts counting against the limit. */
  open(): void {
    if (this.endPeriod !== undefined) return;
    const period = new Promise<void>((resolve) => (this.endPeriod = resolve));
    this.busy?.(period);
  }

  arm(onTimeout: () => void): void {
    this.onTimeout = onTimeout;
  }

  /** A message went to the host: learner code will run until the host answers it. */
  sent(): void {
    this.open();
    if (this.unanswered++ === 0) {
      this.since = performance.now();
      this.timer = setTimeout(() => this.onTimeout(), Math.max(0, this.limitMs - this.used));
    }
  }

  /** The host answered one message with `waiting`. */
  answered(): void {
    if (this.unanswered === 0 || --this.unanswered > 0) return;
    this.pause();
    this.close();
  }

  /** The call is over (answered, timed out, crashed, aborted). */
  close(): void {
    this.pause();
    this.unanswered = 0;
    const end = this.endPeriod;
    this.endPeriod = undefined;
    end?.();
  }

  private pause(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.since !== undefined) this.used += performance.now() - this.since;
    this.since = undefined;
  }
}

