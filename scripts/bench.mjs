// `npm run bench [-- <case>...] [--node24 | --node20 | --node=<path>] [--time-ms=N] [--heap-ms=N]`
//
// The micro-benchmarks (bench/*.bench.mjs) with mitata under `node --expose-gc`, on Node 24
// (scripts/node24.mjs) and on the Node running this script (the system Node 20) unless one
// is chosen: --node24, --node20 (this Node), --node=<path> or BENCH_NODE=<path>.
//
// For each case: one process checks that every logger writes the same record (bench/lib/
// check.mjs), then one process per logger times it (bench/run.mjs). Prints a table per
// Node; a run of every case also rewrites the micro-benchmark section of bench/RESULTS.md,
// and any run of the options case (`npm run bench:options`) its own section.
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24 } from './node24.mjs'
import { CASES, loadCase, loggersOf } from '../bench/run.mjs'
import { buildBytelog } from '../bench/lib/build.mjs'
import { cpuSnapshot, otherCores } from '../bench/lib/cpu.mjs'
import { NOTES } from '../bench/lib/loggers.mjs'
import { bytes, machine, ns, ratio, table, writeSection } from '../bench/lib/report.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const started = Date.now()
const load = loadavg()[0]

function parseArgs (argv) {
  const opts = {
    cases: [],
    nodes: null,
    timeMs: Number(process.env.BENCH_TIME_MS ?? 350),
    heapMs: Number(process.env.BENCH_HEAP_MS ?? 100),
  }
  if (process.env.BENCH_NODE) opts.nodes = [process.env.BENCH_NODE]
  for (const a of argv) {
    if (a === '--node24') opts.nodes = [...(opts.nodes ?? []).filter((n) => n !== 'node24'), 'node24']
    else if (a === '--node20' || a === '--node-current') opts.nodes = [...(opts.nodes ?? []), process.execPath]
    else if (a.startsWith('--node=')) opts.nodes = [...(opts.nodes ?? []), a.slice(7)]
    else if (a.startsWith('--time-ms=')) opts.timeMs = Number(a.slice(10))
    else if (a.startsWith('--heap-ms=')) opts.heapMs = Number(a.slice(10))
    else if (a.startsWith('-')) throw new Error(`unknown flag ${a}`)
    else opts.cases.push(a)
  }
  for (const c of opts.cases) if (!CASES.includes(c)) throw new Error(`unknown case ${c}; cases: ${CASES.join(', ')}`)
  if (opts.cases.length === 0) opts.cases = [...CASES]
  opts.nodes ??= ['node24', process.execPath]
  opts.nodes = [...new Set(opts.nodes.map((n) => (n === 'node24' ? node24() : n)))]
  return opts
}

function versionOf (bin) {
  return execFileSync(bin, ['-p', 'process.version']).toString().trim()
}

/** Runs one bench/run.mjs step; its last stdout line is JSON. */
function step (bin, args, env) {
  const before = cpuSnapshot()
  const r = spawnSync(bin, ['--expose-gc', join(root, 'bench', 'run.mjs'), ...args], {
    cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20,
  })
  if (r.status !== 0) {
    throw new Error(`bench/run.mjs ${args.slice(0, 3).join(' ')} failed under ${bin} (exit ${r.status ?? r.signal})`)
  }
  const lines = r.stdout.trim().split('\n')
  const out = JSON.parse(lines[lines.length - 1])
  if (typeof out.cpuMs === 'number') out.otherCores = otherCores(before, cpuSnapshot(), out.cpuMs)
  return out
}

/** Other processes' CPU, in cores, above which a measurement is taken again. */
const CONTENDED = 0.25
/** Retries stop once the run has taken this long, to stay within its time budget. */
const RETRY_DEADLINE_MS = 2.5 * 60_000
const MAX_TRIES = 3

/** Times one logger; again (after a pause) while others took much CPU, keeping the quietest. */
async function timeStep (bin, args, env) {
  let best = null
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const f = step(bin, args, env)
    f.tries = tries + 1
    if (best === null || f.otherCores < best.otherCores) best = { ...f }
    best.tries = tries + 1
    if (best.otherCores <= CONTENDED || Date.now() - started > RETRY_DEADLINE_MS) break
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  return best
}

