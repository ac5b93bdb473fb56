// Heap bytes per call of the encoder alone, in a child process started with --expose-gc:
// long strings (the word-at-a-time escape scan, which keeps one word view per slab) and a
// flat object of primitives must allocate nothing once warm, as the messages and fields
// they carry do. Measured as mitata measures heap: used_heap_size + malloced_memory around
// batches of 4,096 calls, a GC between batches, the median batch.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = pathToFileURL(join(root, 'dist', 'cjs')).href // the implementation: dist/esm re-exports it (scripts/build.mjs)

const CHILD = `
import { getHeapStatistics } from 'node:v8'
const { appendString } = await import('${dist}/encoder/string.js')
const { appendValue } = await import('${dist}/encoder/value.js')
const { BufferPool } = await import('${dist}/pool.js')
const pool = new BufferPool({ bufferSize: 1 << 16 })
const b = pool.get()
const words = 'the quick brown fox jumps over a lazy dog '.repeat(60).slice(0, 2000)
const mixed = ['"quoted" ', 'C:\\\\path ', 'tab\\there ', 'line\\n', 'café ', '日本語 ', 'plain words '].join('').repeat(30).slice(0, 2000)
const stack = new Error('boom').stack
const flat = { user: 'ann', items: 3, ok: true, none: null, path: '/a/b/c' }
const W = {
  ascii: () => { b.pos = 0; appendString(b, words) },
  mixed: () => { b.pos = 0; appendString(b, mixed) },
  stack: () => { b.pos = 0; appendString(b, stack) },
  flat: () => { b.pos = 0; appendValue(b, flat) },
  sliced: () => { b.pos = 0; appendString(b, words.slice(1)) },
}
const op = W[process.argv[1]]
const heap = () => { const h = getHeapStatistics(); return h.used_heap_size + h.malloced_memory }
for (let i = 0; i < 200000; i++) op()
const per = []
for (let r = 0; r < 15; r++) {
  globalThis.gc()
  const before = heap()
  for (let i = 0; i < 4096; i++) op()
  const d = heap() - before
  if (d >= 0) per.push(d / 4096)
}
per.sort((x, y) => x - y)
console.log(JSON.stringify({ median: per[per.length >> 1], batches: per }))
`

function measure (workload: string): { median: number, batches: number[] } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--no-concurrent-recompilation', '--input-type=module', '-e', CHILD, workload], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '' },
  })
  return JSON.parse(out.trim().split('\n').pop()!) as { median: number, batches: number[] }
}

describe('encoder heap bytes per call (child process, batches of 4,096)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'esm', 'index.js'))) {
      execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' })
    }
  })

  it.each(['ascii', 'mixed', 'stack', 'flat'])('%s allocates less than 1 byte per call', (workload) => {
    const r = measure(workload)
    expect(r.batches.length).toBeGreaterThanOrEqual(10)
    expect(r.median, `batches: ${r.batches.join(', ')}`).toBeLessThan(1)
  })

  it('sees an allocation when there is one (a slice of the string made per call)', () => {
    expect(measure('sliced').median).toBeGreaterThan(16)
  })
})
