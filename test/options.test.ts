/**
 * pino's options, differentially: the same options and the same calls on a pino logger and
 * a bytelog logger, both writing to capture streams, give byte-identical lines once the
 * header's time value is replaced (and exactly identical lines where no time is written,
 * or where a `timestamp` function writes a fixed one). Every argument is made once and
 * passed to both loggers. Where bytelog documents a different behaviour (a serializer
 * that throws), the reference is JSON.parse of bytelog's line and pino's own throw.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import pino from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger, stdSerializers, type LoggerOptions } from '../src/index.js'
import { capture } from './helpers.js'

/** Options as both loggers spell them (checked by each logger, not by the type). */
type Opts = Record<string, unknown>

/* eslint-disable @typescript-eslint/no-explicit-any -- a call is made on either logger */
type AnyLogger = any
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Replaces the header's time value with 0. The header is the level fields (whatever
 * formatters.level made of them: no braces inside) followed by "time"; a user field named
 * "time" further on is left alone. Lines without a header time are returned unchanged.
 */
function normalize (line: string): string {
  return line.replace(/^(\{[^{}]*?"time":)(?:-?\d+|"(?:[^"\\]|\\.)*")/, '$10')
}

interface Pair {
  /** The pino logger. */
  p: AnyLogger
  /** The bytelog logger, made with the same options. */
  b: AnyLogger
  /** What each wrote so far, time normalised. */
  pino (): string[]
  bytelog (): string[]
  /** What each wrote so far, exactly. */
  rawPino (): string[]
  rawBytelog (): string[]
}

/** A pino logger and a bytelog logger with the same options, each writing to a capture. */
function pair (opts: Opts = {}): Pair {
  const pl: string[] = []
  const p = pino(opts as pino.LoggerOptions, { write (s: string): void { pl.push(s) } })
  const out = capture()
  const b = createLogger({ ...(opts as LoggerOptions<string>), destination: out.destination })
  return {
    p,
    b,
    pino: () => pl.map(normalize),
    bytelog: () => out.lines.map(normalize),
    rawPino: () => [...pl],
    rawBytelog: () => [...out.lines],
  }
}

interface Case {
  name: string
  opts?: Opts
  /** The calls, made once on each logger. */
  call: (l: AnyLogger) => void
  /** Lines pino writes (1 unless told). */
  lines?: number
}

/** Runs a case on both loggers; pino's lines are the expectation. */
function expectSame (c: Case): void {
  const t = pair(c.opts)
  c.call(t.p)
  c.call(t.b)
  const expected = t.pino()
  expect(expected).toHaveLength(c.lines ?? 1)
  expect(t.bytelog()).toEqual(expected)
}

// Values made once, passed to both loggers.
const user = { id: 7, name: 'ann', password: 'secret' }
const userSerializer = (u: { id: number }): unknown => ({ id: u.id })
const err = Object.assign(new Error('boom'), { stack: 'Error: boom\n    at test' })
const withCause = new Error('outer', { cause: new Error('inner') })
const errSerializer = (e: Error): unknown => ({ kind: 'custom', message: e.message })

describe('serializers', () => {
  const cases: Case[] = [
    { name: 'an object field', opts: { serializers: { user: userSerializer } }, call: (l) => l.info({ user, other: 1 }, 'm') },
    { name: 'a field the serializers do not name', opts: { serializers: { user: userSerializer } }, call: (l) => l.info({ account: user }) },
    { name: 'an undefined field is not serialized', opts: { serializers: { user: () => 'called' } }, call: (l) => l.info({ user: undefined, a: 1 }) },
    { name: 'a serializer returning undefined drops the field', opts: { serializers: { user: () => undefined } }, call: (l) => l.info({ user, a: 1 }) },
    { name: 'a serializer returning a string', opts: { serializers: { user: (u: { name: string }) => `user:${u.name}` } }, call: (l) => l.info({ user }) },
    { name: 'a serializer returning a number', opts: { serializers: { user: (u: { id: number }) => u.id * 1.5 } }, call: (l) => l.info({ user }) },
    { name: 'a serializer returning null', opts: { serializers: { user: () => null } }, call: (l) => l.info({ user }) },
    { name: 'child bindings', opts: { serializers: { user: userSerializer } }, call: (l) => l.child({ user, req: 1 }).info('m') },
    { name: 'base fields', opts: { serializers: { user: userSerializer }, base: { user } }, call: (l) => l.info('m') },
    { name: 'the message', opts: { serializers: { msg: (m: unknown) => `<${String(m)}>` } }, call: (l) => l.info('hello') },
    { name: 'the message after an object', opts: { serializers: { msg: (m: unknown) => `<${String(m)}>` } }, call: (l) => l.info({ a: 1 }, 'hello') },
    { name: 'a number message', opts: { serializers: { msg: (m: number) => m * 2 } }, call: (l) => l.info(21) },
    { name: 'the message to an object', opts: { serializers: { msg: (m: unknown) => ({ text: m }) } }, call: (l) => l.info('hello') },
    { name: 'the message with printf arguments (serialized after formatting)', opts: { serializers: { msg: (m: string) => m.toUpperCase() } }, call: (l) => l.info('a %s', 'b') },
    { name: 'the message taken from an Error', opts: { serializers: { msg: (m: unknown) => `<${String(m)}>` } }, call: (l) => l.info(err) },
    { name: 'no message: the message serializer is not called', opts: { serializers: { msg: () => 'called' } }, call: (l) => l.info({ a: 1 }) },
    { name: 'a custom messageKey', opts: { messageKey: 'message', serializers: { message: (m: unknown) => `<${String(m)}>` } }, call: (l) => l.info('hello') },
    { name: 'err replaces the default error shape: an Error alone', opts: { serializers: { err: errSerializer } }, call: (l) => l.info(err) },
    { name: 'err replaces the default error shape: { err }', opts: { serializers: { err: errSerializer } }, call: (l) => l.info({ err }, 'failed') },
    { name: 'err replaces the default error shape: an Error plus message', opts: { serializers: { err: errSerializer } }, call: (l) => l.info(err, 'failed') },
    { name: 'err applies under a custom errorKey', opts: { errorKey: 'error', serializers: { err: errSerializer } }, call: (l) => l.info(err) },
    { name: 'a serializer named after a custom errorKey wins over err', opts: { errorKey: 'error', serializers: { err: errSerializer, error: () => 'by key' } }, call: (l) => l.info({ error: err }) },
    { name: 'other serializers keep the default err shape', opts: { serializers: { user: userSerializer } }, call: (l) => l.info({ err, user }) },
    { name: 'stdSerializers.errWithCause as err', opts: { serializers: { err: stdSerializers.errWithCause } }, call: (l) => l.info(withCause) },
    { name: 'child serializers apply to its own bindings and records', call: (l) => l.child({ user }, { serializers: { user: userSerializer } }).info({ user }) },
    {
      name: 'child serializers do not apply to the parent',
      lines: 2,
      call: (l) => {
        const parent = l.child({ user })
        parent.child({ user }, { serializers: { user: userSerializer } }).info({ user })
        parent.info({ user })
      },
    },
    {
      name: 'child serializers add to the parent\'s',
      opts: { serializers: { user: userSerializer } },
      call: (l) => l.child({ user, n: 2 }, { serializers: { n: (n: number) => n * 10 } }).info({ user, n: 3 }),
    },
    {
      name: 'a child serializer overrides the parent\'s for its key',
      opts: { serializers: { user: userSerializer } },
      lines: 2,
      call: (l) => {
        l.child({ user }, { serializers: { user: (u: { name: string }) => u.name } }).info({ user })
        l.info({ user })
      },
    },
    {
      name: 'a child message serializer',
      lines: 2,
      call: (l) => {
        l.child({}, { serializers: { msg: (m: unknown) => `child:${String(m)}` } }).info('x')
        l.info('x')
      },
    },
  ]
  it.each(cases)('$name', (c) => expectSame(c))

  it('logger[Symbol.for(\'pino.serializers\')] holds the serializers in effect', () => {
    const key = Symbol.for('pino.serializers')
    const extra = { n: (n: number): number => n }
    const shapes: Array<[string, Opts, (l: AnyLogger) => AnyLogger]> = [
      ['no serializers', {}, (l) => l],
      ['root serializers', { serializers: { user: userSerializer, msg: String } }, (l) => l],
      ['a child adding serializers', { serializers: { user: userSerializer } }, (l) => l.child({}, { serializers: extra })],
      ['a child of a child', { serializers: { user: userSerializer } }, (l) => l.child({}, { serializers: extra }).child({ a: 1 })],
      ['a child replacing err', {}, (l) => l.child({}, { serializers: { err: errSerializer } })],
    ]
    for (const [name, opts, shape] of shapes) {
      const t = pair(opts)
      const ps = shape(t.p)[key] as Record<string, unknown>
      const bs = shape(t.b)[key] as Record<string, unknown>
      expect(Object.keys(bs).sort(), name).toEqual(Object.keys(ps).sort())
      for (const k of Object.keys(ps)) expect(typeof bs[k], `${name}: ${k}`).toBe('function')
      // The user's functions themselves, where pino has them.
      for (const k of Object.keys(ps)) {
        if (ps[k] === userSerializer || ps[k] === extra.n || ps[k] === errSerializer) expect(bs[k], `${name}: ${k}`).toBe(ps[k])
      }
    }
  })

  it('stdSerializers has err, errWithCause, req and res, as pino.stdSerializers', () => {
    const req = { method: 'GET', url: '/x?y=1', headers: { host: 'h' }, socket: { remoteAddress: '127.0.0.1', remotePort: 5 } }
    const res = { statusCode: 204, getHeaders: () => ({ 'x-a': 'b' }) }
    const inputs = { err: withCause, errWithCause: withCause, req, res } as const
    for (const k of ['err', 'errWithCause', 'req', 'res'] as const) {
      expect(typeof stdSerializers[k], k).toBe('function')
      const f = stdSerializers[k] as (v: unknown) => unknown
      const g = pino.stdSerializers[k] as (v: unknown) => unknown
      expect(JSON.stringify(f(inputs[k])), k).toBe(JSON.stringify(g(inputs[k])))
    }
  })

  describe('a serializer that throws: one valid line with "[Unserializable: <message>]" (pino throws)', () => {
    const throwing = (): never => { throw new Error('nope') }

    it('on an object field: the field is the placeholder, the rest is written', () => {
      const t = pair({ serializers: { user: throwing } })
      expect(() => t.p.info({ a: 1, user, b: 2 }, 'm')).toThrow('nope')
      t.b.info({ a: 1, user, b: 2 }, 'm')
      const lines = t.rawBytelog()
      expect(lines).toHaveLength(1)
      expect(lines[0]!.endsWith('}\n')).toBe(true)
      const r = JSON.parse(lines[0]!) as Record<string, unknown>
      expect(r).toMatchObject({ level: 30, a: 1, user: '[Unserializable: nope]', b: 2, msg: 'm' })
    })

    it('on a child binding: the binding is the placeholder, child() does not throw', () => {
      const t = pair({ serializers: { user: throwing } })
      expect(() => t.p.child({ user })).toThrow('nope')
      const child = t.b.child({ a: 1, user })
      child.info('m')
      const lines = t.rawBytelog()
      expect(lines).toHaveLength(1)
      const r = JSON.parse(lines[0]!) as Record<string, unknown>
      expect(r).toMatchObject({ level: 30, a: 1, user: '[Unserializable: nope]', msg: 'm' })
    })

    it('on the message: the message is the placeholder', () => {
      const t = pair({ serializers: { msg: throwing } })
      expect(() => t.p.info('m')).toThrow('nope')
      t.b.info('m')
      const lines = t.rawBytelog()
      expect(lines).toHaveLength(1)
      const r = JSON.parse(lines[0]!) as Record<string, unknown>
      expect(r).toMatchObject({ level: 30, msg: '[Unserializable: nope]' })
    })

    it('a thrown non-Error value', () => {
      const t = pair({ serializers: { user: () => { throw 'plain string' } } }) // eslint-disable-line no-throw-literal
      t.b.info({ user })
      const lines = t.rawBytelog()
      expect(lines).toHaveLength(1)
      expect((JSON.parse(lines[0]!) as Record<string, unknown>).user).toBe('[Unserializable: plain string]')
    })
  })

  it('property: random serializer output, as pino writes it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.string(), (fieldOut, bindingOut, msg) => {
        const t = pair({ serializers: { user: () => fieldOut, bound: () => bindingOut } })
        const call = (l: AnyLogger): void => l.child({ bound: 1 }).info({ user, a: 1 }, msg)
        call(t.p)
        call(t.b)
        expect(t.bytelog()).toEqual(t.pino())
      }),
      { numRuns: 200 },
    )
  })
})

