// Timing and heap figures with mitata, for one operation.
//
// Two mitata runs per operation:
// - time: a plain run (mitata's default gc 'once'): the garbage a call makes is collected
//   inside the timed loop, as in an application, so GC cost is part of ns/call.
// - heap: mitata's gc('inner') mode with its heap figure (v8 used_heap_size +
//   malloced_memory, after minus before, per call): a collection before every batch, so
//   the figure is what one batch allocates.
//
// Async loggers hold unwritten records in memory, and mitata's timed loop never yields
// to the event loop. The drain runs between batches, outside the timed region: it is the
// first of mitata's per-batch computed parameters (which mitata awaits when a Promise),
// so each batch starts with nothing buffered and memory stays bounded.
import { measure } from 'mitata'
import { getHeapStatistics } from 'node:v8'

/**
 * The collection mitata's gc('inner') mode runs around each batch. A scavenge empties the
 * young generation that a batch allocates into, which is all the heap figure needs; a
 * full collection does too but costs ~10 ms here against ~0.1 ms, 64 times per run.
 */
function minorGc () {
  globalThis.gc({ type: 'minor' })
}

/** mitata's own heap probe (main.mjs, B.prototype.run). */
function heap () {
  const m = getHeapStatistics()
  return m.used_heap_size + m.malloced_memory
}

/**
 * mitata's heap probe that also keeps its readings (mitata reads it before and after each
 * batch), so that the per-batch figures can be summarised by their median. The readings
 * go into a preallocated array: keeping them allocates nothing.
 */
function heapRecorder () {
  const values = new Float64Array(1 << 20)
  let n = 0
  return {
    read () {
      const v = heap()
      if (n < values.length) values[n++] = v
      return v
    },
    deltas () {
      const out = []
      for (let i = 0; i + 1 < n; i += 2) out.push(values[i + 1] - values[i])
      return out
    },
  }
}

/** Calls between drains: mitata's batch size, and a multiple of any batch chosen below. */
const DRAIN_EVERY = 4096
const MAX_BATCH = 4096
/** Most bytes one heap batch of a heavy allocator should allocate (see heapBatchFor). */
const HEAP_BATCH_BYTES = 128 * 1024

function floorPow2 (n) {
  return n < 1 ? 1 : 2 ** Math.floor(Math.log2(n))
}

function clamp (n, lo, hi) {
  return Math.min(hi, Math.max(lo, n))
}

/** A mitata generator benchmark of `op`, draining every DRAIN_EVERY calls. */
function benchmark (op, drain) {
  // Not from 0: mitata times its first calls to choose batching, and they must not
  // follow a drain (a first write after idle can take longer than its 65 µs threshold).
  let i = 1
  const param = drain === null
    ? () => undefined
    : () => ((i++ % DRAIN_EVERY) === 0 ? drain() : undefined)
  return function * () {
    // One parameter makes mitata compute (and await) `param` before each batch.
    yield { 0: param, bench: (_) => op() }
  }
}

/**
 * mitata batches calls when one of its warm-up calls takes under 65 µs, and skips the
 * warm-up calls when the first takes over 500 µs: one GC pause there would time every
 * call on its own (and the clock here costs ~80 ns a read). More tries, always made.
 */
const WARMUP = { warmup_samples: 16, warmup_threshold: 1e12 }

/** Runs `op` for about `ms` of its own time, draining as the timed runs do; returns ns per call. */
async function warmup (op, drain, ms) {
  let spent = 0
  let calls = 0
  do {
    const t0 = performance.now()
    for (let k = 0; k < 256; k++) op()
    spent += performance.now() - t0
    calls += 256
    if (drain !== null && calls % DRAIN_EVERY === 0) await drain()
  } while (spent < ms)
  if (drain !== null) await drain()
  return (spent * 1e6) / calls
}

/** Bytes per call over `n` calls after a collection: the least of three tries. */
async function probe (op, drain, n) {
  let least = Infinity
  for (let round = 0; round < 3; round++) {
    minorGc()
    const h0 = heap()
    for (let k = 0; k < n; k++) op()
    least = Math.min(least, Math.max(0, (heap() - h0) / n))
    if (drain !== null) await drain()
  }
  return least
}

/**
 * The heap run's batch size. A light call keeps mitata's 4096, which makes the probe's own
 * allocation (one getHeapStatistics() result per batch) and an async write's objects a
 * fraction of a byte per call. A heavy one gets batches of at most HEAP_BATCH_BYTES, so
 * that no scavenge runs inside a batch (it would hide what the batch allocated).
 */
async function heapBatchFor (op, drain) {
  let bytes = await probe(op, drain, 64)
  if (bytes < 256) bytes = await probe(op, drain, 1024)
  return bytes < 64 ? MAX_BATCH : clamp(floorPow2(HEAP_BATCH_BYTES / bytes), 16, MAX_BATCH)
}

/**
 * @param {() => unknown} op one log call
 * @param {null | (() => Promise<void>)} drain
 * @param {{ timeMs: number, heapMs: number }} budget mitata's min_cpu_time for each run
 */
export async function measureOp (op, drain, budget) {
  if (typeof globalThis.gc !== 'function') throw new Error('run under node --expose-gc')
  const nsPerCall = await warmup(op, drain, 60)
  // mitata's batch of 4096 calls, less for a slow call so that the budget still holds
  // ~24 samples (mitata takes at least 12 whatever the budget).
  const timeBatch = clamp(floorPow2((budget.timeMs * 1e6) / (24 * nsPerCall)), 256, MAX_BATCH)
  const time = await measure(benchmark(op, drain), {
    ...WARMUP,
    min_cpu_time: budget.timeMs * 1e6,
    batch_samples: timeBatch,
  })
  if (drain !== null) await drain()

  const heapBatch = await heapBatchFor(op, drain)
  const readings = heapRecorder()
  // mitata scales min_cpu_time by 1.1 (heap) and 2 (inner gc): divide it back out.
  const mem = await measure(benchmark(op, drain), {
    ...WARMUP,
    min_cpu_time: (budget.heapMs * 1e6) / 2.2,
    batch_samples: heapBatch,
    inner_gc: true,
    gc: minorGc,
    heap: readings.read,
    // The first few batches allocate while V8 compiles mitata's loop: enough batches
    // that the median is past them.
    min_samples: 32,
  })
  if (drain !== null) await drain()
  const perBatch = readings.deltas().map((d) => d / heapBatch).filter((d) => d >= 0).sort((a, b) => a - b)
  return {
    p50: time.p50,
    avg: time.avg,
    min: time.min,
    p99: time.p99,
    samples: time.samples.length,
    calls: time.ticks,
    batch: time.ticks === time.samples.length ? 1 : timeBatch,
    heapBatch,
    // mitata's heap figure (bytes per call, gc('inner') run): the median of its batches,
    // and its own average, which the first batches inflate while V8 compiles the loop
    // mitata generates for each run.
    bytes: perBatch[(perBatch.length - 1) >> 1] ?? NaN,
    bytesAvg: mem.heap?.avg ?? NaN,
    bytesMin: mem.heap?.min ?? NaN,
    bytesMax: mem.heap?.max ?? NaN,
    heapSamples: perBatch.length,
  }
}
