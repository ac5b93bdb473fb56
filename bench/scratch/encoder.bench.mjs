// The encoder alone (appendString / appendValue into a pooled buffer), old build beside
// new, one mitata run: `node encoder.bench.mjs [name...]`.
import { bench, run, summary } from 'mitata'
import { ERROR, LONG_STRING, PINO_PACKAGE, tenFields } from '../lib/fixtures.mjs'
import { ASCII_2000, buildsFromEnv, MIXED_2000 } from './cases.mjs'

const builds = buildsFromEnv()
const mods = {}
for (const [name, dir] of Object.entries(builds)) {
  const { appendString } = await import(dir + '/esm/encoder/string.js')
  const { appendValue } = await import(dir + '/esm/encoder/value.js')
  const { BufferPool } = await import(dir + '/esm/pool.js')
  const b = new BufferPool({ bufferSize: 1 << 16 }).get()
  mods[name] = { str: (s) => { b.pos = 3; appendString(b, s) }, val: (v) => { b.pos = 3; appendValue(b, v) } }
}
const CREATED = new Date(Date.UTC(2024, 0, 15, 10, 30, 0, 123))
const CASES = {
  ascii: ['str', () => ASCII_2000],
  mixed: ['str', () => MIXED_2000],
  stack: ['str', () => ERROR.stack],
  random: ['str', () => LONG_STRING],
  ascii100: ['str', () => ASCII_2000.slice(0, 100)],
  deep: ['val', () => PINO_PACKAGE],
  small3: ['val', () => ({ name: 'ann', email: 'ann@example.com', createdAt: CREATED })],
  ten: ['val', () => tenFields()],
  error: ['val', () => ERROR],
}
const pick = process.argv.slice(2)
for (const [k, [kind, make]] of Object.entries(CASES)) {
  if (pick.length > 0 && !pick.includes(k)) continue
  const fixed = kind === 'str' || k === 'deep' || k === 'error' ? make() : null
  summary(() => {
    for (const [name, m] of Object.entries(mods)) {
      const f = m[kind]
      bench(`${k} ${name}`, fixed === null ? () => f(make()) : () => f(fixed))
    }
  })
}
await run({ colors: false })
