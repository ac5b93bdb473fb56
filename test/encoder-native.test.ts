// Nested plain data through JSON.stringify (src/encoder/native.ts): which values take that
// path, and that every value is written as before either way: plain data exactly as
// JSON.stringify writes it, and what the walker writes differently (Errors, BigInt, cycles)
// never sent there.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { BufferPool, ByteBuf } from '../src/pool.js'
import { nativeWorth } from '../src/encoder/native.js'
import { Limits, useLimits } from '../src/encoder/limits.js'
import { appendValue } from '../src/encoder/value.js'
import { runs } from './runs.js'
import { bytelogLines, captured, normalizeTime, pinoLines } from './helpers.js'

const require = createRequire(import.meta.url)

const pool = new BufferPool({ bufferSize: 16, maxBufferSize: 1 << 24 })
const versions = process.versions as Record<string, unknown>
const fast = versions.bun === undefined && versions.deno === undefined && Number(process.versions.node.split('.')[0]) >= 25

function write (v: unknown): string {
  const b = new ByteBuf(16, pool)
  appendValue(b, v)
  return b.buf.toString('utf8', 0, b.pos)
}

const flat = (n: number): Record<string, unknown> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i % 2 === 0 ? i : `v${i}`]))
class Point { x = 1; y = 2 }
const cyclic: Record<string, unknown> = { a: { b: 1 } }
;(cyclic.a as Record<string, unknown>).up = cyclic
let deep: Record<string, unknown> = { end: true }
for (let i = 0; i < 40; i++) deep = { d: deep, pad: flat(1) }

describe('which values JSON.stringify writes', () => {
  const CASES: Array<{ name: string, value: object, native: boolean }> = [
    { name: 'a flat object of 5 entries (allocation-free walk)', value: flat(5), native: false },
    { name: 'a flat object of 7 entries', value: flat(7), native: false },
    { name: 'a flat object of 16 entries', value: flat(16), native: true },
    { name: 'a flat array of 16 numbers', value: Array.from({ length: 16 }, (_, i) => i), native: true },
    { name: 'a small object that nests another', value: { a: 1, b: { c: 2 } }, native: false },
    { name: 'an object of 8 entries, one nesting another', value: { ...flat(7), b: { c: 2 } }, native: fast },
    { name: 'a small object holding a Date', value: { at: new Date(0), n: 1 }, native: false },
    { name: 'a null-prototype object of 16 entries', value: Object.assign(Object.create(null), flat(16)), native: true },
    { name: 'an Error deep inside', value: { ...flat(16), list: [{ e: new Error('x') }] }, native: false },
    { name: 'a BigInt deep inside', value: { ...flat(16), n: { v: 1n } }, native: false },
    { name: 'a cycle', value: { ...flat(16), cyclic }, native: false },
    { name: 'a class instance inside', value: { ...flat(16), p: new Point() }, native: false },
    { name: 'a boxed primitive inside', value: { ...flat(16), s: Object('boxed') }, native: false },
    { name: 'an object with toJSON inside', value: { ...flat(16), t: { toJSON: () => new Error('late') } }, native: false },
    { name: 'an array subclass', value: Object.assign(new (class extends Array {})(), flat(16)), native: false },
    { name: '41 levels deep', value: deep, native: false },
    { name: 'a Date deep inside', value: { ...flat(16), n: { at: new Date(0) } }, native: true },
    { name: 'a Date with a toJSON of its own inside', value: { ...flat(16), at: Object.assign(new Date(0), { toJSON: () => 'x' }) }, native: false },
    { name: 'a null-prototype object inside', value: { ...flat(16), n: Object.assign(Object.create(null), { a: 1 }) }, native: true },
    { name: 'an array given Object.prototype inside', value: { ...flat(16), a: Object.setPrototypeOf([1, 2], Object.prototype) }, native: false },
    { name: 'an object given Array.prototype inside', value: { ...flat(16), a: Object.assign(Object.create(Array.prototype), { x: 1 }) }, native: false },
  ]
  it.each(CASES)('$name: native $native', ({ value, native }) => {
    expect(nativeWorth(value)).toBe(native)
  })

  it.each(CASES)('$name: written as the walker writes it', ({ value }) => {
    const out = write(value)
    if (nativeWorth(value)) {
      expect(out).toBe(JSON.stringify(value))
    } else {
      // Still valid JSON, with the walker's shapes for what JSON.stringify writes otherwise.
      expect(() => JSON.parse(out)).not.toThrow()
    }
  })

  it('none while a logger\'s depthLimit or edgeLimit is installed (JSON.stringify would write the whole value)', () => {
    const big = { ...flat(16), n: { a: { b: { c: 1 } } } }
    expect(nativeWorth(big)).toBe(true)
    for (const l of [new Limits(2, Infinity), new Limits(Infinity, 4)]) {
      const prev = useLimits(l)
      try {
        expect(nativeWorth(big)).toBe(false)
      } finally {
        useLimits(prev)
      }
    }
    expect(nativeWorth(big)).toBe(true)
  })

  it('an Error deep inside keeps its error shape', () => {
    const e = new TypeError('deep')
    const out = JSON.parse(write({ ...flat(16), list: [{ e }] }))
    expect(out.list[0].e).toEqual({ type: 'TypeError', message: 'deep', stack: e.stack })
  })

  it('a BigInt deep inside is written as digits, a cycle as "[Circular]"', () => {
    expect(JSON.parse(write({ ...flat(16), n: { v: 12345678901234567890n } })).n.v).toBe(12345678901234567000)
    expect(write({ ...flat(16), n: { v: 12345678901234567890n } })).toContain('"v":12345678901234567890')
    expect(JSON.parse(write({ ...flat(16), cyclic })).cyclic.a.up).toBe('[Circular]')
  })
})

