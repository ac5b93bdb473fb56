/**
 * Child loggers as bytelog keeps them (issue 8, child creation): a child shares its
 * parent's writer (options, level, first bindings) until it changes one, and its own
 * bindings are a range of a shared arena. What that could break, each case run on pino
 * too, whose records and answers are the expectation.
 */
import * as dc from 'node:diagnostics_channel'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import pino from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger, usePinoSymbols } from '../src/index.js'
import { capture, normalizeTime } from './helpers.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- the same calls on either logger */
type AnyLogger = any
/* eslint-enable @typescript-eslint/no-explicit-any */

interface Pair { p: AnyLogger, b: AnyLogger, pino: string[], bytelog: string[] }

/** A pino logger and a bytelog logger with the same options, each writing lines into its array. */
function pair (opts: Record<string, unknown> = {}): Pair {
  const pl: string[] = []
  const p = pino(opts as pino.LoggerOptions, { write (s: string) { pl.push(s) } })
  const out = capture()
  const { timestamp, ...rest } = opts
  const b = createLogger({ ...rest, ...(timestamp === false ? { time: false } : {}), destination: out.destination })
  return { p, b, pino: pl, bytelog: out.lines }
}

/** Runs `scenario` on both loggers of a pair; returns what it returned for each. */
function both<T> (t: Pair, scenario: (log: AnyLogger) => T): { p: T, b: T } {
  return { p: scenario(t.p), b: scenario(t.b) }
}

/** A full GC (V8 gives `gc` to contexts made after the flag is set), so that arenas no child names are freed. */
function gc (): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

function expectSameLines (t: Pair): void {
  expect(t.bytelog.length).toBeGreaterThan(0)
  expect(t.bytelog.map(normalizeTime)).toEqual(t.pino.map(normalizeTime))
}

describe('bindings are taken when the child is made', () => {
  it('a later change to the bindings object (or an object inside it) does not show, as in pino', () => {
    const t = pair()
    both(t, (log) => {
      const nested = { x: 1, list: [1, 2] }
      const b: Record<string, unknown> = { a: 'one', nested }
      const child = log.child(b)
      b.a = 'two'
      b.added = true
      delete b.nested
      nested.x = 2
      nested.list.push(3)
      child.info('after the change')
      child.child({ c: 3 }).info('grandchild')
      return child.bindings()
    })
    expectSameLines(t)
    const r = both(pair(), (log) => {
      const b: Record<string, unknown> = { a: 1 }
      const child = log.child(b)
      b.a = 2
      return child.bindings()
    })
    expect(r.b).toEqual(r.p)
  })
})

describe('binding values', () => {
  it('values of every JSON type, toJSON and getters, read once each, as pino writes them', () => {
    const t = pair()
    const reads = both(t, (log) => {
      let n = 0
      const bindings = {
        s: 'str "quoted" é 😀',
        n: 1.5,
        neg: -0,
        t: true,
        nil: null,
        undef: undefined,
        list: [1, 'two', { three: 3 }],
        obj: { deep: { deeper: [null] } },
        date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)),
        custom: { toJSON: () => ({ as: 'json' }) },
        get counted () { n++; return 'got' },
      }
      log.child(bindings).info('types')
      return n
    })
    expectSameLines(t)
    expect(reads).toEqual({ p: 1, b: 1 })
  })

  it('a getter that throws: the binding is the placeholder, the child is made (pino throws from child())', () => {
    const t = pair()
    const child = t.b.child({ before: 1, get bad (): string { throw new Error('no value') }, after: 2 })
    child.info('made')
    expect(JSON.parse(t.bytelog[0]!)).toMatchObject({ before: 1, bad: '[Unserializable: no value]', after: 2, msg: 'made' })
    expect(() => t.p.child({ get bad (): string { throw new Error('no value') } })).toThrow('no value')
  })
})