describe('msgPrefix', () => {
  const cases: Case[] = [
    { name: 'a string message', opts: { msgPrefix: 'P: ' }, call: (l) => l.info('m') },
    { name: 'printf arguments', opts: { msgPrefix: 'P: ' }, call: (l) => l.info('a %s %d %j', 'x', 5, { k: 1 }) },
    { name: 'a number message', opts: { msgPrefix: 'P: ' }, call: (l) => l.info(42) },
    { name: 'an object plus a message', opts: { msgPrefix: 'P: ' }, call: (l) => l.info({ a: 1 }, 'm') },
    { name: 'an object plus printf', opts: { msgPrefix: 'P: ' }, call: (l) => l.info({ a: 1 }, 'a %s', 'x') },
    { name: 'an object alone: no message', opts: { msgPrefix: 'P: ' }, call: (l) => l.info({ a: 1 }) },
    { name: 'null as the message', opts: { msgPrefix: 'P: ' }, call: (l) => l.info(null) },
    { name: 'an object plus a null message', opts: { msgPrefix: 'P: ' }, call: (l) => l.info({ a: 1 }, null) },
    { name: 'a boolean message', opts: { msgPrefix: 'P: ' }, call: (l) => l.info(true) },
    { name: 'an Error alone (message taken from the error)', opts: { msgPrefix: 'P: ' }, call: (l) => l.info(err) },
    { name: 'an Error plus a message', opts: { msgPrefix: 'P: ' }, call: (l) => l.info(err, 'failed') },
    { name: '{ err } alone (message taken from the error)', opts: { msgPrefix: 'P: ' }, call: (l) => l.info({ err }) },
    { name: 'a prefix with a format specifier', opts: { msgPrefix: '%s| ' }, call: (l) => l.info('a %s', 'x') },
    { name: 'a prefix needing escapes', opts: { msgPrefix: 'q"\\\n😀 ' }, call: (l) => l.info('m') },
    { name: 'a child prefix after the root\'s', opts: { msgPrefix: 'P: ' }, call: (l) => l.child({ a: 1 }, { msgPrefix: 'C: ' }).info('m') },
    { name: 'a child prefix with printf', opts: { msgPrefix: 'P: ' }, call: (l) => l.child({}, { msgPrefix: 'C: ' }).info('a %s', 'x') },
    { name: 'a child prefix with a number', opts: { msgPrefix: 'P: ' }, call: (l) => l.child({}, { msgPrefix: 'C: ' }).info(7) },
    { name: 'a child prefix without a root prefix', call: (l) => l.child({}, { msgPrefix: 'C: ' }).info('m') },
    { name: 'three prefixes', opts: { msgPrefix: 'P ' }, call: (l) => l.child({}, { msgPrefix: 'C ' }).child({ g: 1 }, { msgPrefix: 'G ' }).info('m') },
    { name: 'a child without a prefix keeps the parent\'s', opts: { msgPrefix: 'P: ' }, call: (l) => l.child({ a: 1 }).info('m') },
    { name: 'with a message serializer (serialized after prefixing)', opts: { msgPrefix: 'P ', serializers: { msg: (m: unknown) => `[${String(m)}]` } }, call: (l) => l.info('x') },
  ]
  it.each(cases)('$name', (c) => expectSame(c))

  it('property: random prefixes and messages, as pino writes them', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.option(fc.string(), { nil: undefined }), (prefix, childPrefix, msg, arg) => {
        const t = pair({ msgPrefix: prefix })
        const call = (l: AnyLogger): void => {
          if (arg === undefined) l.child({}, { msgPrefix: childPrefix }).info(msg)
          else l.child({}, { msgPrefix: childPrefix }).info(msg, arg)
        }
        call(t.p)
        call(t.b)
        expect(t.bytelog()).toEqual(t.pino())
      }),
      { numRuns: 300 },
    )
  })
})

