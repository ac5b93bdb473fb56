/**
 * The logger's behaviour: levels, children, the event API, time options, calls that must
 * not throw, log injection, reentrancy and option checking. Where pino has the same
 * feature, pino's output is the expected value.
 */
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import fc from 'fast-check'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger, destination, type LevelName, type Logger, type LoggerOptions } from '../src/index.js'
import { capture, captured, cleanupTmp, normalizeTime, pinoCapture, splitLines, tmpFile, type LevelMethod } from './helpers.js'
import { runs } from './runs.js'

afterAll(cleanupTmp)

const METHODS: LevelMethod[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal']
const HEADER = { pid: process.pid, hostname: hostname() }

/** JSON.stringify's line for a level-30 record with the default base (time normalised). */
function expectedLine (fields: Record<string, unknown>, level = 30): string {
  return JSON.stringify({ level, time: 0, ...HEADER, ...fields }) + '\n'
}

function errorShape (e: Error): Record<string, unknown> {
  return { type: e.constructor.name, message: e.message, stack: e.stack }
}

/** Asserts `lines` is one record: ends with the only newline, parses as a JSON object. */
function oneRecord (lines: string[]): Record<string, unknown> {
  expect(lines).toHaveLength(1)
  const line = lines[0]!
  expect(line.endsWith('\n')).toBe(true)
  expect(line.indexOf('\n')).toBe(line.length - 1)
  const rec = JSON.parse(line) as Record<string, unknown>
  expect(typeof rec).toBe('object')
  return rec
}

describe('levels', () => {
  it.each(METHODS)('%s writes pino\'s level number', (method) => {
    const { log, out } = captured({ level: 'trace' })
    log[method]('m')
    const rec = oneRecord(out.lines)
    expect(rec.level).toBe(pino.levels.values[method])
    // The whole line, against pino's.
    const p = pinoCapture({ level: 'trace' })
    p.log[method]('m')
    expect(out.lines.map(normalizeTime)).toEqual(p.lines.map(normalizeTime))
  })

  it.each(METHODS)('at level %s, exactly the methods at or above it write', (level) => {
    const { log, out } = captured({ level })
    for (const m of METHODS) log[m](m)
    const written = out.records().map((r) => r.msg)
    expect(written).toEqual(METHODS.filter((m) => pino.levels.values[m]! >= pino.levels.values[level]!))
  })

  it("level 'silent' writes nothing, from any method or event", () => {
    const { log, out } = captured({ level: 'silent' })
    for (const m of METHODS) {
      log[m]('m')
      log[m]({ a: 1 }, 'm %s', 'x')
      log.event(m).str('a', 'b').msg('m')
    }
    expect(out.lines).toEqual([])
    expect(log.level).toBe('silent')
    expect(log.levelVal).toBe(Infinity)
  })

  it('log.level can be changed at runtime, both ways', () => {
    const { log, out } = captured()
    log.debug('before')
    log.level = 'debug'
    expect(log.level).toBe('debug')
    expect(log.levelVal).toBe(20)
    log.debug('after')
    log.level = 'error'
    log.warn('hidden')
    log.error('shown')
    log.level = 'silent'
    log.fatal('hidden')
    log.level = 'trace'
    log.trace('back')
    expect(out.records().map((r) => r.msg)).toEqual(['after', 'shown', 'back'])
  })

  it.each(['nope', 'InFoo', '', 'silent ', '10', 'toString', '__proto__'])('createLogger({ level: %j }) throws a TypeError', (level) => {
    expect(() => createLogger({ level: level as LevelName, destination: capture().destination })).toThrow(TypeError)
  })

  it.each([35, null, {}, true])('createLogger({ level: %j }) (not a level name or number) throws a TypeError', (level) => {
    expect(() => createLogger({ level: level as unknown as LevelName, destination: capture().destination })).toThrow(TypeError)
  })

  it("log.level = 'nope' throws a TypeError and keeps the old level", () => {
    const { log, out } = captured({ level: 'warn' })
    expect(() => { log.level = 'nope' as LevelName }).toThrow(TypeError)
    expect(() => { log.level = 'constructor' as LevelName }).toThrow(TypeError)
    expect(log.level).toBe('warn')
    log.info('hidden')
    log.warn('shown')
    expect(out.records().map((r) => r.msg)).toEqual(['shown'])
  })

  it('isLevelEnabled agrees with pino', () => {
    for (const level of [...METHODS, 'silent'] as const) {
      const { log } = captured({ level })
      const p = pino({ level }, { write () {} })
      for (const m of METHODS) expect(log.isLevelEnabled(m)).toBe(p.isLevelEnabled(m))
      expect(log.isLevelEnabled('nope' as LevelName)).toBe(false)
    }
  })

  it('isLevelEnabled follows runtime level changes', () => {
    const { log } = captured()
    expect(log.isLevelEnabled('debug')).toBe(false)
    log.level = 'debug'
    expect(log.isLevelEnabled('debug')).toBe(true)
  })
})

describe('child loggers', () => {
  it('bindings are read once, when the child is made', () => {
    const { log, out } = captured()
    let reads = 0
    const bindings: Record<string, unknown> = {
      get counted () { reads++; return reads },
      mutable: 'original',
      nested: { x: 1 },
    }
    const child = log.child(bindings)
    bindings.mutable = 'changed'
    ;(bindings.nested as Record<string, unknown>).x = 2
    bindings.added = true
    child.info('one')
    child.info('two')
    child.child({ more: 1 }).info('three')
    expect(reads).toBe(1)
    for (const rec of out.records()) {
      expect(rec).toMatchObject({ counted: 1, mutable: 'original', nested: { x: 1 } })
      expect(rec).not.toHaveProperty('added')
    }
    expect(out.lines).toHaveLength(3)
  })

  it('bindings are written in order: base, name, parent bindings, child bindings, then the object', () => {
    const { log, out } = captured({ name: 'svc' })
    log.child({ a: 1 }).child({ b: 2 }).info({ c: 3 }, 'm')
    const keys = Object.keys(oneRecord(out.lines))
    expect(keys).toEqual(['level', 'time', 'pid', 'hostname', 'name', 'a', 'b', 'c', 'msg'])
  })

  const shapes: Array<{ name: string, opts: LoggerOptions & pino.LoggerOptions, make: (l: any) => any }> = [
    { name: 'root', opts: {}, make: (l) => l },
    { name: 'root with name', opts: { name: 'svc' }, make: (l) => l },
    { name: 'root with custom base', opts: { base: { app: 'a', pid: 5 } }, make: (l) => l },
    { name: 'root with base: null', opts: { base: null }, make: (l) => l },
    { name: 'child', opts: {}, make: (l) => l.child({ a: 1, s: 'q"\n' }) },
    { name: 'child of child', opts: {}, make: (l) => l.child({ a: 1 }).child({ b: { c: [2, null] } }) },
    { name: 'child with name', opts: { name: 'svc' }, make: (l) => l.child({ x: 1 }) },
    { name: 'child with a level binding', opts: {}, make: (l) => l.child({ level: 'x', y: 1 }) },
  ]
  it.each(shapes)('bindings() has pino\'s shape: $name', ({ opts, make }) => {
    const b = make(createLogger({ ...opts, destination: capture().destination }) as Logger)
    const p = make(pino(opts, { write () {} }))
    expect(b.bindings()).toEqual(p.bindings())
    expect(b.bindings()).not.toHaveProperty('pid')
    expect(b.bindings()).not.toHaveProperty('hostname')
  })

  it('a child follows its parent\'s level until it has one of its own, as pino\'s does', () => {
    const script = (log: { level: string, child: (b: object, o?: object) => any, debug: (m: string) => void, error: (m: string) => void, warn: (m: string) => void }): string[] => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const seen: string[] = []
      const child = log.child({ c: 1 })
      const grandchild = child.child({ g: 1 })
      const same = log.child({ s: 1 }, { level: 'debug' }) // the parent's level: not its own
      const pinned = log.child({ p: 1 }, { level: 'trace' })
      log.level = 'error'
      seen.push(child.level, grandchild.level, pinned.level, same.level)
      child.debug('child debug, parent at error')
      grandchild.error('grandchild error')
      pinned.debug('pinned debug')
      same.debug('same debug, parent at error')
      child.level = 'warn'
      log.level = 'fatal'
      seen.push(child.level, grandchild.level, pinned.level)
      child.warn('child warn, own level warn')
      grandchild.error('grandchild error, root at fatal')
      log.error('parent error, at fatal')
      return seen
    }
    const { log, out } = captured({ level: 'debug' })
    const ref = pinoCapture({ level: 'debug' })
    expect(script(log as any)).toEqual(script(ref.log as any)) // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.records().map((r) => r.msg)).toEqual(ref.lines.map((l) => (JSON.parse(l) as { msg: string }).msg))
    // The grandchild follows the child's own level (warn) once it has one, not the root's.
    expect(out.records().map((r) => r.msg)).toEqual(['grandchild error', 'pinned debug', 'child warn, own level warn', 'grandchild error, root at fatal'])
  })

  it('the level option of child() sets the child\'s level only', () => {
    const { log, out } = captured({ level: 'info' })
    const verbose = log.child({ c: 'v' }, { level: 'trace' })
    const quiet = log.child({ c: 'q' }, { level: 'error' })
    const silent = log.child({ c: 's' }, { level: 'silent' })
    for (const l of [log, verbose, quiet, silent]) {
      l.trace('trace')
      l.warn('warn')
    }
    expect(out.records().map((r) => `${String(r.c)}:${String(r.msg)}`)).toEqual(['undefined:warn', 'v:trace', 'v:warn'])
    expect(verbose.level).toBe('trace')
    expect(quiet.level).toBe('error')
    expect(log.level).toBe('info')
  })

  it('child() rejects a bad level and bad bindings with a TypeError', () => {
    const { log } = captured()
    expect(() => log.child({}, { level: 'nope' as LevelName })).toThrow(TypeError)
    expect(() => log.child(null as unknown as Record<string, unknown>)).toThrow(TypeError)
    expect(() => log.child('x' as unknown as Record<string, unknown>)).toThrow(TypeError)
  })
})

