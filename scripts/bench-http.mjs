// `npm run bench:http [-- --node24 | --node20 | --node=<path>] [--duration=10] [--connections=32]`
//
// bench/http/server.mjs logs one line per request and one per response, once with bytelog
// and once with pino, both through their async destinations to /dev/null. This process
// drives it with autocannon over 127.0.0.1 for a fixed time with a bounded number of
// connections, after a short warm-up, and reads the GC pauses the server observed in
// itself (perf_hooks 'gc' entries) during the timed run. Before that, each server answers
// one request with its log going to a file, and the two loggers' lines must agree.
// Rewrites the HTTP section of bench/RESULTS.md.
import { fork } from 'node:child_process'
import * as fs from 'node:fs'
import { execFileSync } from 'node:child_process'
import { request } from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { node24 } from './node24.mjs'
import { buildBytelog } from '../bench/lib/build.mjs'
import { parseLines } from '../bench/lib/check.mjs'
import { cpuSnapshot, otherCores, ownCpuMs } from '../bench/lib/cpu.mjs'
import { machine, ms, ratio, table, writeSection } from '../bench/lib/report.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SERVER = join(root, 'bench', 'http', 'server.mjs')
const LOGGERS = ['bytelog', 'pino']
/** Timed: the two loggers, and the same server logging nothing (the baseline). */
const RUNS = [...LOGGERS, 'none']
/** No run is made again once the HTTP runs have taken this long, to stay within budget. */
const RETRY_DEADLINE_MS = 60_000
/** Other processes' CPU, in cores, above which a run is made again. */
const CONTENDED = 0.25
const started = Date.now()

function parseArgs (argv) {
  const opts = { nodes: null, duration: 10, warmup: 2, connections: 32 }
  if (process.env.BENCH_NODE) opts.nodes = [process.env.BENCH_NODE]
  for (const a of argv) {
    if (a === '--node24') opts.nodes = [...(opts.nodes ?? []), 'node24']
    else if (a === '--node20' || a === '--node-current') opts.nodes = [...(opts.nodes ?? []), process.execPath]
    else if (a.startsWith('--node=')) opts.nodes = [...(opts.nodes ?? []), a.slice(7)]
    else if (a.startsWith('--duration=')) opts.duration = Number(a.slice(11))
    else if (a.startsWith('--connections=')) opts.connections = Number(a.slice(14))
    else throw new Error(`unknown argument ${a}`)
  }
  if (!(opts.duration > 0 && opts.duration <= 60)) throw new Error('--duration: 1 to 60 seconds')
  if (!(opts.connections > 0 && opts.connections <= 256)) throw new Error('--connections: 1 to 256')
  opts.nodes ??= ['node24', process.execPath]
  opts.nodes = [...new Set(opts.nodes.map((n) => (n === 'node24' ? node24() : n)))]
  return opts
}

/** Starts the server under `bin`; resolves once it listens. */
function startServer (bin, which, file, env) {
  const child = fork(SERVER, [which, file], { execPath: bin, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const replies = []
  const waiting = []
  child.on('message', (m) => {
    const w = waiting.shift()
    if (w) w(m)
    else replies.push(m)
  })
  const next = () => new Promise((resolve, reject) => {
    if (replies.length > 0) return resolve(replies.shift())
    const onExit = (code) => reject(new Error(`the ${which} server exited (${code})`))
    child.once('exit', onExit)
    waiting.push((m) => { child.off('exit', onExit); resolve(m) })
  })
  const ask = (msg) => { child.send(msg); return next() }
  return next().then((m) => ({ port: m.listening, ask, child }))
}

function get (port) {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/check' }, (res) => {
      res.resume()
      res.on('end', resolve)
    }).on('error', reject).end()
  })
}

