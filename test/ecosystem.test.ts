/**
 * bytelog under real pino-ecosystem clients: fastify (`loggerInstance`), pino-http and
 * pino-pretty. Every test runs the same app, or the same calls, once with a bytelog logger
 * and once with a pino logger, and compares what the two wrote. Only values that differ
 * between two runs of the same app (time, responseTime, ports) are replaced before
 * comparing; everything else, key order and value types included, must be equal.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import pino from 'pino'
import { pinoHttp, type Options as PinoHttpOptions } from 'pino-http'
import PinoPretty from 'pino-pretty'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger, destination, usePinoSymbols, type Logger, type LoggerOptions } from '../src/index.js'
import { capture, cleanupTmp, normalizeTime, pinoCapture, splitLines, tmpFile } from './helpers.js'

afterAll(cleanupTmp)

type Rec = Record<string, any>

/** Chunks or pino's strings as lines without their "\n"; each must be exactly one record. */
function asLines (chunks: readonly string[]): string[] {
  return chunks.map((c) => {
    expect(c.endsWith('\n') && c.indexOf('\n') === c.length - 1, `one record per write: ${JSON.stringify(c)}`).toBe(true)
    return c.slice(0, -1)
  })
}

/** What differs between two runs of one app: time, responseTime (pino-http's `took` below) and the ports. */
function normalize (line: string): string {
  return normalizeTime(line)
    .replace(/"(responseTime|took)":-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g, '"$1":"<number>"')
    .replace(/"remotePort":\d+/g, '"remotePort":"<port>"')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
}

/** The request a record belongs to: fastify's reqId, pino-http's req.id, or -1 for none. */
function requestNumber (r: Rec): number {
  const id = r.reqId ?? r.requestId ?? r.req?.id
  const m = /\d+$/.exec(String(id ?? ''))
  return m === null ? -1 : Number(m[0])
}

/**
 * Normalised lines, grouped by request (stable, so each request's records keep their
 * order): a request's last record is written on the response's 'finish', which in
 * principle could come after the client has started the next request.
 */
