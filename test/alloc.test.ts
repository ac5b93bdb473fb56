// Heap bytes per log call, in a child process under plain `node` (no V8 flags), measured as
// issue 8 defines them and as `npm run bench` measures them (test/fixtures/alloc.mjs, which
// uses bench/lib/heap.mjs): batches of 4,096 calls, the destination flushed, a GC and an
// event-loop turn between batches, the median of 16 measured batches after a warm-up that
// waits for a steady figure. The promise: less than one byte per call for the everyday
// shapes, writing to a real file, on the Node running the test.
//
// Node 20 and 22: bytelog's clock reads Date.now() there (src/clock.ts), whose result V8
// boxes, 16 B a call; performance.now() plus an offset allocates nothing only from Node 24
// on. Each call that writes a time then costs 16 B, which no logger code can avoid, so on
// those runtimes the bar for those shapes is 16 B plus less than one.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const fixture = join(root, 'test', 'fixtures', 'alloc.mjs')
const major = Number(process.versions.node.split('.')[0])
/** Bytes a boxed Date.now() result costs where the clock uses it (see the top of the file). */
const CLOCK_BYTES = major >= 24 ? 0 : 16

interface Result { bytesPerCall: number | null, mean: number | null, batch: number, batches: number[] }

function measure (workload: string): Result {
  // A clean environment: the test runner's NODE_OPTIONS and friends are not the app's.
  // No V8 flags: the fixture reaches gc() without --expose-gc.
  const out = execFileSync(process.execPath, [fixture, workload], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '' },
  })
  const parsed = JSON.parse(out.trim().split('\n').pop()!) as Record<string, Result>
  return parsed[workload]!
}

function expectUnder (r: Result, limit: number): void {
  // The batch, and enough measured batches that the median means something (a batch
  // during which a GC ran is the only one left out).
  expect(r.batch).toBe(4096)
  expect(r.batches.length).toBeGreaterThanOrEqual(12)
  expect(r.bytesPerCall).not.toBeNull()
  expect(r.bytesPerCall!, `mean ${String(r.mean)}, batches: ${r.batches.join(', ')}`).toBeLessThan(limit)
}

describe(`heap bytes per call on Node ${process.versions.node} (batches of 4,096 calls, no V8 flags)`, () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'esm', 'index.js'))) {
      execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' })
    }
  })

  it.each([
    ["log.info('hello world')", 'info', CLOCK_BYTES],
    ["a child logger's info", 'child', CLOCK_BYTES],
    ["a five-field log.event('info')", 'event', CLOCK_BYTES],
    // A write per ~50 records: fs.writeSync's 57 B a call would be over a byte a record
    // (whole slabs go through fs.writevSync from Node 24 on: src/destination/whole.ts).
    ["info with sync: true, minLength: 4096", 'syncInfo', major >= 24 ? 0 : CLOCK_BYTES + 1.5],
    ["a child's info with sync: true, minLength: 4096", 'syncChild', major >= 24 ? 0 : CLOCK_BYTES + 1.5],
    ['an event with integers past 31 bits', 'eventInt64', CLOCK_BYTES],
    ['a disabled level', 'disabled', 0],
    ['info with depthLimit and edgeLimit cutting a value', 'limits', CLOCK_BYTES],
    ['info through a pino transport (a worker thread; one copy per slab, not per record)', 'transport', CLOCK_BYTES],
  ])('%s allocates less than 1 byte per call (beyond a boxed clock)', (_label, workload, clock) => {
    expectUnder(measure(workload), clock + 1)
  })

  // fastify's two records, their objects made once: the nested containers are walked, not
  // given to JSON.stringify (whose string was ~160 B a record on Node 26). The one heap
  // number is responseTime's double, boxed by V8 when a double field is read by key (16 B;
  // with an integer there it measures 0.5 B/call); an app's own object holds one anyway.
  it("a request's two records allocate nothing beyond responseTime's heap number", () => {
    expectUnder(measure('request'), 2 * CLOCK_BYTES + 16 + 1)
  })

  // A duration of 16 or 17 digits is written from its bits (src/encoder/shortest.ts), where
  // Number#toString's string was ~32 B a record: the same heap number as a short decimal.
  it("'request completed' with a new 17-digit responseTime each call allocates nothing beyond its heap number", () => {
    expectUnder(measure('duration'), CLOCK_BYTES + 16 + 1)
  })

  // A ~760 B record fills a 128 KiB slab every ~170 records; each slab is written whole
  // by fs.writevSync (src/destination/whole.ts), where fs.writeSync allocated 57 B a write
  // (0.35 B/call here, 1.3 to 1.5 B/call in all before). Measured 0.52 to 0.55 B/call on
  // Node 24 and 26.
  it('a child with ten bindings (an Error, a Date and an object among them) allocates less than 1 byte per call', () => {
    expectUnder(measure('context'), CLOCK_BYTES + 1)
  })

  it('the measurement sees an allocation when there is one (the caller\'s own object)', () => {
    // log.info({ user, items }, msg): the literal object is the caller's, about 40 bytes.
    const r = measure('object')
    expect(r.bytesPerCall!).toBeGreaterThan(16 + CLOCK_BYTES)
  })
})