describe('getters on nested plain data', () => {
  it('run twice in a large value (the check, then JSON.stringify), once in a small one', () => {
    let reads = 0
    const big = { ...flat(16), get g () { reads++; return 'got' } }
    expect(JSON.parse(write(big)).g).toBe('got')
    expect(reads).toBe(2)
    reads = 0
    const small = { get g () { reads++; return 'got' } }
    expect(JSON.parse(write(small)).g).toBe('got')
    expect(reads).toBe(1)
  })

  it('one that throws the second time it is read gives the walker\'s placeholder, not a lost value', () => {
    let reads = 0
    const big = { ...flat(16), get g () { if (++reads === 2) throw new Error('second read'); return 'first' } }
    const out = JSON.parse(write(big))
    expect(out.k0).toBe(0)
    expect(typeof out.g).toBe('string')
  })
})

describe('random plain data', () => {
  const date = fc.integer({ min: -8.64e15, max: 8.64e15 }).map((t) => new Date(t))
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' },
      fc.jsonValue({ maxDepth: 2 }), date, fc.constant(undefined), fc.constant(() => 1),
      fc.array(tie('v'), { maxLength: 20 }),
      fc.dictionary(fc.string(), tie('v'), { maxKeys: 20 })),
  })).v
  it('is written exactly as JSON.stringify writes it, whichever path takes it', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), value, { maxKeys: 24 }), (o) => {
      const out = write(o)
      if (out !== JSON.stringify(o)) expect(out).toBe(JSON.stringify(o))
    }), { numRuns: runs(3_000) })
  })
})

describe('a record\'s fields from a large plain object, against pino', () => {
  const pkg = JSON.parse(readFileSync(require.resolve('pino/package.json'), 'utf8')) as Record<string, unknown>
  const CASES: Array<{ name: string, args: unknown[] }> = [
    { name: "pino's package.json", args: [pkg] },
    { name: "pino's package.json and a message", args: [pkg, 'the package'] },
    { name: 'twenty flat fields', args: [flat(20), 'flat'] },
    { name: 'twenty fields and a msg key among them', args: [{ ...flat(19), msg: 'inside' }] },
    { name: 'twenty fields and an error-like err', args: [{ ...flat(19), err: { message: 'like an error', code: 'E' } }] },
    { name: 'twenty fields and a real err', args: [{ ...flat(19), err: new Error('real') }, 'with err'] },
    { name: 'twenty fields, nested, with unicode', args: [{ ...flat(19), n: { s: 'é 中 \u2028 "q" \n', a: [1, null, 'x'] } }] },
  ]
  it.each(CASES)('$name', ({ args }) => {
    expect(bytelogLines(args).map(normalizeTime)).toEqual(pinoLines(args).map(normalizeTime))
  })
})

