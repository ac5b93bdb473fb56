// The typed event API in a hot loop: fields are encoded straight into a pooled buffer, so
// a record costs no objects on the JS heap, and an event on a disabled level costs next to
// nothing. Run with `node examples/event-hot-loop.mjs [file]` (default: a file in the
// temp dir): it writes 120,000 records to the file, then prints a summary record, with
// timings and heap use, on stdout.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getHeapStatistics } from 'node:v8'
import { createLogger, destination } from 'bytelog'

const file = process.argv[2] ?? join(tmpdir(), `bytelog-hot-loop-${process.pid}.log`)

const dest = destination({ dest: file, append: false })
const log = createLogger({ destination: dest, level: 'info' })
const report = createLogger() // stdout

const OPS = ['get', 'set', 'del']
let written = 0 // records logged so far: each record's `i`

function logRecords (n) {
  for (let k = 0; k < n; k++) {
    const i = written++
    log.event('info')
      .int('i', i)
      .str('op', OPS[i % 3])
      .bool('hit', i % 2 === 0)
      // A fractional number made here reaches num() as a new heap number (V8 boxes a
      // double passed to a function it does not inline): the caller's 12 to 16 bytes.
      .num('ms', i / 8)
      .msg('cache lookup')
  }
}

function logDisabled (n) {
  for (let i = 0; i < n; i++) {
    // A disabled level returns one shared no-op event: its methods return at once.
    // (When a value is costly to compute, guard with log.isLevelEnabled('debug').)
    log.event('debug').int('i', i).str('op', OPS[i % 3]).msg('not written')
  }
}

// Heap in use, as benchmark tools read it: the JS heap plus V8's malloced memory.
function heapBytes () {
  const h = getHeapStatistics()
  return h.used_heap_size + h.malloced_memory
}

const flush = () => new Promise((resolve) => dest.flush(resolve))

// Runs `loop` in batches, letting the event loop turn between them (as an app would, so
// that the destination writes what collected); returns ns and heap bytes per call.
async function measure (loop, batches, size) {
  let ns = 0
  const bytes = []
  for (let b = 0; b < batches; b++) {
    const h0 = heapBytes()
    const t0 = performance.now()
    loop(size)
    ns += (performance.now() - t0) * 1e6
    const grown = heapBytes() - h0
    if (grown >= 0) bytes.push(grown / size) // a batch during which a GC ran is left out
    await flush()
  }
  bytes.sort((x, y) => x - y)
  return { nsPerCall: Math.round(ns / (batches * size)), heapBytesPerCall: bytes[bytes.length >> 1] ?? null }
}

// A warm-up, so that V8 has compiled the loops before they are measured.
await measure(logRecords, 20, 1_000)
await measure(logDisabled, 20, 1_000)

const enabled = await measure(logRecords, 10, 10_000)
const disabled = await measure(logDisabled, 10, 10_000)

// end() writes what is still buffered and closes the file.
await new Promise((resolve) => dest.end(resolve))

// Timings and heap figures vary from run to run and machine to machine.
report.info({
  file,
  records: written,
  debugEnabled: log.isLevelEnabled('debug'),
  debugEventEnabled: log.event('debug').enabled,
  enabled,
  disabled,
}, 'hot loop done')
