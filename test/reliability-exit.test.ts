/**
 * Reliability (issue 4), exit and crash: a process that logs 50,000 records and then
 * ends, in every way a process ends, has all of them in its file, whole and in order.
 * Each case runs test/fixtures/reliability/exit.mjs in a child process, in both
 * destination modes; the references are the file on disk, JSON.parse and the child's
 * exit code or signal.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const FIXTURE = join(ROOT, 'test', 'fixtures', 'reliability', 'exit.mjs')
const N = 50_000

let dir = ''

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'esm', 'index.js'))) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' })
  }
  dir = mkdtempSync(join(tmpdir(), 'bytelog-reliability-exit-'))
})

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
})

let fileNo = 0

type Mode = 'async' | 'sync'
type Pace = 'now' | 'ticks' | 'inflight'
type Target = 'file' | 'stdout'

const SLOW_READER = join(ROOT, 'test', 'fixtures', 'reliability', 'slow-reader.mjs')

/** How the child ended and what it printed. */
interface Outcome {
  status: number | null
  signal: NodeJS.Signals | null
  stderr: string
  error: Error | undefined
}

/**
 * Runs the fixture; `text` is what reached the file, or, for 'stdout', what came through
 * the pipe. A 'stdout' child runs under slow-reader.mjs, which reads its stdout 64 KiB at a
 * time with pauses (a log shipper slower than the app: 5 ms; 1 ms in sync mode, where
 * every record waits for the reader) and reports how it ended.
 */
function run (target: Target, mode: Mode, pace: Pace, way: string): { res: Outcome, text: string } {
  const file = join(dir, `${target}-${mode}-${pace}-${way}-${fileNo++}.log`)
  const args = [FIXTURE, mode, way, target === 'stdout' ? '-' : file, String(N), pace]
  const opts = { encoding: 'utf8' as const, timeout: 60_000, killSignal: 'SIGKILL' as const }
  const text = (): string => (existsSync(file) ? readFileSync(file, 'utf8') : '')
  if (target === 'file') {
    const r = spawnSync(process.execPath, args, opts)
    return { res: { status: r.status, signal: r.signal, stderr: r.stderr, error: r.error }, text: text() }
  }
  const r = spawnSync(process.execPath, [SLOW_READER, file, mode === 'async' ? '5' : '1', ...args], opts)
  let ended: { code: number | null, signal: NodeJS.Signals | null } = { code: -1, signal: null }
  try {
    ended = JSON.parse(r.stdout) as typeof ended
  } catch {
    // The reader did not report: r.error or its stderr says why.
  }
  return { res: { status: ended.code, signal: ended.signal, stderr: r.stderr, error: r.error ?? (r.status === 0 ? undefined : new Error(`slow-reader.mjs ended with ${r.status} ${r.signal}: ${r.stdout}`)) }, text: text() }
}

/** A record as the checks read it. */
interface Rec { level?: unknown, i?: unknown, msg?: unknown }

/** A line that JSON.parse rejected. */
const NOT_JSON = Symbol('not JSON')

/**
 * The lines of `text` (without its last newline) and each line parsed, or NOT_JSON:
 * expectRecords parses the output once for both damage() and problem().
 */
function parseLines (text: string): { lines: string[], recs: Array<Rec | typeof NOT_JSON> } {
  const lines = text === '' ? [] : text.slice(0, -1).split('\n')
  const recs = lines.map((line): Rec | typeof NOT_JSON => {
    try {
      return JSON.parse(line) as Rec
    } catch {
      return NOT_JSON
    }
  })
  return { lines, recs }
}

/**
 * The first thing wrong with the file, or null: every line must parse, records
 * i = 0..n-1 come in order, then the `extra` records (matched by level and msg), and
 * nothing else. A missing or repeated record is named by its number.
 */
function problem (text: string, n: number, extra: Array<{ level: number, msg: string }> = [], parsed = parseLines(text)): string | null {
  if (text.length === 0) return 'the file is empty'
  if (!text.endsWith('\n')) return `the file does not end with a newline (a half-written record): ...${JSON.stringify(text.slice(-60))}`
  const { lines, recs } = parsed
  for (let k = 0; k < lines.length; k++) {
    const rec = recs[k]!
    if (rec === NOT_JSON) return `line ${k + 1} is not JSON: ${JSON.stringify(lines[k]!.slice(0, 120))}`
    if (k < n) {
      if (rec.i !== k || rec.msg !== 'record' || rec.level !== 30) {
        return `line ${k + 1}: expected record i=${k}, got ${JSON.stringify(lines[k]!.slice(0, 120))} (${lines.length} lines in all)`
      }
    } else if (k - n < extra.length) {
      const want = extra[k - n]!
      if (rec.level !== want.level || rec.msg !== want.msg) {
        return `line ${k + 1}: expected ${JSON.stringify(want)}, got ${JSON.stringify(lines[k]!.slice(0, 120))}`
      }
    } else {
      return `line ${k + 1}: unexpected extra record ${JSON.stringify(lines[k]!.slice(0, 120))}`
    }
  }
  if (lines.length < n + extra.length) {
    return `only ${lines.length} of ${n + extra.length} records in the file; the last one is ${JSON.stringify(lines[lines.length - 1]!.slice(0, 120))}`
  }
  return null
}

/**
 * What is wrong with the records as a set, or null: every line must be a whole record
 * and each of i = 0..n-1 (and each `extra`) must be there exactly once, in any order.
 */