/** One request per logger, its log to a file: the lines must match (time, responseTime and pid aside). */
async function checkLines (bin, env) {
  const lines = {}
  for (const which of LOGGERS) {
    const file = join(fs.mkdtempSync(join(tmpdir(), 'bytelog-http-')), `${which}.ndjson`)
    const server = await startServer(bin, which, file, env)
    await get(server.port)
    await server.ask('close')
    lines[which] = parseLines(`http/${which}`, fs.readFileSync(file, 'utf8')).map((r) => {
      if (!Number.isSafeInteger(r.time)) throw new Error(`http/${which}: time is not epoch ms`)
      if (r.pid !== server.child.pid) throw new Error(`http/${which}: pid ${r.pid} is not the server's`)
      const { time, responseTime, pid, ...rest } = r
      return JSON.stringify(rest)
    })
    fs.rmSync(dirname(file), { recursive: true, force: true })
  }
  const [a, b] = [lines.bytelog, lines.pino]
  if (a.length !== 2 || JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`http: bytelog and pino log different lines for one request:\n  bytelog: ${a.join('\n           ')}\n  pino:    ${b.join('\n           ')}`)
  }
  return a
}

async function runOne (bin, which, opts, env) {
  const server = await startServer(bin, which, '/dev/null', env)
  const url = `http://127.0.0.1:${server.port}/`
  try {
    await autocannon({ url, connections: opts.connections, duration: opts.warmup })
    const before = await server.ask('reset')
    const cpu0 = cpuSnapshot()
    const own0 = ownCpuMs()
    const r = await autocannon({ url, connections: opts.connections, duration: opts.duration })
    const cpu1 = cpuSnapshot()
    const own1 = ownCpuMs()
    const after = await server.ask('stats')
    const served = after.requests - before.requests
    const others = otherCores(cpu0, cpu1, (own1 - own0) + (after.cpuMs - before.cpuMs))
    return {
      rps: r.requests.average,
      total: r.requests.total,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts + r.non2xx,
      gcMs: after.gc.ms,
      gcCount: after.gc.count,
      gcByKind: after.gc.byKind,
      served,
      serverCores: (after.cpuMs - before.cpuMs) / (opts.duration * 1000),
      others,
    }
  } finally {
    await server.ask('close').catch(() => {})
  }
}

