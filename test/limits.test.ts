/**
 * depthLimit and edgeLimit (src/encoder/limits.ts), against two references:
 *
 * - pino itself, where pino applies them: to a value JSON.stringify cannot write (a cycle,
 *   a BigInt), which goes to its fallback serializer, safe-stable-stringify configured
 *   with them. That fallback sorts keys and bytelog keeps insertion order, so the values
 *   here are built with their keys inserted in sorted order (and no integer-like keys,
 *   which V8 lists first): the lines are then byte-identical. Error records, whose keys
 *   pino's serializer sets in its own order, are compared JSON-equal.
 * - safe-stable-stringify configured the same way with `deterministic: false` (no
 *   sorting), for the values pino writes whole with JSON.stringify and bytelog cuts; and a
 *   small model of the rules (modelJson below) where safe-stable-stringify miscounts an
 *   array's cut items (its open issue #60), the one place bytelog writes what it should
 *   write rather than what it writes.
 */
import fc from 'fast-check'
import pino from 'pino'
import { configure } from 'safe-stable-stringify'
import { describe, expect, it, vi } from 'vitest'
import pinoFace, { createLogger, type LoggerOptions } from '../src/index.js'
import { capture } from './helpers.js'

interface Limits { depthLimit?: number, edgeLimit?: number }
type AnyLogger = { info: (...a: unknown[]) => void, child: (b: Record<string, unknown>) => AnyLogger }

const COMMON = { base: null, timestamp: false } as const

function bytelogLogger (opts: Limits & Partial<LoggerOptions> = {}): { log: ReturnType<typeof createLogger>, lines: string[] } {
  const out = capture()
  const log = createLogger({ ...COMMON, ...opts, destination: out.destination } as LoggerOptions)
  return { log, lines: out.lines }
}

function pinoLogger (opts: Limits & pino.LoggerOptions = {}): { log: pino.Logger, lines: string[] } {
  const lines: string[] = []
  const log = pino({ ...COMMON, ...opts }, { write (s: string): void { lines.push(s) } })
  return { log, lines }
}

/** The same call on a pino and a bytelog logger made with the same options. */
function both (opts: Limits & Record<string, unknown>, call: (l: AnyLogger) => void): { pino: string[], bytelog: string[] } {
  const p = pinoLogger(opts as pino.LoggerOptions)
  const b = bytelogLogger(opts as LoggerOptions)
  call(p.log as unknown as AnyLogger)
  call(b.log as unknown as AnyLogger)
  return { pino: p.lines, bytelog: b.lines }
}

/** safe-stable-stringify as pino configures it, without its key sorting. */
function reference (l: Limits): (v: unknown) => string | undefined {
  // (An option given as undefined is an error to it: only the ones set.)
  return configure({
    deterministic: false,
    ...(l.depthLimit === undefined ? {} : { maximumDepth: l.depthLimit }),
    ...(l.edgeLimit === undefined ? {} : { maximumBreadth: l.edgeLimit }),
  })
}

/** `{"level":30,"v":<json>}\n`: a record with the one field. */
const fieldLine = (json: string | undefined): string => `{"level":30,"v":${json!}}\n`

/**
 * The rules as bytelog documents them, written out for JSON data: a non-empty array or
 * object at depth >= D is "[Array]" / "[Object]"; past E items or keys, a note of how many
 * are left out ("1 item", "N items").
 */
