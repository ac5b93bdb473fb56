// One step of the benchmark suite, run by scripts/bench.mjs in a process of its own:
//
//   node bench/run.mjs check <case> <dir>
//     every logger writes the case's record to <dir>/<logger>.ndjson; the records are
//     compared (see lib/check.mjs) and bytelog's is kept as <dir>/record for the limit.
//     Prints {"sizes":[...]} or exits 1 with the difference.
//   node bench/run.mjs time <case> <logger> <dir> <timeMs> [time-only]
//     times the case's operation with that one logger writing to /dev/null, then (unless
//     time-only) measures its heap bytes per call. Prints the figures as one JSON line.
//
// Plain `node`, no V8 flags: the heap figures are an app's (bench/lib/heap.mjs reaches gc()
// without --expose-gc).
//
// One process per logger: the case's call site (`() => log.info(...)`) then only ever sees
// one logger, as in an application, rather than going megamorphic over all of them, and no
// logger's garbage is left for the next one's GC.
import * as fs from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compareRecords, RecordMismatch } from './lib/check.mjs'
import { ownCpuMs } from './lib/cpu.mjs'
import { LOGGERS } from './lib/loggers.mjs'
import { measureOp } from './lib/measure.mjs'

/** The cases `npm run bench` runs, in table order: issue 8's list. */
export const CASES = [
  'basic', 'child', 'context', 'object', 'fields', 'fields-event', 'event5', 'error', 'request',
  'ascii', 'mixed', 'deep-object', 'multi-arg', 'child-creation', 'disabled',
]

/**
 * Cases run only when named: pino's child-child and random-bytes long-string workloads, and
 * the options case, which brings its own loggers (a pino/bytelog pair per option) and has
 * its own section of RESULTS.md (`npm run bench:options`).
 */
export const EXTRA_CASES = ['child-child', 'long-string', 'options']

const ALL_CASES = [...CASES, ...EXTRA_CASES]

export async function loadCase (name) {
  if (!ALL_CASES.includes(name)) throw new Error(`unknown case ${JSON.stringify(name)}; cases: ${ALL_CASES.join(', ')}`)
  return (await import(new URL(`./${name}.bench.mjs`, import.meta.url).href)).default
}

/**
 * The loggers a case runs: all of them, less the limit where a case writes nothing per call;
 * or the case's own (`spec.loggers`, in table order), each with the name of the logger its
 * record is checked against (`ref`; see lib/check.mjs).
 */
export function loggersOf (spec, { peers = true } = {}) {
  if (spec.loggers !== undefined) return spec.loggers
  return LOGGERS.filter((l) => (l.kind !== 'limit' || spec.limit !== false) && (peers || l.peer !== true))
}

function opFor (spec, logger, log) {
  if (logger.kind === 'limit') return log
  const make = spec.op[logger.name] ?? spec.op[logger.kind] ?? spec.op.default
  return make(log)
}

function captureFor (spec, logger, log) {
  const make = spec.capture?.[logger.name] ?? spec.capture?.[logger.kind] ?? spec.capture?.default
  if (make !== undefined && logger.kind !== 'limit') return () => make(log)
  return opFor(spec, logger, log)
}

async function check (caseName, dir) {
  const spec = await loadCase(caseName)
  const captures = []
  let record = null
  for (const logger of loggersOf(spec)) {
    const file = join(dir, `${logger.name}.ndjson`)
    fs.writeFileSync(file, '')
    if (logger.kind === 'limit') {
      if (record === null) throw new Error('the limit needs bytelog\'s record first')
      fs.writeFileSync(join(dir, 'record'), record)
    }
    const inst = await logger.create(file, record)
    captureFor(spec, logger, inst.log)()
    await inst.close()
    const text = fs.readFileSync(file, 'utf8')
    if (logger.name === 'bytelog') record = Buffer.from(text)
    captures.push({ name: logger.name, kind: logger.kind, ref: logger.ref, text })
  }
  return { sizes: compareRecords(caseName, captures, spec) }
}

async function time (caseName, loggerName, dir, timeMs, heap) {
  const spec = await loadCase(caseName)
  const logger = loggersOf(spec).find((l) => l.name === loggerName)
  if (logger === undefined) throw new Error(`case ${caseName} has no logger ${loggerName}`)
  const record = logger.kind === 'limit' ? fs.readFileSync(join(dir, 'record')) : undefined
  const inst = await logger.create('/dev/null', record)
  const op = opFor(spec, logger, inst.log)
  const figures = await measureOp(op, inst.drain, { timeMs, heap, label: `${caseName}/${loggerName}` })
  await inst.close()
  return { ...figures, cpuMs: ownCpuMs() }
}

async function main () {
  const [mode, ...args] = process.argv.slice(2)
  let out
  if (mode === 'check') out = await check(args[0], args[1])
  else if (mode === 'time') out = await time(args[0], args[1], args[2], Number(args[3]), args[4] !== 'time-only')
  else throw new Error('usage: run.mjs check <case> <dir> | time <case> <logger> <dir> <timeMs> [time-only]')
  process.stdout.write(JSON.stringify(out) + '\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof RecordMismatch ? `RECORD MISMATCH: ${err.message}` : err)
    process.exit(1)
  })
}
