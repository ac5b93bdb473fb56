// Heap bytes per log call, in a child process started with --expose-gc, measured as
// mitata measures them (see test/fixtures/alloc.mjs): 100,000 calls in 10 batches, the
// figure is the median batch (a one-off JIT compile can land in a single batch; the mean
// and every batch are in the failure message). The promise: less than one byte per call
// on Node 24 for the everyday shapes, writing to a real file.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const fixture = join(root, 'test', 'fixtures', 'alloc.mjs')
const onNode24 = process.versions.node.startsWith('24.')

interface Result { bytesPerCall: number | null, mean: number | null, batches: number[] }

function measure (workload: string): Result {
  // A clean environment: the test runner's NODE_OPTIONS and friends are not the app's.
  // --no-concurrent-recompilation: Turbofan compiles on the main thread the moment a
  // function is hot, instead of on a background thread. On a loaded machine (the rest of
  // the suite runs beside this test) the background job can lag the whole warm-up, and
  // the batches then measure Maglev's code, which boxes doubles: a CI run read a steady
  // 16.3 B/call that way, and `--no-turbofan` reads 88 B/call. The code measured is the
  // same Turbofan code a long-running app ends up with; only the moment it arrives moves.
  const out = execFileSync(process.execPath, ['--expose-gc', '--no-concurrent-recompilation', fixture, workload], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '' },
  })
  const parsed = JSON.parse(out.trim().split('\n').pop()!) as Record<string, Result>
  return parsed[workload]!
}

describe.runIf(onNode24)('heap bytes per call on Node 24 (100,000 calls after warm-up)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'esm', 'index.js'))) {
      execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' })
    }
  })

  it.each([
    ["log.info('hello world')", 'info'],
    ["a five-field log.event('info')", 'event'],
    ["a child logger's info", 'child'],
    ['a disabled level', 'disabled'],
    ["info through a pino transport (a worker thread; one copy per slab, not per record)", 'transport'],
  ])('%s allocates less than 1 byte per call', (_label, workload) => {
    const r = measure(workload)
    // Every measured batch counts: a GC during a batch is the only reason to drop one.
    expect(r.batches.length).toBeGreaterThanOrEqual(8)
    expect(r.bytesPerCall).not.toBeNull()
    expect(r.bytesPerCall!, `mean ${String(r.mean)}, batches: ${r.batches.join(', ')}`).toBeLessThan(1)
  })

  it('the measurement sees an allocation when there is one (the caller\'s own object)', () => {
    // log.info({ user, items }, msg): the literal object is the caller's, about 40 bytes.
    const r = measure('object')
    expect(r.bytesPerCall!).toBeGreaterThan(16)
  })
})
