/**
 * Wall-clock milliseconds without a heap allocation where the runtime allows it.
 *
 * Date.now() boxes its result (a 16-byte heap number per call, measured on Node 20
 * and 24). On Node 24, performance.now() plus a stored offset allocates nothing, so
 * there the clock is monotonic time re-anchored to Date.now() once a second (the
 * monotonic clock drifts from wall time; the re-anchor keeps the error to the drift
 * of one second). The anchor lives in a Float64Array: a double stored in a module
 * `let` or a context slot would be boxed on every write.
 */
const MONOTONIC = Number(process.versions.node.split('.')[0]) >= 24

// [0]: wall ms minus monotonic ms at the last anchor; [1]: monotonic ms of that anchor.
const anchor = new Float64Array(2)

function reanchor (): void {
  const mono = performance.now()
  anchor[0] = Date.now() - mono
  anchor[1] = mono
}
reanchor()

function monotonicNow (): number {
  const mono = performance.now()
  if (mono - anchor[1]! >= 1000) reanchor()
  return Math.floor(anchor[0]! + mono)
}

/** Milliseconds since the epoch, an integer. */
export const now: () => number = MONOTONIC ? monotonicNow : Date.now
