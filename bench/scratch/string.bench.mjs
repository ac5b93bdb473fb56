// appendString alone, old build beside new, on the long strings of the cases (one mitata run).
import { bench, run, summary } from 'mitata'
import { ERROR, LONG_STRING } from '../lib/fixtures.mjs'
import { ASCII_2000, MIXED_2000 } from './cases.mjs'
import { buildsFromEnv } from './cases.mjs'

const builds = buildsFromEnv()
const mods = {}
for (const [name, dir] of Object.entries(builds)) {
  const { appendString } = await import(dir + '/esm/encoder/string.js')
  const { BufferPool } = await import(dir + '/esm/pool.js')
  const b = new BufferPool({ bufferSize: 1 << 16 }).get()
  mods[name] = (s) => { b.pos = 3; appendString(b, s) }
}
const STRINGS = { ascii: ASCII_2000, mixed: MIXED_2000, stack: ERROR.stack, random: LONG_STRING, ascii100: ASCII_2000.slice(0, 100) }
for (const [k, s] of Object.entries(STRINGS)) {
  summary(() => { for (const [name, f] of Object.entries(mods)) bench(`${k} ${name}`, () => f(s)) })
}
await run({ colors: false })