describe('many children', () => {
  it('thousands of children (many arenas full, some bindings longer than an arena holds) each write their own bindings', () => {
    const t = pair()
    both(t, (log) => {
      const children: AnyLogger[] = []
      for (let i = 0; i < 3000; i++) {
        // Bindings of every length: a few bytes to several KiB (past an arena's half, which
        // gets a Buffer of its own), strings needing escapes among them.
        const long = i % 97 === 0 ? 'x'.repeat(5000 + i) : i % 13 === 0 ? 'é"\\\n'.repeat(i % 200) : ''
        children.push(log.child({ i, id: `req-${i}`, long }))
      }
      gc()
      // Written newest first, then oldest first: records from old arenas between new ones.
      for (let i = children.length - 1; i >= 0; i -= 7) children[i].info('hello')
      for (let i = 0; i < children.length; i += 11) children[i].warn({ n: i }, 'again')
      for (let i = 0; i < children.length; i += 500) children[i].child({ sub: i }).error('grandchild')
    })
    expectSameLines(t)
  })

  it('children of one parent writing by turns within a millisecond each write their own header (the writer\'s cached header is one logger\'s)', () => {
    for (const opts of [{}, { timestamp: false }]) {
      const t = pair(opts)
      both(t, (log) => {
        const a = log.child({ who: 'a' })
        const bee = log.child({ who: 'bee', longer: 'bindings than a' })
        const c = log.child({})
        for (let i = 0; i < 200; i++) {
          a.info('m')
          bee.info('m')
          log.info('m')
          c.info('m')
          if (i % 10 === 0) bee.warn('w')
        }
      })
      expectSameLines(t)
    }
  })
})

describe('loggers of one writer within one millisecond (the clock frozen)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  // The writer's cached header is the first logger's of the millisecond; the others take
  // its bytes up to the bindings and write their own after them.
  it('a child per request, the root and a long-bound child by turns, each with its own bindings', () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance'] })
    for (const opts of [{}, { timestamp: false }, { base: null }, { name: 'app', base: { pid: 1, hostname: 'a-much-longer-hostname-than-most-machines-have.example.com' } }]) {
      const t = pair(opts)
      both(t, (log) => {
        const long = log.child({ who: 'long', text: 'x'.repeat(300) })
        const none = log.child({})
        for (let i = 0; i < 50; i++) {
          const req = log.child({ reqId: `req-${i}` })
          req.info({ req: { method: 'GET', url: `/u/${i}` } }, 'incoming request')
          if (i % 3 === 0) log.info('root')
          if (i % 5 === 0) long.warn('long')
          none.info('none')
          if (i % 7 === 0) req.setBindings({ late: i })
          req.info({ res: { statusCode: 200 } }, 'request completed')
          if (i % 11 === 0) req.child({ grand: i }).error('grandchild')
        }
      })
      expect(new Set(t.bytelog.map((l) => (JSON.parse(l) as { time?: number }).time)).size).toBe(1)
      expect(t.bytelog).toEqual(t.pino)
    }
  })
})

describe('grandchildren and setBindings', () => {
  it('a chain of children, each adding bindings, with setBindings along it', () => {
    const t = pair({ name: 'app' })
    const r = both(t, (log) => {
      const child = log.child({ a: 1 })
      const grand = child.child({ b: 2 })
      const great = grand.child({ c: 3 })
      great.info('great')
      child.setBindings({ set: 'on child' })
      child.info('child after setBindings')
      grand.info('grand made before: unchanged')
      const grand2 = child.child({ b: 'two' })
      grand2.info('grand made after: has it')
      grand.setBindings({ g: true })
      grand.info('grand after its own setBindings')
      great.info('great: unchanged')
      grand.child({ d: 4 }).info('a new great')
      log.setBindings({ root: 'r' })
      log.info('root after setBindings')
      child.info('child: unchanged')
      log.child({ e: 5 }).info('new child: has root')
      return [child.bindings(), grand.bindings(), great.bindings(), grand2.bindings(), log.bindings()]
    })
    expectSameLines(t)
    expect(r.b).toEqual(r.p)
  })

  it('children with no bindings of their own, and a parent\'s later setBindings', () => {
    const t = pair()
    both(t, (log) => {
      const empty = log.child({})
      const undef = log.child({ u: undefined, f () {} })
      const child = log.child({ a: 1 })
      const childEmpty = child.child({})
      log.setBindings({ late: 1 })
      child.setBindings({ later: 2 })
      empty.info('e')
      undef.info('u')
      childEmpty.info('ce')
      childEmpty.child({ z: 0 }).info('cez')
      child.child({}).info('c after')
    })
    expectSameLines(t)
  })

  it('pino\'s chindings symbol gives the same text on children and grandchildren', () => {
    usePinoSymbols(pino.symbols)
    const t = pair()
    const sym = pino.symbols.chindingsSym
    const r = both(t, (log) => {
      const child = log.child({ a: 1 })
      const grand = child.child({ b: 'two' })
      child.setBindings({ c: 3 })
      return [log[sym], child[sym], grand[sym], child.child({})[sym]]
    })
    expect(r.b).toEqual(r.p)
  })
})