function modelJson (v: unknown, D: number, E: number, depth = 0, key = ''): string | undefined {
  const items = (n: number): string => (n === 1 ? '1 item' : `${n} items`)
  v = resolved(v, key)
  if (typeof v === 'bigint') return String(v)
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    if (depth >= D) return '"[Array]"'
    const parts = v.slice(0, E).map((x, i) => modelJson(x, D, E, depth + 1, String(i)) ?? 'null')
    if (v.length > E) parts.push(JSON.stringify(`... ${items(v.length - E)} not stringified`))
    return `[${parts.join(',')}]`
  }
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v)
    if (keys.length === 0) return '{}'
    if (depth >= D) return '"[Object]"'
    const parts: string[] = []
    for (const k of keys.slice(0, E)) {
      const s = modelJson((v as Record<string, unknown>)[k], D, E, depth + 1, k)
      if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`)
    }
    if (keys.length > E) parts.push(`"...":${JSON.stringify(`${items(keys.length - E)} not stringified`)}`)
    return `{${parts.join(',')}}`
  }
  return JSON.stringify(v)
}

/** A value after its toJSON, as JSON.stringify calls it. */
function resolved (v: unknown, key: string): unknown {
  const toJSON = typeof v === 'object' && v !== null ? (v as { toJSON?: unknown }).toJSON : undefined
  return typeof toJSON === 'function' ? (toJSON as (k: string) => unknown).call(v, key) : v
}

/** `{ a: { a: ... { b: 1 } } }`, n levels of `a` above the leaf object. */
function nest (n: number): Record<string, unknown> {
  let o: Record<string, unknown> = { b: 1 }
  for (let i = 0; i < n; i++) o = { a: o }
  return o
}

/** nest(n) whose top also holds itself, under "self" (after "a" and "b" in sorted order). */
function cyclic (n: number): Record<string, unknown> {
  const o = nest(n)
  o.self = o
  return o
}

/**
 * n levels alternating an object `{ a: child, b: 2n }` and an array `[child, 3n]`, a
 * BigInt at each level: JSON.stringify throws, so pino writes it with its fallback.
 */
function mixed (n: number): unknown {
  let v: unknown = { z: 1n }
  for (let i = 0; i < n; i++) v = i % 2 === 0 ? [v, 3n] : { a: v, b: 2n }
  return v
}

/** An object with m keys, k000 k001 ... in sorted order, each a BigInt. */
function wide (m: number): Record<string, unknown> {
  const o: Record<string, unknown> = {}
  for (let i = 0; i < m; i++) o[`k${String(i).padStart(3, '0')}`] = BigInt(i)
  return o
}

/** The ways a value gets into a record: the options and the call, the same for both loggers. */
const ENTRY_POINTS: Array<{ name: string, use: (v: unknown) => { opts?: Record<string, unknown>, call: (l: AnyLogger) => void } }> = [
  { name: 'a field', use: (v) => ({ call: (l) => l.info({ v }) }) },
  { name: 'a child binding', use: (v) => ({ call: (l) => l.child({ v }).info('m') }) },
  { name: 'a %j argument', use: (v) => ({ call: (l) => l.info('v=%j', v) }) },
  { name: 'an object as the message', use: (v) => ({ call: (l) => l.info({}, v) }) },
  { name: 'a base field', use: (v) => ({ opts: { base: { v } }, call: (l) => l.info('m') }) },
  { name: 'a field under nestedKey', use: (v) => ({ opts: { nestedKey: 'p' }, call: (l) => l.info({ v }) }) },
  { name: 'a mixin field', use: (v) => ({ opts: { mixin: () => ({ v }) }, call: (l) => l.info('m') }) },
  // Through the redactor's walk (a path under v that matches nothing). Not with a cycle:
  // pino's redaction (fast-redact) then writes part of the cycle twice before its fallback
  // sees it.
  { name: 'a field with redact', use: (v) => ({ opts: { redact: ['v.nope', 'v.*.nope'] }, call: (l) => l.info({ v }) }) },
  { name: 'a %j argument with redact', use: (v) => ({ opts: { redact: ['nope', '*.nope'] }, call: (l) => l.info('v=%j', v) }) },
]

describe('the options', () => {
  const bad: unknown[] = [0, -1, 0.5, 1.5, '3', null, true, {}, Infinity, -Infinity, NaN, 1n]
  for (const key of ['depthLimit', 'edgeLimit'] as const) {
    it(`${key}: what pino rejects is rejected, with pino's error class (TypeError, RangeError below 1)`, () => {
      for (const v of bad) {
        let pinoErr: unknown = null
        try {
          pino({ [key]: v } as pino.LoggerOptions, { write () {} })
        } catch (e) {
          pinoErr = e
        }
        expect(pinoErr, `pino with ${key}: ${String(v)}`).toBeInstanceOf(Error)
        let err: unknown = null
        try {
          createLogger({ [key]: v, destination: { write () {} } } as LoggerOptions)
        } catch (e) {
          err = e
        }
        expect(err, `bytelog with ${key}: ${String(v)}`).toBeInstanceOf((pinoErr as Error).constructor)
        expect((err as Error).constructor).toBe((pinoErr as Error).constructor)
      }
    })

    it(`${key}: an integer >= 1 is taken, with no warning (pino takes it too)`, () => {
      const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
      try {
        for (const v of [1, 2, 5, 100, 2 ** 31]) {
          expect(() => pino({ [key]: v }, { write () {} })).not.toThrow()
          expect(() => createLogger({ [key]: v, destination: { write () {} } })).not.toThrow()
        }
        expect(warn).not.toHaveBeenCalled()
      } finally {
        warn.mockRestore()
      }
    })
  }

  it('undefined is as if the option were not given (pino throws a TypeError for it)', () => {
    expect(() => pino({ depthLimit: undefined }, { write () {} })).toThrow(TypeError)
    const { log, lines } = bytelogLogger({ depthLimit: undefined, edgeLimit: undefined })
    const deep = nest(12)
    log.info({ v: deep })
    expect(lines).toEqual([fieldLine(JSON.stringify(deep))])
  })

  it('the pino face takes them as createLogger does', () => {
    const out = capture()
    const log = pinoFace({ ...COMMON, depthLimit: 1 }, out.destination)
    log.info({ v: { a: { b: 1 } } })
    expect(out.lines).toEqual([fieldLine(reference({ depthLimit: 1 })({ a: { b: 1 } }))])
  })
})