async function runNode (bin, opts, env) {
  const version = versionOf(bin)
  const label = `Node ${version}`
  const result = { version, bin, cases: {} }
  for (const name of opts.cases) {
    const spec = await loadCase(name)
    const caseStarted = Date.now()
    const dir = fs.mkdtempSync(join(tmpdir(), `bytelog-bench-${name}-`))
    const { sizes } = step(bin, ['check', name, dir], env)
    const entry = { title: spec.title, sizes: Object.fromEntries(sizes.map((s) => [s.name, s.bytes])), loggers: {} }
    if (spec.options !== undefined) entry.pairs = pairsOf(spec)
    result.cases[name] = entry
    for (const logger of loggersOf(spec)) {
      const f = await timeStep(bin, ['time', name, logger.name, dir, String(opts.timeMs), String(opts.heapMs)], env)
      entry.loggers[logger.name] = f
      process.stderr.write(`[${label}] ${name.padEnd(14)} ${logger.name.padEnd(14)} ${ns(f.p50).padStart(8)} ns/call p50  ${bytes(f.bytes).padStart(8)} B/call  others ${f.otherCores.toFixed(2)} cores${f.tries > 1 ? ` (${f.tries} tries)` : ''}\n`)
    }
    fs.rmSync(dir, { recursive: true, force: true })
    entry.wallS = (Date.now() - caseStarted) / 1000
  }
  return result
}

/**
 * A case that brings a pino/bytelog pair per option (bench/options.bench.mjs): for each of
 * its options, in order, the names of the two loggers given it.
 */
function pairsOf (spec) {
  return spec.options.map(({ option, text }) => {
    const of = (kind) => spec.loggers.find((l) => l.option === option && l.kind === kind)?.name
    return { option, text, pino: of('pino'), bytelog: of('bytelog') }
  })
}

/** A figure measured while other processes took more than CONTENDED cores. */
function mark (f) {
  return f.otherCores > CONTENDED ? ' †' : ''
}

/** The table of one Node: every case, every logger. */
function fullTable (result) {
  const rows = []
  for (const [name, c] of Object.entries(result.cases)) {
    if (c.pairs !== undefined) continue // the options case: a section of its own
    const base = c.loggers.bytelog?.p50
    for (const [logger, f] of Object.entries(c.loggers)) {
      rows.push([name, logger, ns(f.p50) + mark(f), ns(f.avg), bytes(f.bytes), ratio(f.p50 / base), c.sizes[logger] ?? '—'])
    }
  }
  return table(['case', 'logger', 'ns/call p50', 'ns/call avg', 'B/call', '× bytelog', 'record B'], rows, ['l', 'l'])
}

/** bytelog against pino-minLength, pino-sync and the limit. */
function summaryTable (result) {
  const rows = []
  for (const [name, c] of Object.entries(result.cases)) {
    if (c.pairs !== undefined) continue
    const b = c.loggers.bytelog
    const p = c.loggers['pino-minLength']
    const s = c.loggers['pino-sync']
    const l = c.loggers.limit
    rows.push([name, ns(b.p50) + mark(b), ns(p.p50) + mark(p), ratio(p.p50 / b.p50), ratio(s.p50 / b.p50), l ? ns(l.p50) + mark(l) : '—', l ? ratio(b.p50 / l.p50) : '—', bytes(b.bytes)])
  }
  return table(['case', 'bytelog ns', 'pino-minLength ns', 'bytelog faster than pino-minLength', 'than pino-sync', 'limit ns', 'bytelog ÷ limit', 'bytelog B/call'], rows, ['l'])
}

/** bytelog's B/call counts as 0 below this: see the method notes. */
const ZERO_BYTES = 1

const TARGETS = [
  { name: 'basic', speedup: 15, zero: true, limit: 3 },
  { name: 'child', speedup: 15, zero: true, limit: 3 },
  { name: 'fields-event', speedup: 10, zero: true },
  { name: 'fields', speedup: 4 },
  { name: 'context', speedup: 15, zero: true },
  { name: 'object', speedup: 8 },
  { name: 'long-string', speedup: 2 },
  { name: 'deep-object', speedup: 1.2 },
  { name: 'multi-arg', speedup: 3 },
  { name: 'child-creation', speedup: 2 },
  { name: 'disabled', speedup: 1 },
]

function targetLines (result) {
  const lines = []
  for (const t of TARGETS) {
    const c = result.cases[t.name]
    if (c === undefined) continue
    const b = c.loggers.bytelog
    const p = c.loggers['pino-minLength']
    const got = p.p50 / b.p50
    const parts = [`${t.name}: ${ratio(got)} pino-minLength (target ≥ ${t.speedup}×${t.name === 'disabled' ? ', i.e. no slower' : ''}) ${got >= t.speedup ? 'met' : '**missed**'}`]
    if (t.zero) parts.push(`${bytes(b.bytes)} B/call (target 0) ${b.bytes < ZERO_BYTES ? 'met' : '**missed**'}`)
    if (t.limit) {
      const d = b.p50 / c.loggers.limit.p50
      parts.push(`${ratio(d)} the limit (target ≤ ${t.limit}×) ${d <= t.limit ? 'met' : '**missed**'}`)
    }
    lines.push(`- ${parts.join('; ')}`)
  }
  return lines.join('\n')
}

