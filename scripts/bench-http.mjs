// `npm run bench:http [-- --node24] [--node26] [--node20] [--node=<path>] [--duration=8] [--rounds=3] [--connections=32]`
// (BENCH_NOTE=<text>: a paragraph under the section's first line in RESULTS.md)
//
// bench/http/server.mjs under fastify (its own request logging through loggerInstance) and
// under node:http (the same three records per request written by hand), each with bytelog,
// pino at its fastest (sync, minLength 4096) and a no-op logger (the reference), all to
// /dev/null. This process drives each server with autocannon over 127.0.0.1 for a fixed
// time with a bounded number of connections, after a short warm-up, and reads the GC pauses
// the server observed in itself (perf_hooks 'gc' entries) during the timed run. Rounds:
// every server of a framework once, then again, so that a noisy moment lands on one round
// of each rather than on one logger. Before that, each server answers one request with its
// log going to a file, and bytelog's lines must equal pino's. Node 24 and Node 26 unless
// others are chosen. Rewrites the HTTP section of bench/RESULTS.md.
import { execFileSync, fork } from 'node:child_process'
import * as fs from 'node:fs'
import { request } from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { runtime } from './runtimes.mjs'
import { buildBytelog } from '../bench/lib/build.mjs'
import { parseLines } from '../bench/lib/check.mjs'
import { cpuSnapshot, otherCores, ownCpuMs } from '../bench/lib/cpu.mjs'
import { machine, ms, table, writeSection } from '../bench/lib/report.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SERVER = join(root, 'bench', 'http', 'server.mjs')
const FRAMEWORKS = ['fastify', 'http']
const LOGGERS = ['bytelog', 'pino']
/** Timed: the no-op reference first, then the two loggers. */
const RUNS = ['none', ...LOGGERS]
const started = Date.now()

const NAMED_RUNTIMES = { '--node24': 'node24', '--node26': 'node26', '--node22': 'node22' }

async function parseArgs (argv) {
  const opts = { nodes: null, duration: 8, warmup: 2, rounds: 3, connections: 32 }
  if (process.env.BENCH_NODE) opts.nodes = [process.env.BENCH_NODE]
  for (const a of argv) {
    if (NAMED_RUNTIMES[a] !== undefined) opts.nodes = [...(opts.nodes ?? []), NAMED_RUNTIMES[a]]
    else if (a === '--node20' || a === '--node-current') opts.nodes = [...(opts.nodes ?? []), process.execPath]
    else if (a.startsWith('--node=')) opts.nodes = [...(opts.nodes ?? []), a.slice(7)]
    else if (a.startsWith('--duration=')) opts.duration = Number(a.slice(11))
    else if (a.startsWith('--rounds=')) opts.rounds = Number(a.slice(9))
    else if (a.startsWith('--connections=')) opts.connections = Number(a.slice(14))
    else throw new Error(`unknown argument ${a}`)
  }
  if (!(opts.duration > 0 && opts.duration <= 60)) throw new Error('--duration: 1 to 60 seconds')
  if (!(opts.rounds >= 1 && opts.rounds <= 10)) throw new Error('--rounds: 1 to 10')
  if (!(opts.connections > 0 && opts.connections <= 256)) throw new Error('--connections: 1 to 256')
  opts.nodes ??= ['node24', 'node26']
  const bins = []
  for (const n of opts.nodes) bins.push(Object.values(NAMED_RUNTIMES).includes(n) ? await runtime(n) : n)
  opts.nodes = [...new Set(bins)]
  return opts
}

/** Starts the server under `bin`; resolves once it listens. */
function startServer (bin, framework, which, file, env) {
  const child = fork(SERVER, [framework, which, file], { execPath: bin, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
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
    request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      res.resume()
      res.on('end', resolve)
    }).on('error', reject).end()
  })
}

/**
 * One request per logger, its log to a file: bytelog's lines must equal pino's, time,
 * responseTime, pid and the two ports aside (each server listens on a port of its own).
 */
async function checkLines (bin, framework, env) {
  const lines = {}
  for (const which of LOGGERS) {
    const file = join(fs.mkdtempSync(join(tmpdir(), 'bytelog-http-')), `${which}.ndjson`)
    const server = await startServer(bin, framework, which, file, env)
    await get(server.port)
    await server.ask('close')
    lines[which] = parseLines(`http/${framework}/${which}`, fs.readFileSync(file, 'utf8')).map((r) => {
      if (!Number.isSafeInteger(r.time)) throw new Error(`http/${framework}/${which}: time is not epoch ms`)
      if (r.pid !== server.child.pid) throw new Error(`http/${framework}/${which}: pid ${r.pid} is not the server's`)
      const { time, responseTime, pid, ...rest } = r
      if (rest.req !== undefined) {
        delete rest.req.remotePort
        rest.req.host = String(rest.req.host).replace(/:\d+$/, ':<port>')
      }
      return JSON.stringify(rest)
    })
    fs.rmSync(dirname(file), { recursive: true, force: true })
  }
  const [a, b] = [lines.bytelog, lines.pino]
  if (a.length !== 3 || JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`http/${framework}: bytelog and pino log different lines for one request (3 expected):\n  bytelog: ${a.join('\n           ')}\n  pino:    ${b.join('\n           ')}`)
  }
  return a
}