describe('mixin', () => {
  const mixin = (): Record<string, unknown> => ({ m: 1, shared: 'mixin' })
  const cases: Case[] = [
    { name: 'a message', opts: { mixin }, call: (l) => l.info('x') },
    { name: 'no arguments', opts: { mixin }, call: (l) => l.info() },
    { name: 'an object: the call\'s fields win', opts: { mixin }, call: (l) => l.info({ a: 1, shared: 'call' }, 'x') },
    { name: 'an Error', opts: { mixin }, call: (l) => l.info(err) },
    { name: 'in a child', opts: { mixin }, call: (l) => l.child({ c: 1 }).info({ a: 1 }) },
    { name: 'returning an empty object', opts: { mixin: () => ({}) }, call: (l) => l.info('x') },
    { name: 'a field from the level number', opts: { mixin: (_o: unknown, lv: number) => ({ lv }) }, call: (l) => l.warn('x') },
    { name: 'a field from the merge object', opts: { mixin: (o: Record<string, unknown>) => ({ keys: Object.keys(o).join(',') }) }, call: (l) => l.info({ a: 1, b: 2 }) },
    { name: 'with serializers on its fields', opts: { mixin: () => ({ user }), serializers: { user: userSerializer } }, call: (l) => l.info('x') },
    { name: 'mixinMergeStrategy: the mixin\'s fields win', opts: { mixin, mixinMergeStrategy: (o: object, m: object) => ({ ...o, ...m }) }, call: (l) => l.info({ a: 1, shared: 'call' }, 'x') },
    { name: 'mixinMergeStrategy: only the mixin', opts: { mixin, mixinMergeStrategy: (_o: object, m: object) => m }, call: (l) => l.info({ a: 1 }, 'x') },
    { name: 'mixinMergeStrategy: nested', opts: { mixin, mixinMergeStrategy: (o: object, m: object) => ({ ...o, mixin: m }) }, call: (l) => l.info({ a: 1 }) },
  ]
  it.each(cases)('$name', (c) => expectSame(c))

  it('gets the merge object, the level number and the logger called', () => {
    const seen = (calls: unknown[][], roots: { root: unknown, child: unknown }): unknown[] =>
      calls.map(([o, lv, logger]) => [o, lv, logger === roots.root ? 'root' : logger === roots.child ? 'child' : 'other'])
    const pCalls: unknown[][] = []
    const bCalls: unknown[][] = []
    const pl = pino({ mixin: (...a: unknown[]) => { pCalls.push([{ ...(a[0] as object) }, a[1], a[2]]); return {} } }, { write () {} })
    const bl = createLogger({ mixin: (...a: unknown[]) => { bCalls.push([{ ...(a[0] as object) }, a[1], a[2]]); return {} }, destination: { write () {} } })
    const pc = pl.child({ c: 1 })
    const bc = bl.child({ c: 1 })
    for (const [root, child] of [[pl, pc], [bl, bc]] as Array<[AnyLogger, AnyLogger]>) {
      root.info('x')
      root.warn({ a: 1 }, 'x')
      root.error(err)
      child.fatal({ b: 2 })
      root.debug('not written')
    }
    expect(pCalls).toHaveLength(4)
    expect(seen(bCalls, { root: bl, child: bc })).toEqual(seen(pCalls, { root: pl, child: pc }))
  })

  it('an AsyncLocalStorage mixin adds the traceId of the current context', () => {
    const als = new AsyncLocalStorage<{ traceId: string }>()
    const t = pair({ mixin: () => { const s = als.getStore(); return s === undefined ? {} : { traceId: s.traceId } } })
    for (const l of [t.p, t.b]) {
      l.info('outside')
      als.run({ traceId: 'trace-1' }, () => {
        l.info({ a: 1 }, 'inside')
        als.run({ traceId: 'trace-2' }, () => l.child({ c: 1 }).warn('nested'))
      })
    }
    const expected = t.pino()
    expect(expected).toHaveLength(3)
    expect(expected[1]).toContain('"traceId":"trace-1"')
    expect(t.bytelog()).toEqual(expected)
  })
})