describe('against pino, where pino applies the limits (cycles, BigInts): byte-identical', () => {
  for (const D of [1, 2, 3, 5]) {
    for (const n of new Set([Math.max(0, D - 2), D - 1, D, D + 1, D + 4])) {
      for (const e of ENTRY_POINTS.filter((x) => !x.name.endsWith('with redact'))) {
        it(`depthLimit ${D}: a circular object ${n} levels deep, as ${e.name}`, () => {
          const { opts, call } = e.use(cyclic(n))
          const r = both({ depthLimit: D, ...opts }, call)
          expect(r.bytelog).toEqual(r.pino)
          expect(r.bytelog).toHaveLength(1)
        })
      }
      for (const e of ENTRY_POINTS) {
        it(`depthLimit ${D}: objects and arrays ${n} levels deep, with BigInts, as ${e.name}`, () => {
          const { opts, call } = e.use(mixed(n))
          const r = both({ depthLimit: D, ...opts }, call)
          expect(r.bytelog).toEqual(r.pino)
          expect(r.bytelog).toHaveLength(1)
        })
      }
      it(`depthLimit ${D}: objects and arrays ${n} levels deep: where safe-stable-stringify cuts`, () => {
        const v = mixed(n)
        const { log, lines } = bytelogLogger({ depthLimit: D })
        log.info({ v })
        expect(lines).toEqual([fieldLine(reference({ depthLimit: D })(v))])
      })
    }
  }

  for (const E of [1, 2, 3, 10]) {
    for (const m of new Set([E - 1, E, E + 1, E + 2, E + 7])) {
      for (const e of ENTRY_POINTS) {
        it(`edgeLimit ${E}: an object with ${m} keys (BigInts), as ${e.name}`, () => {
          const { opts, call } = e.use(wide(m))
          const r = both({ edgeLimit: E, ...opts }, call)
          expect(r.bytelog).toEqual(r.pino)
        })
      }
    }
    for (const m of new Set([1, E - 1, E])) {
      it(`edgeLimit ${E}: an array of ${m} items (BigInts), not cut`, () => {
        const v = Array.from({ length: m }, (_, i) => BigInt(i))
        const r = both({ edgeLimit: E }, (l) => l.info({ v }))
        expect(r.bytelog).toEqual(r.pino)
      })
    }
  }

  it('both limits on one value: depth and breadth cut at once', () => {
    const v: Record<string, unknown> = { a: wide(5), b: { c: { d: { e: 1 } }, f: [1n, 2n] }, c: [wide(3), [[1n]]] }
    v.d = v
    for (const depthLimit of [1, 2, 3]) {
      for (const edgeLimit of [2, 3, 4]) {
        const r = both({ depthLimit, edgeLimit }, (l) => l.info({ v }))
        expect(r.bytelog, `${depthLimit}/${edgeLimit}`).toEqual(r.pino)
      }
    }
  })

  it('pino\'s defaults (5 and 100), set on bytelog, give pino\'s default lines', () => {
    const v: Record<string, unknown> = { a: cyclic(9), b: wide(150), c: Array.from({ length: 100 }, (_, i) => i), d: nest(7) }
    v.self = v
    const p = pinoLogger()
    const b = bytelogLogger({ depthLimit: 5, edgeLimit: 100 })
    p.log.info({ v })
    b.log.info({ v })
    expect(b.lines).toEqual(p.lines)
  })

  it('without the options, bytelog writes the same circular value whole (pino cuts it at 5 levels and 100 keys)', () => {
    const v: Record<string, unknown> = { a: cyclic(9), b: wide(150) }
    const { log, lines } = bytelogLogger()
    log.info({ v })
    expect(lines).toEqual([fieldLine(reference({})(v))])
    expect(lines[0]).not.toContain('[Object]')
    expect(lines[0]).not.toContain('not stringified')
  })

  it('an error with a circular property: JSON-equal to pino\'s (pino sorts the error\'s keys)', () => {
    const err = Object.assign(new Error('boom'), { data: cyclic(4), code: 'E1' })
    for (const depthLimit of [1, 2, 3, 6]) {
      const r = both({ depthLimit }, (l) => (l as unknown as { error: (e: unknown) => void }).error(err))
      expect(r.bytelog).toHaveLength(1)
      expect(JSON.parse(r.bytelog[0]!)).toEqual(JSON.parse(r.pino[0]!))
    }
  })

  it('errors inside an error (a property, aggregateErrors): cut at the same depth as pino\'s serialized error', () => {
    const inner = Object.assign(new RangeError('inner'), { deeper: Object.assign(new TypeError('deeper'), { n: 1n }) })
    const outer = Object.assign(new Error('outer'), { inner, n: 2n })
    const agg = new AggregateError([new Error('first'), Object.assign(new Error('second'), { inner })], 'many')
    for (const err of [outer, agg]) {
      for (const depthLimit of [1, 2, 3, 4]) {
        const r = both({ depthLimit }, (l) => (l as unknown as { error: (e: unknown) => void }).error(err))
        expect(JSON.parse(r.bytelog[0]!)).toEqual(JSON.parse(r.pino[0]!))
      }
    }
  })

  it('redaction, then the limits (pino redacts the object, then its fallback cuts it)', () => {
    const v = { a: { b: { c: { secret: 's', z: 1 } }, list: [{ secret: 's' }, { secret: 't' }, 1n] }, n: 1n }
    for (const depthLimit of [1, 2, 3, 4, 5]) {
      for (const edgeLimit of [3, 5]) {
        const opts = { depthLimit, edgeLimit, redact: ['v.a.b.c.secret', 'v.a.list[*].secret'] }
        const r = both(opts, (l) => l.info({ v }))
        expect(r.bytelog, `${depthLimit}/${edgeLimit}`).toEqual(r.pino)
        expect(r.bytelog[0]).not.toContain('"s"')
      }
    }
    // A wide object on a redaction path: its first keys, then the note.
    const w = { k: wide(6), n: 1n }
    for (const edgeLimit of [1, 2, 4]) {
      const r = both({ edgeLimit, redact: ['v.k.k001'] }, (l) => l.info({ v: w }))
      expect(r.bytelog).toEqual(r.pino)
    }
  })
})