async function runOne (bin, framework, which, opts, env) {
  const server = await startServer(bin, framework, which, '/dev/null', env)
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
      heapBytes: after.heapBytes,
      served,
      serverCores: (after.cpuMs - before.cpuMs) / (opts.duration * 1000),
      others,
    }
  } finally {
    await server.ask('close').catch(() => {})
  }
}

/**
 * A server's best round (the most requests a second), whose figures stand for it: this
 * machine's speed wanders by up to 2x over tens of seconds with nothing else running (one
 * server's rounds read 38k and 20k req/s), and interference only ever slows a round, so the
 * best round of each server (the no-op's, bytelog's and pino's alike) is the least disturbed.
 */
function summary (rounds) {
  const best = rounds.reduce((a, b) => (b.rps > a.rps ? b : a))
  return {
    rps: best.rps,
    p99: best.p99,
    gcUsPerReq: best.gcMs / Math.max(1, best.served) * 1000,
    heapPerReq: best.heapBytes / Math.max(1, best.served),
  }
}

function met (ok) {
  return ok ? 'met' : '**missed**'
}

function pct (v) {
  return `${(v * 100).toFixed(1)}%`
}

/** Issue 8's three targets for one framework on one Node, on each server's best round. */
function targetLines (byLogger) {
  const n = summary(byLogger.none)
  const b = summary(byLogger.bytelog)
  const p = summary(byLogger.pino)
  const lossB = 1 - b.rps / n.rps
  const lossP = 1 - p.rps / n.rps
  const gcB = b.gcUsPerReq - n.gcUsPerReq
  const gcP = p.gcUsPerReq - n.gcUsPerReq
  // A target relative to pino's cost cannot be judged when pino cost nothing against the
  // no-op in the run (the noise was larger than its cost).
  const judge = (ok, base) => (base > 0 ? met(ok) : '(not judged: pino cost nothing against the no-op in this run, which is noise)')
  return [
    `- throughput lost against the no-op: bytelog ${pct(lossB)}, pino ${pct(lossP)} (target: bytelog at most a quarter of pino's, ${pct(lossP / 4)}) ${judge(lossB <= lossP / 4, lossP)}`,
    `- GC per request added to the no-op's ${n.gcUsPerReq.toFixed(2)} µs: bytelog ${gcB.toFixed(2)} µs, pino ${gcP.toFixed(2)} µs (target: at most a fifth of pino's, ${(gcP / 5).toFixed(2)} µs) ${judge(gcB <= gcP / 5, gcP)}`,
    // (Not in a run recorded before the servers measured it.)
    ...(Number.isFinite(n.heapPerReq) ? [`- heap allocated per request added to the no-op's ${n.heapPerReq.toFixed(0)} B (for information: GC time is what the target judges): bytelog ${(b.heapPerReq - n.heapPerReq).toFixed(0)} B, pino ${(p.heapPerReq - n.heapPerReq).toFixed(0)} B`] : []),
    `- p99 latency: bytelog ${b.p99.toFixed(2)} ms, no-op ${n.p99.toFixed(2)} ms, pino ${p.p99.toFixed(2)} ms (target: bytelog within 10% of the no-op's, ≤ ${(n.p99 * 1.1).toFixed(2)} ms) ${met(b.p99 <= n.p99 * 1.1)}`,
  ]
}

async function main () {
  const argv = process.argv.slice(2)
  // --report: RESULTS.md's section rebuilt from the last run's bench/out/bench-http.json.
  if (argv[0] === '--report') {
    report(JSON.parse(fs.readFileSync(join(root, 'bench', 'out', 'bench-http.json'), 'utf8')))
    return
  }
  const opts = await parseArgs(argv)
  const env = { ...process.env, BENCH_BYTELOG: buildBytelog() }
  const load = loadavg()[0]
  const results = []
  for (const bin of opts.nodes) {
    const version = execFileSync(bin, ['-p', 'process.version']).toString().trim()
    for (const framework of FRAMEWORKS) {
      const sample = await checkLines(bin, framework, env)
      const byLogger = Object.fromEntries(RUNS.map((w) => [w, []]))
      for (let round = 1; round <= opts.rounds; round++) {
        // The servers in turn, the order reversed every other round.
        for (const which of round % 2 === 1 ? RUNS : [...RUNS].reverse()) {
          const r = await runOne(bin, framework, which, opts, env)
          r.round = round
          byLogger[which].push(r)
          process.stderr.write(`[Node ${version}] ${framework.padEnd(7)} ${which.padEnd(8)} round ${round}: ${r.rps.toFixed(0)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  GC ${r.gcMs.toFixed(1)} ms in ${r.gcCount}  others ${r.others.toFixed(2)} cores\n`)
          if (r.errors > 0) throw new Error(`http/${framework}/${which}: ${r.errors} errors, timeouts or non-2xx responses`)
        }
      }
      results.push({ version, framework, sample, byLogger })
    }
  }
  const wall = (Date.now() - started) / 1000
  const command = `npm run bench:http${argv.length > 0 ? ' -- ' + argv.join(' ') : ''}`
  const { cpu, cores } = machine()
  const data = { started, wall, cpu, cores, load, opts, command, note: process.env.BENCH_NOTE ?? null, results }
  fs.mkdirSync(join(root, 'bench', 'out'), { recursive: true })
  fs.writeFileSync(join(root, 'bench', 'out', 'bench-http.json'), JSON.stringify(data, null, 2))
  report(data)
}