describe('formatters', () => {
  const cases: Case[] = [
    { name: 'level: the label', opts: { formatters: { level: (label: string) => ({ level: label }) } }, call: (l) => l.info('x') },
    { name: 'level: the label at every level', opts: { level: 'trace', formatters: { level: (label: string) => ({ level: label }) } }, lines: 6, call: (l) => { l.trace('t'); l.debug('d'); l.info('i'); l.warn('w'); l.error('e'); l.fatal('f') } },
    { name: 'level: two fields', opts: { formatters: { level: (label: string, n: number) => ({ severity: label.toUpperCase(), level: n }) } }, call: (l) => l.error({ a: 1 }, 'x') },
    { name: 'level: in a child', opts: { formatters: { level: (label: string) => ({ level: label }) } }, call: (l) => l.child({ c: 1 }).warn('x') },
    { name: 'bindings: base fields', opts: { formatters: { bindings: (b: Record<string, unknown>) => ({ ...b, bound: true }) } }, call: (l) => l.info('x') },
    { name: 'bindings: renamed base fields', opts: { formatters: { bindings: (b: Record<string, unknown>) => ({ process: b.pid, host: b.hostname }) } }, call: (l) => l.info('x') },
    { name: 'bindings: child bindings', opts: { formatters: { bindings: (b: Record<string, unknown>) => ({ ...b, bound: true }) } }, call: (l) => l.child({ c: 1 }).info('x') },
    { name: 'bindings: with base null', opts: { base: null, formatters: { bindings: (b: Record<string, unknown>) => ({ wrapped: b }) } }, call: (l) => l.child({ c: 1 }).child({ d: 2 }).info('x') },
    { name: 'bindings: dropping everything', opts: { formatters: { bindings: () => ({}) } }, call: (l) => l.child({ c: 1 }).info('x') },
    { name: 'log: a field added', opts: { formatters: { log: (o: Record<string, unknown>) => ({ ...o, seen: true }) } }, call: (l) => l.info({ a: 1 }, 'x') },
    { name: 'log: no object', opts: { formatters: { log: (o: Record<string, unknown>) => ({ ...o, seen: true }) } }, call: (l) => l.info('x') },
    { name: 'log: an Error', opts: { formatters: { log: (o: Record<string, unknown>) => ({ ...o, seen: true }) } }, call: (l) => l.info(err) },
    { name: 'log: the object replaced', opts: { formatters: { log: (o: Record<string, unknown>) => ({ wrapped: o }) } }, call: (l) => l.info({ a: 1, b: [true] }, 'x') },
    { name: 'log: after the mixin', opts: { mixin: () => ({ m: 1 }), formatters: { log: (o: Record<string, unknown>) => ({ keys: Object.keys(o) }) } }, call: (l) => l.info({ a: 1 }) },
    {
      name: 'level, bindings and log together',
      opts: {
        formatters: {
          level: (label: string) => ({ level: label }),
          bindings: (b: Record<string, unknown>) => ({ ...b, bound: true }),
          log: (o: Record<string, unknown>) => ({ ...o, seen: true }),
        },
      },
      call: (l) => l.child({ c: 1 }).info({ a: 1 }, 'x'),
    },
  ]
  it.each(cases)('$name', (c) => expectSame(c))
})

