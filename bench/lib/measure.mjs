// Timing and heap figures for one operation, under plain `node` (no V8 flags).
//
// - time: a mitata run (its default gc 'once', the gc reached as bench/lib/heap.mjs
//   reaches it): the garbage a call makes is collected inside the timed loop, as in an
//   application, so GC cost is part of ns/call.
// - heap: bench/lib/heap.mjs, issue 8's definition: batches of 4,096 calls, an event-loop
//   turn (with the drain) and a full GC between batches, used_heap_size + malloced_memory;
//   the median batch.
//
// Async loggers hold unwritten records in memory, and mitata's timed loop never yields
// to the event loop. The drain runs between batches, outside the timed region: it is the
// first of mitata's per-batch computed parameters (which mitata awaits when a Promise),
// so each batch starts with nothing buffered and memory stays bounded.
import { measure } from 'mitata'
import { exposeGc, heapPerCall } from './heap.mjs'
import { profileHeap } from './heap-profile.mjs'

/** Calls between drains: mitata's batch size, and a multiple of any batch chosen below. */
const DRAIN_EVERY = 4096
const MAX_BATCH = 4096
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

/**
 * @param {() => unknown} op one log call
 * @param {null | (() => Promise<void>)} drain
 * @param {{ timeMs: number, heap?: boolean }} budget mitata's min_cpu_time for the time run;
 *   `heap: false` leaves the heap batches out (a round that only times: scripts/bench.mjs)
 */
export async function measureOp (op, drain, budget) {
  const gc = exposeGc()
  const nsPerCall = await warmup(op, drain, 60)
  // mitata's batch of 4096 calls, less for a slow call so that the budget still holds
  // ~24 samples (mitata takes at least 12 whatever the budget).
  const timeBatch = clamp(floorPow2((budget.timeMs * 1e6) / (24 * nsPerCall)), 256, MAX_BATCH)
  const time = await measure(benchmark(op, drain), {
    ...WARMUP,
    min_cpu_time: budget.timeMs * 1e6,
    batch_samples: timeBatch,
    gc,
  })
  if (drain !== null) await drain()

  const timed = {
    p50: time.p50,
    avg: time.avg,
    min: time.min,
    p99: time.p99,
    samples: time.samples.length,
    calls: time.ticks,
    batch: time.ticks === time.samples.length ? 1 : timeBatch,
  }
  if (budget.heap === false) return { ...timed, bytes: null }
  const heap = await heapPerCall(op, drain)
  if (drain !== null) await drain()
  if (process.env.BENCH_HEAP_PROFILE) await profileHeap(op, drain, budget.label ?? 'op')
  return {
    ...timed,
    heapBatch: heap.batch,
    // Heap bytes per call: the median batch, and the mean, least and most of the batches.
    bytes: heap.bytes,
    bytesAvg: heap.mean,
    bytesMin: heap.min,
    bytesMax: heap.max,
    heapSamples: heap.batches.length,
    heapWarmBatches: heap.warmBatches,
  }
}