describe('event API', () => {
  const err = new Error('event error')

  it('fields come out in call order, the message last, as pino writes the same object', () => {
    const { log, out } = captured()
    const obj = { nested: [1, { a: null }], d: new Date(0) }
    log.event('info').str('user', 'ann').int('items', 3).num('ratio', 0.5).bool('ok', true).err(err).obj('o', obj).bool('no', false).msg('checkout')
    const p = pinoCapture()
    p.log.info({ user: 'ann', items: 3, ratio: 0.5, ok: true, err, o: obj, no: false }, 'checkout')
    expect(out.lines.map(normalizeTime)).toEqual(p.lines.map(normalizeTime))
    // And against JSON.stringify, key order included.
    expect(normalizeTime(out.lines[0]!)).toBe(expectedLine({ user: 'ann', items: 3, ratio: 0.5, ok: true, err: errorShape(err), o: obj, no: false, msg: 'checkout' }))
  })

  it('key order follows the calls, not the kinds', () => {
    const { log, out } = captured()
    log.event('warn').obj('z', [1]).bool('y', true).num('x', -2.5).int('w', 7).str('v', 'u').msg('m')
    expect(normalizeTime(out.lines[0]!)).toBe(expectedLine({ z: [1], y: true, x: -2.5, w: 7, v: 'u', msg: 'm' }, 40))
  })

  it('int() truncates toward zero; num() keeps the fraction; non-finite numbers are null', () => {
    const { log, out } = captured()
    log.event('info').int('a', 3.9).int('b', -3.9).num('c', 3.9).num('d', Number.NaN).int('e', Infinity).num('f', -0).send()
    expect(normalizeTime(out.lines[0]!)).toBe(expectedLine({ a: 3, b: -3, c: 3.9, d: null, e: null, f: 0 }))
  })

  it('int() writes any integer as JSON.stringify does, past 31 bits and up to 2^53 too (and truncates the rest)', () => {
    const edges = [0, -0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 99999999, 100000000, 100000001,
      1234567890123, -1234567890123, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53, 1e21, -1e300, 12345678901.9, -7.5]
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...edges), fc.maxSafeInteger(), fc.double({ noNaN: true })), (n) => {
      const { log, out } = captured({ base: null, timestamp: false })
      log.event('info').int('n', n).send()
      expect(out.lines[0]).toBe(`{"level":30,"n":${JSON.stringify(Math.trunc(n))}}\n`)
    }), { numRuns: runs(2_000) })
  })

  it('obj() with a Date writes what JSON.stringify writes: plain, invalid, far years, and a toJSON of its own', () => {
    class Stamp extends Date { override toJSON (): string { return 'stamp' } }
    const own = new Date(0)
    ;(own as unknown as { toJSON: () => string }).toJSON = () => 'own'
    const dates = [new Date(Date.UTC(2024, 0, 15, 10, 30, 0, 123)), new Date(Number.NaN), new Date(-1), new Date(8.64e15), new Date(-62198755200001), new Stamp(0), own]
    for (const d of dates) {
      const { log, out } = captured({ base: null, timestamp: false })
      log.event('info').obj('at', d).send()
      expect(out.lines[0]).toBe(`{"level":30,"at":${JSON.stringify(d)}}\n`)
    }
  })

  it('strings and keys are escaped as JSON.stringify escapes them', () => {
    const { log, out } = captured()
    const s = 'q"\\\n\u0000\u001f é 😀 \u2028'
    log.event('info').str(s, s).msg(s)
    expect(normalizeTime(out.lines[0]!)).toBe(expectedLine({ [s]: s, msg: s }))
  })

  it('send() writes the record without a message', () => {
    const { log, out } = captured()
    log.event('error').str('a', 'b').send()
    log.event('info').send()
    expect(out.lines.map(normalizeTime)).toEqual([expectedLine({ a: 'b' }, 50), expectedLine({})])
  })

  it('err() uses the logger\'s errorKey, or the key given; a non-object is written as a value', () => {
    const { log, out } = captured({ errorKey: 'error' })
    log.event('info').err(err).err(err, 'cause').err('just a string').send()
    // The key "error" appears twice, which an object literal cannot hold: append the second.
    const head = expectedLine({ error: errorShape(err), cause: errorShape(err) })
    expect(normalizeTime(out.lines[0]!)).toBe(head.slice(0, -2) + ',"error":"just a string"}\n')
  })

  it('events carry the child bindings and the base', () => {
    const { log, out } = captured({ name: 'svc' })
    log.child({ req: 'r-1' }).event('info').str('a', 'b').msg('m')
    const p = pinoCapture({ name: 'svc' })
    p.log.child({ req: 'r-1' }).info({ a: 'b' }, 'm')
    expect(out.lines.map(normalizeTime)).toEqual(p.lines.map(normalizeTime))
  })

  it('wrong value types fall back to the generic encoder', () => {
    const { log, out } = captured()
    const ev = log.event('info') as any
    ev.str('s', 5).int('i', '7').num('n', null).bool('b', 'yes').obj('o', undefined).send()
    // bool() writes the truthiness; the rest write the value as given (undefined skipped).
    expect(normalizeTime(out.lines[0]!)).toBe(expectedLine({ s: 5, i: '7', n: null, b: true }))
  })

  it('an event on a disabled level is one shared no-op that writes nothing', () => {
    const { log, out } = captured({ level: 'warn' })
    const a = log.event('info')
    const b = log.event('debug')
    const c = log.child({ x: 1 }).event('trace')
    expect(a).toBe(b)
    expect(a).toBe(c)
    expect(a.enabled).toBe(false)
    expect(a.str('k', 'v').int('i', 1).num('n', 1).bool('b', true).err(err).obj('o', {})).toBe(a)
    a.msg('nothing')
    b.send()
    expect(out.lines).toEqual([])
    expect(log.event('warn').enabled).toBe(true)
  })

  // Names of Object.prototype members are unknown levels too.
  it.each(['nope', 'silent', '', 'INFO', 'constructor', 'toString', '__proto__', 'hasOwnProperty'])('event(%j) writes nothing and does not throw', (bad) => {
    const { log, out } = captured({ level: 'trace' })
    expect(() => {
      const ev = log.event(bad as LevelName)
      expect(ev.enabled).toBe(false)
      ev.str('a', 'b').msg('m')
    }).not.toThrow()
    expect(out.lines).toEqual([])
    log.info('still works')
    expect(out.lines).toHaveLength(1)
  })

  it('two events built interleaved both come out whole, in the order they finish', () => {
    const { log, out } = captured()
    const one = log.event('info').str('a', '1')
    const two = log.event('warn').str('b', '2')
    one.int('x', 1)
    log.info('plain in between')
    two.int('y', 2)
    two.msg('two')
    one.msg('one')
    expect(out.lines.map(normalizeTime)).toEqual([
      expectedLine({ msg: 'plain in between' }),
      expectedLine({ b: '2', y: 2, msg: 'two' }, 40),
      expectedLine({ a: '1', x: 1, msg: 'one' }),
    ])
  })

  it('many events open at once (more than any pool holds) all come out whole', () => {
    const { log, out } = captured()
    const events = Array.from({ length: 200 }, (_, i) => log.event('info').int('i', i))
    for (let i = events.length - 1; i >= 0; i--) events[i]!.str('s', 'x'.repeat(i)).msg(`m${i}`)
    expect(out.lines.map(normalizeTime)).toEqual(Array.from({ length: 200 }, (_, k) => {
      const i = 199 - k
      return expectedLine({ i, s: 'x'.repeat(i), msg: `m${i}` })
    }))
  })

  it('an abandoned event does not corrupt later records', () => {
    const { log, out } = captured()
    log.event('info').str('abandoned', 'yes')
    log.info('after')
    log.event('info').str('k', 'v').msg('event after')
    expect(out.lines.map(normalizeTime)).toEqual([expectedLine({ msg: 'after' }), expectedLine({ k: 'v', msg: 'event after' })])
  })
})