describe('timestamp', () => {
  const fixed = (): string => ',"time":"fixed"'
  const exact: Case[] = [
    { name: 'false', opts: { timestamp: false }, call: (l) => l.info({ a: 1 }, 'x') },
    { name: 'false with a child', opts: { timestamp: false }, call: (l) => l.child({ c: 1 }).info('x') },
    { name: 'false with base null', opts: { timestamp: false, base: null }, call: (l) => l.info('x') },
    { name: 'a function', opts: { timestamp: fixed }, call: (l) => l.info({ a: 1 }, 'x') },
    { name: 'a function with a child', opts: { timestamp: fixed }, call: (l) => l.child({ c: 1 }).warn('x') },
    { name: 'a function with an Error', opts: { timestamp: fixed }, call: (l) => l.error(err) },
    { name: 'a function returning a number field', opts: { timestamp: () => ',"time":1700000000000' }, call: (l) => l.info('x') },
    { name: 'a function returning another key', opts: { timestamp: () => ',"ts":"t"' }, call: (l) => l.info('x') },
    { name: 'a function returning ""', opts: { timestamp: () => '' }, call: (l) => l.info('x') },
    { name: 'a function returning non-ASCII text', opts: { timestamp: () => ',"zeit":"jetzt – 12:00 ☀ 😀"' }, call: (l) => l.child({ c: 'é' }).info('x') },
    { name: 'a function returning a 600-char string', opts: { timestamp: () => `,"time":"${'é'.repeat(300)}${'a'.repeat(300)}"` }, call: (l) => l.info('x') },
  ]
  it.each(exact)('$name: exactly as pino', (c) => {
    const t = pair(c.opts)
    c.call(t.p)
    c.call(t.b)
    expect(t.rawPino()).toHaveLength(1)
    expect(t.rawBytelog()).toEqual(t.rawPino())
  })

  it('true (time normalised)', () => expectSame({ name: 'true', opts: { timestamp: true }, call: (l) => l.info({ a: 1 }, 'x') }))
})

describe('nestedKey, crlf, enabled', () => {
  const cases: Case[] = [
    { name: 'nestedKey with fields', opts: { nestedKey: 'payload' }, call: (l) => l.info({ a: 1, b: { c: 2 } }, 'x') },
    { name: 'nestedKey with no object: no nested object', opts: { nestedKey: 'payload' }, call: (l) => l.info('x') },
    { name: 'nestedKey with an empty object: no nested object', opts: { nestedKey: 'payload' }, call: (l) => l.info({}, 'x') },
    { name: 'nestedKey with only skipped fields: no nested object', opts: { nestedKey: 'payload' }, call: (l) => l.info({ u: undefined, f () {} }, 'x') },
    { name: 'nestedKey with an Error', opts: { nestedKey: 'payload' }, call: (l) => l.info(err) },
    { name: 'nestedKey with child bindings (not nested)', opts: { nestedKey: 'payload' }, call: (l) => l.child({ c: 1 }).info({ a: 1 }) },
    { name: 'nestedKey with a mixin', opts: { nestedKey: 'payload', mixin: () => ({ m: 1 }) }, call: (l) => l.info({ a: 1 }) },
    { name: 'nestedKey with serializers', opts: { nestedKey: 'payload', serializers: { user: userSerializer } }, call: (l) => l.info({ user }) },
    { name: 'crlf', opts: { crlf: true }, call: (l) => l.info({ a: 1 }, 'x') },
    { name: 'crlf with an Error and a child', opts: { crlf: true }, call: (l) => l.child({ c: 1 }).error(err) },
    { name: 'enabled: false writes nothing', opts: { enabled: false }, lines: 0, call: (l) => { l.info('x'); l.fatal({ a: 1 }); l.child({ c: 1 }).error(err) } },
    { name: 'enabled: false with level trace writes nothing', opts: { enabled: false, level: 'trace' }, lines: 0, call: (l) => { l.trace('x'); l.fatal('y') } },
  ]
  it.each(cases)('$name', (c) => expectSame(c))

  it('enabled: false reports level silent, as pino', () => {
    const t = pair({ enabled: false })
    expect(t.b.level).toBe(t.p.level)
    expect(t.b.isLevelEnabled('fatal')).toBe(t.p.isLevelEnabled('fatal'))
  })

  it('crlf ends each record with }\\r\\n', () => {
    const t = pair({ crlf: true })
    t.b.info('x')
    expect(t.rawBytelog()[0]!.endsWith('}\r\n')).toBe(true)
  })
})

