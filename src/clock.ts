/**
 * Wall-clock time without a heap allocation where the runtime allows it.
 *
 * Date.now() boxes its result (a 16-byte heap number per call, measured on Node 20
 * and 24). On Node 24, performance.now() plus a stored offset allocates nothing, so
 * there the clock is monotonic time re-anchored to Date.now() once a second (the
 * monotonic clock drifts from wall time; the re-anchor bounds the error to the drift of
 * one second).
 *
 * Epoch milliseconds (~1.8e12) are not small integers, and V8 boxes a double that
 * crosses a call it does not inline, so the time is handed around as two small
 * integers in an Int32Array instead: days since the epoch and milliseconds of the day.
 * The anchor lives in a Float64Array for the same reason (a double in a module
 * variable is boxed on every write).
 */
const MONOTONIC = Number(process.versions.node.split('.')[0]) >= 24
const MS_PER_DAY = 86400000

/** [days since 1970-01-01, ms of that day (UTC)], as of the last tick(). */
export const clock = new Int32Array(2)

// [0]: wall ms minus monotonic ms at the last anchor; [1]: monotonic ms of that anchor.
const anchor = new Float64Array(2)

function reanchor (): void {
  const mono = performance.now()
  anchor[0] = Date.now() - mono
  anchor[1] = mono
}
reanchor()

/** Reads the clock into `clock`. */
export function tick (): void {
  let ms: number
  if (MONOTONIC) {
    const mono = performance.now()
    if (mono - anchor[1]! >= 1000) reanchor()
    ms = Math.floor(anchor[0]! + mono)
  } else {
    ms = Date.now()
  }
  const days = Math.floor(ms / MS_PER_DAY)
  clock[0] = days
  clock[1] = ms - days * MS_PER_DAY
}

/** Milliseconds since the epoch (allocates a heap number: not for the hot path). */
export function now (): number {
  tick()
  return clock[0]! * MS_PER_DAY + clock[1]!
}
