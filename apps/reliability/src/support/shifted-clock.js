/**
 * Preloaded into an API process (NODE_OPTIONS=--require …) to give it a clock that is CLOCK_OFFSET_MS
 * away from the machine's: the clock jump of the SLA sweeper test. Only JavaScript's clock moves; the
 * database's now() does not, as when one host's clock is wrong.
 */
const offset = Number(process.env.CLOCK_OFFSET_MS || 0);
const RealDate = Date;

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate;
