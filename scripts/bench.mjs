// `npm run bench [-- <case>...] [--core] [--node24] [--node26] [--node20] [--node=<path>] [--time-ms=N] [--rounds=N]`
// (BENCH_NOTE=<text>: a paragraph under the section's first line in RESULTS.md, e.g. that a run was provisional)
// `npm run bench -- --report`: the sections rebuilt from the last run's bench/out/bench.json.
//
// The micro-benchmarks (bench/*.bench.mjs) with mitata under plain `node` (no V8 flags), on
// Node 24 and Node 26 (scripts/runtimes.mjs installs them from the npm registry) unless
// others are chosen: --node24, --node26, --node20 (the Node running this script),
// --node=<path> or BENCH_NODE=<path>. --core times only pino's two setups, bytelog's two
// and the limit (no winston, bunyan or LogTape): the quick run.
//
// For each case: one process checks that every logger writes the same records (bench/lib/
// check.mjs), then one process per logger times it (bench/run.mjs), in --rounds rounds
// (default 3, or BENCH_ROUNDS; the least p50 of each logger's is kept). Prints a table per
// Node; a run of every default case also rewrites the micro-benchmark section of
// bench/RESULTS.md, and any run of the options case (`npm run bench:options`) its own section.
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runtime } from './runtimes.mjs'
import { CASES, EXTRA_CASES, loadCase, loggersOf } from '../bench/run.mjs'
import { buildBytelog } from '../bench/lib/build.mjs'
import { cpuSnapshot, otherCores } from '../bench/lib/cpu.mjs'
import { BYTELOGS, NOTES, PINOS } from '../bench/lib/loggers.mjs'
import { bytes, machine, ns, ratio, table, writeSection } from '../bench/lib/report.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const started = Date.now()
const load = loadavg()[0]

const NAMED_RUNTIMES = { '--node24': 'node24', '--node26': 'node26', '--node22': 'node22' }

async function parseArgs (argv) {
  const opts = {
    cases: [],
    nodes: null,
    core: false,
    timeMs: Number(process.env.BENCH_TIME_MS ?? 300),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  }
  if (process.env.BENCH_NODE) opts.nodes = [process.env.BENCH_NODE]
  for (const a of argv) {
    if (NAMED_RUNTIMES[a] !== undefined) opts.nodes = [...(opts.nodes ?? []), NAMED_RUNTIMES[a]]
    else if (a === '--node20' || a === '--node-current') opts.nodes = [...(opts.nodes ?? []), process.execPath]
    else if (a.startsWith('--node=')) opts.nodes = [...(opts.nodes ?? []), a.slice(7)]
    else if (a === '--core') opts.core = true
    else if (a.startsWith('--time-ms=')) opts.timeMs = Number(a.slice(10))
    else if (a.startsWith('--rounds=')) opts.rounds = Number(a.slice(9))
    else if (a.startsWith('-')) throw new Error(`unknown flag ${a}`)
    else opts.cases.push(a)
  }
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) throw new Error('--rounds must be a whole number from 1')
  const known = [...CASES, ...EXTRA_CASES]
  for (const c of opts.cases) if (!known.includes(c)) throw new Error(`unknown case ${c}; cases: ${known.join(', ')}`)
  if (opts.cases.length === 0) opts.cases = [...CASES]
  opts.nodes ??= ['node24', 'node26']
  const bins = []
  for (const n of opts.nodes) bins.push(Object.values(NAMED_RUNTIMES).includes(n) ? await runtime(n) : n)
  opts.nodes = [...new Set(bins)]
  return opts
}

function versionOf (bin) {
  return execFileSync(bin, ['-p', 'process.version']).toString().trim()
}

