/**
 * Wall-clock time, exactly as Date.now() gives it, without a heap allocation per read
 * where the runtime allows it.
 *
 * Date.now() boxes its result: a 16-byte heap number per call, measured on Node 20, 24
 * and 26, in optimized code too. performance.now() does not (Node 24 and later, once
 * optimized). So the clock reads performance.now() and knows the offset between the two
 * clocks to within an interval [lo, hi), learnt from Date.now() calls: one call seen to
 * return D between monotonic times m1 and m2 says the offset is in [D - m2, D + 1 - m1).
 * A read whose interval of wall times lies inside one millisecond has its millisecond
 * exactly; one near a millisecond's edge calls Date.now() (and narrows the interval,
 * since such calls are the ones that fall near an edge). Between calls the interval
 * widens by the most two clocks may drift apart (NTP slews by at most 500 ppm), and a
 * call that contradicts it (the wall clock was stepped) starts it anew; one call is made
 * at least every VERIFY_MS so that a step is seen within that time. In a steady stream of
 * records, a small fraction near the edges call Date.now().
 *
 * The interval is kept relative to BASE, an epoch millisecond read once at load: near
 * 1.8e12 a double's step is 244 ns, enough to misplace a read that falls within a few
 * hundred nanoseconds of a millisecond's edge (seen once in 200,000 reads under load);
 * relative to BASE the values are small and their rounding is far below EPS, the margin
 * every bound is given.
 *
 * Epoch milliseconds (~1.8e12) are not small integers, and V8 boxes a double that
 * crosses a call it does not inline, so the time is handed around as two small integers
 * in an Int32Array: days since the epoch and milliseconds of the day. The interval lives
 * in a Float64Array for the same reason (a double in a module variable is boxed on every
 * write).
 */
const MONOTONIC = Number(process.versions.node.split('.')[0]) >= 24 && typeof performance?.now === 'function'
/**
 * The monotonic clock, kept: `performance` on Node's global is a getter, and reading it at
 * each tick cost ~10 ns of the ~50 a read takes (Node 24 and 26). A test's fake timers
 * replace the global's, and Date with it; a read while Date is not the one seen at load
 * asks Date.now() (see tick), so the time follows what Date says.
 */
const PERF: typeof performance | null = MONOTONIC ? performance : null
const REAL_DATE = Date
const MS_PER_DAY = 86400000
/** The most the wall clock gains or loses against the monotonic one, per ms (500 ppm). */
const DRIFT = 5e-4
/** The longest time without a Date.now() call, in monotonic ms. */
const VERIFY_MS = 100

/** Epoch ms the offsets are relative to (an integer: BASE + small integer is exact). */
const BASE = Date.now()
/** BASE as [days, ms of that day]: a read on BASE's day is written without a division. */
const BASE_DAYS = Math.floor(BASE / MS_PER_DAY)
const BASE_MS_OF_DAY = BASE - BASE_DAYS * MS_PER_DAY
/** Margin on each bound, in ms: far above the rounding of small doubles, far below a ms. */
const EPS = 1e-5

/** [days since 1970-01-01, ms of that day (UTC)], as of the last tick(). */
export const clock = new Int32Array(2)

/** [lo, hi): the offset (wall - BASE) - monotonic, in ms; [2]: monotonic time of the last Date.now(). */
const offset = new Float64Array([-Infinity, Infinity, 0])

/**
 * Calls Date.now(), narrows the offset by what it says, and writes the time into `clock`.
 * (It returns nothing: a double returned from a call V8 does not inline is boxed.)
 */
function observe (): void {
  const m1 = PERF!.now()
  const d = Date.now()
  const m2 = PERF!.now()
  let lo = (d - BASE) - m2 - EPS
  let hi = (d - BASE) + 1 - m1 + EPS
  const widen = DRIFT * (m1 - offset[2]!)
  const oldLo = offset[0]! - widen
  const oldHi = offset[1]! + widen
  // Consistent with what was known: keep the narrower bounds. Not: the clock was stepped.
  if (oldLo < hi && lo < oldHi) {
    if (oldLo > lo) lo = oldLo
    if (oldHi < hi) hi = oldHi
  }
  offset[0] = lo
  offset[1] = hi
  offset[2] = m2
  setClock(d)
}

function setClock (ms: number): void {
  const days = Math.floor(ms / MS_PER_DAY)
  clock[0] = days
  clock[1] = ms - days * MS_PER_DAY
}

/** Reads the clock into `clock`: from the offset, or from Date.now() near a millisecond's edge. */
export function tick (): void {
  // (Date replaced: a test's fake timers, whose Date the monotonic clock knows nothing of.)
  if (PERF === null || Date !== REAL_DATE) {
    setClock(Date.now())
    return
  }
  const mono = PERF.now()
  const age = mono - offset[2]!
  // (age < 0: the monotonic clock went back, as only a test's fake timers make it do:
  // Date.now() then says what the time is.)
  if (age >= 0 && age < VERIFY_MS) {
    const widen = DRIFT * age
    const rel = Math.floor(mono + offset[0]! - widen)
    if (mono + offset[1]! + widen <= rel + 1) {
      // ms of BASE's day, as a small integer: the days change once a day, and the two
      // divisions of setClock were a third of a tick.
      const m = BASE_MS_OF_DAY + rel
      if (m >= 0 && m < MS_PER_DAY) {
        clock[0] = BASE_DAYS
        clock[1] = m
      } else {
        setClock(rel + BASE)
      }
      return
    }
  }
  observe()
}

/** Milliseconds since the epoch (allocates a heap number: not for the hot path). */
export function now (): number {
  tick()
  return clock[0]! * MS_PER_DAY + clock[1]!
}
