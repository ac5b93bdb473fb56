/**
 * Implicit context (log.withBindings). The independent reference is a child logger made
 * with the same bindings: inside a context, every record must be byte for byte the record
 * that child writes for the same call.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import fc from 'fast-check'
import fastify, { type FastifyBaseLogger } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { createLogger, type Logger, type LoggerOptions } from '../src/index.js'
import { capture, ensureBuilt, ROOT } from './helpers.js'

type Bindings = Record<string, unknown>
type Call = (l: Logger) => void

/** One error for both loggers: its stack is part of the record. */
const BOOM = new Error('boom')

/** Two loggers of the same options, each with its own capture. */
function pair (opts: Omit<LoggerOptions, 'destination'> = {}): { a: Logger, b: Logger, outA: string[], outB: string[] } {
  const ca = capture()
  const cb = capture()
  const o = { time: false as const, ...opts }
  return { a: createLogger({ ...o, destination: ca.destination }), b: createLogger({ ...o, destination: cb.destination }), outA: ca.lines, outB: cb.lines }
}

const CALLS: Array<[string, Call]> = [
  ['a message', (l) => l.info('hello')],
  ['an object and a message', (l) => l.info({ user: 'ann', n: 3 }, 'signed in')],
  ['printf arguments', (l) => l.warn('user %s has %d items', 'ann', 3)],
  ['an error', (l) => l.error(BOOM)],
  ['no message', (l) => l.info({ only: true })],
  ['the event API', (l) => l.event('info').str('user', 'ann').int('items', 3).msg('event')],
  ['a send()', (l) => l.event('error').bool('ok', false).send()],
]

const CONTEXTS: Array<[string, Bindings[]]> = [
  ['one binding', [{ reqId: 'r-1' }]],
  ['several', [{ reqId: 'r-1', user: { id: 7, roles: ['a', 'b'] }, n: 1.5, ok: true, none: null }]],
  ['nested twice', [{ reqId: 'r-1' }, { span: 's-2' }]],
  ['nested, a key again', [{ k: 1 }, { k: 2 }]],
  ['escapes in keys and values', [{ 'a"b': 'line\nbreak', '\u2028': '\u0000' }]],
]

/** Runs `call` inside nested contexts on `ctxLogger`'s root, logging with `log`. */
function inContexts (ctxLogger: Logger, contexts: Bindings[], fn: () => void): void {
  if (contexts.length === 0) {
    fn()
    return
  }
  ctxLogger.withBindings(contexts[0]!, () => inContexts(ctxLogger, contexts.slice(1), fn))
}

/** The reference: a chain of children with the same bindings. */
function childChain (l: Logger, contexts: Bindings[]): Logger {
  return contexts.reduce((c: Logger, b) => c.child(b) as Logger, l)
}