describe('time option', () => {
  function timeOf (opts: LoggerOptions): { t: unknown, before: number, after: number, line: string } {
    const { log, out } = captured(opts)
    const before = Date.now()
    log.info('m')
    const after = Date.now()
    const line = out.lines[0]!
    return { t: (JSON.parse(line) as Record<string, unknown>).time, before, after, line }
  }
  // Node 24 reads a monotonic clock re-anchored to Date.now() each second: allow a few ms.
  const SLACK = 5

  it("'epoch' (the default) is Date.now() in ms, right after level", () => {
    for (const opts of [{}, { time: 'epoch' as const }]) {
      const { t, before, after, line } = timeOf(opts)
      expect(Number.isSafeInteger(t)).toBe(true)
      expect(t as number).toBeGreaterThanOrEqual(before - SLACK)
      expect(t as number).toBeLessThanOrEqual(after + SLACK)
      expect(line.startsWith(`{"level":30,"time":${String(t)},"pid":`)).toBe(true)
    }
  })

  it("'unix' is seconds, rounded as pino's unixTime", () => {
    const { t, before, after } = timeOf({ time: 'unix' })
    expect(Number.isSafeInteger(t)).toBe(true)
    expect(t as number).toBeGreaterThanOrEqual(Math.round((before - SLACK) / 1000))
    expect(t as number).toBeLessThanOrEqual(Math.round((after + SLACK) / 1000))
  })

  it("'iso' is toISOString() of a time near now", () => {
    const { t, before, after } = timeOf({ time: 'iso' })
    expect(typeof t).toBe('string')
    const ms = Date.parse(t as string)
    expect(new Date(ms).toISOString()).toBe(t)
    expect(ms).toBeGreaterThanOrEqual(before - SLACK)
    expect(ms).toBeLessThanOrEqual(after + SLACK)
  })

  it('false writes no time, as pino with timestamp: false', () => {
    const { log, out } = captured({ time: false })
    log.info({ a: 1 }, 'm')
    const p = pinoCapture({ timestamp: false })
    p.log.info({ a: 1 }, 'm')
    expect(out.lines).toEqual(p.lines)
    expect(JSON.parse(out.lines[0]!)).not.toHaveProperty('time')
  })

  it('a pattern prints UTC by default', () => {
    const { t, before, after } = timeOf({ time: 'yyyy-MM-dd HH:mm:ss.SSS' })
    expect(t).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/)
    const ms = Date.parse((t as string).replace(' ', 'T') + 'Z')
    expect(ms).toBeGreaterThanOrEqual(before - SLACK)
    expect(ms).toBeLessThanOrEqual(after + SLACK)
  })

  it('a pattern with quoted literals, yy and an offset token', () => {
    const { t, before, after } = timeOf({ time: "'day' yy/MM/dd 'at' HH:mm:ss.SSSXXX" })
    const m = /^day (\d\d)\/(\d\d)\/(\d\d) at (\d\d:\d\d:\d\d\.\d{3})Z$/.exec(t as string)
    expect(m).not.toBeNull()
    const ms = Date.parse(`20${m![1]!}-${m![2]!}-${m![3]!}T${m![4]!}Z`)
    expect(ms).toBeGreaterThanOrEqual(before - SLACK)
    expect(ms).toBeLessThanOrEqual(after + SLACK)
  })

  it('utc: false prints local time with the zone offset', () => {
    const saved = process.env.TZ
    try {
      for (const tz of ['Asia/Kolkata', 'America/St_Johns', 'UTC']) {
        process.env.TZ = tz
        const { t, before, after } = timeOf({ time: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", utc: false })
        expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$/)
        const ms = Date.parse(t as string)
        expect(ms).toBeGreaterThanOrEqual(before - SLACK)
        expect(ms).toBeLessThanOrEqual(after + SLACK)
        const offset = -new Date(ms).getTimezoneOffset()
        const sign = offset < 0 ? '-' : '+'
        const abs = Math.abs(offset)
        const want = offset === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
        expect((t as string).endsWith(want)).toBe(true)
      }
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })

  it.each([5, true, 'qqq', 'yyyy-MM-dd hh', "yyyy 'unterminated", null])('time: %j throws a TypeError', (time) => {
    expect(() => createLogger({ time: time as LoggerOptions['time'], destination: capture().destination })).toThrow(TypeError)
  })
})

describe('log calls never throw, and still write one valid JSON line', () => {
  const throwing = (): never => { throw new Error('boom from user code') }
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  const deep = (n: number): Record<string, unknown> => {
    const root: Record<string, unknown> = {}
    let o = root
    for (let i = 0; i < n; i++) { const next = {}; o.n = next; o = next }
    return root
  }
  const badError = new Error('bad error')
  Object.defineProperty(badError, 'extra', { enumerable: true, get: throwing })

  const cases: Array<{ name: string, call: (l: Logger) => void, keeps?: Record<string, unknown> }> = [
    { name: 'a getter that throws', call: (l) => l.info({ b: 1, get a () { return throwing() } }) },
    { name: 'a nested getter that throws', call: (l) => l.info({ b: 1, o: { get a () { return throwing() } } }), keeps: { b: 1 } },
    { name: 'a toJSON that throws', call: (l) => l.info({ b: 1, a: { toJSON: throwing } }), keeps: { b: 1 } },
    { name: 'a toJSON that throws in an array', call: (l) => l.info({ b: 1, a: [1, { toJSON: throwing }] }), keeps: { b: 1 } },
    { name: 'a Proxy whose ownKeys throws, as a field', call: (l) => l.info({ b: 1, p: new Proxy({}, { ownKeys: throwing }) }), keeps: { b: 1 } },
    { name: 'a Proxy whose ownKeys throws, as the object', call: (l) => l.info(new Proxy({}, { ownKeys: throwing }), 'm') },
    { name: 'a Proxy whose get throws', call: (l) => l.info({ b: 1, p: new Proxy({ x: 1 }, { get: throwing }) }), keeps: { b: 1 } },
    { name: 'a revoked Proxy', call: (l) => l.info({ b: 1, p: revoked.proxy }), keeps: { b: 1 } },
    { name: 'a revoked Proxy as the object', call: (l) => l.info(revoked.proxy, 'm') },
    { name: 'an object whose toString throws, with %s', call: (l) => l.info('x %s', { toString: throwing }) },
    { name: 'a symbol with %d', call: (l) => l.info('x %d', Symbol('s')) },
    { name: 'a symbol with %i and %f', call: (l) => l.info('%i %f', Symbol('s'), Symbol('t')) },
    { name: 'a BigInt with %i', call: (l) => l.info('%i', 10n) },
    { name: 'a toJSON that throws, with %j', call: (l) => l.info('x %j', { toJSON: throwing }) },
    { name: 'an Error with a throwing getter', call: (l) => l.info(badError, 'm') },
    { name: 'an Error with a throwing getter under err', call: (l) => l.info({ err: badError, b: 1 }), keeps: { b: 1 } },
    { name: 'a throwing msg getter', call: (l) => l.info({ get msg () { return throwing() } }) },
    { name: 'a throwing err getter', call: (l) => l.info({ get err () { return throwing() } }) },
    { name: 'an object nested 100,000 deep', call: (l) => l.info({ b: 1, d: deep(100_000) }), keeps: { b: 1 } },
    { name: 'a child binding toJSON that throws', call: (l) => l.child({ c: { toJSON: throwing } }).info('m'), keeps: { msg: 'm' } },
    { name: 'an event field that throws', call: (l) => l.event('info').obj('a', { toJSON: throwing }).str('b', 'c').msg('m'), keeps: { b: 'c', msg: 'm' } },
    { name: 'an event err() with a throwing getter', call: (l) => l.event('info').err(badError).msg('m'), keeps: { msg: 'm' } },
    { name: 'a throw value that is not an Error', call: (l) => l.info({ b: 1, a: { toJSON () { throw Symbol('not an error') } } }), keeps: { b: 1 } },
  ]

  it.each(cases)('$name', ({ call, keeps }) => {
    const { log, out } = captured()
    expect(() => call(log)).not.toThrow()
    const rec = oneRecord(out.lines)
    expect(rec).toMatchObject({ level: 30, ...HEADER, ...keeps })
    // The logger is fine afterwards.
    out.clear()
    log.info({ after: true }, 'next')
    expect(normalizeTime(out.lines[0]!)).toBe(expectedLine({ after: true, msg: 'next' }))
  })

  it('any mix of odd arguments writes one valid line per call', () => {
    const { log, out } = captured()
    const weird: unknown[] = [Symbol('s'), () => 1, 10n, Object.create(null), new Proxy({}, {}), [], new Date(Number.NaN)]
    for (const a of weird) {
      for (const b of weird) expect(() => log.info(a, b, a)).not.toThrow()
    }
    for (const line of out.lines) {
      expect(line.indexOf('\n')).toBe(line.length - 1)
      expect(() => JSON.parse(line)).not.toThrow()
    }
    expect(out.lines).toHaveLength(weird.length * weird.length)
  })
})

describe('log injection: a forged record never becomes a second line', () => {
  const forged = '"}\n{"level":60,"msg":"forged"}\n{"x":"'
  const forgedObj = '}\n{"level":60'
  const cases: Array<{ name: string, opts?: LoggerOptions, call: (l: Logger) => void, value: (r: Record<string, unknown>) => unknown }> = [
    { name: 'in a message', call: (l) => l.info(forged), value: (r) => r.msg },
    { name: 'in a key', call: (l) => l.info({ [forged]: 1 }), value: (r) => Object.keys(r).includes(forged) ? forged : undefined },
    { name: 'in a value', call: (l) => l.info({ v: forged }), value: (r) => r.v },
    { name: 'in a nested key', call: (l) => l.info({ o: { [forgedObj]: forged } }), value: (r) => (r.o as Record<string, unknown>)[forgedObj] },
    { name: 'in a child binding', call: (l) => l.child({ c: forged }).info('m'), value: (r) => r.c },
    { name: 'in a child binding key', call: (l) => l.child({ [forged]: 'v' }).info('m'), value: (r) => Object.keys(r).includes(forged) ? forged : undefined },
    { name: 'in the name option', opts: { name: forged }, call: (l) => l.info('m'), value: (r) => r.name },
    { name: 'in the base option', opts: { base: { [forged]: forged } }, call: (l) => l.info('m'), value: (r) => r[forged] },
    { name: 'in the messageKey option', opts: { messageKey: forged }, call: (l) => l.info('m'), value: (r) => Object.keys(r).includes(forged) ? forged : undefined },
    { name: 'in the errorKey option', opts: { errorKey: forged }, call: (l) => l.info(new Error('e')), value: (r) => Object.keys(r).includes(forged) ? forged : undefined },
    { name: 'in a %s argument', call: (l) => l.info('a %s b', forged), value: (r) => r.msg === `a ${forged} b` ? forged : r.msg },
    { name: 'in a %j argument', call: (l) => l.info('%j', { [forged]: forged }), value: (r) => JSON.parse(r.msg as string)[forged] },
    { name: 'in an Error message', call: (l) => l.info(new Error(forged)), value: (r) => (r.err as Record<string, unknown>).message },
    { name: 'in an event string', call: (l) => l.event('info').str(forged, forged).msg(forged), value: (r) => r[forged] === forged ? r.msg : undefined },
    { name: 'in a Date-like toJSON', call: (l) => l.info({ d: { toJSON: () => forged } }), value: (r) => r.d },
    { name: 'in a pattern time literal', opts: { time: `'${forgedObj.replaceAll("'", "''")}' yyyy` }, call: (l) => l.info('m'), value: (r) => (r.time as string).startsWith(forgedObj) ? forgedObj : r.time },
  ]

  it.each(cases)('$name', ({ opts, call, value }) => {
    const { log, out } = captured(opts)
    call(log)
    const rec = oneRecord(out.lines)
    expect(rec.level).toBe(30)
    const v = value(rec)
    expect(v === forged || v === forgedObj).toBe(true)
  })
})

describe('reentrancy: a log call from inside serialization', () => {
  function reentrant (log: Logger): void {
    const inner = {
      toJSON (): string {
        log.warn({ depth: 2 }, 'innermost')
        return 'inner value'
      },
    }
    const outer = {
      toJSON (): unknown {
        log.info({ depth: 1, v: inner }, 'inner')
        return { ok: true }
      },
    }
    log.info({ depth: 0, v: outer, tail: 'x'.repeat(5000) }, 'outer')
  }

  function checkRecords (lines: string[]): void {
    expect(lines).toHaveLength(3)
    const byMsg = new Map(lines.map((l) => [(JSON.parse(l) as Record<string, unknown>).msg, normalizeTime(l)]))
    expect(byMsg.get('outer')).toBe(expectedLine({ depth: 0, v: { ok: true }, tail: 'x'.repeat(5000), msg: 'outer' }))
    expect(byMsg.get('inner')).toBe(expectedLine({ depth: 1, v: 'inner value', msg: 'inner' }))
    expect(byMsg.get('innermost')).toBe(expectedLine({ depth: 2, msg: 'innermost' }, 40))
  }

  it('to a custom writer: every record whole and valid', () => {
    const { log, out } = captured()
    reentrant(log)
    log.info('after')
    checkRecords(out.lines.slice(0, 3))
    expect(JSON.parse(out.lines[3]!)).toMatchObject({ msg: 'after' })
  })

  it('from a getter and from an event field', () => {
    const { log, out } = captured()
    log.info({ get g () { log.info('from getter'); return 1 } }, 'outer')
    log.event('info').obj('o', { toJSON () { log.info('from event'); return 2 } }).msg('event')
    const recs = out.records()
    expect(recs.map((r) => r.msg).sort()).toEqual(['event', 'from event', 'from getter', 'outer'])
    expect(recs.find((r) => r.msg === 'outer')).toMatchObject({ g: 1 })
    expect(recs.find((r) => r.msg === 'event')).toMatchObject({ o: 2 })
  })

  const readRecords = (file: string): string[] => splitLines(readFileSync(file, 'utf8')).map((l) => l + '\n')

  it('to a file in sync mode', () => {
    const file = tmpFile()
    const log = createLogger({ destination: destination({ dest: file, sync: true }) })
    reentrant(log)
    checkRecords(readRecords(file))
  })

  it('to a file in async mode', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file })
    const log = createLogger({ destination: dest })
    log.info('before')
    reentrant(log)
    log.info('after')
    await new Promise<void>((resolve, reject) => dest.flush((e) => e ? reject(e) : resolve()))
    const lines = readRecords(file)
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'before' })
    checkRecords(lines.slice(1, 4))
    expect(JSON.parse(lines[4]!)).toMatchObject({ msg: 'after' })
    expect(lines).toHaveLength(5)
    await new Promise<void>((resolve) => dest.end(() => resolve()))
  })
})