function comparable (lines: readonly string[]): string[] {
  return lines
    .map((l, i) => ({ l, i, n: requestNumber(JSON.parse(l) as Rec) }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((x) => normalize(x.l))
}

const parse = (lines: readonly string[]): Rec[] => lines.map((l) => JSON.parse(l) as Rec)
const withMsg = (lines: readonly string[], msg: string): Rec[] => parse(lines).filter((r) => r.msg === msg)

/** Keys of an object and of every object under it, as paths, in order ("req.method"). */
function keyPaths (o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return []
  return Object.entries(o).flatMap(([k, v]) => [prefix + k, ...keyPaths(v, `${prefix}${k}.`)])
}

/** "path:type" for every key, nested ones included, in order ("req.remotePort:number"). */
function keyTypes (o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return []
  return Object.entries(o).flatMap(([k, v]) => [
    `${prefix}${k}:${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`,
    ...keyTypes(v, `${prefix}${k}.`),
  ])
}

/**
 * The same record from both runs: the same keys in the same order with values of the same
 * types (checked before normalising, so a responseTime or port of the wrong type shows),
 * then the same normalised line.
 */
function expectSameRecord (bytelog: Rec | undefined, ref: Rec | undefined): void {
  expect(ref, 'the pino run wrote the record').toBeDefined()
  expect(bytelog, 'the bytelog run wrote the record').toBeDefined()
  expect(keyTypes(bytelog)).toEqual(keyTypes(ref))
  expect(normalize(JSON.stringify(bytelog))).toBe(normalize(JSON.stringify(ref)))
}

interface Req { method: 'GET' | 'POST', url: string, headers?: Record<string, string>, body?: unknown }

/** One real HTTP request; the body is read in full before the next one starts. */
async function send (base: string, r: Req): Promise<void> {
  const res = await fetch(base + r.url, {
    method: r.method,
    headers: { ...r.headers, ...(r.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
  })
  await res.arrayBuffer()
}

/** A bytelog logger as fastify's `loggerInstance`: no cast, so `npm test`'s type-check fails if the types part. */
const asFastifyLogger = (l: Logger<any>): FastifyBaseLogger => l

// ---------------------------------------------------------------------------------------
// fastify
// ---------------------------------------------------------------------------------------

/**
 * The app of the fastify tests. `/serialized` has a route serializer, which fastify passes
 * as `logger.child({ reqId }, { serializers })`.
 */
function fastifyApp (loggerInstance: FastifyBaseLogger, opts: FastifyServerOptions = {}): FastifyInstance {
  const app = fastify({ ...opts, loggerInstance }) as unknown as FastifyInstance
  app.get('/hello', async (request) => {
    request.log.info({ user: { id: 7, roles: ['admin', 'dev'] }, n: 1.5 }, 'inside handler')
    return { hello: 'world' }
  })
  app.get('/boom', async () => {
    throw Object.assign(new Error('kaboom'), { code: 'E_BOOM', detail: { retry: false } })
  })
  app.post('/validated', {
    schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
  }, async () => ({ ok: true }))
  app.get('/serialized', {
    logSerializers: { user: (u: { id: number }) => ({ id: u.id, serialized: true }) },
  }, async (request) => {
    request.log.info({ user: { id: 1, password: 'hunter2' } }, 'through a route serializer')
    return 'ok'
  })
  return app
}

const FASTIFY_REQUESTS: Req[] = [
  { method: 'GET', url: '/hello?x=1', headers: { 'accept-version': '1.2.0' } }, // fastify's req serializer writes `version`
  { method: 'GET', url: '/boom' }, // 500
  { method: 'POST', url: '/validated', body: { nope: 1 } }, // 400: fastify logs the validation error at info
  { method: 'GET', url: '/missing' }, // 404
  { method: 'GET', url: '/serialized' },
]

type Via = 'inject' | 'http'

/** Serves `requests` through app.inject or through real HTTP, then closes the app. */
async function drive (app: FastifyInstance, via: Via, requests: readonly Req[]): Promise<void> {
  try {
    if (via === 'inject') {
      for (const r of requests) {
        await app.inject({ method: r.method, url: r.url, ...(r.headers ? { headers: r.headers } : {}), ...(r.body === undefined ? {} : { payload: r.body as object }) })
      }
    } else {
      const base = await app.listen({ port: 0, host: '127.0.0.1' })
      for (const r of requests) await send(base, r)
    }
  } finally {
    await app.close()
  }
}

interface Pair { bytelog: string[], pino: string[] }

/**
 * Runs one app with a bytelog logger, then with a pino logger. Through inject, bytelog
 * writes to a capture (one Buffer per record is checked); through HTTP, to a real file.
 */
async function fastifyPair (via: Via, requests: readonly Req[], opts: {
  app?: FastifyServerOptions
  logger?: LoggerOptions<any> & pino.LoggerOptions
} = {}): Promise<Pair> {
  const build = fastifyApp
  let bytelog: string[]
  if (via === 'inject') {
    const out = capture()
    await drive(build(asFastifyLogger(createLogger({ ...opts.logger, destination: out.destination })), opts.app ?? {}), via, requests)
    bytelog = asLines(out.lines)
  } else {
    const file = tmpFile('fastify.log')
    const dest = destination({ dest: file })
    const log = createLogger({ ...opts.logger, destination: dest })
    await drive(build(asFastifyLogger(log), opts.app ?? {}), via, requests)
    log.flushSync()
    bytelog = splitLines(readFileSync(file, 'utf8'))
    await new Promise<void>((resolve) => dest.end(() => resolve()))
  }
  const ref = pinoCapture(opts.logger as pino.LoggerOptions)
  await drive(build(ref.log, opts.app ?? {}), via, requests)
  return { bytelog, pino: asLines(ref.lines) }
}

/** Each pair is made once and shared by the tests that read it. */
function memo<T> (f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined
  return () => (p ??= f())
}

const injected = memo(() => fastifyPair('inject', FASTIFY_REQUESTS))
const served = memo(() => fastifyPair('http', FASTIFY_REQUESTS))

describe('fastify with a bytelog loggerInstance', () => {
  it.each([['app.inject', injected], ['real HTTP (listen on port 0, fetch), bytelog to a file', served]] as const)(
    '%s: every record is the one pino writes', async (_, run) => {
      const { bytelog, pino: ref } = await run()
      // Non-vacuous: fastify logged each request's incoming and completed records.
      expect(withMsg(ref, 'incoming request')).toHaveLength(FASTIFY_REQUESTS.length)
      expect(withMsg(ref, 'request completed')).toHaveLength(FASTIFY_REQUESTS.length)
      expect(comparable(bytelog)).toEqual(comparable(ref))
    })

  it.each([['app.inject', injected], ['real HTTP', served]] as const)(
    '%s: "incoming request" and "request completed" carry reqId, req, res and responseTime as with pino', async (via, run) => {
      const { bytelog, pino: ref } = await run()
      const refIn = withMsg(ref, 'incoming request')
      const refDone = withMsg(ref, 'request completed')
      // The reference has the fields this test is about; remotePort only exists over a socket.
      for (const r of refIn) {
        expect(keyPaths(r)).toEqual(expect.arrayContaining(['reqId', 'req.method', 'req.url', 'req.host', 'req.remoteAddress']))
        if (via === 'real HTTP') expect(typeof r.req.remotePort).toBe('number')
      }
      for (const r of refDone) expect(keyPaths(r)).toEqual(expect.arrayContaining(['reqId', 'res.statusCode', 'responseTime']))
      const bIn = withMsg(bytelog, 'incoming request')
      const bDone = withMsg(bytelog, 'request completed')
      expect(bIn).toHaveLength(refIn.length)
      expect(bDone).toHaveLength(refDone.length)
      refIn.forEach((r, i) => expectSameRecord(bIn[i], r))
      refDone.forEach((r, i) => expectSameRecord(bDone[i], r))
      // Real values, not placeholders: a finite responseTime and the status of each request.
      for (const r of bDone) expect(Number.isFinite(r.responseTime) && r.responseTime >= 0).toBe(true)
      expect(bDone.map((r) => r.res.statusCode)).toEqual(refDone.map((r) => r.res.statusCode))
    })

  it('request.log.info({...}, msg) in a handler carries the request\'s reqId', async () => {
    for (const { bytelog, pino: ref } of [await injected(), await served()]) {
      const inside = withMsg(bytelog, 'inside handler')
      expect(inside).toHaveLength(1)
      const incoming = withMsg(bytelog, 'incoming request').find((r) => r.req.url === '/hello?x=1')
      expect(inside[0]!.reqId).toBe(incoming?.reqId)
      expectSameRecord(inside[0], withMsg(ref, 'inside handler')[0])
    }
  })

  it('an error thrown in a handler (500): the error record has pino\'s shape, stack included', async () => {
    for (const { bytelog, pino: ref } of [await injected(), await served()]) {
      const refErr = parse(ref).filter((r) => r.level === 50)
      expect(refErr).toHaveLength(1)
      expect(keyPaths(refErr[0])).toEqual(expect.arrayContaining(['reqId', 'req.url', 'res.statusCode', 'err.type', 'err.message', 'err.stack', 'err.code']))
      expect(refErr[0]!.res.statusCode).toBe(500)
      const bErr = parse(bytelog).filter((r) => r.level === 50)
      expect(bErr).toHaveLength(1)
      expectSameRecord(bErr[0], refErr[0])
    }
  })

  it('a 400 (schema validation) error is logged at info with the error\'s own fields, as pino', async () => {
    const { bytelog, pino: ref } = await injected()
    const pick = (lines: string[]): Rec | undefined => parse(lines).find((r) => r.err !== undefined && r.level === 30)
    expect(pick(ref)?.err.statusCode).toBe(400)
    expectSameRecord(pick(bytelog), pick(ref))
  })

  it('a route\'s logSerializers: fastify\'s logger.child(bindings, { serializers }) applies them', async () => {
    const { bytelog, pino: ref } = await injected()
    const refRec = withMsg(ref, 'through a route serializer')[0]
    expect(refRec?.user).toEqual({ id: 1, serialized: true }) // the serializer ran in the reference
    expectSameRecord(withMsg(bytelog, 'through a route serializer')[0], refRec)
  })

  /**
   * An app whose routes show the level each request's child logger has: a route at warn
   * (fastify passes `child(bindings, { level })`), one at a custom level (checked against
   * `logger.levels.values`) and a plain one.
   */
  function levelApp (l: FastifyBaseLogger): FastifyInstance {
    const app = fastify({ loggerInstance: l }) as unknown as FastifyInstance
    app.get('/quiet', { logLevel: 'warn' }, async (request) => {
      request.log.info('hidden at warn')
      request.log.warn({ childLevel: request.log.level }, 'shown at warn')
      return 'q'
    })
    app.get('/audit', { logLevel: 'audit' as 'info' }, async (request) => {
      ;(request.log as unknown as Record<'audit', (m: string) => void>).audit('custom level')
      request.log.info('below audit')
      return 'a'
    })
    app.get('/plain', async (request) => {
      request.log.info({ childLevel: request.log.level }, 'plain route')
      return 'p'
    })
    // Changes the loggerInstance's level while this request's logger exists.
    app.get('/in-flight', async (request) => {
      l.level = 'error'
      request.log.info({ childLevel: request.log.level }, 'in flight')
      return 'f'
    })
    return app
  }

  /** Runs `steps` on a levelApp made on a bytelog logger, then on a pino one. */
  async function levelPair (steps: (app: FastifyInstance, root: { level: string }, seen: unknown[]) => Promise<void>): Promise<Pair & { seen: { bytelog: unknown[], pino: unknown[] } }> {
    const customLevels = { audit: 35 }
    const seen = { bytelog: [] as unknown[], pino: [] as unknown[] }
    const out = capture()
    const root = createLogger({ customLevels, destination: out.destination })
    const app = levelApp(asFastifyLogger(root))
    try { await steps(app, root, seen.bytelog) } finally { await app.close() }
    const ref = pinoCapture({ customLevels })
    const refApp = levelApp(ref.log as unknown as FastifyBaseLogger)
    try { await steps(refApp, ref.log, seen.pino) } finally { await refApp.close() }
    return { bytelog: asLines(out.lines), pino: asLines(ref.lines), seen }
  }

  it('a route\'s logLevel, a custom level and app.log.level get/set between requests, as with pino', async () => {
    const { bytelog, pino: ref, seen } = await levelPair(async (app, _root, levels) => {
      await app.inject('/quiet')
      await app.inject('/audit')
      levels.push(app.log.level)
      app.log.level = 'error' // the next request's child logger is made at error
      levels.push(app.log.level)
      await app.inject('/plain?at-error')
      app.log.level = 'info'
      levels.push(app.log.level)
      await app.inject('/plain?at-info')
    })
    // The reference: the warn route wrote only its warn record, the audit route only its
    // custom-level record, the request made at error nothing.
    expect(withMsg(ref, 'shown at warn')[0]?.childLevel).toBe('warn')
    expect(withMsg(ref, 'hidden at warn')).toHaveLength(0)
    expect(withMsg(ref, 'custom level')[0]?.level).toBe(35)
    expect(withMsg(ref, 'below audit')).toHaveLength(0)
    expect(parse(ref).filter((r) => r.req?.url === '/plain?at-error')).toHaveLength(0)
    expect(seen.pino).toEqual(['info', 'error', 'info'])
    expect(seen.bytelog).toEqual(seen.pino)
    expect(comparable(bytelog)).toEqual(comparable(ref))
  })

  it('the loggerInstance\'s level changed after fastify made its loggers applies to them, as with pino', async () => {
    // fastify's app.log is loggerInstance.child({}, { serializers }), and each request's
    // logger a child of that, both without a level of their own. A pino child without its
    // own level follows its parent's level changes (it reads the level through its
    // prototype), so `logger.level = 'warn'` on the instance given to fastify, done at
    // run time, quiets fastify's request logs, and app.log.level reads 'warn'.
    const { bytelog, pino: ref, seen } = await levelPair(async (app, root, levels) => {
      await app.inject('/plain?before')
      root.level = 'warn'
      levels.push(app.log.level)
      await app.inject('/plain?after-warn')
      root.level = 'info'
      await app.inject('/in-flight')
      levels.push(app.log.level)
    })
    expect(parse(ref).filter((r) => r.req?.url === '/plain?before')).toHaveLength(1)
    expect(parse(ref).filter((r) => r.msg === 'plain route')).toHaveLength(1) // only the one before the change
    expect(parse(ref).filter((r) => r.reqId === 'req-3').map((r) => r.msg)).toEqual(['incoming request']) // in flight: quiet after the change
    expect(seen.pino).toEqual(['warn', 'error'])
    expect(seen.bytelog).toEqual(seen.pino)
    expect(comparable(bytelog)).toEqual(comparable(ref))
  })

  it('a route logLevel that is not a level is refused at registration, as with pino', async () => {
    const attempt = async (l: FastifyBaseLogger): Promise<unknown> => {
      const app = fastify({ loggerInstance: l })
      try {
        app.get('/bad', { logLevel: 'nope' as 'info' }, async () => 'x')
        await app.ready()
        return null
      } catch (err) {
        return (err as { code?: unknown }).code
      } finally {
        await app.close()
      }
    }
    const refCode = await attempt(pino({ enabled: false }))
    expect(refCode).toBe('FST_ERR_ROUTE_LOG_LEVEL_INVALID')
    expect(await attempt(asFastifyLogger(createLogger({ enabled: false })))).toBe(refCode)
  })

  it('a custom childLoggerFactory, requestIdHeader, genReqId and requestIdLogLabel, as with pino', async () => {
    const app: FastifyServerOptions = {
      requestIdLogLabel: 'requestId',
      requestIdHeader: 'x-request-id',
      genReqId: (req) => `gen${req.url ?? ''}`,
      // fastify checks that what a custom factory returns is a logger (every level method).
      childLoggerFactory: (logger, bindings, opts, raw) =>
        logger.child({ ...bindings, ua: raw.headers['user-agent'] ?? 'none' }, opts),
    }
    const requests: Req[] = [{ ...FASTIFY_REQUESTS[0]!, headers: { 'x-request-id': 'from-header-1' } }, FASTIFY_REQUESTS[1]!]
    const { bytelog, pino: ref } = await fastifyPair('inject', requests, { app })
    expect(withMsg(ref, 'incoming request').map((r) => [r.requestId, r.ua])).toEqual([['from-header-1', 'lightMyRequest'], ['gen/boom', 'lightMyRequest']])
    expect(comparable(bytelog)).toEqual(comparable(ref))
  })

  it('has every member fastify\'s FastifyBaseLogger type asks of a loggerInstance, as pino has (silent included)', () => {
    // FastifyBaseLogger is Pick<pino.BaseLogger, level|info|error|debug|fatal|warn|trace|silent>
    // plus child(): without `silent`, `fastify({ loggerInstance: createLogger() })` does not
    // type-check (TS2741); asFastifyLogger above is checked by tsc.
    const members = ['level', 'info', 'error', 'debug', 'fatal', 'warn', 'trace', 'silent', 'child'] as const
    const ref = pino({ enabled: false }) as unknown as Record<string, unknown>
    const log = createLogger({ enabled: false }) as unknown as Record<string, unknown>
    expect(members.map((m) => typeof log[m])).toEqual(members.map((m) => typeof ref[m]))
    // pino's silent is a level method that writes nothing.
    const out = capture()
    const l = createLogger({ destination: out.destination, level: 'trace' }) as unknown as Record<string, unknown>
    if (typeof l.silent === 'function') (l.silent as (m: string) => void)('never written')
    expect(out.lines).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------
// pino-http
// ---------------------------------------------------------------------------------------

const HTTP_REQUESTS: Req[] = [
  { method: 'GET', url: '/ok?q=1', headers: { 'x-trace': 'abc' } },
  { method: 'GET', url: '/missing' }, // 404
  { method: 'GET', url: '/fail' }, // 500: pino-http makes the error ("failed with status code 500")
  { method: 'GET', url: '/err' }, // 500 with res.err set by the handler
]

/** A node:http server with pino-http, serving HTTP_REQUESTS' routes. */
async function pinoHttpRun (logger: unknown, opts: PinoHttpOptions, requests: readonly Req[] = HTTP_REQUESTS): Promise<{ thrown: unknown[] }> {
  const mw = pinoHttp({ ...opts, logger: logger as pino.Logger })
  // pino-http logs from the response's 'finish' listener; anything it throws there would be
  // an uncaught exception, so it is caught at res.emit and reported by the test instead.
  const thrown: unknown[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const emit = res.emit
    res.emit = function (this: ServerResponse, ...a: Parameters<ServerResponse['emit']>): boolean {
      try {
        return emit.apply(this, a)
      } catch (err) {
        thrown.push(err)
        return true
      }
    } as ServerResponse['emit']
    mw(req, res)
    req.log.info({ step: 'handler' }, 'inside handler')
    res.setHeader('content-type', 'text/plain')
    if (req.url === '/missing') res.statusCode = 404
    if (req.url === '/fail') res.statusCode = 500
    if (req.url === '/err') {
      res.statusCode = 500
      ;(res as ServerResponse & { err?: Error }).err = Object.assign(new Error('handler failed'), { code: 'E_HANDLER' })
    }
    res.end('body')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    for (const r of requests) await send(base, r)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  return { thrown }
}

/** The same server and requests with a bytelog logger and with a pino logger. */
async function pinoHttpPair (opts: PinoHttpOptions = {}, loggerOpts: { level?: 'debug' | 'info' } = {}): Promise<Pair & { thrown: unknown[] }> {
  const out = capture()
  const { thrown } = await pinoHttpRun(createLogger({ ...loggerOpts, destination: out.destination }), opts)
  const ref = pinoCapture(loggerOpts)
  const refRun = await pinoHttpRun(ref.log, opts)
  expect(refRun.thrown).toEqual([])
  return { bytelog: asLines(out.lines), pino: asLines(ref.lines), thrown }
}

const httpDefaults = memo(() => pinoHttpPair())
const errorLevel: PinoHttpOptions['customLogLevel'] = (_req, res, err) =>
  err !== undefined || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'
const httpCustomLevel = memo(() => pinoHttpPair({ customLogLevel: errorLevel }))

describe('pino-http with a bytelog logger', () => {
  it.each<[string, () => Promise<Pair & { thrown: unknown[] }>]>([
    ['defaults', httpDefaults],
    ['customLogLevel (5xx error, 4xx warn)', httpCustomLevel],
    ['quietReqLogger with custom attribute keys', () => pinoHttpPair({
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId', req: 'request', res: 'response', err: 'error', responseTime: 'took' },
    })],
    ['received/success/error messages and objects of its own', () => pinoHttpPair({
      customReceivedMessage: (req) => `received ${req.method} ${req.url}`,
      customReceivedObject: (req) => ({ phase: 'received', url: req.url }),
      customSuccessMessage: (req, res, t) => `${req.url} gave ${res.statusCode} in ${typeof t}`,
      customSuccessObject: (_req, _res, val) => ({ ...val, phase: 'done' }),
      customErrorMessage: (_req, res, err) => `failed: ${res.statusCode} ${err.message}`,
      customErrorObject: (_req, _res, err, val) => ({ ...val, phase: 'failed', errName: err.name }),
    })],
    ['genReqId and useLevel debug', () => pinoHttpPair({ genReqId: (req) => `rid-${req.url ?? ''}`, useLevel: 'debug' }, { level: 'debug' })],
  ])('%s: every record is the one pino writes', async (_, run) => {
    const { bytelog, pino: ref, thrown } = await run()
    expect(thrown).toEqual([])
    // Non-vacuous: a handler record and a completion record per request.
    expect(ref.length).toBeGreaterThanOrEqual(2 * HTTP_REQUESTS.length)
    expect(comparable(bytelog)).toEqual(comparable(ref))
  })

  it('"request completed": level, msg, req/res shapes and responseTime as with pino', async () => {
    const { bytelog, pino: ref } = await httpDefaults()
    const refDone = withMsg(ref, 'request completed')
    expect(refDone.map((r) => r.req.url)).toEqual(['/ok?q=1', '/missing'])
    for (const r of refDone) {
      expect(r.level).toBe(30)
      expect(keyPaths(r)).toEqual(expect.arrayContaining(['req.id', 'req.method', 'req.url', 'req.headers.host', 'req.remoteAddress', 'req.remotePort', 'res.statusCode', 'res.headers.content-type', 'responseTime']))
    }
    expect(refDone[0]!.req.headers['x-trace']).toBe('abc')
    const done = withMsg(bytelog, 'request completed')
    expect(done).toHaveLength(refDone.length)
    refDone.forEach((r, i) => expectSameRecord(done[i], r))
    for (const r of done) expect(Number.isInteger(r.responseTime) && r.responseTime >= 0).toBe(true)
  })

  it('req.log.info() in the handler carries the request (its id) as with pino', async () => {
    const { bytelog, pino: ref } = await httpDefaults()
    const inside = withMsg(bytelog, 'inside handler')
    expect(inside.map((r) => r.req?.id)).toEqual(withMsg(ref, 'inside handler').map((r) => r.req.id))
    expect(new Set(inside.map((r) => r.req.id)).size).toBe(HTTP_REQUESTS.length) // one id per request
    withMsg(ref, 'inside handler').forEach((r, i) => expectSameRecord(inside[i], r))
  })

  it('a 500: "request errored" at pino-http\'s default level (info), or 50 with a customLogLevel, as with pino', async () => {
    for (const [run, level] of [[httpDefaults, 30], [httpCustomLevel, 50]] as const) {
      const { bytelog, pino: ref } = await run()
      const refErr = withMsg(ref, 'request errored')
      expect(refErr.map((r) => [r.level, r.res.statusCode, r.err.message]))
        .toEqual([[level, 500, 'failed with status code 500'], [level, 500, 'handler failed']])
      const bErr = withMsg(bytelog, 'request errored')
      expect(bErr).toHaveLength(2)
      refErr.forEach((r, i) => expectSameRecord(bErr[i], r))
    }
  })

  it('customProps adds fields to the request and completion records, as with pino (after usePinoSymbols)', async () => {
    // When it logs the completion, pino-http calls logger[pino.symbols.stringifySym](props)
    // and reads logger[pino.symbols.chindingsSym] (pino's own symbols, not Symbol.for) to
    // see whether the props are bound already; without them it throws from the response's
    // 'finish' listener, which in an app is an uncaught exception. The app hands bytelog
    // those symbols once (README: pino compatibility).
    usePinoSymbols(pino.symbols)
    const { bytelog, pino: ref, thrown } = await pinoHttpPair({ customProps: (req) => ({ tenant: 'acme', path: req.url }) })
    expect(withMsg(ref, 'request completed')[0]?.tenant).toBe('acme')
    expect(thrown.map(String)).toEqual([])
    expect(comparable(bytelog)).toEqual(comparable(ref))
  })
})

// ---------------------------------------------------------------------------------------
// pino-pretty
// ---------------------------------------------------------------------------------------

/** Made once, so both loggers print the same stacks. */
const ERR = Object.assign(new Error('disk full'), { code: 'ENOSPC', errno: -28 })
const ERR_WITH_CAUSE = new Error('outer failure', { cause: new TypeError('inner cause') })

/** Fixed time and base fields: two runs give the same text. */
const FIXED = { timestamp: () => ',"time":1700000000000', base: { pid: 4242, hostname: 'box' } }

/** The same calls on either logger: every level, children, errors, nested objects, printf. */
function prettyScript (log: any): void {
  log.trace('trace message')
  log.debug({ n: 1, ok: true }, 'debug %s #%d', 'arg', 2)
  log.info({ nested: { a: [1, 'two', { three: 3 }], empty: {}, nil: null, deep: { x: { y: { z: 'bottom' } } } } }, 'nested objects')
  log.warn('warn with %j', { j: [1, 2] })
  log.error(ERR, 'error with a stack')
  log.error({ err: ERR_WITH_CAUSE, extra: 'field' }, 'error with a cause')
  log.fatal(ERR)
  const child = log.child({ reqId: 'r-1', user: { id: 7 } }, { msgPrefix: '[child] ' })
  child.info('child message')
  child.child({ span: 2 }).warn({ extra: true }, 'grandchild')
  log.info('multi\nline "quoted" \\ é 中文 😀')
  log.info({ msg: 'inner' }, 'outer')
  log.info(42)
  log.info({ only: 'an object' })
  log.info()
}

/** Runs `script` on a logger (from `make`) writing into a pino-pretty stream; returns the text. */
async function prettyText (make: (dest: any) => any, opts: PinoPretty.PrettyOptions, script: (log: any) => void): Promise<string> {
  let text = ''
  const sink = new Writable({
    write (chunk: Buffer, _enc, cb): void {
      text += chunk.toString()
      cb()
    },
  })
  const pretty = PinoPretty({ ...opts, destination: sink })
  const log = make(pretty)
  script(log)
  pretty.end()
  await finished(sink)
  return text
}

const bytelogTo = (o: Record<string, unknown> = {}) => (dest: any): unknown =>
  createLogger({ level: 'trace', name: 'app', msgPrefix: '[root] ', ...FIXED, ...o, destination: dest })
const pinoTo = (o: Record<string, unknown> = {}) => (dest: any): unknown =>
  pino({ level: 'trace', name: 'app', msgPrefix: '[root] ', ...FIXED, ...o }, dest)

describe('pino-pretty on bytelog\'s output', () => {
  it.each<[string, PinoPretty.PrettyOptions]>([
    ['defaults', { colorize: false }],
    ['colorized', { colorize: true }],
    ['singleLine', { colorize: false, singleLine: true }],
    ['levelFirst, UTC translateTime, ignore pid/hostname', { colorize: false, levelFirst: true, translateTime: 'UTC:yyyy-mm-dd HH:MM:ss.l o', ignore: 'pid,hostname' }],
    ['messageFormat with bindings, hideObject', { colorize: false, messageFormat: '{name} [{reqId}] {user.id} {msg}', hideObject: true }],
    ['errorProps and no time translation', { colorize: false, errorProps: 'code,errno', translateTime: false }],
  ])('%s: the same text as pino\'s output gives', async (_, opts) => {
    const ref = await prettyText(pinoTo(), opts, prettyScript)
    // Non-vacuous: one prettified record per call (at least), the stack printed.
    expect(ref.split('\n').length).toBeGreaterThan(15)
    expect(ref).toContain('disk full')
    expect(await prettyText(bytelogTo(), opts, prettyScript)).toBe(ref)
  })

  it('a custom level named in pino-pretty\'s options prints its label, as with pino', async () => {
    const opts: PinoPretty.PrettyOptions = { colorize: false, customLevels: 'audit:35', useOnlyCustomProps: false }
    const script = (log: any): void => {
      log.audit({ who: 'ann' }, 'custom level')
      log.info('standard level')
    }
    const ref = await prettyText(pinoTo({ customLevels: { audit: 35 } }), opts, script)
    expect(ref).toContain('AUDIT')
    expect(await prettyText(bytelogTo({ customLevels: { audit: 35 } }), opts, script)).toBe(ref)
  })

  // pino emits 'message' { code: 'PINO_CONFIG', config: { levels, messageKey, errorKey } }
  // on its destination stream when the logger is made; pino-pretty (13) configures itself
  // from it: custom levels and keys print right with no pretty option, and messageFormat's
  // {levelLabel} finds the label.
  it.each<[string, Record<string, unknown>, PinoPretty.PrettyOptions, (log: any) => void, string]>([
    ['custom levels, messageKey and errorKey', { customLevels: { audit: 35 }, messageKey: 'message', errorKey: 'error' }, { colorize: false }, (log) => {
      log.audit('custom level')
      log.error({ error: ERR }, 'under errorKey')
    }, 'AUDIT'],
    ['messageFormat\'s {levelLabel}', {}, { colorize: false, messageFormat: '{levelLabel} {msg}' }, (log) => {
      log.warn('labelled')
    }, 'WARN [root] labelled'],
  ])('pino-pretty learns the logger\'s config from its destination, as from pino: %s', async (_, loggerOpts, opts, script, expected) => {
    const ref = await prettyText(pinoTo(loggerOpts), opts, script)
    expect(ref).toContain(expected)
    expect(await prettyText(bytelogTo(loggerOpts), opts, script)).toBe(ref)
  })
})

// ---------------------------------------------------------------------------------------
// pino.multistream
// ---------------------------------------------------------------------------------------

describe('pino.multistream as the destination', () => {
  it('each record reaches the streams whose level it is at or above, as with pino', () => {
    // multistream routes by `this.lastLevel`, which pino sets on a destination that has
    // Symbol.for('pino.metadata') (with lastMsg, lastObj, lastTime, lastLogger) before it
    // writes each record.
    const run = (make: (dest: pino.MultiStreamRes) => any): Record<'all' | 'errors', string[]> => {
      const got = { all: [] as string[], errors: [] as string[] }
      const log = make(pino.multistream([
        { level: 'debug', stream: { write: (s: string | Uint8Array) => { got.all.push(normalizeTime(String(s))) } } },
        { level: 'error', stream: { write: (s: string | Uint8Array) => { got.errors.push(normalizeTime(String(s))) } } },
      ]))
      log.trace('below every stream')
      log.debug('debug')
      log.info({ a: 1 }, 'info')
      log.error(ERR, 'error')
      log.child({ c: 1 }).fatal('fatal')
      return got
    }
    const ref = run((ms) => pino({ level: 'trace' }, ms))
    expect([ref.all.length, ref.errors.length]).toEqual([4, 2])
    expect(run((ms) => createLogger({ level: 'trace', destination: ms }))).toEqual(ref)
  })
})