describe('where pino does not apply them (values JSON.stringify writes), bytelog cuts as its fallback would', () => {
  const values: Array<{ name: string, v: unknown }> = [
    { name: 'a deep object', v: nest(8) },
    { name: 'deep arrays', v: [[[[[[[1]]]]]], [2]] },
    { name: 'a wide object', v: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`key${i}`, i])) },
    { name: 'keys in insertion order (not sorted)', v: { z: 1, b: { y: { x: 1 } }, a: 2, m: [1, 2] } },
    { name: 'integer-like keys (listed first)', v: { b: 1, 2: 'two', 1: 'one', a: { 10: 1, 9: 2 } } },
    { name: 'empty containers at any depth', v: { a: { b: { c: { d: [], e: {}, f: [[]], g: [{}] } } } } },
    { name: 'objects whose keys are all undefined or functions (not empty: cut as objects)', v: { a: { b: { u: undefined, f: () => 1 } } } },
    { name: 'skipped keys count toward edgeLimit', v: { a: undefined, b: 1, c: () => 2, d: 3, e: 4 } },
    { name: 'Dates past the depth (strings, not cut)', v: { a: { b: { c: new Date(0), d: [new Date(1)] } } } },
    { name: 'a toJSON returning a deep value', v: { a: { toJSON: () => ({ x: { y: { z: 1 } } }) } } },
    { name: 'a typed array (an object of its indices)', v: { a: new Uint8Array([1, 2, 3, 4, 5]), b: { c: new Int16Array(2) } } },
    { name: 'a Buffer (its toJSON)', v: { a: Buffer.from([1, 2]) } },
    { name: 'a Map and a Set ({})', v: { a: { b: { c: new Map([[1, 2]]), d: new Set([1]) } } } },
    { name: 'a null-prototype object', v: Object.assign(Object.create(null) as object, { a: { b: { c: 1 } }, d: 1, e: 2 }) },
    { name: 'strings, numbers and nulls among the cut', v: { a: 'x"\\\n', b: -0, c: 1e21, d: null, e: NaN, f: { g: { h: 'é😀' } } } },
  ]
  const limits: Limits[] = [{ depthLimit: 1 }, { depthLimit: 2 }, { depthLimit: 3 }, { edgeLimit: 1 }, { edgeLimit: 2 }, { edgeLimit: 5 }, { depthLimit: 2, edgeLimit: 2 }]

  for (const { name, v } of values) {
    it(`${name}: safe-stable-stringify's output (unsorted), where pino writes it whole`, () => {
      for (const l of limits) {
        const ref = reference(l)(v)
        // Arrays longer than edgeLimit are where safe-stable-stringify miscounts (below).
        const expected = hasLongArray(v, l.edgeLimit ?? Infinity) ? modelJson(v, l.depthLimit ?? Infinity, l.edgeLimit ?? Infinity) : ref
        const b = bytelogLogger(l)
        b.log.info({ v })
        expect(b.lines, JSON.stringify(l)).toEqual([fieldLine(expected)])
        const p = pinoLogger(l)
        p.log.info({ v })
        expect(p.lines).toEqual([fieldLine(JSON.stringify(v))])
      }
    })
  }

  it('the event API: obj(), err() and msg() with an object', () => {
    const v = { a: { b: { c: 1 } }, l: [1, 2, 3], w: { x: 1, y: 2, z: 3 } }
    const { log, lines } = bytelogLogger({ depthLimit: 2, edgeLimit: 2 })
    log.event('info').obj('v', v).msg(v as unknown as string)
    const err = Object.assign(new Error('e'), { data: { a: { b: 1 } } })
    log.event('info').err(err).send()
    const rec = JSON.parse(lines[0]!) as Record<string, unknown>
    const expected = JSON.parse(modelJson(v, 2, 2)!) as unknown
    expect(rec.v).toEqual(expected)
    expect(rec.msg).toEqual(expected)
    expect(lines[0]).toBe(`{"level":30,"v":${modelJson(v, 2, 2)!},"msg":${modelJson(v, 2, 2)!}}\n`)
    // The error is at depth 0, its data at 1, data.a at 2.
    expect((JSON.parse(lines[1]!) as { err: { data: unknown } }).err.data).toEqual({ a: '[Object]' })
  })

  it('context bindings (withBindings) and setBindings', () => {
    const { log, lines } = bytelogLogger({ depthLimit: 1 })
    log.withBindings({ c: { a: { b: 1 } } }, () => log.info('in'))
    const child = log.child({})
    child.setBindings({ s: { a: [1] } })
    child.info('set')
    expect(lines).toEqual(['{"level":30,"c":{"a":"[Object]"},"msg":"in"}\n', '{"level":30,"s":{"a":"[Array]"},"msg":"set"}\n'])
  })

  it('past 500 levels (the walk without recursion): the same cuts', () => {
    const chain = nest(1000)
    // 700 levels of { a: <next>, c: [i, i, i] }.
    let wideChain: Record<string, unknown> = { a: null, c: [] }
    for (let i = 0; i < 700; i++) wideChain = { a: wideChain, c: [i, i, i] }
    for (const l of [{ depthLimit: 600 }, { depthLimit: 999 }, { depthLimit: 650, edgeLimit: 2 }, { edgeLimit: 2 }, { edgeLimit: 1 }]) {
      for (const v of [chain, wideChain]) {
        const { log, lines } = bytelogLogger(l)
        log.info({ v })
        expect(lines).toEqual([fieldLine(modelJson(v, l.depthLimit ?? Infinity, l.edgeLimit ?? Infinity))])
      }
      if (l.edgeLimit === undefined) {
        // No array is cut: safe-stable-stringify agrees byte for byte.
        const { log, lines } = bytelogLogger(l)
        log.info({ v: chain })
        expect(lines).toEqual([fieldLine(reference(l)(chain))])
      }
    }
  })

  it('a cycle through the objects a redaction path walks is "[Circular]", as in the plain walk', () => {
    const o = cyclic(2)
    for (const l of [{}, { depthLimit: 2 }, { edgeLimit: 1 }]) {
      const { log, lines } = bytelogLogger({ ...l, redact: ['v.self.self.nope', 'v.a.nope'] })
      log.info({ v: o })
      expect(lines, JSON.stringify(l)).toEqual([fieldLine(reference(l)(o))])
    }
  })

  it('a getter that throws inside a cut object still gives its placeholder, and the limits are put back', () => {
    const v = { a: { get boom (): unknown { throw new Error('no') } }, b: { c: { d: 1 } } }
    const limited = bytelogLogger({ depthLimit: 2 })
    const whole = bytelogLogger()
    limited.log.info({ v })
    whole.log.info({ v: nest(6) })
    expect(limited.lines).toEqual([fieldLine('{"a":{"boom":"[Unserializable: no]"},"b":{"c":"[Object]"}}')])
    expect(whole.lines).toEqual([fieldLine(JSON.stringify(nest(6)))])
  })
})

