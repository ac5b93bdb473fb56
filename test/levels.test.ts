/**
 * Levels as pino has them, beyond the default six: numbers and capitals, customLevels that
 * move a standard name, useOnlyCustomLevels, levelComparison, custom levels on a child,
 * fatal's flush. Every case runs the same calls on pino and on bytelog; pino's lines and
 * answers are the expectation.
 */
import fc from 'fast-check'
import pino from 'pino'
import { describe, expect, it, vi } from 'vitest'
import { createLogger, type LoggerOptions } from '../src/index.js'
import { capture } from './helpers.js'
import { runs } from './runs.js'

type Opts = Record<string, unknown>
/* eslint-disable @typescript-eslint/no-explicit-any -- the same calls on either logger */
type AnyLogger = any
/* eslint-enable @typescript-eslint/no-explicit-any */

const METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const

/** Both loggers with the same options (no time, no base), and what each wrote. */
function pair (opts: Opts): { p: AnyLogger, b: AnyLogger, pino: string[], bytelog: string[] } {
  const pl: string[] = []
  const p = pino({ base: null, timestamp: false, ...opts } as pino.LoggerOptions, { write (s: string) { pl.push(s) } })
  const out = capture()
  const b = createLogger({ base: null, time: false, ...(opts as LoggerOptions<string>), destination: out.destination })
  return { p, b, pino: pl, bytelog: out.lines }
}

/** Calls every method the logger has (standard and `extra`), then reads its level state. */
function probe (l: AnyLogger, extra: string[] = []): unknown {
  for (const m of [...METHODS, ...extra]) if (typeof l[m] === 'function') l[m](`via ${m}`)
  return {
    level: l.level,
    levelVal: l.levelVal,
    enabled: Object.fromEntries([...METHODS, ...extra, 'silent'].map((m) => [m, l.isLevelEnabled(m)])),
    methods: [...METHODS, ...extra].filter((m) => typeof l[m] === 'function'),
    values: { ...l.levels.values },
  }
}

function expectSame (opts: Opts, extra: string[] = [], then?: (l: AnyLogger) => void): void {
  const t = pair(opts)
  const a = probe(t.p, extra)
  const b = probe(t.b, extra)
  then?.(t.p)
  then?.(t.b)
  expect(b).toEqual(a)
  expect(t.bytelog).toEqual(t.pino)
}

describe('levels given as numbers and in capitals, as pino takes them', () => {
  it.each<[string, Opts]>([
    ['level: 50', { level: 50 }],
    ['level: 10', { level: 10 }],
    ['level: Infinity', { level: Infinity }],
    ['level: "INFO"', { level: 'INFO' }],
    ['level: "Warn"', { level: 'Warn' }],
    ['a custom level\'s number', { customLevels: { audit: 35 }, level: 35 }],
  ])('%s', (_name, opts) => expectSame(opts, ['audit']))

  it('logger.level = 50, then = 20, then = Infinity', () => {
    expectSame({}, [], (l) => { l.level = 50; l.info('no'); l.error('yes'); l.level = 20; l.debug('d'); l.level = Infinity; l.fatal('no') })
  })

  it('child(b, { level: 40 })', () => {
    expectSame({}, [], (l) => { const c = l.child({ c: 1 }, { level: 40 }); c.info('no'); c.warn('yes'); expect(c.level).toBe('warn') })
  })

  it('an unknown number throws, as pino\'s does', () => {
    const t = pair({})
    expect(() => { t.p.level = 31 }).toThrow()
    expect(() => { t.b.level = 31 }).toThrow(TypeError)
    expect(t.b.level).toBe('info')
  })
})

