// A cross-check of time.bench.mjs that holds up on a shared machine: CPU time of the main
// thread (process.threadCpuUsage, Node 23.9+) per call, in rounds of about ROUND_MS of
// calls that rotate between pino-fastest, the old and the new build; total CPU time over
// total calls per logger. The kernel here accounts CPU time in ticks, so one round's
// figure is coarse; summed over ROUNDS rounds it is not. Descheduled time is not counted,
// so other processes on the cores change the figures far less than wall time (caches
// still suffer). `node cpu.bench.mjs [case...]`.
import { buildsFromEnv, CASES, makeLoggers } from './cases.mjs'

const ROUND_MS = Number(process.env.ROUND_MS ?? 20)
const ROUNDS = Number(process.env.ROUNDS ?? 30)
const loggers = await makeLoggers(buildsFromEnv())
const who = Object.keys(loggers)
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(CASES)
const cpu = () => { const u = process.threadCpuUsage(); return u.user + u.system }
const rows = []
for (const c of names) {
  const ops = who.map((w) => CASES[c](loggers[w]))
  for (const op of ops) for (let i = 0; i < 20_000; i++) op() // into optimized code
  // Calls a round: about ROUND_MS of wall time, from a first timing of 2,000 calls.
  const batch = ops.map((op) => {
    const t = performance.now()
    for (let i = 0; i < 2000; i++) op()
    return Math.max(2000, Math.round(2000 * ROUND_MS / (performance.now() - t)))
  })
  const used = who.map(() => 0)
  const calls = who.map(() => 0)
  for (let r = 0; r < ROUNDS; r++) {
    for (let j = 0; j < who.length; j++) {
      const k = (j + r) % who.length
      const op = ops[k]
      const n = batch[k]
      const t = cpu()
      for (let i = 0; i < n; i++) op()
      used[k] += cpu() - t
      calls[k] += n
    }
  }
  const row = { case: c }
  for (let k = 0; k < who.length; k++) row[`${who[k]} ns`] = Math.round(used[k] * 1000 / calls[k])
  if (row['old ns'] !== undefined) row['old/new'] = +(row['old ns'] / row['new ns']).toFixed(2)
  row['pino/new'] = +(row['pino ns'] / row['new ns']).toFixed(2)
  if (row['old ns'] !== undefined) row['pino/old'] = +(row['pino ns'] / row['old ns']).toFixed(2)
  rows.push(row)
}
console.log(`node ${process.version}, ${ROUNDS} rounds of ~${ROUND_MS} ms per logger, main-thread CPU time per call`)
console.table(rows)