describe('arrays past edgeLimit: bytelog counts what it leaves out (safe-stable-stringify is one off)', () => {
  it('an array of E+1 items: bytelog notes 1 item; pino\'s fallback drops it with no note', () => {
    for (const E of [1, 2, 5]) {
      const v = Array.from({ length: E + 1 }, (_, i) => BigInt(i))
      const r = both({ edgeLimit: E }, (l) => l.info({ v }))
      const kept = v.slice(0, E).map(String).join(',')
      expect(r.bytelog).toEqual([fieldLine(`[${kept},"... 1 item not stringified"]`)])
      expect(r.pino).toEqual([fieldLine(`[${kept}]`)])
    }
  })

  it('an array of E+k items (k > 1): bytelog notes k items; pino\'s fallback says k-1', () => {
    for (const E of [1, 3]) {
      for (const k of [2, 3, 10]) {
        const v = Array.from({ length: E + k }, (_, i) => BigInt(i))
        const r = both({ edgeLimit: E }, (l) => l.info({ v }))
        const kept = v.slice(0, E).map(String).join(',')
        expect(r.bytelog).toEqual([fieldLine(`[${kept},"... ${k} items not stringified"]`)])
        expect(r.pino).toEqual([fieldLine(`[${kept},"... ${k - 1 === 1 ? '1 item' : `${k - 1} items`} not stringified"]`)])
      }
    }
  })
})

