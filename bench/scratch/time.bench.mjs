// One mitata run: pino fastest (sync, minLength 4096), bytelog old build, bytelog new
// build, side by side per case, to /dev/null. `node time.bench.mjs [case...]`.
import { bench, group, run, summary } from 'mitata'
import { buildsFromEnv, CASES, makeLoggers } from './cases.mjs'

const loggers = await makeLoggers(buildsFromEnv())
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(CASES)
for (const c of names) {
  group(c, () => {
    summary(() => {
      for (const [name, log] of Object.entries(loggers)) bench(`${c} ${name}`, CASES[c](log))
    })
  })
}
await run({ format: process.env.JSON ? 'json' : 'mitata', colors: false })