describe('customLevels that move a standard name', () => {
  it.each<[string, Opts]>([
    ['info: 99', { customLevels: { info: 99 } }],
    ['info: 35', { customLevels: { info: 35 } }],
    ['info: 35 with level debug', { customLevels: { info: 35 }, level: 'debug' }],
    ['warn: 5 with level trace', { customLevels: { warn: 5 }, level: 'trace' }],
    ['useOnlyCustomLevels: info 35, debug 45', { customLevels: { info: 35, debug: 45 }, useOnlyCustomLevels: true, level: 'info' }],
    ['useOnlyCustomLevels: fatal 99, info 1', { customLevels: { fatal: 99, info: 1 }, useOnlyCustomLevels: true, level: 'info' }],
    ['a custom name on a standard number', { customLevels: { notice: 30 } }],
  ])('%s: the same records and answers', (_name, opts) => expectSame(opts, ['notice']))

  it('event(name) writes what the method of that name writes, and only when it does', () => {
    for (const opts of [{ customLevels: { info: 99 } }, { customLevels: { info: 35 } }, { customLevels: { info: 35, debug: 45 }, useOnlyCustomLevels: true, level: 'info' }]) {
      const t = pair(opts)
      for (const m of ['debug', 'info', 'warn', 'fatal']) {
        const before = t.bytelog.length
        if (typeof t.b[m] === 'function') t.b[m]('x')
        const viaMethod = t.bytelog.slice(before)
        t.b.event(m).msg('x')
        expect(t.bytelog.slice(before + viaMethod.length)).toEqual(viaMethod)
      }
    }
  })

  it('property: random custom levels and thresholds, as pino', () => {
    const name = fc.constantFrom('trace', 'debug', 'info', 'warn', 'error', 'fatal', 'audit', 'notice')
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(name, fc.integer({ min: 1, max: 100 })), { minLength: 1, maxLength: 5, selector: ([n]) => n }),
      fc.boolean(), fc.nat(), (levels, only, pick) => {
        const customLevels = Object.fromEntries(levels)
        const names = only ? Object.keys(customLevels) : [...new Set([...METHODS, ...Object.keys(customLevels)])]
        const level = names[pick % names.length]!
        let pe: unknown = null
        let be: unknown = null
        try { pino({ customLevels, useOnlyCustomLevels: only, level }, { write () {} }) } catch (e) { pe = e }
        try { createLogger({ customLevels, useOnlyCustomLevels: only, level, destination: { write () {} } }) } catch (e) { be = e }
        // pino accepts a custom value that another name has; so does bytelog.
        expect(be === null).toBe(pe === null)
        if (pe === null) expectSame({ customLevels, useOnlyCustomLevels: only, level }, ['audit', 'notice'])
      }), { numRuns: runs(300) })
  })
})

describe('levelComparison', () => {
  const desc = { customLevels: { low: 90, high: 10 }, useOnlyCustomLevels: true }
  it.each<[string, Opts]>([
    ['ASC', { levelComparison: 'ASC' }],
    ['DESC with descending custom levels, level high', { ...desc, levelComparison: 'DESC', level: 'high' }],
    ['DESC with descending custom levels, level low', { ...desc, levelComparison: 'DESC', level: 'low' }],
    ['DESC with the standard levels', { levelComparison: 'DESC', level: 'warn' }],
    ['a function', { levelComparison: (current: number, expected: number) => current === expected, level: 'warn' }],
  ])('%s', (_name, opts) => expectSame(opts, ['low', 'high']))

  it('event() and a child follow it', () => {
    const t = pair({ levelComparison: 'DESC', level: 'warn' })
    t.b.event('info').msg('shown')
    t.b.event('error').msg('hidden')
    t.b.child({ c: 1 }).debug('shown')
    expect(t.bytelog.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shown', 'shown'])
  })

  it('a bad value throws at creation', () => {
    expect(() => pino({ levelComparison: 'UP' as 'ASC' })).toThrow()
    expect(() => createLogger({ levelComparison: 'UP' as 'ASC', destination: { write () {} } })).toThrow(TypeError)
  })
})

describe('child options customLevels and formatters', () => {
  it('custom levels on a child: its methods, its levels, and its children\'s', () => {
    expectSame({}, ['foo'], (l) => {
      const c = l.child({ c: 1 }, { customLevels: { foo: 35 } })
      c.foo('from the child')
      c.info('info')
      c.level = 'foo'
      c.info('hidden')
      c.warn('shown')
      c.child({ g: 1 }).foo('grandchild')
      expect(c.isLevelEnabled('foo')).toBe(true)
      expect(typeof l.foo).toBe('undefined')
    })
  })

  it('a child adding levels under a root that moved info keeps writing info as pino does', () => {
    expectSame({ customLevels: { info: 35 } }, ['foo'], (l) => {
      const c = l.child({ c: 1 }, { customLevels: { foo: 45 } })
      c.info('info from the child')
      c.foo('foo from the child')
    })
  })

  it.each<[string, Record<string, number>]>([
    ['a name that exists', { info: 35 }],
    ['a value that exists', { foo: 30 }],
  ])('pino\'s error for %s', (_name, customLevels) => {
    const t = pair({})
    let message = ''
    try { t.p.child({}, { customLevels }) } catch (e) { message = (e as Error).message }
    expect(message).not.toBe('')
    expect(() => t.b.child({}, { customLevels })).toThrow(message)
  })

  it('a child\'s formatters.bindings, level and log', () => {
    expectSame({}, [], (l) => {
      l.child({ a: 1 }, { formatters: { bindings: (b: Record<string, unknown>) => ({ wrapped: b }) } }).info('x')
      l.child({ a: 1 }, { formatters: { level: (label: string) => ({ level: label }) } }).warn('y')
      l.child({ a: 1 }, { formatters: { log: (o: Record<string, unknown>) => ({ ...o, seen: true }) } }).info({ k: 1 }, 'z')
      const c = l.child({ a: 2 }, { customLevels: { foo: 35 }, formatters: { level: (label: string) => ({ level: label }) } })
      c.foo('custom')
      c.warn('standard')
    })
  })
})

describe('small shapes', () => {
  it('logger.msgPrefix reads the prefix, a child\'s added to its parent\'s', () => {
    const t = pair({ msgPrefix: '[a] ' })
    const pc = t.p.child({}, { msgPrefix: '[b] ' })
    const bc = t.b.child({}, { msgPrefix: '[b] ' })
    expect(t.b.msgPrefix).toBe(t.p.msgPrefix)
    expect(bc.msgPrefix).toBe(pc.msgPrefix)
    expect(createLogger({ destination: { write () {} } }).msgPrefix).toBe(pino({}, { write () {} }).msgPrefix)
  })

  it('fatal() flushes the destination synchronously, as pino does', () => {
    const flushed: string[] = []
    const stream = { write () {}, flushSync () { flushed.push('flushSync') } }
    pino({}, stream).fatal('p')
    createLogger({ destination: stream }).fatal('b')
    expect(flushed).toEqual(['flushSync', 'flushSync'])
    createLogger({ destination: stream }).error('not fatal')
    expect(flushed).toHaveLength(2)
  })

  it('an option pino does not know is ignored, with one BytelogWarning per key', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    try {
      const out = capture()
      const log = createLogger({ useLevelLabels: true, sync: false, someFrameworkKey: { a: 1 }, destination: out.destination } as LoggerOptions)
      createLogger({ useLevelLabels: true, destination: out.destination } as LoggerOptions)
      log.info('works')
      expect(out.records()).toMatchObject([{ msg: 'works' }])
      const keys = warn.mock.calls.map((c) => String(c[0]))
      expect(keys.filter((k) => k.includes('"useLevelLabels"'))).toHaveLength(1)
      expect(keys.filter((k) => k.includes('"sync"'))).toHaveLength(1)
      expect(warn.mock.calls.every((c) => (c as unknown[])[1] === 'BytelogWarning')).toBe(true)
    } finally {
      warn.mockRestore()
    }
  })

  it('an unknown key under hooks is reported the same way', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    try {
      createLogger({ hooks: { streamWrtie: (s: string) => s } as LoggerOptions['hooks'], destination: { write () {} } })
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('"hooks.streamWrtie"')])
    } finally {
      warn.mockRestore()
    }
  })

  it('useOnlyCustomLevels without customLevels: pino\'s message', () => {
    let message = ''
    try { pino({ useOnlyCustomLevels: true }) } catch (e) { message = (e as Error).message }
    expect(() => createLogger({ useOnlyCustomLevels: true, destination: { write () {} } })).toThrow(message)
  })

  it('child() without bindings: pino\'s message', () => {
    let message = ''
    try { pino({}, { write () {} }).child(undefined as never) } catch (e) { message = (e as Error).message }
    expect(() => createLogger({ destination: { write () {} } }).child(undefined as never)).toThrow(message)
  })
})