describe('reentrant log calls (a toJSON or getter that logs)', () => {
  it('an unlimited record inside a limited one is whole, and the limited one goes on cut', () => {
    const inner = bytelogLogger()
    const outer = bytelogLogger({ depthLimit: 1, edgeLimit: 2 })
    const deep = nest(5)
    const v = { a: { toJSON (): unknown { inner.log.info({ v: deep }); return { x: { y: 1 } } } }, b: { c: 1 }, c: 1, d: 2 }
    outer.log.info({ v })
    expect(inner.lines).toEqual([fieldLine(JSON.stringify(deep))])
    expect(outer.lines).toEqual([fieldLine('{"a":"[Object]","b":"[Object]","...":"2 items not stringified"}')])
  })

  it('a limited record inside an unlimited one is cut, and the unlimited one goes on whole', () => {
    const inner = bytelogLogger({ depthLimit: 1 })
    const outer = bytelogLogger()
    const deep = nest(5)
    // The getter is on the record's own object, read once whatever the runtime (a getter
    // inside a field's value may be read twice on Node 25+: see native.ts).
    const o = { get a (): unknown { inner.log.info({ v: deep }); return deep }, b: deep }
    outer.log.info(o)
    expect(inner.lines).toEqual([fieldLine('{"a":"[Object]"}')])
    expect(outer.lines).toEqual([JSON.stringify({ level: 30, a: deep, b: deep }) + '\n'])
  })

  it('a record logged while an event is being built does not change the event\'s limits', () => {
    const other = bytelogLogger()
    const { log, lines } = bytelogLogger({ depthLimit: 1 })
    const ev = log.event('info').obj('a', { b: { c: 1 } })
    other.log.info({ v: nest(3) })
    ev.obj('d', { e: [1] }).msg('done')
    expect(other.lines).toEqual([fieldLine(JSON.stringify(nest(3)))])
    expect(lines).toEqual(['{"level":30,"a":{"b":"[Object]"},"d":{"e":"[Array]"},"msg":"done"}\n'])
  })
})

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