describe('customLevels', () => {
  const customLevels = { audit: 35, verbose: 15 }

  it('the methods exist and write the custom level number', () => {
    expectSame({
      name: 'methods',
      opts: { customLevels, level: 'verbose' },
      lines: 4,
      call: (l) => { l.audit({ a: 1 }, 'audited'); l.verbose('v %s', 'x'); l.info('i'); l.child({ c: 1 }).audit('child') },
    })
  })

  it('levels.values and levels.labels, as pino', () => {
    for (const opts of [{ customLevels }, { customLevels, useOnlyCustomLevels: true, level: 'audit' }]) {
      const t = pair(opts)
      expect({ ...t.b.levels.values }).toEqual({ ...t.p.levels.values })
      expect({ ...t.b.levels.labels }).toEqual({ ...t.p.levels.labels })
      expect(t.b.levels.values).toMatchObject(customLevels)
      expect(t.b.levels.labels).toMatchObject({ 35: 'audit', 15: 'verbose' })
    }
  })

  it('level set to a custom name filters, at creation and later', () => {
    expectSame({
      name: 'filter',
      opts: { customLevels, level: 'audit' },
      lines: 4,
      call: (l) => {
        l.verbose('no'); l.debug('no'); l.info('no'); l.audit('yes'); l.warn('yes')
        l.level = 'verbose'
        l.verbose('yes'); l.trace('no'); l.debug('yes')
      },
    })
  })

  it('isLevelEnabled works for custom names, as pino', () => {
    const names = ['trace', 'verbose', 'debug', 'info', 'audit', 'warn', 'fatal', 'nonexistent', 'toString']
    for (const level of ['verbose', 'info', 'audit', 'error', 'silent']) {
      const t = pair({ customLevels, level })
      for (const n of names) expect(t.b.isLevelEnabled(n), `${level}: ${n}`).toBe(t.p.isLevelEnabled(n))
      expect(t.b.level).toBe(t.p.level)
      expect(t.b.levelVal).toBe(t.p.levelVal)
    }
  })

  it("isLevelEnabled('silent'), as pino", () => {
    for (const level of ['verbose', 'info', 'silent']) {
      const t = pair({ customLevels, level })
      expect(t.b.isLevelEnabled('silent'), level).toBe(t.p.isLevelEnabled('silent'))
    }
  })

  it('useOnlyCustomLevels: the default methods do not exist, the custom ones write', () => {
    const t = pair({ customLevels, useOnlyCustomLevels: true, level: 'verbose' })
    for (const name of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
      expect(typeof t.p[name], `pino ${name}`).not.toBe('function')
      expect(typeof t.b[name], `bytelog ${name}`).not.toBe('function')
    }
    expect(typeof t.b.child({ c: 1 }).info).not.toBe('function')
    for (const l of [t.p, t.b]) {
      l.verbose('v')
      l.audit({ a: 1 }, 'a')
      l.child({ c: 1 }).audit('child')
    }
    expect(t.pino()).toHaveLength(3)
    expect(t.bytelog()).toEqual(t.pino())
  })

  it('event() accepts custom level names', () => {
    const t = pair({ customLevels, level: 'audit' })
    t.p.audit({ k: 'v', n: 1 }, 'm')
    t.p.verbose({ k: 'v' }, 'filtered')
    t.b.event('audit').str('k', 'v').int('n', 1).msg('m')
    t.b.event('verbose').str('k', 'v').msg('filtered')
    expect(t.pino()).toHaveLength(1)
    expect(t.bytelog()).toEqual(t.pino())
  })

  it('property: random custom levels, as pino', () => {
    const name = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz') })
      .filter((s) => !['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent', 'level', 'levels', 'child', 'on', 'emit', 'flush'].includes(s))
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, fc.integer({ min: 61, max: 1000 })), { minLength: 1, maxLength: 4, selector: ([n]) => n }), (pairs) => {
        // Distinct values as well: both reject a reused value.
        const seen = new Set<number>()
        const levels: Record<string, number> = {}
        for (const [n, v] of pairs) if (!seen.has(v)) { seen.add(v); levels[n] = v }
        const t = pair({ customLevels: levels, level: 'info' })
        for (const n of Object.keys(levels)) {
          t.p[n]({ n }, 'm')
          t.b[n]({ n }, 'm')
        }
        expect(t.bytelog()).toEqual(t.pino())
        expect({ ...t.b.levels.values }).toEqual({ ...t.p.levels.values })
      }),
      { numRuns: 100 },
    )
  })
})

describe("the 'level-change' event", () => {
  type Seen = [string, number, string, number, string]

  /** Adds a listener to each logger named in `listenOn`, runs `act`, returns what the listeners saw. */
  function events (l: AnyLogger, act: (root: AnyLogger, child: AnyLogger) => void, listenOn: Array<'root' | 'child'>): Seen[] {
    const seen: Seen[] = []
    const child = l.child({ c: 1 })
    const named = { root: l, child }
    for (const where of listenOn) {
      named[where].on('level-change', (label: string, value: number, prevLabel: string, prevValue: number, logger: unknown) => {
        seen.push([label, value, prevLabel, prevValue, `${where} heard ${logger === l ? 'root' : logger === child ? 'child' : 'another logger'}`])
      })
    }
    act(l, child)
    return seen
  }

  const scenarios: Array<{ name: string, opts?: Opts, listenOn: Array<'root' | 'child'>, act: (root: AnyLogger, child: AnyLogger) => void }> = [
    { name: 'a change on the root', listenOn: ['root'], act: (r) => { r.level = 'debug'; r.level = 'error' } },
    { name: 'to and from silent', listenOn: ['root'], act: (r) => { r.level = 'silent'; r.level = 'trace' } },
    { name: 'the same level again', listenOn: ['root'], act: (r) => { r.level = 'info' } },
    { name: 'custom levels', opts: { customLevels: { audit: 35 } }, listenOn: ['root'], act: (r) => { r.level = 'audit'; r.level = 'warn' } },
    { name: 'a listener on the child, a change on the child', listenOn: ['child'], act: (_r, c) => { c.level = 'warn' } },
    { name: 'a listener on the root, a change on the child (the child is the logger passed)', listenOn: ['root'], act: (_r, c) => { c.level = 'trace' } },
    // pino emits here for every child made with a level of its own (pinojs/pino#1006, documented).
    // Not tested: pino also fires the root's listener when a child is made with another
    // level, which pino's docs list as a known bug (pinojs/pino#1006); bytelog does not.
  ]
  it.each(scenarios)('$name: the listener gets what pino passes', ({ opts, listenOn, act }) => {
    const t = pair(opts)
    const expected = events(t.p, act, listenOn)
    expect(events(t.b, act, listenOn)).toEqual(expected)
  })
})