describe('hooks.streamWrite', () => {
  it.each<[string, (l: AnyLogger) => void]>([
    ['a message', (l) => l.info('hello')],
    ['an object and printf', (l) => l.warn({ a: 'x"y' }, 'n=%d', 3)],
    ['a child', (l) => l.child({ c: 'é' }).error('ünïcode')],
  ])('%s: the line passes through it as pino passes it', (_name, call) => {
    const seen: string[][] = [[], []]
    const hook = (i: number) => (s: string): string => { seen[i]!.push(s); return s.replace('x', 'X').toUpperCase() }
    const t = pair({})
    const pl: string[] = []
    const p = pino({ base: null, timestamp: false, hooks: { streamWrite: hook(0) } }, { write (s: string) { pl.push(s) } })
    const out = capture()
    const b = createLogger({ base: null, time: false, hooks: { streamWrite: hook(1) }, destination: out.destination })
    call(p)
    call(b)
    expect(seen[1]).toEqual(seen[0])
    expect(out.lines).toEqual(pl)
    expect(t.bytelog).toEqual([])
  })

  it('the event API goes through it too', () => {
    const out = capture()
    const b = createLogger({ base: null, time: false, hooks: { streamWrite: (s) => s.replace('secret', '***') }, destination: out.destination })
    b.event('info').str('k', 'secret').msg('m')
    expect(out.records()).toEqual([{ level: 30, k: '***', msg: 'm' }])
  })

  it('a hook that throws: no throw into the app, the record is dropped and counted', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    try {
      const out = capture()
      const b = createLogger({ hooks: { streamWrite: () => { throw new Error('nope') } }, destination: out.destination })
      expect(() => b.info('m')).not.toThrow()
      expect(out.lines).toEqual([])
      expect(b.dropped).toBe(1)
    } finally {
      warn.mockRestore()
    }
  })
})