/** Runs one bench/run.mjs step; its last stdout line is JSON. */
function step (bin, args, env) {
  const before = cpuSnapshot()
  const r = spawnSync(bin, [join(root, 'bench', 'run.mjs'), ...args], {
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
/** Retries stop once a runtime's run has taken this long, to stay within its time budget. */
const RETRY_WINDOW_MS = 90_000
const MAX_TRIES = 3

/** Times one logger; again (after a pause) while others took much CPU, keeping the quietest. */
async function timeStep (bin, args, env, since) {
  let best = null
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const f = step(bin, args, env)
    f.tries = tries + 1
    if (best === null || f.otherCores < best.otherCores) best = { ...f }
    best.tries = tries + 1
    if (best.otherCores <= CONTENDED || Date.now() - since > RETRY_WINDOW_MS) break
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  return best
}

async function runNode (bin, opts, env) {
  const version = versionOf(bin)
  const label = `Node ${version}`
  const result = { version, bin, cases: {} }
  const since = Date.now()
  for (const name of opts.cases) {
    const spec = await loadCase(name)
    const caseStarted = Date.now()
    const dir = fs.mkdtempSync(join(tmpdir(), `bytelog-bench-${name}-`))
    const { sizes } = step(bin, ['check', name, dir], env)
    const entry = { title: spec.title, records: spec.records ?? 1, sizes: Object.fromEntries(sizes.map((s) => [s.name, s.bytes])), loggers: {} }
    if (spec.options !== undefined) entry.pairs = pairsOf(spec)
    result.cases[name] = entry
    const loggers = loggersOf(spec, { peers: !opts.core })
    // Rounds: every logger once, in turn (the order reversed each other round), then again;
    // the heap is measured in the first. See methodNotes for why the least p50 is kept.
    const rounds = new Map(loggers.map((l) => [l.name, []]))
    for (let r = 0; r < opts.rounds; r++) {
      for (const logger of r % 2 === 0 ? loggers : [...loggers].reverse()) {
        const args = ['time', name, logger.name, dir, String(opts.timeMs)]
        const f = await timeStep(bin, r === 0 ? args : [...args, 'time-only'], env, since)
        rounds.get(logger.name).push(f)
        process.stderr.write(`[${label}] ${name.padEnd(14)} ${logger.name.padEnd(14)} round ${r + 1}  ${ns(f.p50).padStart(8)} ns/call p50  ${r === 0 ? bytes(f.bytes).padStart(8) + ' B/call' : '        '}  others ${f.otherCores.toFixed(2)} cores${f.tries > 1 ? ` (${f.tries} tries)` : ''}\n`)
      }
    }
    for (const logger of loggers) entry.loggers[logger.name] = leastOf(rounds.get(logger.name))
    fs.rmSync(dir, { recursive: true, force: true })
    entry.wallS = (Date.now() - caseStarted) / 1000
  }
  return result
}

/**
 * One logger's figures from its rounds: the time of the round with the least p50, the heap
 * of the first (the one that measured it), and the spread of the rounds' p50s.
 */
function leastOf (rounds) {
  const least = rounds.reduce((a, b) => (b.p50 < a.p50 ? b : a))
  const p50s = rounds.map((f) => f.p50)
  const { p50, avg, min, p99, samples, calls, batch, otherCores, tries } = least
  return { ...rounds[0], p50, avg, min, p99, samples, calls, batch, otherCores, tries, rounds: p50s, spread: Math.max(...p50s) / p50 }
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
      rows.push([name, logger, ns(f.p50) + mark(f), ns(f.avg), f.spread === undefined ? '—' : ratio(f.spread), bytes(f.bytes), ratio(f.p50 / base), c.sizes[logger] ?? '—'])
    }
  }
  return table(['case', 'logger', 'ns/call p50', 'ns/call avg', 'rounds spread', 'B/call', '× bytelog', 'record B'], rows, ['l', 'l'])
}

/** Issue 8's floors (pino ÷ bytelog, pino at the faster of its two setups) and heap targets. */
const TARGETS = {
  basic: { floor: 10, zero: true },
  child: { floor: 10, zero: true },
  context: { floor: 10, zero: true },
  object: { floor: 6 },
  fields: { floor: 4 },
  'fields-event': { floor: 6 },
  event5: { zero: true },
  error: { floor: 4 },
  request: { floor: 4 },
  ascii: { floor: 4 },
  mixed: { floor: 2 },
  'deep-object': { floor: 2 },
  'multi-arg': { floor: 3 },
  'child-creation': { floor: 2 },
  disabled: { floor: 1 },
}

/** bytelog's B/call counts as 0 below this: the bar of issue 8's zero-allocation cases. */
const ZERO_BYTES = 1

/** The faster of pino's two setups in case `c` (by p50). */
function fastestPino (c) {
  const [a, b] = PINOS.map((n) => ({ name: n, f: c.loggers[n] }))
  return b.f !== undefined && b.f.p50 < a.f.p50 ? b : a
}

function met (ok) {
  return ok ? 'met' : '**missed**'
}

/** The heap target of one bytelog setup: under 1 B/call, or at most a quarter of pino's. */
function heapVerdict (t, b, p) {
  if (t?.zero) return `< ${ZERO_BYTES}: ${met(b.bytes < ZERO_BYTES)}`
  return `≤ ¼ pino: ${met(b.bytes < ZERO_BYTES || b.bytes <= p.f.bytes / 4)}`
}

/**
 * bytelog's two setups against the faster pino, with issue 8's floor and heap target beside
 * each ratio. A case has a floor or a heap target or both.
 */
function summaryTable (result) {
  const rows = []
  for (const [name, c] of Object.entries(result.cases)) {
    if (c.pairs !== undefined) continue
    const t = TARGETS[name]
    const p = fastestPino(c)
    const row = [name, p.name, ns(p.f.p50) + mark(p.f), bytes(p.f.bytes)]
    for (const bn of BYTELOGS) {
      const b = c.loggers[bn]
      const r = p.f.p50 / b.p50
      row.push(ns(b.p50) + mark(b), ratio(r), t?.floor === undefined ? '—' : `${t.floor}×: ${met(r >= t.floor)}`, bytes(b.bytes), heapVerdict(t, b, p))
    }
    rows.push(row)
  }
  return table([
    'case', 'faster pino', 'pino ns', 'pino B/call',
    'bytelog ns', 'pino ÷ bytelog', 'floor', 'bytelog B/call', 'heap target',
    'bytelog-sync4k ns', 'pino ÷ sync4k', 'floor', 'sync4k B/call', 'heap target',
  ], rows, ['l', 'l'])
}

/** How many floors and heap targets each bytelog setup met. */
function targetLines (result) {
  const lines = []
  for (const bn of BYTELOGS) {
    let floors = 0; let floorsMet = 0; let heaps = 0; let heapsMet = 0
    const missed = []
    for (const [name, c] of Object.entries(result.cases)) {
      const t = TARGETS[name]
      if (c.pairs !== undefined || t === undefined) continue
      const p = fastestPino(c)
      const b = c.loggers[bn]
      if (t.floor !== undefined) {
        floors++
        if (p.f.p50 / b.p50 >= t.floor) floorsMet++
        else missed.push(`${name} ${ratio(p.f.p50 / b.p50)} (floor ${t.floor}×)`)
      }
      heaps++
      const ok = t.zero ? b.bytes < ZERO_BYTES : b.bytes < ZERO_BYTES || b.bytes <= p.f.bytes / 4
      if (ok) heapsMet++
      else missed.push(`${name} ${bytes(b.bytes)} B/call (${t.zero ? `< ${ZERO_BYTES}` : `≤ ${bytes(p.f.bytes / 4)}`})`)
    }
    lines.push(`- **${bn}**: floors met ${floorsMet} of ${floors}, heap targets met ${heapsMet} of ${heaps}.${missed.length > 0 ? ` Missed: ${missed.join('; ')}.` : ''}`)
  }
  return lines.join('\n')
}

function methodNotes (opts) {
  return [
    '### Method',
    '',
    '- Each case runs in processes of its own under plain `node` (no V8 flags): one writes the case\'s records per logger to files in a tmp dir and checks that they parse to the same JSON (time aside; bench/lib/check.mjs), and fails the run if not; then one process per logger times it writing to /dev/null (an fd of its own), so that the case\'s call site only ever sees one logger.',
    `- Rounds: each logger of a case is timed ${opts.rounds === 1 ? 'once' : `${opts.rounds} times, in processes of their own, the loggers in turn (in reverse order every other round)`}.${opts.rounds === 1 ? '' : ' The tables give each logger\'s round with the least p50, for pino and bytelog alike: this machine\'s speed wanders by up to 2x over tens of seconds with nothing else running on it (a build timed alone read 160 ns, then 350 ns, a minute apart), and interference only ever adds time. "rounds spread" is the greatest p50 of the rounds over the least. The heap figures are the first round\'s (the only one that measures the heap).'}`,
    `- Time: mitata \`measure()\` (its default gc 'once'), min_cpu_time ${opts.timeMs} ms, batches of 4096 calls (fewer for a call so slow that the budget would hold under ~24 batches). ns/call p50 and avg are mitata's (k = thousand). "× bytelog" is the logger's p50 over bytelog's (bytelog = the default async destination; in fields-event and event5, its event API). The request case's call is both of its records.`,
    '- Ratios: pino is timed in two setups, `sync: true, minLength: 4096` (pino-sync4k) and async `minLength: 4096` (pino-async4k); each case\'s ratio is taken against the faster of the two in that case ("faster pino"), as pino ÷ bytelog, for both of bytelog\'s setups, with issue 8\'s floor beside it.',
    '- B/call (bench/lib/heap.mjs, issue 8\'s definition): batches of 4096 calls, an event-loop turn (the async loggers drained in it) and a full GC between batches, v8 used_heap_size + malloced_memory after a batch less before it, per call. gc() is reached without --expose-gc on the command line: `v8.setFlagsFromString(\'--expose-gc\')` makes V8 install it in contexts made after, and `vm.runInNewContext(\'gc\')` takes it from one; that flag changes nothing but the presence of the function in new contexts, unlike --expose-gc or --no-concurrent-recompilation on the command line, which an app does not run with. Warm-up first: up to 131,072 calls, then batches until five in a row read the same (to 1 KiB a batch or 2%), at least 30 of them, at most 150, and the process at least 1.6 s old (bytelog\'s clock re-anchors once a second, and its first re-anchor deopts the call for a while: an app pays that once); then 16 measured batches, of which the median is shown. A batch during which a GC ran (v8.GCProfiler) is left out; a call that allocates so much that a GC runs inside batches of 4096 gets batches halved until one of three runs without (at least 16 calls). About 0.16 B/call of every figure is the harness\'s own (its getHeapStatistics() result and the turn, ~650 B a batch). Heap targets: basic, child, the ten-binding child and the five-field event under 1 B/call; every other case at most a quarter of the faster pino\'s B/call (or under 1 B).',
    '- Async loggers are drained (every accepted record written to the fd) every 4096 calls, between timed batches, never inside one: mitata computes (and awaits) a per-batch parameter before it starts the clock. Inside a batch the event loop does not turn, so an async logger holds what it accepts until the batch ends (at most 4096 records), as in a burst.',
    '- The limit: the finished bytes of the same records (bytelog\'s, captured in the check) copied into a 16 KiB slab, fs.writeSync() of the slab when full.',
    `- † marks a figure measured while other processes used more than ${CONTENDED} of a core on average (/proc/stat busy and steal time less the benchmark process's own CPU). Such a measurement is taken again, after a 2 s pause, up to ${MAX_TRIES} times while the runtime's run is under ${RETRY_WINDOW_MS / 1000} s old; the quietest is kept.`,
    '- bytelog is compiled from src/ into bench/out/bytelog-<pid> with the project\'s tsconfig (as dist/esm) at the start of the run.',
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
    '- As in the micro-benchmarks (see their Method): a check process first (each bytelog record must parse to the same JSON as the record of the pino given the same option, time aside), then one process per logger under plain `node`, a mitata time run ' +
      `(min_cpu_time ${opts.timeMs} ms) and the heap batches, async loggers drained between batches.`,
    '- bytelog: `createLogger({ ...option, destination: destination({ dest: fd }) })`, the default async destination. pino: `pino({ ...option }, pino.destination({ dest: fd, minLength: 4096 }))`, the suite\'s pino-async4k. With `transport`, neither has a destination: the transport is the only output, and the drain waits until the worker has read everything.',
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
  const argv = process.argv.slice(2)
  // --report: RESULTS.md's sections rebuilt from the last run's bench/out/bench.json.
  if (argv[0] === '--report') {
    const data = JSON.parse(fs.readFileSync(join(root, 'bench', 'out', 'bench.json'), 'utf8'))
    data.command ??= 'npm run bench'
    data.note ??= process.env.BENCH_NOTE ?? null
    report(data)
    return
  }
  const opts = await parseArgs(argv)
  const env = { ...process.env, BENCH_BYTELOG: buildBytelog() }
  const results = []
  for (const bin of opts.nodes) results.push(await runNode(bin, opts, env))
  const wall = (Date.now() - started) / 1000
  const { cpu, cores } = machine()
  const command = `npm run bench${argv.length > 0 ? ' -- ' + argv.join(' ') : ''}`
  const data = { started, wall, cpu, cores, load, opts, command, note: process.env.BENCH_NOTE ?? null, results }
  fs.mkdirSync(join(root, 'bench', 'out'), { recursive: true })
  fs.writeFileSync(join(root, 'bench', 'out', 'bench.json'), JSON.stringify(data, null, 2))
  report(data)
}

/** Prints the sections of a run and writes them to RESULTS.md. */
function report ({ started, wall, cpu, cores, load, opts, command, note, results }) {
  const micro = opts.cases.filter((name) => results[0].cases[name].pairs === undefined)
  const matrix = opts.cases.filter((name) => results[0].cases[name].pairs !== undefined)

  let text = null
  if (micro.length > 0) {
    const out = []
    out.push('## Micro-benchmarks (`npm run bench`)')
    out.push('')
    out.push(`Run ${new Date(started).toISOString()} on ${cpu} (${cores} cores; 1-minute load average ${load.toFixed(2)} at the start), ${results.map((r) => `Node ${r.version}`).join(' and ')}; wall time ${wall.toFixed(0)} s. Command: \`${command}\`.`)
    if (note) out.push('', note)
    for (const r of results) {
      out.push('')
      out.push(`### Node ${r.version}`)
      out.push('')
      out.push(fullTable(r))
      out.push('')
      out.push(`bytelog against the faster pino (p50) with issue 8's floors and heap targets, Node ${r.version}:`)
      out.push('')
      out.push(summaryTable(r))
    }
    for (const r of results) {
      out.push('')
      out.push(`### Targets, Node ${r.version}`)
      out.push('')
      out.push(targetLines(r))
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

  if (CASES.every((name) => opts.cases.includes(name))) {
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
