// redact: pino's paths, compiled once, applied while encoding. Compared with pino itself
// (base: null and no time, so lines compare byte for byte), and the caller's object is
// never changed.
import fc from 'fast-check'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../src/index.js'
import { parsePath, type RedactOptions } from '../src/redact.js'

type Redact = string[] | RedactOptions

function lines (redact: Redact, args: unknown[]): { pino: string, bytelog: string } {
  const p: string[] = []
  const b: string[] = []
  const pl = pino({ redact: redact as never, base: null, timestamp: false }, { write (s: string) { p.push(s) } })
  const bl = createLogger({ redact, base: null, time: false, destination: { write (c: Uint8Array) { b.push(Buffer.from(c).toString()) } } })
  ;(pl.info as (...a: unknown[]) => void)(...args)
  ;(bl.info as (...a: unknown[]) => void)(...args)
  return { pino: p.join(''), bytelog: b.join('') }
}

const censorFn = (v: unknown, path: string[]): string => `${path.join('.')}:${typeof v}`

const cases: Array<{ name: string, redact: Redact, args: unknown[] }> = [
  { name: 'a top-level key', redact: ['password'], args: [{ password: 'x', user: 'u' }, 'm'] },
  { name: 'a nested path and a top-level key', redact: ['a.b', 'c'], args: [{ a: { b: 1, x: 2 }, c: 3, d: 4 }] },
  { name: 'a leading wildcard', redact: ['*.password'], args: [{ user: { name: 'u', password: 'p' }, other: { password: 'q', k: 1 } }] },
  { name: 'a wildcard over an array', redact: ['a[*].b'], args: [{ a: [{ b: 1, c: 2 }, { b: 3 }] }] },
  { name: 'an index', redact: ['a[1]'], args: [{ a: ['keep', 'hide', 'keep'] }] },
  { name: 'a bracketed key', redact: ['a["b-c"]'], args: [{ a: { 'b-c': 1, d: 2 } }] },
  { name: "a single-quoted key", redact: ["a['b.c']"], args: [{ a: { 'b.c': 1, d: 2 } }] },
  { name: 'a custom censor', redact: { paths: ['a.b'], censor: '***' }, args: [{ a: { b: 1 } }] },
  { name: 'a censor function gets value and path', redact: { paths: ['a.b', 'x[*].y'], censor: censorFn }, args: [{ a: { b: 1 }, x: [{ y: true }] }] },
  { name: 'remove', redact: { paths: ['a.b', 'c'], remove: true }, args: [{ a: { b: 1, c: 2 }, c: 3, d: 4 }] },
  { name: 'an object value redacted whole', redact: ['a'], args: [{ a: { deep: { er: 1 } }, b: 2 }] },
  { name: 'a path that does not exist', redact: ['no.such.path'], args: [{ a: 1 }] },
  { name: 'a path through a non-object', redact: ['a.b.c'], args: [{ a: { b: 5 } }] },
  { name: 'req.headers.authorization', redact: ['req.headers.authorization', 'req.headers.cookie'], args: [{ req: { headers: { authorization: 's', cookie: 'c', host: 'h' }, url: '/' } }] },
  { name: 'a middle wildcard', redact: ['a.*.c'], args: [{ a: { x: { c: 1, d: 2 }, y: { c: 3 } } }] },
]

describe('redact writes what pino writes', () => {
  it.each(cases)('$name', ({ redact, args }) => {
    const { pino: p, bytelog: b } = lines(redact, args)
    expect(b).toBe(p)
  })

  it('child bindings are redacted too, and a child may bring its own paths', () => {
    const out: string[] = []
    const log = createLogger({ redact: ['secret'], base: null, time: false, destination: { write (c: Uint8Array) { out.push(Buffer.from(c).toString()) } } })
    log.child({ secret: 's', id: 1 }).info('a')
    log.child({ token: 't' }, { redact: ['token'] }).info({ secret: 'shown now' }, 'b')
    expect(out.map((l) => JSON.parse(l) as unknown)).toEqual([
      { level: 30, secret: '[Redacted]', id: 1, msg: 'a' },
      { level: 30, token: '[Redacted]', secret: 'shown now', msg: 'b' },
    ])
  })

  it("never changes the caller's object", () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'password', 'k'), fc.jsonValue()), (obj) => {
      const before = JSON.stringify(obj)
      const { pino: p, bytelog: b } = lines(['password', '*.password', 'a.b', 'a[*].k'], [obj])
      expect(JSON.stringify(obj)).toBe(before)
      expect(b).toBe(p)
    }), { numRuns: 300 })
  })
})

describe('redact paths', () => {
  it.each([
    ['a.b.c', ['a', 'b', 'c']],
    ['a["b-c"].d', ['a', 'b-c', 'd']],
    ["a['x y']", ['a', 'x y']],
    ['a[0].b', ['a', '0', 'b']],
    ['a[*].b', ['a', null, 'b']],
    ['*.password', [null, 'password']],
  ])('%s', (path, keys) => {
    expect(parsePath(path)).toEqual(keys)
  })

  it.each(['', 'a.', 'a..b', 'a[', 'a[b]', '.a'])('rejects %j with a TypeError at creation', (path) => {
    expect(() => createLogger({ redact: [path], destination: { write () {} } })).toThrow(TypeError)
  })
})