describe('a record inside a context is the record of a child with the same bindings', () => {
  for (const [ctxName, contexts] of CONTEXTS) {
    it.each(CALLS)(`${ctxName}: %s`, (_name, call) => {
      const { a, b, outA, outB } = pair()
      inContexts(a, contexts, () => call(a))
      call(childChain(b, contexts))
      expect(outA).toHaveLength(1)
      expect(outA).toEqual(outB)
      JSON.parse(outA[0]!)
    })
  }

  it.each(CALLS)('a child logger: its own bindings, then the context\'s: %s', (_name, call) => {
    const { a, b, outA, outB } = pair()
    const child = a.child({ mod: 'db' })
    a.withBindings({ reqId: 'r-1' }, () => call(child))
    call(b.child({ mod: 'db' }).child({ reqId: 'r-1' }))
    expect(outA).toEqual(outB)
    expect(Object.keys(JSON.parse(outA[0]!))).toEqual(Object.keys(JSON.parse(outB[0]!)))
  })

  it('entered through a child, it reaches the root and other children of that root', () => {
    const { a, b, outA, outB } = pair()
    const c1 = a.child({ c: 1 })
    const c2 = a.child({ c: 2 })
    c1.withBindings({ reqId: 'r-9' }, () => {
      a.info('root')
      c2.info('sibling')
    })
    b.child({ reqId: 'r-9' }).info('root')
    b.child({ c: 2 }).child({ reqId: 'r-9' }).info('sibling')
    expect(outA).toEqual(outB)
  })

  it('a child with its own levels and formatters (a Core of its own) still sees the context', () => {
    const { a, b, outA, outB } = pair()
    const opts = { customLevels: { audit: 35 }, formatters: { log: (o: Record<string, unknown>) => ({ ...o, f: 1 }) } }
    const ca = a.child({ mod: 'x' }, opts) as Logger & { audit: (m: string) => void }
    const cb = b.child({ mod: 'x' }, opts) as Logger & { audit: (m: string) => void }
    a.withBindings({ reqId: 'r-1' }, () => { ca.audit('audited'); ca.info({ y: 2 }, 'info') })
    const ref = cb.child({ reqId: 'r-1' }) as Logger & { audit: (m: string) => void }
    ref.audit('audited')
    ref.info({ y: 2 }, 'info')
    expect(outA).toEqual(outB)
  })

  it('the logger\'s serializers and redaction apply to the context bindings, as to a child\'s', () => {
    const opts = { serializers: { user: (u: { id: number }) => ({ id: u.id }) }, redact: ['secret'] }
    const { a, b, outA, outB } = pair(opts)
    const bindings = { user: { id: 1, password: 'x' }, secret: 'hunter2' }
    a.withBindings(bindings, () => a.info('hi'))
    b.child(bindings).info('hi')
    expect(outA).toEqual(outB)
    expect(outA[0]).not.toContain('hunter2')
  })

  it('with the default time and base, records differ from the child\'s only in the time', () => {
    const ca = capture()
    const cb = capture()
    const a = createLogger({ destination: ca.destination })
    const b = createLogger({ destination: cb.destination })
    a.withBindings({ reqId: 'r-1' }, () => a.info({ x: 1 }, 'm'))
    b.child({ reqId: 'r-1' }).info({ x: 1 }, 'm')
    const ra = JSON.parse(ca.lines[0]!) as Record<string, unknown>
    const rb = JSON.parse(cb.lines[0]!) as Record<string, unknown>
    expect(Object.keys(ra)).toEqual(['level', 'time', 'pid', 'hostname', 'reqId', 'x', 'msg'])
    expect({ ...ra, time: 0 }).toEqual({ ...rb, time: 0 })
  })

  it('property: any bindings, any nesting depth, byte-identical to the child chain', () => {
    const key = fc.string({ maxLength: 6 }).filter((k) => !['level', 'serializers', 'formatters', 'customLevels', '__proto__'].includes(k))
    const bindings = fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
    fc.assert(fc.property(fc.array(bindings, { minLength: 1, maxLength: 3 }), fc.string(), (contexts, msg) => {
      const { a, b, outA, outB } = pair()
      inContexts(a, contexts, () => a.info({ f: 1 }, msg))
      childChain(b, contexts).info({ f: 1 }, msg)
      expect(outA).toEqual(outB)
    }), { numRuns: 200 })
  })
})

describe('the context\'s extent', () => {
  it('returns what fn returns, a promise included', async () => {
    const { a } = pair()
    expect(a.withBindings({ x: 1 }, () => 42)).toBe(42)
    await expect(a.withBindings({ x: 1 }, async () => { await sleep(1); return 'later' })).resolves.toBe('later')
  })

  it('follows awaits, timers and callbacks; concurrent contexts do not mix; nothing after it ends', async () => {
    const out = capture()
    const log = createLogger({ time: false, base: null, destination: out.destination })
    const job = (id: string, ms: number) => log.withBindings({ reqId: id }, async () => {
      log.info('start')
      await sleep(ms)
      log.info('after await')
      await new Promise<void>((resolve) => setTimeout(() => { log.info('in timer'); resolve() }, ms))
      await new Promise<void>((resolve) => { queueMicrotask(() => { log.info('in microtask'); resolve() }) })
    })
    await Promise.all([job('a', 5), job('b', 1), job('c', 3)])
    log.info('outside')
    const recs = out.records()
    for (const id of ['a', 'b', 'c']) {
      expect(recs.filter((r) => r.reqId === id).map((r) => r.msg)).toEqual(['start', 'after await', 'in timer', 'in microtask'])
    }
    expect(recs.at(-1)).toEqual({ level: 30, msg: 'outside' })
  })

  it('nesting adds, and the outer bindings come back when the inner context ends', () => {
    const out = capture()
    const log = createLogger({ time: false, base: null, destination: out.destination })
    log.withBindings({ a: 1 }, () => {
      log.withBindings({ b: 2 }, () => log.info('inner'))
      log.info('outer')
    })
    expect(out.lines).toEqual(['{"level":30,"a":1,"b":2,"msg":"inner"}\n', '{"level":30,"a":1,"msg":"outer"}\n'])
  })

  it('another root does not see the context', () => {
    const oa = capture()
    const ob = capture()
    const a = createLogger({ time: false, base: null, destination: oa.destination })
    const b = createLogger({ time: false, base: null, destination: ob.destination })
    a.withBindings({ reqId: 'r-1' }, () => b.info('other root'))
    expect(ob.lines).toEqual(['{"level":30,"msg":"other root"}\n'])
  })

  it('a throwing fn throws out of withBindings, and the context ends with it', () => {
    const out = capture()
    const log = createLogger({ time: false, base: null, destination: out.destination })
    expect(() => log.withBindings({ a: 1 }, () => { throw new Error('from fn') })).toThrow('from fn')
    log.info('after')
    expect(out.lines).toEqual(['{"level":30,"msg":"after"}\n'])
  })

  it.each([
    ['bindings not an object', null, () => 1],
    ['fn not a function', {}, 'nope'],
  ])('%s: a TypeError', (_name, bindings, fn) => {
    const { a } = pair()
    expect(() => a.withBindings(bindings as Bindings, fn as () => number)).toThrow(TypeError)
  })
})

