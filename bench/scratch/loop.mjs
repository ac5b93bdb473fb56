// Runs one case in a loop (for --cpu-prof / --trace-deopt): `node loop.mjs case [calls]`.
import { buildsFromEnv, CASES, makeLoggers } from './cases.mjs'

const loggers = await makeLoggers(buildsFromEnv())
const op = CASES[process.argv[2]](loggers[process.env.WHO ?? 'new'])
const n = Number(process.argv[3] ?? 300000)
const t = performance.now()
for (let i = 0; i < n; i++) op()
console.log(process.argv[2], ((performance.now() - t) * 1e6 / n).toFixed(0), 'ns/call')
