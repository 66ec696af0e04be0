/**
 * A node's local clock: true time shifted by a skew and running at a drift rate. Protocol code only
 * ever sees local time; the trace and the history use true time.
 */
export class DriftingClock {
  private anchorTrue = 0;
  private anchorLocal = 0;
  private rate = 1;

  /** Local time at true time `t`. */
  localAt(t: number): number {
    return Math.floor(this.anchorLocal + (t - this.anchorTrue) * this.rate);
  }

  /** How much true time passes while the local clock advances `localMs`. */
  trueDuration(localMs: number): number {
    return Math.max(0, Math.ceil(localMs / this.rate));
  }

  /** At true time `t` the clock jumps by `skewMs` and from then on runs at `1 + drift`. */
  adjust(t: number, skewMs: number, drift: number): void {
    if (!(drift > -1)) throw new RangeError(`clock drift must be greater than -1 (a clock cannot stop), got ${drift}`);
    this.anchorLocal = this.anchorLocal + (t - this.anchorTrue) * this.rate + skewMs;
    this.anchorTrue = t;
    this.rate = 1 + drift;
  }
}
