// An HTTP server that logs a request as fastify does: a child logger per request with its
// reqId, `{ req }` 'incoming request' when it arrives, one `{ user }` 'fetching user' from
// the handler, and `{ res, responseTime }` 'request completed' once the response is sent.
//
//   node bench/http/server.mjs <http|fastify> <bytelog|pino|none> <log file>
//
// - fastify: fastify's own request logging, through `loggerInstance` (fastify makes the
//   child per request and applies its req/res serializers); the handler calls
//   request.log.info({ user }, 'fetching user').
// - http: node:http with the same three records written by hand, the req and res objects
//   built as fastify's serializers build them.
// - none: a loggerInstance whose methods do nothing (child() returns itself): the reference.
//
// bytelog: createLogger({ destination: destination({ dest: fd }) }), its default. pino:
// pino(pino.destination({ dest: fd, sync: true, minLength: 4096 })), its fastest setup.
//
// Run by scripts/bench-http.mjs with an IPC channel: it sends {listening: port}, and
// answers 'reset' (start counting GC) and 'stats' (GC pauses since reset, from perf_hooks
// 'gc' entries observed in this process, and the heap bytes allocated since reset: what
// the heap grew by plus what each GC freed, from v8.GCProfiler's before and after figures).
import * as fs from 'node:fs'
import { createServer } from 'node:http'
import { PerformanceObserver, constants } from 'node:perf_hooks'
import * as v8 from 'node:v8'

const [framework, which, file] = process.argv.slice(2)

function cpuMs () {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** A logger whose calls do nothing: the reference. */
function noopLogger () {
  const noop = () => {}
  const log = { level: 'info', info: noop, error: noop, warn: noop, debug: noop, fatal: noop, trace: noop, silent: noop }
  log.child = () => log
  return log
}

async function makeLogger () {
  if (which === 'none') return { log: noopLogger(), flush: async () => {} }
  const fd = fs.openSync(file, 'a')
  if (which === 'bytelog') {
    const { createLogger, destination } = await import(process.env.BENCH_BYTELOG ?? 'bytelog')
    const dest = destination({ dest: fd })
    return { log: createLogger({ destination: dest }), flush: () => new Promise((resolve) => dest.flush(() => resolve())) }
  }
  if (which === 'pino') {
    const { default: pino } = await import('pino')
    const dest = pino.destination({ dest: fd, sync: true, minLength: 4096 })
    return { log: pino(dest), flush: async () => dest.flushSync() }
  }
  throw new Error(`unknown logger ${which}`)
}

const { log, flush } = await makeLogger()

/** What the handler looks up and logs, and answers with. */
const USER = { id: 42, name: 'ann' }

async function makeServer () {
  if (framework === 'fastify') {
    const { default: Fastify } = await import('fastify')
    const app = Fastify({ loggerInstance: log })
    app.get('/', async (request) => {
      request.log.info({ user: USER }, 'fetching user')
      return USER
    })
    await app.ready()
    return app.server
  }
  if (framework === 'http') {
    const BODY = Buffer.from(JSON.stringify(USER))
    let nextId = 0
    return createServer((req, res) => {
      const start = performance.now()
      const reqLog = log.child({ reqId: `req-${(++nextId).toString(36)}` })
      const s = req.socket
      reqLog.info({ req: { method: req.method, url: req.url, host: req.headers.host, remoteAddress: s.remoteAddress, remotePort: s.remotePort } }, 'incoming request')
      reqLog.info({ user: USER }, 'fetching user')
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': BODY.length })
      res.end(BODY)
      reqLog.info({ res: { statusCode: res.statusCode }, responseTime: performance.now() - start }, 'request completed')
    })
  }
  throw new Error(`unknown framework ${framework}`)
}

const server = await makeServer()
let requests = 0
server.on('request', () => { requests++ })

const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
}

let gc = { ms: 0, count: 0, byKind: {} }
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.ms += e.duration
    gc.count++
    const kind = KINDS[e.detail?.kind ?? e.kind] ?? 'other'
    const k = (gc.byKind[kind] ??= { ms: 0, count: 0 })
    k.ms += e.duration
    k.count++
  }
}).observe({ entryTypes: ['gc'] })

/** The GC profiler started at 'reset', and the heap's used size then. */
let heap = null

/** Heap bytes allocated since 'reset': the growth of the used heap, plus what each GC freed. */
function allocatedSinceReset () {
  if (heap === null) return 0
  const { statistics } = heap.profiler.stop()
  let freed = 0
  for (const g of statistics) freed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize
  const bytes = v8.getHeapStatistics().used_heap_size - heap.used + freed
  heap = null
  return bytes
}

process.on('message', async (msg) => {
  if (msg === 'reset') {
    gc = { ms: 0, count: 0, byKind: {} }
    heap = { profiler: new v8.GCProfiler(), used: v8.getHeapStatistics().used_heap_size }
    heap.profiler.start()
    process.send({ reset: true, requests, cpuMs: cpuMs() })
  } else if (msg === 'stats') {
    const cpu = cpuMs()
    // Entries are delivered asynchronously: let the last ones in.
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.send({ gc, requests, cpuMs: cpu, heapBytes: allocatedSinceReset() })
  } else if (msg === 'close') {
    server.close()
    await flush()
    process.send({ closed: true })
    process.exit(0)
  }
})

server.listen(0, '127.0.0.1', () => {
  process.send({ listening: server.address().port })
})