describe('onChild', () => {
  it('is called with each child, grandchildren included, as pino calls it', () => {
    const record = (l: AnyLogger, calls: unknown[][]): unknown[] => {
      const c1 = l.child({ a: 1 })
      const c2 = l.child({ b: 2 }, { level: 'debug' })
      const g = c1.child({ g: 1 })
      const gg = g.child({ gg: 1 }, { msgPrefix: 'x' })
      const named = new Map<unknown, string>([[c1, 'c1'], [c2, 'c2'], [g, 'g'], [gg, 'gg'], [l, 'root']])
      return calls.map(([child, bindings]) => [named.get(child) ?? 'unknown', bindings])
    }
    const pCalls: unknown[][] = []
    const bCalls: unknown[][] = []
    const pl = pino({ onChild: (c: AnyLogger) => pCalls.push([c, c.bindings()]) }, { write () {} })
    const bl = createLogger({ onChild: (c: AnyLogger) => bCalls.push([c, c.bindings()]), destination: { write () {} } })
    const expected = record(pl, pCalls)
    expect(expected).toHaveLength(4)
    expect(record(bl, bCalls)).toEqual(expected)
  })
})

describe('hooks.logMethod', () => {
  // pino's documented example: the first two arguments swapped.
  function logMethod (this: unknown, inputArgs: unknown[], method: (...a: unknown[]) => void): void {
    if (inputArgs.length >= 2) {
      const arg1 = inputArgs.shift()
      const arg2 = inputArgs.shift()
      return method.apply(this, [arg2, arg1, ...inputArgs])
    }
    return method.apply(this, inputArgs)
  }
  const cases: Case[] = [
    { name: 'two strings swapped', opts: { hooks: { logMethod } }, call: (l) => l.info('a', 'b') },
    { name: 'a message and an object swapped', opts: { hooks: { logMethod } }, call: (l) => l.info('hello', { a: 1 }) },
    { name: 'printf after the swap', opts: { hooks: { logMethod } }, call: (l) => l.info('x', 'a %s %s', 'y') },
    { name: 'one argument unchanged', opts: { hooks: { logMethod } }, call: (l) => l.info({ a: 1 }) },
    { name: 'an Error swapped', opts: { hooks: { logMethod } }, call: (l) => l.error('failed', err) },
    { name: 'in a child', opts: { hooks: { logMethod } }, call: (l) => l.child({ c: 1 }).warn('m', { a: 1 }) },
    { name: 'a disabled level', opts: { hooks: { logMethod } }, lines: 0, call: (l) => l.debug('m', { a: 1 }) },
    { name: 'with custom levels', opts: { hooks: { logMethod }, customLevels: { audit: 35 } }, call: (l) => l.audit('m', { a: 1 }) },
    {
      name: 'a hook adding a field',
      opts: { hooks: { logMethod (this: unknown, args: unknown[], method: (...a: unknown[]) => void, level: number) { method.apply(this, [{ hooked: level }, ...args]) } } },
      call: (l) => l.info('m %s', 'x'),
    },
    {
      name: 'a hook changing the message',
      opts: { hooks: { logMethod (this: unknown, args: unknown[], method: (...a: unknown[]) => void) { method.apply(this, args.map((a) => typeof a === 'string' ? a.toUpperCase() : a)) } } },
      call: (l) => l.info({ a: 1 }, 'm'),
    },
    {
      name: 'a hook passing printf arguments, an undefined among them',
      opts: { hooks: { logMethod (this: unknown, args: unknown[], method: (...a: unknown[]) => void) { method.apply(this, [{ o: 1 }, ...args, undefined, 'd']) } } },
      call: (l) => l.info('%s|%s|%s|%s', 'a', 'b'),
    },
    {
      name: 'a hook dropping the call',
      opts: { hooks: { logMethod (this: unknown, args: unknown[], method: (...a: unknown[]) => void) { if (args[0] !== 'drop') method.apply(this, args) } } },
      call: (l) => { l.info('drop'); l.info('keep') },
    },
  ]
  it.each(cases)('$name', (c) => expectSame(c))

  it('gets the arguments, the level number and the logger as this, as pino', () => {
    const record = (l: AnyLogger, calls: unknown[][]): unknown[] => {
      const child = l.child({ c: 1 })
      l.info('a', 1)
      child.error({ e: 1 })
      l.warn()
      l.debug('disabled')
      return calls.map(([self, args, level]) => [self === l ? 'root' : self === child ? 'child' : 'other', args, level])
    }
    const hook = (calls: unknown[][]) => function (this: unknown, args: unknown[], method: (...a: unknown[]) => void, level: number): void {
      calls.push([this, [...args], level])
      method.apply(this, args)
    }
    const pCalls: unknown[][] = []
    const bCalls: unknown[][] = []
    const expected = record(pino({ hooks: { logMethod: hook(pCalls) } }, { write () {} }), pCalls)
    expect(expected).toHaveLength(3)
    expect(record(createLogger({ hooks: { logMethod: hook(bCalls) }, destination: { write () {} } }), bCalls)).toEqual(expected)
  })
})

describe('setBindings', () => {
  const cases: Case[] = [
    { name: 'on the root', call: (l) => { l.setBindings({ a: 1 }); l.info('x') } },
    { name: 'twice', call: (l) => { l.setBindings({ a: 1 }); l.setBindings({ b: 2 }); l.info('x') } },
    { name: 'on a child', call: (l) => { const c = l.child({ c: 1 }); c.setBindings({ a: 1 }); c.info('x') } },
    { name: 'with serializers', opts: { serializers: { user: userSerializer } }, call: (l) => { l.setBindings({ user }); l.info('x') } },
    { name: 'with formatters.bindings', opts: { formatters: { bindings: (b: Record<string, unknown>) => ({ ...b, f: 1 }) } }, call: (l) => { l.setBindings({ a: 1 }); l.info('x') } },
    { name: 'a child made after it inherits it', lines: 2, call: (l) => { l.setBindings({ a: 1 }); l.child({ c: 1 }).info('x'); l.info('y') } },
    { name: 'a child made before it does not', lines: 2, call: (l) => { const c = l.child({ c: 1 }); l.setBindings({ a: 1 }); c.info('x'); l.info('y') } },
  ]
  it.each(cases)('$name', (c) => expectSame(c))

  describe('records before and after it in the same millisecond', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('the record after reflects the change (no stale cached header)', () => {
      // The clock is frozen, so both records fall in one millisecond for certain.
      vi.useFakeTimers({ toFake: ['Date', 'performance'] })
      for (const opts of [{}, { level: 'trace' }, { timestamp: false }, { base: null }]) {
        const t = pair(opts)
        for (const l of [t.p, t.b]) {
          l.info('before')
          l.warn('before')
          l.setBindings({ a: 1 })
          l.info('after')
          l.warn('after')
          l.setBindings({ b: 2 })
          l.info('after again')
        }
        const raw = t.rawBytelog().map((line) => JSON.parse(line) as Record<string, unknown>)
        expect(raw).toHaveLength(5)
        // The precondition: one millisecond for all five.
        expect(new Set(raw.map((r) => r.time)).size).toBe(1)
        expect(t.bytelog()).toEqual(t.pino())
      }
    })
  })
})