describe('createLogger option checking', () => {
  const bad: Array<[string, unknown]> = [
    ['timestamp not a boolean or function', { timestamp: 'yes' }],
    ['both time and timestamp', { time: 'iso', timestamp: true }],
    ['options that are not an object', 42],
    ['level as a number no level has', { level: 31 }],
    ['messageKey empty', { messageKey: '' }],
    ['messageKey not a string', { messageKey: 5 }],
    ['errorKey not a string', { errorKey: {} }],
    ['base a string', { base: 'x' }],
    ['base a number', { base: 5 }],
    ['time a number', { time: 5 }],
    ['name not a string', { name: 42 }],
    ['utc not a boolean', { utc: 'no' }],
    ['destination with a bad dest', { destination: { dest: {} } }],
    ['destination with a negative minLength', { destination: { minLength: -1 } }],
    ['destination with a fractional periodicFlush', { destination: { periodicFlush: 1.5 } }],
    ['destination with bufferSize 0', { destination: { bufferSize: 0 } }],
  ]
  it.each(bad)('%s throws a TypeError', (_name, opts) => {
    expect(() => createLogger(opts as LoggerOptions)).toThrow(TypeError)
  })

  it('accepts every documented option', () => {
    const out = capture()
    const log = createLogger({ level: 'debug', time: 'iso', utc: true, base: { app: 'a' }, name: 'n', messageKey: 'message', errorKey: 'error', destination: out.destination })
    log.debug(new Error('e'), 'm')
    const rec = oneRecord(out.lines)
    expect(rec).toMatchObject({ level: 20, app: 'a', name: 'n', message: 'm', error: { message: 'e' } })
    expect(Object.keys(rec)).toEqual(['level', 'time', 'app', 'name', 'error', 'message'])
  })
})