/** A key that V8 does not list before the others (not an array index), or `...` (the note's). */
const plainKey = fc.string({ maxLength: 4 }).filter((k) => !/^(0|[1-9]\d*)$/.test(k) && k !== '...')

function jsonArb (maxArray: number, sortedKeys: boolean): fc.Arbitrary<unknown> {
  const { json } = fc.letrec((tie) => ({
    json: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      fc.constant(null), fc.boolean(), fc.double(), fc.integer(), fc.string({ maxLength: 6 }),
      tie('array'), tie('object')),
    array: fc.array(tie('json'), { maxLength: maxArray }),
    object: fc.array(fc.tuple(sortedKeys ? plainKey : fc.string({ maxLength: 4 }), tie('json')), { maxLength: 8 })
      .map((entries) => Object.fromEntries(sortedKeys ? entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)) : entries)),
  }))
  return json
}

function hasLongArray (v: unknown, E: number): boolean {
  v = resolved(v, '')
  if (Array.isArray(v)) return v.length > E || v.some((x) => hasLongArray(x, E))
  if (typeof v === 'object' && v !== null) return Object.values(v).some((x) => hasLongArray(x, E))
  return false
}

const limit = fc.integer({ min: 1, max: 6 })

/** How a value is written in a record, and where its JSON is in the line. */
const ENTRIES: Array<{ name: string, write: (log: ReturnType<typeof createLogger>, v: unknown) => void, line: (json: string, v: unknown) => string }> = [
  { name: 'field', write: (log, v) => log.info({ v }), line: fieldLine },
  { name: 'binding', write: (log, v) => log.child({ v }).info('m'), line: (j) => `{"level":30,"v":${j},"msg":"m"}\n` },
  // (%j prints a string argument in single quotes, as quick-format-unescaped does.)
  { name: '%j', write: (log, v) => log.info('%j', v), line: (j, v) => `{"level":30,"msg":${JSON.stringify(typeof v === 'string' ? `'${v}'` : j)}}\n` },
  { name: 'event', write: (log, v) => log.event('info').obj('v', v).send(), line: fieldLine },
  { name: 'redacted field', write: (log, v) => log.info({ v }), line: fieldLine },
]

