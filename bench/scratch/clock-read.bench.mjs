// What one clock read costs here: performance.now(), Date.now(), bytelog's tick() (built
// dist), process.hrtime.bigint(). `node clock-read.bench.mjs` (after npm run build).
import { bench, do_not_optimize, run } from 'mitata'

const { tick, clock } = await import(new URL('../../dist/cjs/clock.js', import.meta.url).href)
bench('performance.now()', () => do_not_optimize(performance.now()))
bench('Date.now()', () => do_not_optimize(Date.now()))
bench('tick()', () => { tick(); do_not_optimize(clock[1]) })
bench('process.hrtime.bigint()', () => do_not_optimize(process.hrtime.bigint()))
await run({ colors: false })
