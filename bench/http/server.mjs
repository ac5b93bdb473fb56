// A node:http server that logs one line when a request arrives and one when its response
// is sent, through a per-request child logger (as pino-http does). The handler is the same
// for both loggers; only the logger differs.
//
//   node bench/http/server.mjs <bytelog|pino|none> <log file>
//
// 'none' is the baseline: the same handler, with a logger whose calls do nothing.
//
// Run by scripts/bench-http.mjs with an IPC channel: it sends {listening: port}, and
// answers 'reset' (start counting GC) and 'stats' (GC pauses since reset, from
// perf_hooks 'gc' entries observed in this process).
import * as fs from 'node:fs'
import { createServer } from 'node:http'
import { PerformanceObserver, constants } from 'node:perf_hooks'

const [which, file] = process.argv.slice(2)

function cpuMs () {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

async function makeLogger () {
  const fd = fs.openSync(file, 'a')
  if (which === 'bytelog') {
    const { createLogger, destination } = await import(process.env.BENCH_BYTELOG ?? 'bytelog')
    const dest = destination({ dest: fd })
    return { log: createLogger({ destination: dest }), flush: () => new Promise((resolve) => dest.flush(() => resolve())) }
  }
  if (which === 'pino') {
    const { default: pino } = await import('pino')
    const dest = pino.destination({ dest: fd, minLength: 4096 })
    // flush() without a callback: with one, sonic-boom fsyncs, which /dev/null refuses.
    const flush = async () => {
      while (dest._writing || dest._len > 0) {
        if (!dest._writing) dest.flush()
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    return { log: pino(dest), flush }
  }
  if (which === 'none') {
    // The baseline: the same handler with its log calls doing nothing.
    const none = { child: () => none, info: () => {} }
    return { log: none, flush: async () => {} }
  }
  throw new Error(`unknown logger ${which}`)
}

const { log, flush } = await makeLogger()

const BODY = Buffer.from('{"ok":true}')
let nextId = 0

const server = createServer((req, res) => {
  const start = performance.now()
  const reqLog = log.child({ reqId: ++nextId })
  reqLog.info({ method: req.method, url: req.url }, 'request received')
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length })
  res.end(BODY)
  reqLog.info({ statusCode: res.statusCode, responseTime: performance.now() - start }, 'request completed')
})

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

process.on('message', async (msg) => {
  if (msg === 'reset') {
    gc = { ms: 0, count: 0, byKind: {} }
    process.send({ reset: true, requests: nextId, cpuMs: cpuMs() })
  } else if (msg === 'stats') {
    const cpu = cpuMs()
    // Entries are delivered asynchronously: let the last ones in.
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.send({ gc, requests: nextId, cpuMs: cpu })
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