async function main () {
  const opts = parseArgs(process.argv.slice(2))
  const env = { ...process.env, BENCH_BYTELOG: buildBytelog() }
  const load = loadavg()[0]
  const results = []
  for (const bin of opts.nodes) {
    const version = execFileSync(bin, ['-p', 'process.version']).toString().trim()
    const sample = await checkLines(bin, env)
    const byLogger = {}
    for (const which of RUNS) {
      // Again, once, if other processes took much of the machine; the quieter run is kept.
      let r = await runOne(bin, which, opts, env)
      if (r.others > CONTENDED && Date.now() - started < RETRY_DEADLINE_MS) {
        process.stderr.write(`[Node ${version}] http ${which}: others took ${r.others.toFixed(2)} cores, once more\n`)
        const again = await runOne(bin, which, opts, env)
        if (again.others < r.others) r = again
      }
      byLogger[which] = r
      process.stderr.write(`[Node ${version}] http ${which.padEnd(8)} ${r.rps.toFixed(0)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  GC ${r.gcMs.toFixed(1)} ms in ${r.gcCount}  others ${r.others.toFixed(2)} cores\n`)
      if (r.errors > 0) throw new Error(`http/${which}: ${r.errors} errors, timeouts or non-2xx responses`)
    }
    results.push({ version, sample, byLogger })
  }
  const wall = (Date.now() - started) / 1000

  const { cpu, cores } = machine()
  const out = []
  out.push('## HTTP server (`npm run bench:http`)')
  out.push('')
  out.push(`Run ${new Date(started).toISOString()} on ${cpu} (${cores} cores; 1-minute load average ${load.toFixed(2)} at the start); wall time ${wall.toFixed(0)} s.`)
  out.push(`autocannon from the driver process to 127.0.0.1, ${opts.connections} connections, ${opts.warmup} s warm-up then ${opts.duration} s timed, per logger. GC: the sum of the durations of the perf_hooks 'gc' entries the server observed in itself during the timed ${opts.duration} s.`)
  out.push('Each request logs two lines through a per-request child (`log.child({ reqId })`): `info({ method, url }, \'request received\')` and, after `res.end()`, `info({ statusCode, responseTime }, \'request completed\')`. bytelog: `destination({ dest: fd })` (async); pino: `pino.destination({ dest: fd, minLength: 4096 })`; both on /dev/null. Before timing, one request per logger is logged to a file and the lines must match (time, responseTime and pid aside).')
  const rows = []
  for (const r of results) {
    for (const which of RUNS) {
      const x = r.byLogger[which]
      const kinds = Object.entries(x.gcByKind).map(([k, v]) => `${k} ${v.count}`).join(', ')
      rows.push([`Node ${r.version}`, which, x.rps.toFixed(0), `${x.p50} ms`, `${x.p99} ms`, ms(x.gcMs), `${x.gcCount} (${kinds})`, (x.gcMs / Math.max(1, x.served) * 1000).toFixed(1), x.serverCores.toFixed(2), x.others.toFixed(2)])
    }
  }
  out.push('')
  out.push(table(['Node', 'logger', 'req/s', 'latency p50', 'latency p99', 'GC pause total', 'GC count', 'GC µs/request', 'server CPU (cores)', 'others\' CPU (cores)'], rows, ['l', 'l']))
  out.push('')
  out.push(`"others' CPU": what processes other than the server and autocannon took of the machine during the timed run (/proc/stat busy and steal time less their own CPU), in cores of 2. A run during which they took more than ${CONTENDED} is made once more (while the HTTP runs are under ${RETRY_DEADLINE_MS / 1000} s old) and the quieter one kept. "none" is the same server with log calls that do nothing: the GC and throughput of node:http itself.`)
  out.push('')
  out.push(`The two lines of a request (bytelog's and pino's, time, responseTime and pid aside): \`${results[0].sample[0]}\` and \`${results[0].sample[1]}\`.`)
  const n24 = results.find((r) => r.version.startsWith('v24.'))
  if (n24 !== undefined) {
    const b = n24.byLogger.bytelog
    const p = n24.byLogger.pino
    out.push('')
    out.push(`### Targets (Node ${n24.version})`)
    out.push('')
    out.push(`- req/s: bytelog ${b.rps.toFixed(0)}, pino ${p.rps.toFixed(0)} (${ratio(b.rps / p.rps)}; target ≥ 1×) ${b.rps >= p.rps ? 'met' : '**missed**'}`)
    out.push(`- GC pause: bytelog ${ms(b.gcMs)}, pino ${ms(p.gcMs)} (${ratio(p.gcMs / b.gcMs)} less; target ≥ 5×) ${p.gcMs >= 5 * b.gcMs ? 'met' : '**missed**'}`)
    const n = n24.byLogger.none
    out.push(`- For scale: the server logging nothing paused ${ms(n.gcMs)} for GC at ${n.rps.toFixed(0)} req/s; per request, GC took ${(n.gcMs / Math.max(1, n.served) * 1000).toFixed(2)} µs without logging, ${(b.gcMs / Math.max(1, b.served) * 1000).toFixed(2)} µs with bytelog, ${(p.gcMs / Math.max(1, p.served) * 1000).toFixed(2)} µs with pino.`)
  }
  const text = out.join('\n')
  console.log('\n' + text)
  fs.mkdirSync(join(root, 'bench', 'out'), { recursive: true })
  fs.writeFileSync(join(root, 'bench', 'out', 'bench-http.json'), JSON.stringify({ started, wall, cpu, cores, load, opts, results }, null, 2))
  writeSection('http', text)
  console.log('\nwritten to bench/RESULTS.md')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
