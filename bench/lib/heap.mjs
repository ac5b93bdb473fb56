// Heap bytes per call, as issue 8 defines them: batches of 4,096 calls, with an event-loop
// turn and a GC between batches; a batch's figure is v8 used_heap_size + malloced_memory
// after it less before it, over its calls. Shared by the benchmarks (bench/lib/measure.mjs)
// and the allocation test (test/fixtures/alloc.mjs).
//
// Under plain `node`, with no V8 flags on the command line: the flags an app does not run
// with (--expose-gc, --no-concurrent-recompilation) change when and how V8 compiles, which
// is what a heap figure this small depends on. gc() is reached without them (see exposeGc).
//
// A figure is the median of the measured batches, after warm-up batches until the JIT has
// settled: a one-off compile (a function called once per slab reaching Maglev late) mallocs
// its compiler memory inside one batch, and the median leaves it out. The mean, the least
// and the most are returned beside it.
import { GCProfiler, getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { setImmediate as turn } from 'node:timers/promises'

let gcFn = null

/**
 * A full GC, without --expose-gc on the command line: V8 installs `gc` in every context made
 * after the flag is set, so a new vm context has one. The flag changes nothing else: it only
 * adds that function to new contexts.
 */
export function exposeGc () {
  if (gcFn !== null) return gcFn
  if (typeof globalThis.gc === 'function') {
    gcFn = globalThis.gc
  } else {
    setFlagsFromString('--expose-gc')
    gcFn = runInNewContext('gc')
    if (typeof gcFn !== 'function') throw new Error('could not reach gc() through a vm context')
  }
  return gcFn
}

/** mitata's heap probe (main.mjs): used_heap_size + malloced_memory. */
export function heapNow () {
  const m = getHeapStatistics()
  return m.used_heap_size + m.malloced_memory
}

/** The batch. */
export const HEAP_BATCH = 4096
/**
 * The fewest calls in a batch. A call that allocates so much that a GC runs inside a batch
 * of 4,096 (a GC would free what the batch allocated and hide it) gets batches halved until
 * none does; only peers and bytelog's allocating cases do.
 */
const MIN_BATCH = 16

/**
 * Measured batches start no earlier than this many ms after the process started
 * (performance.now() counts from then). A branch first taken a second in deoptimizes the
 * code that never took it: bytelog's clock (src/clock.ts tick()) re-anchors once a second,
 * and its first re-anchor, ~1 s after load, deopts tick() (Turbofan compiled the call to
 * reanchor() with no type feedback); until it is optimized again a call allocates ~90 B.
 * An app pays that once, in its first seconds: the figure is taken after.
 */
const MIN_AGE_MS = 1600

function run (op, n) {
  for (let i = 0; i < n; i++) op()
}

/**
 * One batch: the drain, a GC, a turn, then `n` calls. Bytes per call, or null if a GC ran
 * inside (v8.GCProfiler counts them; it records in C++ and allocates nothing on the JS heap
 * until stop(), after the second reading). The turn comes after the GC: V8's work after a
 * full GC (sweeping, freeing on background threads) moves malloced_memory for a while, and
 * a reading taken at once can catch it half done.
 */
async function batch (op, drain, n) {
  if (drain !== null) await drain()
  exposeGc()()
  await turn()
  const profiler = new GCProfiler()
  profiler.start()
  const h0 = heapNow()
  run(op, n)
  const d = heapNow() - h0
  const gcs = profiler.stop().statistics.length
  return gcs > 0 || d < 0 ? null : d / n
}

async function batches (op, drain, n, count) {
  const out = []
  for (let i = 0; i < count; i++) {
    const b = await batch(op, drain, n)
    if (b !== null) out.push(b)
  }
  return out
}

/**
 * Batches that read the same: to within 1 KiB a batch, or 2% of what they allocate (a peer
 * that allocates kilobytes a call never repeats itself to the byte).
 */
function steady (perCall, n) {
  const lo = Math.min(...perCall)
  const hi = Math.max(...perCall)
  return (hi - lo) * n < Math.max(1024, 0.02 * hi * n)
}

/**
 * @param {() => unknown} op one call
 * @param {null | (() => Promise<void>)} drain writes what an async logger holds
 * @param {{ batch?: number, measured?: number, minWarm?: number, maxWarm?: number, minAgeMs?: number }} [opts]
 * @returns {{ bytes: number, mean: number, min: number, max: number, batch: number, batches: number[], warmBatches: number }}
 */
export async function heapPerCall (op, drain, opts = {}) {
  const measured = opts.measured ?? 16
  // Calls in short runs first, so that V8 optimizes `run` as a function rather than
  // recompiling its loop on the stack (OSR) in a measured batch (that compile's memory
  // would be the harness's, not the logger's), and so that the op reaches Turbofan: up to
  // 131,072 calls or 300 ms, whichever comes first.
  const t0 = performance.now()
  for (let i = 0; i < 1024 && performance.now() - t0 < 300; i++) {
    run(op, 128)
    if (drain !== null && i % 32 === 31) await drain()
  }
  // The batch: 4,096 calls, halved while a GC runs inside each of three (see MIN_BATCH).
  let n = opts.batch ?? HEAP_BATCH
  while (opts.batch === undefined && n > MIN_BATCH && (await batches(op, drain, n, 3)).length === 0) n >>= 1
  // Warm-up: until five batches in a row read the same (see steady) (the JIT
  // has settled), at least minWarm batches (enough calls that the code is Turbofan's, not
  // Maglev's, which boxes doubles and reads steady too, at ~90 B a call), at most
  // maxWarm; and not before the process is MIN_AGE_MS old (see MIN_AGE_MS).
  const minWarm = opts.minWarm ?? 30
  const maxWarm = opts.maxWarm ?? 150
  const minAge = opts.minAgeMs ?? MIN_AGE_MS
  const warm = await batches(op, drain, n, minWarm)
  let tries = minWarm
  while (tries < maxWarm) {
    const last = warm.slice(-5)
    if (performance.now() >= minAge && last.length === 5 && steady(last, n)) break
    warm.push(...await batches(op, drain, n, 1))
    tries++
  }
  const got = await batches(op, drain, n, measured)
  const sorted = got.slice().sort((a, b) => a - b)
  return {
    bytes: sorted.length === 0 ? NaN : sorted[(sorted.length - 1) >> 1],
    mean: sorted.length === 0 ? NaN : sorted.reduce((a, b) => a + b, 0) / sorted.length,
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    batch: n,
    batches: got,
    warmBatches: tries,
  }
}