describe('fastify: a context entered per request in an onRequest hook', () => {
  it('every record of a request, fastify\'s own included, carries the request\'s tenant', async () => {
    const out = capture()
    const log = createLogger({ time: false, base: null, destination: out.destination })
    const loggerInstance: FastifyBaseLogger = log as Logger<any> // eslint-disable-line @typescript-eslint/no-explicit-any
    const app = fastify({ loggerInstance })
    app.addHook('onRequest', (req, _reply, done) => {
      log.withBindings({ tenant: req.headers['x-tenant'] }, done)
    })
    app.get('/work', async (req) => {
      req.log.info('handler')
      await sleep(2)
      log.info('deep in the app, no logger passed')
      return 'ok'
    })
    await app.ready()
    const res = await Promise.all(['t1', 't2', 't3'].map((t) => app.inject({ method: 'GET', url: '/work', headers: { 'x-tenant': t } })))
    expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200])
    await app.close()
    const recs = out.records()
    // fastify logs 'incoming request' before the onRequest hooks run: outside the context.
    expect(recs.filter((r) => r.msg === 'incoming request').map((r) => r.tenant)).toEqual([undefined, undefined, undefined])
    const byTenant = new Map<unknown, unknown[]>()
    for (const r of recs) if (r.msg !== 'incoming request') byTenant.set(r.tenant, [...(byTenant.get(r.tenant) ?? []), r.msg])
    expect([...byTenant.keys()].sort()).toEqual(['t1', 't2', 't3'])
    for (const t of ['t1', 't2', 't3']) {
      expect(byTenant.get(t)).toEqual(['handler', 'deep in the app, no logger passed', 'request completed'])
    }
    // fastify's request child's reqId is the same for every record of one tenant.
    for (const t of ['t1', 't2', 't3']) {
      expect(new Set(recs.filter((r) => r.tenant === t && r.reqId !== undefined).map((r) => r.reqId)).size).toBe(1)
    }
    // fastify's request child's bindings (reqId) come before the context's.
    const handler = recs.find((r) => r.msg === 'handler')!
    expect(Object.keys(handler)).toEqual(['level', 'reqId', 'tenant', 'msg'])
  })
})

describe.runIf(process.versions.node.startsWith('24.'))('heap bytes per call inside a context (Node 24, a child process)', () => {
  beforeAll(ensureBuilt)
  it.each(['ctxInfo', 'ctxEvent', 'ctxChild', 'plainInfo', 'sampledOut', 'disabled'])('%s allocates less than 1 byte per call', (workload) => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--no-concurrent-recompilation', join(ROOT, 'test', 'fixtures', 'alloc-observe.mjs'), workload], {
      encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH ?? '' },
    })
    const r = (JSON.parse(out.trim().split('\n').pop()!) as Record<string, { bytesPerCall: number, batches: number[] }>)[workload]!
    expect(r.batches.length).toBeGreaterThanOrEqual(8)
    expect(r.bytesPerCall, r.batches.join(', ')).toBeLessThan(1)
  })
})
