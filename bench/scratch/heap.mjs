// Heap bytes per call, one child process per (logger, case): batches of 4,096 calls, an
// event-loop turn and a GC between batches, v8 used_heap_size + malloced_memory.
// `node --expose-gc heap.mjs` runs every pair; with `--child logger case` it runs one.
import { execFileSync } from 'node:child_process'
import { getHeapStatistics } from 'node:v8'
import { setImmediate as tick } from 'node:timers/promises'
import { buildsFromEnv, CASES, makeLoggers } from './cases.mjs'

const BATCH = 4096
const heap = () => { const m = getHeapStatistics(); return m.used_heap_size + m.malloced_memory }

if (process.argv[2] === '--child') {
  const [, , , who, c] = process.argv
  const loggers = await makeLoggers(buildsFromEnv())
  const op = CASES[c](loggers[who])
  for (let i = 0; i < 20 * BATCH; i++) op() // warm up into optimized code
  const per = []
  for (let r = 0; r < 12; r++) {
    await tick()
    globalThis.gc()
    const before = heap()
    for (let i = 0; i < BATCH; i++) op()
    per.push((heap() - before) / BATCH)
  }
  per.sort((a, b) => a - b)
  console.log(JSON.stringify({ who, c, median: per[per.length >> 1], min: per[0] }))
} else {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(CASES)
  const who = ['pino', ...Object.keys(buildsFromEnv())]
  const rows = []
  for (const c of names) {
    const row = { case: c }
    for (const w of who) {
      const out = execFileSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, '--child', w, c], { encoding: 'utf8' })
      row[w] = Number(JSON.parse(out).median.toFixed(1))
    }
    rows.push(row)
  }
  console.log(`node ${process.version}`)
  console.table(rows)
}
