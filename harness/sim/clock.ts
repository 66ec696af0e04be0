/**
 * A node's local clock: true time shifted by a skew and running at a drift rate. Protocol code only
 * ever sees local time; the trace and the history use true time.
 */
import { harnessError } from '../errors.ts';

export class DriftingClock {
  private anchorTrue = 0;
  private anchorLocal = 0;
  private rate = 1;

  /** Local time at true time `t`. */
  localAt(t: number): number {
    return Math.floor(this.anchorLocal + (t - this.anchorTrue) * this.rate);
  }

  /**
   * The first true time, at or after `t`, at which the local clock reads at least `localMs` more than
   * it reads at `t`. Computed from the same floor as `localAt`, so a timer never fires early on the
   * node's own clock whatever the float rounding of the drift.
   */
  trueTimeAfter(t: number, localMs: number): number {
    const target = this.localAt(t) + localMs;
    // The estimate can be off by one either way (floats, a fractional anchor): walk to the exact first ms.
    let at = Math.max(t, this.anchorTrue + Math.ceil((target - this.anchorLocal) / this.rate));
    while (this.localAt(at) < target) at++;
    while (at > t && this.localAt(at - 1) >= target) at--;
    return at;
  }

  /** At true time `t` the clock jumps by `skewMs` and from then on runs at `1 + drift`. */
  adjust(t: number, skewMs: number, drift: number): void {
    if (!(drift > -1)) throw harnessError('ERR_INVALID_OPTION', `clock drift must be greater than -1 (a clock cannot stop), got ${drift}`, RangeError);
    this.anchorLocal = this.anchorLocal + (t - this.anchorTrue) * this.rate + skewMs;
    this.anchorTrue = t;
    this.rate = 1 + drift;
  }
}