function methodNotes (opts) {
  return [
    '### Method',
    '',
    `- Each case runs in processes of its own under \`node --expose-gc\`: one writes one record per logger to files in a tmp dir and checks that they parse to the same JSON (time aside; bench/lib/check.mjs), and fails the run if not; then one process per logger times it writing to /dev/null (an fd of its own), so that the case's call site only ever sees one logger.`,
    `- Time: mitata \`measure()\` (plain run, mitata's default gc 'once'), min_cpu_time ${opts.timeMs} ms, batches of 4096 calls (fewer for a call so slow that the budget would hold under ~24 batches). ns/call p50 and avg are mitata's (k = thousand). "× bytelog" is the logger's p50 over bytelog's (bytelog = the default async destination; in fields-event, its event API).`,
    `- B/call: mitata's heap figure (v8 used_heap_size + malloced_memory after a batch minus before, per call) in its gc('inner') mode, with a scavenge as its gc (a full collection costs ~10 ms here and the figure needs only the young generation empty), at least 32 batches of 4096 calls (of ≤ 128 KiB of allocation for a call that allocates much, so that no scavenge runs inside a batch). The median of the batches is shown: mitata's average includes the first batches, which allocate while V8 compiles mitata's generated loop. About 0.2 B/call of it is the probe's own getHeapStatistics() result; an async destination's write (one per batch) adds its objects, spread over the batch. bytelog's B/call counts as 0 below ${ZERO_BYTES} B.`,
    '- Async loggers are drained (every accepted record written to the fd) every 4096 calls, between timed batches, never inside one: mitata computes (and awaits) a per-batch parameter before it starts the clock. Inside a batch the event loop does not turn, so an async logger holds what it accepts until the batch ends (at most 4096 records), as in a burst.',
    '- The limit: the finished bytes of the same record (bytelog\'s, captured in the check) copied into a 16 KiB slab, fs.writeSync() of the slab when full. "bytelog ÷ limit" is bytelog\'s distance from it.',
    `- † marks a figure measured while other processes used more than ${CONTENDED} of a core on average (/proc/stat busy and steal time less the benchmark process's own CPU). Such a measurement is taken again, after a 2 s pause, up to ${MAX_TRIES} times while the run is under ${RETRY_DEADLINE_MS / 60000} minutes old; the quietest is kept.`,
    '- bytelog is compiled from src/ into bench/out/bytelog with the project\'s tsconfig (as dist/esm) at the start of the run.',
    '',
    '### The loggers',
    '',
    ...Object.entries(NOTES).map(([k, v]) => `- **${k}**: ${v}`),
  ].join('\n')
}

/** A signed difference in ns: "+120", "−35". */
function delta (v) {
  if (!Number.isFinite(v)) return '—'
  return (v < 0 ? '−' : '+') + ns(Math.abs(v))
}

/** The options case: per option, bytelog and pino given it, and what it adds to each. */
function optionsTable (c) {
  const base = c.pairs[0]
  const b0 = c.loggers[base.bytelog]
  const p0 = c.loggers[base.pino]
  const rows = c.pairs.map((pair) => {
    const b = c.loggers[pair.bytelog]
    const p = c.loggers[pair.pino]
    const first = pair === base
    return [
      pair.option,
      ns(b.p50) + mark(b), first ? '—' : delta(b.p50 - b0.p50), bytes(b.bytes),
      ns(p.p50) + mark(p), first ? '—' : delta(p.p50 - p0.p50), bytes(p.bytes),
      ratio(p.p50 / b.p50), c.sizes[pair.bytelog] ?? '—',
    ]
  })
  return table(['option', 'bytelog ns p50', 'bytelog Δ ns', 'bytelog B/call', 'pino ns p50', 'pino Δ ns', 'pino B/call', 'pino ÷ bytelog', 'record B'], rows, ['l'])
}