describe('levels: children follow their parent until theirs is set', () => {
  it('a child whose level is set later, and its children made before and after', () => {
    const t = pair()
    const r = both(t, (log) => {
      const seen: unknown[] = []
      const child = log.child({ c: 1 })
      const before = child.child({ g: 'before' })
      const quiet = log.child({ q: 1 })
      // (On the root: pino's children share its listeners.)
      log.on('level-change', (lvl: string, val: number, prevLvl: string, prevVal: number) => { seen.push([lvl, val, prevLvl, prevVal]) })
      log.level = 'warn'
      before.info('not written: follows the root through child')
      before.warn('written')
      child.level = 'debug'
      const after = child.child({ g: 'after' })
      for (const l of [log, child, before, after, quiet]) {
        l.debug('debug')
        l.info('info')
      }
      log.level = 'error'
      for (const l of [log, child, before, after, quiet]) l.warn('warn')
      // A child with no children sets its level: nobody else changes.
      quiet.level = 'trace'
      quiet.trace('quiet trace')
      log.level = 'fatal'
      for (const l of [log, child, before, after, quiet]) l.error('error')
      after.level = 'silent'
      for (const l of [child, before, after]) l.fatal('fatal')
      child.level = 'info'
      for (const l of [child, before, after]) l.debug('debug again')
      return {
        seen,
        levels: [log, child, before, after, quiet].map((l) => [l.level, l.levelVal, l.isLevelEnabled('info')]),
      }
    })
    expectSameLines(t)
    expect(r.b).toEqual(r.p)
  })

  it('a child\'s level option: its own (and its children\'s), or the parent\'s when it is the same', () => {
    const t = pair({ level: 'info' })
    const r = both(t, (log) => {
      const same = log.child({ s: 1 }, { level: 'info' })
      const own = log.child({ o: 1 }, { level: 'debug' })
      const ownChild = own.child({ oc: 1 })
      log.level = 'error'
      for (const l of [same, own, ownChild]) {
        l.debug('d')
        l.info('i')
      }
      own.level = 'warn'
      ownChild.info('i')
      ownChild.warn('w')
      return [same.level, own.level, ownChild.level]
    })
    expectSameLines(t)
    expect(r.b).toEqual(r.p)
  })

  it('child options that set nothing (fastify passes {} for each request), or set a level of undefined, or inherit options: as pino', () => {
    const t = pair({ level: 'info' })
    const r = both(t, (log) => {
      const inherited = Object.create({ level: 'debug', msgPrefix: '[in] ' }) as Record<string, unknown>
      const kids = [
        log.child({ a: 1 }, {}),
        log.child({ b: 1 }, { level: undefined }),
        log.child({ c: 1 }, inherited),
      ]
      for (const k of kids) {
        k.debug('debug')
        k.info('info')
      }
      log.level = 'warn'
      for (const k of kids) {
        k.info('not written unless its own level')
        k.warn('warn')
        k.child({ g: 1 }, {}).warn('grandchild')
      }
      return kids.map((k) => k.level)
    })
    expectSameLines(t)
    expect(r.b).toEqual(r.p)
  })

  it('children with options of their own (serializers, msgPrefix, redact, formatters) still follow their parent\'s level; with customLevels, not (as pino)', () => {
    const t = pair()
    both(t, (log) => {
      const kids = [
        log.child({ a: 1 }, { serializers: { a: (v: number) => v * 10 } }),
        log.child({ b: 1 }, { msgPrefix: '[b] ' }),
        log.child({ c: { secret: 's', open: 'o' } }, { redact: ['c.secret'] }),
        log.child({ d: 1 }, { customLevels: { notice: 35 } }),
        log.child({ e: 1 }, { formatters: { bindings: (x: Record<string, unknown>) => ({ ...x, formatted: true }) } }),
      ]
      for (const k of kids) k.info('info')
      log.level = 'warn'
      for (const k of kids) {
        k.info('not written')
        k.warn('warn')
        k.child({ g: 1 }).warn('grandchild')
      }
    })
    expectSameLines(t)
  })
})