/** Prints the HTTP section and writes it to RESULTS.md. */
function report ({ started, wall, cpu, cores, load, opts, command, note, results }) {
  const out = []
  out.push('## HTTP server (`npm run bench:http`)')
  out.push('')
  out.push(`Run ${new Date(started).toISOString()} on ${cpu} (${cores} cores; 1-minute load average ${load.toFixed(2)} at the start), ${[...new Set(results.map((r) => `Node ${r.version}`))].join(' and ')}; wall time ${wall.toFixed(0)} s. Command: \`${command}\`.`)
  if (note) out.push('', note)
  out.push('')
  out.push(`autocannon from the driver process to 127.0.0.1, ${opts.connections} connections, ${opts.warmup} s warm-up then ${opts.duration} s timed, ${opts.rounds} round(s) (every server of a framework once per round, in the order none, bytelog, pino, reversed every other round); each server's figures for the targets are those of its best round (most req/s), the no-op's, bytelog's and pino's alike, as this machine's speed wanders by up to 2x over tens of seconds. GC: the sum of the durations of the perf_hooks 'gc' entries the server observed in itself during the timed run. Heap B/request: the bytes the server allocated on its JS heap during the timed run (what its used heap grew by, plus what each GC freed, from v8.GCProfiler's figures before and after each GC), over the requests it served; unlike GC time, it does not depend on when the collector runs or on how fast the machine is at the time.`)
  out.push('')
  out.push('- **fastify** (' + `fastify ${fastifyVersion()}` + '): `fastify({ loggerInstance })`, its own request logging: a child per request with its reqId, its req/res serializers, \'incoming request\' and \'request completed\', plus `request.log.info({ user }, \'fetching user\')` in the handler, which returns the user (fastify serializes it).')
  out.push('- **http**: node:http with the same three records per request written by hand through `log.child({ reqId })`, the req and res objects built as fastify\'s serializers build them.')
  out.push('- Loggers: **bytelog** `createLogger({ destination: destination({ dest: fd }) })` (its default); **pino** `pino(pino.destination({ dest: fd, sync: true, minLength: 4096 }))` (its fastest setup); **none** a logger whose methods do nothing (`child()` returns itself), the reference. All on /dev/null.')
  const rows = []
  for (const r of results) {
    for (const which of RUNS) {
      for (const x of r.byLogger[which]) {
        const kinds = Object.entries(x.gcByKind).map(([k, v]) => `${k} ${v.count}`).join(', ')
        rows.push([`Node ${r.version}`, r.framework, which, x.round, x.rps.toFixed(0), `${x.p50} ms`, `${x.p99} ms`, ms(x.gcMs), `${x.gcCount} (${kinds})`, (x.gcMs / Math.max(1, x.served) * 1000).toFixed(2), x.heapBytes === undefined ? '—' : (x.heapBytes / Math.max(1, x.served)).toFixed(0), x.serverCores.toFixed(2), x.others.toFixed(2)])
      }
    }
  }
  out.push('')
  out.push(table(['Node', 'server', 'logger', 'round', 'req/s', 'latency p50', 'latency p99', 'GC pause total', 'GC count', 'GC µs/request', 'heap B/request', 'server CPU (cores)', 'others\' CPU (cores)'], rows, ['l', 'l', 'l']))
  out.push('')
  out.push(`"others' CPU": what processes other than the server and autocannon took of the machine during the timed run (/proc/stat busy and steal time less their own CPU), in cores of ${cores}.`)
  for (const r of results) {
    out.push('')
    out.push(`### Targets, ${r.framework}, Node ${r.version} (each server's best of ${opts.rounds} round(s))`)
    out.push('')
    out.push(...targetLines(r.byLogger))
  }
  out.push('')
  out.push('The three lines of a request (bytelog\'s and pino\'s equal, time, responseTime, pid and the ports aside):')
  out.push('')
  for (const r of results.filter((x) => x.version === results[0].version)) {
    out.push(`- ${r.framework}: ${r.sample.map((l) => `\`${l}\``).join(', ')}`)
  }
  const text = out.join('\n')
  console.log('\n' + text)
  writeSection('http', text)
  console.log('\nwritten to bench/RESULTS.md')
}

function fastifyVersion () {
  return JSON.parse(fs.readFileSync(join(root, 'node_modules', 'fastify', 'package.json'), 'utf8')).version
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