function optionsNotes (c, opts) {
  return [
    '### Method',
    '',
    '- As in the micro-benchmarks (see their Method): a check process first (each bytelog record must parse to the same JSON as the record of the pino given the same option, time aside), then one process per logger, mitata time and heap runs, ' +
      `min_cpu_time ${opts.timeMs} ms (time) and ${opts.heapMs} ms (heap), async loggers drained between batches.`,
    '- bytelog: `createLogger({ ...option, destination: destination({ dest: fd }) })`, the default async destination. pino: `pino({ ...option }, pino.destination({ dest: fd, minLength: 4096 }))`, the suite\'s pino-minLength. With `transport`, neither has a destination: the transport is the only output, and the drain waits until the worker has read everything.',
    '- Δ ns: the row\'s p50 less the p50 of the same library with no options, in the same run: what the option adds to one call. Timings on a shared VM move from run to run (up to 2×, see README): a Δ of a few hundred ns either way, a negative one above all, can be noise. B/call is steadier.',
    '- B/call: heap bytes per call on the main thread (a transport\'s worker has a heap of its own, not counted). Both include the call\'s object literal, built per call (all of bytelog\'s baseline B/call): what an option allocates is a row\'s B/call less its library\'s baseline.',
    `- † marks a figure measured while other processes used more than ${CONTENDED} of a core on average; such a measurement is retried as in the micro-benchmarks.`,
    '',
    '### The options, as given to both libraries',
    '',
    ...c.pairs.map((p) => `- **${p.option}**: ${p.text}`),
  ].join('\n')
}

async function main () {
  const opts = parseArgs(process.argv.slice(2))
  const env = { ...process.env, BENCH_BYTELOG: buildBytelog() }
  const results = []
  for (const bin of opts.nodes) results.push(await runNode(bin, opts, env))
  const wall = (Date.now() - started) / 1000

  const { cpu, cores } = machine()
  const command = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`
  const micro = opts.cases.filter((name) => results[0].cases[name].pairs === undefined)
  const matrix = opts.cases.filter((name) => results[0].cases[name].pairs !== undefined)

  let text = null
  if (micro.length > 0) {
    const out = []
    out.push('## Micro-benchmarks (`npm run bench`)')
    out.push('')
    out.push(`Run ${new Date(started).toISOString()} on ${cpu} (${cores} cores; 1-minute load average ${load.toFixed(2)} at the start), ${results.map((r) => `Node ${r.version}`).join(' and ')}; wall time ${wall.toFixed(0)} s. Command: \`${command}\`.`)
    for (const r of results) {
      out.push('')
      out.push(`### Node ${r.version}`)
      out.push('')
      out.push(fullTable(r))
      out.push('')
      out.push(`bytelog against pino and the limit (p50), Node ${r.version}:`)
      out.push('')
      out.push(summaryTable(r))
    }
    const n24 = results.find((r) => r.version.startsWith('v24.'))
    if (n24 !== undefined) {
      out.push('')
      out.push(`### Targets (Node ${n24.version}, medians)`)
      out.push('')
      out.push(targetLines(n24))
    }
    out.push('')
    out.push(methodNotes(opts))
    text = out.join('\n')
    console.log('\n' + text)
  }

  // The options case (one, so far): a section of its own.
  let optionsText = null
  for (const name of matrix) {
    const out = []
    const caseWall = results.reduce((t, r) => t + r.cases[name].wallS, 0)
    out.push(`## Options (\`npm run bench:options\`)`)
    out.push('')
    out.push(`What each option costs when it is used: \`log.${results[0].cases[name].title}\` (the object built per call), from a logger with no options and from a logger with each option on its own, bytelog beside pino given the same option.`)
    out.push('')
    out.push(`Run ${new Date(started).toISOString()} on ${cpu} (${cores} cores; 1-minute load average ${load.toFixed(2)} at the start of the run), ${results.map((r) => `Node ${r.version}`).join(' and ')}; this case took ${caseWall.toFixed(0)} s. Command: \`${command}\`.`)
    for (const r of results) {
      out.push('')
      out.push(`### Node ${r.version}`)
      out.push('')
      out.push(optionsTable(r.cases[name]))
    }
    out.push('')
    out.push(optionsNotes(results[0].cases[name], opts))
    optionsText = out.join('\n')
    console.log('\n' + optionsText)
  }

  fs.mkdirSync(join(root, 'bench', 'out'), { recursive: true })
  fs.writeFileSync(join(root, 'bench', 'out', 'bench.json'), JSON.stringify({ started, wall, cpu, cores, load, opts, results }, null, 2))
  if (opts.cases.length === CASES.length) {
    writeSection('micro', text)
    console.log('\nwritten to bench/RESULTS.md')
  } else if (micro.length > 0) {
    console.log('\n(some cases only: bench/RESULTS.md is left as it was)')
  }
  if (optionsText !== null) {
    writeSection('options', optionsText)
    console.log('\noptions: written to bench/RESULTS.md')
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