describe('a small container under a record\'s own object is walked: allocation-free, as pino writes it', () => {
  const CASES: Array<{ name: string, args: unknown[] }> = [
    { name: 'fastify\'s incoming request', args: [{ req: { method: 'GET', url: '/users/42', host: 'localhost:3000', remoteAddress: '127.0.0.1', remotePort: 51234 } }, 'incoming request'] },
    { name: 'fastify\'s request completed', args: [{ res: { statusCode: 200 }, responseTime: 1.8345 }, 'request completed'] },
    { name: 'nested, with unicode, a Date and an array', args: [{ n: { s: 'é 中 \u2028 "q" \n', at: new Date(0), a: [1, null, 'x', undefined] }, k: 1 }] },
    { name: 'a value holding undefined and a function', args: [{ n: { u: undefined, f: () => 1, x: 1 } }, 'skips'] },
    { name: 'beside a real err', args: [{ err: new Error('real'), n: { a: 1, b: 2 } }, 'with err'] },
  ]
  it.each(CASES)('$name, against pino', ({ args }) => {
    expect(bytelogLines(args).map(normalizeTime)).toEqual(pinoLines(args).map(normalizeTime))
  })

  it('an event field is walked whatever its size: a large value\'s getter read once, its JSON as JSON.stringify\'s', () => {
    const { log, out } = captured()
    let reads = 0
    const big = { ...flat(20), n: { a: [1, 2, { b: 'é' }] }, get g () { reads++; return 'got' } }
    log.event('info').obj('big', big).msg('event')
    expect(reads).toBe(1)
    expect(JSON.stringify(out.records()[0]!.big)).toBe(JSON.stringify(big))
  })

  it('a small container\'s getter is read once, through event() and through a level method', () => {
    const { log, out } = captured()
    let reads = 0
    const value = (): object => ({ get g () { reads++; return 'got' }, b: 1 })
    log.event('info').obj('o', value()).msg('event')
    expect(reads).toBe(1)
    reads = 0
    log.info({ o: value() }, 'record')
    expect(reads).toBe(1)
    expect(out.records().map((r) => r.o)).toEqual([{ g: 'got', b: 1 }, { g: 'got', b: 1 }])
  })
})

describe('a record\'s own object: JSON.stringify whole only once its walk meets an object', () => {
  const getterOn = (o: Record<string, unknown>, count: { n: number }): Record<string, unknown> =>
    Object.defineProperty(o, 'g', { enumerable: true, get () { count.n++; return 'got' } })

  it('a flat one of twenty fields is walked: its getter read once, output as pino\'s', () => {
    const count = { n: 0 }
    const o = getterOn(flat(20), count)
    const { log, out } = captured()
    log.info(o, 'flat')
    expect(count.n).toBe(1)
    expect(out.records()[0]).toMatchObject({ ...flat(20), g: 'got', msg: 'flat' })
    expect(bytelogLines([flat(20), 'flat']).map(normalizeTime)).toEqual(pinoLines([flat(20), 'flat']).map(normalizeTime))
  })

  it('a large one holding an object is written as JSON.stringify writes it, the same as pino', () => {
    const args = [{ ...flat(12), at: new Date(0), n: { a: [1, 2], s: 'é"\n' } }, 'whole']
    expect(bytelogLines(args).map(normalizeTime)).toEqual(pinoLines(args).map(normalizeTime))
  })

  it('a large one holding an Error under errorKey keeps pino\'s err shape', () => {
    const err = new Error('kept')
    const args = [{ ...flat(12), n: { a: 1 }, err }, 'with err']
    expect(bytelogLines(args).map(normalizeTime)).toEqual(pinoLines(args).map(normalizeTime))
  })
})