describe('properties', () => {
  it('random JSON, random limits, every entry point: the model\'s bytes', () => {
    fc.assert(fc.property(jsonArb(8, false), limit, limit, fc.constantFrom(...ENTRIES), (v, D, E, entry) => {
      // A path through every value (none matches a real key): the redactor walks it all.
      const redact = entry.name === 'redacted field' ? ['v.*.*.nope', 'v.nope'] : undefined
      const { log, lines } = bytelogLogger({ depthLimit: D, edgeLimit: E, redact })
      entry.write(log, v)
      expect(lines).toEqual([entry.line(modelJson(v, D, E)!, v)])
    }))
  })

  it('random JSON with no array past edgeLimit: safe-stable-stringify\'s bytes (and the model\'s)', () => {
    const arb = limit.chain((E) => fc.tuple(jsonArb(E, false), limit, fc.constant(E)))
    fc.assert(fc.property(arb, ([v, D, E]) => {
      const ref = reference({ depthLimit: D, edgeLimit: E })(v)!
      expect(modelJson(v, D, E)).toBe(ref)
      const { log, lines } = bytelogLogger({ depthLimit: D, edgeLimit: E })
      log.info({ v })
      expect(lines).toEqual([fieldLine(ref)])
    }))
  })

  it('random JSON (sorted keys) with a BigInt: pino\'s bytes', () => {
    // `{ a: value, b: 1n }`: JSON.stringify throws on the BigInt, so pino's fallback writes
    // the field, with the limits; edgeLimit >= 2 so that b is not itself cut.
    const arb = fc.integer({ min: 2, max: 6 }).chain((E) => fc.tuple(jsonArb(E, true), limit, fc.constant(E)))
    fc.assert(fc.property(arb, ([v, D, E]) => {
      const r = both({ depthLimit: D, edgeLimit: E }, (l) => l.info({ v: { a: v, b: 1n } }))
      expect(r.bytelog).toEqual(r.pino)
    }))
  })

  it('without limits, random JSON is written as JSON.stringify writes it', () => {
    fc.assert(fc.property(jsonArb(12, false), (v) => {
      const { log, lines } = bytelogLogger()
      log.info({ v })
      expect(lines).toEqual([fieldLine(JSON.stringify(v))])
    }))
  })
})