describe('a bare http IncomingMessage or ServerResponse as the object', () => {
  it('is written as { req } or { res }, as pino writes it', async () => {
    const t = pair()
    const server = http.createServer((req, res) => {
      res.setHeader('x-test', 'yes')
      for (const l of [t.p, t.b]) {
        l.info(req, 'request')
        l.info(req)
        l.info(res, 'response')
        l.child({ c: 1 }).warn(res)
      }
      res.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      await new Promise<void>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/path?q=1', agent: false, headers: { 'x-req': 'r' } }, (res) => {
          res.resume()
          res.on('end', resolve)
          res.on('error', reject)
        }).on('error', reject)
      })
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
    const expected = t.pino()
    expect(expected).toHaveLength(4)
    expect(JSON.parse(expected[0]!)).toMatchObject({ req: { method: 'GET', url: '/path?q=1' }, msg: 'request' })
    // Logged before the headers are sent: pino's res serializer gives statusCode null then.
    expect(JSON.parse(expected[2]!)).toMatchObject({ res: { statusCode: null, headers: { 'x-test': 'yes' } }, msg: 'response' })
    expect(t.bytelog()).toEqual(expected)
  })
})

describe('a user function that throws costs only its own part of the record (pino throws)', () => {
  const boom = (): never => { throw new Error('boom') }
  /** A timestamp function that throws from its second call on (pino calls it once when made). */
  const laterBoom = (): (() => string) => { let calls = 0; return () => { if (calls++ > 0) boom(); return ',"time":1' } }
  /**
   * Each case: the options with the throwing function, the same options without it for
   * pino (the reference record), and the note bytelog adds.
   */
  const cases: Array<{ name: string, opts: Opts, reference: Opts, note: string, call: (l: AnyLogger) => void }> = [
    { name: 'mixin', opts: { mixin: boom }, reference: {}, note: '[mixin threw: boom]', call: (l) => l.info({ a: 1 }, 'm') },
    { name: 'mixin, no object', opts: { mixin: boom }, reference: {}, note: '[mixin threw: boom]', call: (l) => l.warn('m %s', 'x') },
    { name: 'mixin in a child', opts: { mixin: boom }, reference: {}, note: '[mixin threw: boom]', call: (l) => l.child({ c: 1 }).info({ a: 1 }, 'm') },
    { name: 'mixinMergeStrategy', opts: { mixin: () => ({ x: 1 }), mixinMergeStrategy: boom }, reference: {}, note: '[mixinMergeStrategy threw: boom]', call: (l) => l.info({ a: 1 }, 'm') },
    { name: 'formatters.log: its fields left out', opts: { formatters: { log: boom } }, reference: {}, note: '[formatters.log threw: boom]', call: (l) => l.info('m') },
    { name: 'timestamp: epoch time instead', opts: { timestamp: laterBoom() }, reference: {}, note: '[timestamp threw: boom]', call: (l) => l.info({ a: 1 }, 'm') },
  ]
  it.each(cases)('$name', ({ opts, reference, note, call }) => {
    const t = pair(opts)
    expect(() => call(t.p)).toThrow('boom')
    const ref = pair(reference)
    const before = Date.now()
    expect(() => call(t.b)).not.toThrow()
    call(ref.p)
    const got = JSON.parse(t.rawBytelog()[0]!) as Record<string, unknown>
    const want = JSON.parse(ref.rawPino()[0]!) as Record<string, unknown>
    // formatters.log's result is what would have been written: no fields of the call's.
    if (opts.formatters !== undefined) delete want.a
    expect(got.time).toBeGreaterThanOrEqual(before)
    expect(got.time).toBeLessThanOrEqual(Date.now())
    expect({ ...got, time: 0 }).toEqual({ ...want, time: 0, bytelog: note })
    expect(t.rawBytelog()).toHaveLength(1)
  })

  it('the event API with a throwing timestamp function', () => {
    const t = pair({ timestamp: laterBoom(), base: null })
    t.b.event('info').str('k', 'v').msg('m')
    const r = JSON.parse(t.rawBytelog()[0]!) as Record<string, unknown>
    expect(r).toEqual({ level: 30, time: r.time, bytelog: '[timestamp threw: boom]', k: 'v', msg: 'm' })
    expect(typeof r.time).toBe('number')
  })

  it('hooks.logMethod that throws: no throw into the app, one record says so', () => {
    const t = pair({ hooks: { logMethod: boom } })
    expect(() => t.p.info('m')).toThrow('boom')
    expect(() => t.b.info({ secret: 's' }, 'm')).not.toThrow()
    const lines = t.rawBytelog()
    expect(lines).toHaveLength(1)
    const r = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(r).toMatchObject({ level: 30, bytelog: '[hooks.logMethod threw: boom]' })
    expect(r).not.toHaveProperty('secret') // what the hook was given is not written unhooked
  })

  it('hooks.logMethod that writes, then throws: the record once, no throw', () => {
    const t = pair({ hooks: { logMethod (this: unknown, args: unknown[], method: (...a: unknown[]) => void) { method.apply(this, args); throw new Error('after') } } })
    expect(() => t.b.info('m')).not.toThrow()
    expect(t.rawBytelog().map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['m'])
  })
})