describe('children made while a record or a child is being written', () => {
  it('inside a toJSON of a record: the children write their own bindings, the record is intact', () => {
    const t = pair()
    both(t, (log) => {
      const parent = log.child({ p: 1 })
      for (let i = 0; i < 3; i++) {
        parent.info({
          field: {
            toJSON () {
              const inner = parent.child({ inner: i })
              inner.info('from inside')
              inner.child({ deeper: true }).warn('deeper')
              return 'value'
            },
          },
        }, 'outer')
      }
      parent.info('after')
    })
    // The same records as pino's; each nested one after its outer record (front.ts), where
    // pino writes it first.
    expect(t.bytelog.map(normalizeTime).sort()).toEqual(t.pino.map(normalizeTime).sort())
    expect(JSON.parse(t.bytelog[0]!)).toMatchObject({ p: 1, field: 'value', msg: 'outer' })
  })

  it('inside a toJSON or a serializer of another child\'s bindings', () => {
    const t = pair({ serializers: { viaSerializer: (v: unknown) => { made.push(madeBy.child({ s: v })); return v } } })
    const made: AnyLogger[] = []
    let madeBy: AnyLogger
    both(t, (log) => {
      made.length = 0
      madeBy = log
      const outer = log.child({
        before: 'x',
        nested: { toJSON () { made.push(log.child({ fromToJSON: 1 })); return 'n' } },
        viaSerializer: 7,
        after: 'y',
      })
      outer.info('outer')
      for (const m of made) m.info('made inside')
      outer.child({ more: 1 }).info('outer child')
      log.child({ plain: 1 }).info('plain')
    })
    expectSameLines(t)
  })

  it('a tracing subscriber gets each record\'s own line when a child logs inside a record', () => {
    const results: unknown[] = []
    const handlers = {
      start: () => {},
      end: (ctx: { result?: unknown }) => { results.push(ctx.result) },
      asyncStart: () => {},
      asyncEnd: () => {},
      error: () => {},
    }
    const channel = dc.tracingChannel('pino_asJson')
    const t = pair({ timestamp: false })
    channel.subscribe(handlers as never)
    let fromPino: unknown[] = []
    try {
      both(t, (log) => {
        const a = log.child({ a: 1 })
        const bee = log.child({ b: 2 })
        a.info({ f: { toJSON () { bee.info('inner'); return 1 } } }, 'outer')
        if (fromPino.length === 0) fromPino = results.splice(0)
      })
    } finally {
      channel.unsubscribe(handlers as never)
    }
    expect(fromPino).toHaveLength(2)
    expect(results).toEqual(fromPino)
    // (The nested record is written after the outer one: see above.)
    expect(t.bytelog.slice().sort()).toEqual(t.pino.slice().sort())
  })
})

describe('a metadata stream (pino.metadata) with children sharing a writer', () => {
  it('each record\'s lastLogger, lastMsg, lastObj and lastTime are its own, as pino sets them', () => {
    const METADATA = Symbol.for('pino.metadata')
    const run = (make: AnyLogger): unknown[] => {
      const seen: unknown[] = []
      const stream = {
        [METADATA]: true,
        write (this: Record<string, unknown>, chunk: string | Uint8Array): void {
          const line = String(chunk)
          const time = /"time":(\d+)/.exec(line)?.[1]
          seen.push([this.lastLevel, this.lastMsg, this.lastObj, String(this.lastTime) === time, names.get(this.lastLogger), normalizeTime(line)])
        },
      }
      const log = make({}, stream)
      const a = log.child({ a: 1 })
      const bee = log.child({ bee: 'two' })
      const names = new Map<unknown, string>([[log, 'root'], [a, 'a'], [bee, 'bee']])
      for (let i = 0; i < 20; i++) {
        a.info({ i }, 'from a')
        bee.warn('from bee')
        log.info('from root')
      }
      return seen
    }
    const ref = run(pino)
    expect(ref).toHaveLength(60)
    expect(run(createLogger)).toEqual(ref)
  })
})