function damage (text: string, n: number, extra: Array<{ level: number, msg: string }> = [], parsed = parseLines(text)): string | null {
  if (text.length > 0 && !text.endsWith('\n')) return `the output does not end with a newline (a half-written record): ...${JSON.stringify(text.slice(-60))}`
  const { lines, recs } = parsed
  const seen = new Uint8Array(n)
  const extras = new Array<number>(extra.length).fill(0)
  for (let k = 0; k < lines.length; k++) {
    const rec = recs[k]!
    if (rec === NOT_JSON) return `line ${k + 1} is not JSON (records cut and spliced): ${JSON.stringify(lines[k]!.slice(0, 160))}`
    const x = extra.findIndex((e) => e.level === rec.level && e.msg === rec.msg)
    if (x >= 0) {
      extras[x]!++
    } else if (typeof rec.i === 'number' && rec.i >= 0 && rec.i < n && rec.msg === 'record' && seen[rec.i] === 0) {
      seen[rec.i] = 1
    } else {
      return `line ${k + 1}: unexpected or repeated record ${JSON.stringify(lines[k]!.slice(0, 160))}`
    }
  }
  const missing: number[] = []
  for (let i = 0; i < n && missing.length < 5; i++) if (seen[i] === 0) missing.push(i)
  if (missing.length > 0) return `records missing, the first: ${missing.join(', ')} (${lines.length} lines in all)`
  if (extras.some((c) => c !== 1)) return `expected once each: ${JSON.stringify(extra)}, counts ${JSON.stringify(extras)}`
  return null
}

/** Every record whole and there once (damage), then in order (problem). */
function expectRecords (text: string, n: number, extra: Array<{ level: number, msg: string }> = []): void {
  const parsed = parseLines(text)
  expect(damage(text, n, extra, parsed), 'whole records, each once').toBeNull()
  expect(problem(text, n, extra, parsed), 'in order').toBeNull()
}

/** How the process ended and what it printed on stderr, to make a failure readable. */
function outputOf (res: Outcome): string {
  return `status=${res.status} signal=${res.signal} error=${res.error?.message ?? ''}\nstderr: ${res.stderr.slice(0, 1500)}`
}

const CASES: Array<[Target, Mode, Pace]> = [
  ['file', 'async', 'now'],
  ['file', 'async', 'ticks'],
  ['file', 'sync', 'now'],
  ['stdout', 'async', 'now'],
  ['stdout', 'async', 'ticks'],
  ['stdout', 'async', 'inflight'],
  ['stdout', 'sync', 'ticks'],
]

// 'now': the records are logged in the first tick, then the process ends. 'ticks': they
// are logged 1,000 per tick, as a running app logs, so writes are under way when the end
// comes. 'inflight': as 'ticks', and the end comes right after sonic-boom has started a
// write (on a pipe, the async path hands slabs to sonic-boom). 'stdout': the destination
// is fd 1, a pipe read by a reader slower than the app.
describe.each(CASES)('exit and crash: %s, %s destination, records logged %s', (target, mode, pace) => {
  test('the program returns normally: exit code 0, all records', () => {
    const { res, text } = run(target, mode, pace, 'return')
    expect(res.error, outputOf(res)).toBeUndefined()
    expect(res.status, outputOf(res)).toBe(0)
    expect(res.signal).toBeNull()
    expectRecords(text, N)
  })

  test('process.exit(3): exit code 3, all records', () => {
    const { res, text } = run(target, mode, pace, 'exit3')
    expect(res.status, outputOf(res)).toBe(3)
    expect(res.signal).toBeNull()
    expectRecords(text, N)
  })

  test('an uncaught exception: exit code 1, Node prints the error, all records', () => {
    const { res, text } = run(target, mode, pace, 'throw')
    expect(res.status, outputOf(res)).toBe(1)
    expect(res.signal).toBeNull()
    expect(res.stderr).toContain('boom: uncaught in the fixture')
    expectRecords(text, N)
  })

  test('an unhandled rejection: exit code 1, Node prints the error, all records', () => {
    const { res, text } = run(target, mode, pace, 'reject')
    expect(res.status, outputOf(res)).toBe(1)
    expect(res.signal).toBeNull()
    expect(res.stderr).toContain('boom: rejected in the fixture')
    expectRecords(text, N)
  })

  test('SIGTERM with no handler of the app: dies by SIGTERM, all records', () => {
    const { res, text } = run(target, mode, pace, 'sigterm')
    expect(res.signal, outputOf(res)).toBe('SIGTERM')
    expect(res.status).toBeNull()
    expectRecords(text, N)
  })

  test('SIGINT with no handler of the app: dies by SIGINT, all records', () => {
    const { res, text } = run(target, mode, pace, 'sigint')
    expect(res.signal, outputOf(res)).toBe('SIGINT')
    expect(res.status).toBeNull()
    expectRecords(text, N)
  })

  test('log.fatal() then process.exit(1): exit code 1, all records then the fatal one', () => {
    const { res, text } = run(target, mode, pace, 'fatal')
    expect(res.status, outputOf(res)).toBe(1)
    expect(res.signal).toBeNull()
    expectRecords(text, N, [{ level: 60, msg: 'fatal: going down' }])
  })

  // The app has a SIGTERM handler of its own (the title, then the fixture's ending).
  test.each([
    ['the app has a SIGTERM handler that flushes and exits 0: its handler decides, all records', 'handler-exit'],
    ['the app has a SIGTERM handler that lets the program run on: not killed, ends normally, all records', 'handler-continue'],
    ['the app added its SIGTERM handler before the logger was made: same', 'handler-first'],
  ] as const)('%s', (_title, ending) => {
    const { res, text } = run(target, mode, pace, ending)
    expect(res.signal, outputOf(res)).toBeNull()
    expect(res.status, outputOf(res)).toBe(0)
    expect(res.stderr).toBe('handled SIGTERM\n')
    expectRecords(text, N)
  })
})
