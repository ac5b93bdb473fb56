/**
 * Reliability (issue 4), slow readers and failing destinations, each in a child process:
 * - a writer logging 200,000 records of mixed sizes to a pipe that the test reads slowly
 *   gets every record through whole and in order, in async and sync mode; in async mode
 *   the writer's event loop delay (p99) is measured and reported (not asserted: timing);
 * - with maxLength and a reader that has stopped, the destination never holds more than
 *   maxLength bytes, drops whole records, counts them, and reports them in one warning
 *   record once the reader catches up;
 * - a destination whose fd is closed (EBADF) or whose reader went away (EPIPE) emits
 *   'error' to the app's listener, or (EBADF only) a process warning without one, and log
 *   calls go on without throwing; `dropped` counts exactly the records that did not reach
 *   the pipe;
 * - memory: after one 10 MB record the pool's idle slabs and the heap (after gc) are back
 *   within 1 MB, and 1,000,000 records do not grow the heap by more than 1 MB.
 * References: JSON.parse, the bytes that came through the pipe or reached the file, the
 * child's exit code, process.memoryUsage() after gc().
 */
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import { message } from './fixtures/reliability/sizes.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const FIXTURES = join(ROOT, 'test', 'fixtures', 'reliability')

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'esm', 'index.js'))) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' })
  }
})

type Child = ChildProcessByStdio<null, Readable, Readable>

function start (fixture: string, args: string[]): Child {
  return spawn(process.execPath, [join(FIXTURES, fixture), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
}

interface Ended { code: number | null, signal: NodeJS.Signals | null, stderr: string }

/** Collects stderr and resolves when the child has exited; kills it after `ms`. */
function ended (child: Child, ms: number): Promise<Ended> {
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stderr })
    })
  })
}

/**
 * Reads the stream slowly: after each chunk (at most 64 KiB, what one read of the pipe
 * returns) the stream is paused for `pauseMs`, so the pipe fills and the writer must wait.
 */
function readSlowly (stream: Readable, pauseMs: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    stream.on('data', (c: Buffer) => {
      chunks.push(c)
      stream.pause()
      setTimeout(() => stream.resume(), pauseMs)
    })
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

/** The stderr line of the child that is a JSON report (the last line starting with "{"). */
function report (stderr: string): Record<string, unknown> {
  const line = stderr.split('\n').filter((l) => l.startsWith('{')).pop()
  if (line === undefined) throw new Error(`no report from the child; stderr: ${stderr.slice(0, 2000)}`)
  return JSON.parse(line) as Record<string, unknown>
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Splits output into lines; it must be valid UTF-8 and end with a newline (or be empty). */
function linesOf (bytes: Buffer): string[] {
  const text = strictUtf8.decode(bytes)
  if (text === '') return []
  expect(text.endsWith('\n'), `output ends in a partial record: ...${JSON.stringify(text.slice(-80))}`).toBe(true)
  return text.slice(0, -1).split('\n')
}

describe('a slow reader', () => {
  const N = 200_000

  test.each(['async', 'sync'] as const)('%s: 200,000 records of 10 B to 20 KB all arrive, whole and in order', async (mode) => {
    const child = start('slow-writer.mjs', [mode, String(N)])
    const [out, end] = await Promise.all([readSlowly(child.stdout, 1), ended(child, 120_000)])
    expect(end.code, end.stderr).toBe(0)
    const lines = linesOf(out)
    let bad: string | null = null
    for (let k = 0; k < lines.length && bad === null; k++) {
      let rec: { level?: unknown, i?: unknown, len?: unknown, msg?: unknown }
      try {
        rec = JSON.parse(lines[k]!) as typeof rec
      } catch {
        bad = `line ${k + 1} is not JSON: ${JSON.stringify(lines[k]!.slice(0, 200))}`
        break
      }
      const want = message(k)
      if (rec.i !== k || rec.level !== 30 || rec.len !== want.length || rec.msg !== want) {
        bad = `line ${k + 1}: expected record ${k} (message of ${want.length} chars), got ${JSON.stringify(lines[k]!.slice(0, 200))}`
      }
    }
    expect(bad).toBeNull()
    expect(lines.length).toBe(N)
    const r = report(end.stderr)
    expect(r.error).toBeNull()
    // Measured, and reported; no bound is asserted (timing depends on the machine).
    expect(typeof r.p99Ms).toBe('number')
    expect(Number.isFinite(r.p99Ms as number) && (r.p99Ms as number) > 0).toBe(true)
    expect(r.count as number).toBeGreaterThan(0)
    console.log(`[reliability] slow reader, ${mode} mode, Node ${process.version}: ${(out.length / 1e6).toFixed(1)} MB; writer event loop delay p99 ${(r.p99Ms as number).toFixed(2)} ms (max ${(r.maxMs as number).toFixed(2)} ms, ${String(r.count)} samples); writer logged in ${Math.round(r.loggedMs as number)} ms, flushed at ${Math.round(r.elapsedMs as number)} ms; most bytes buffered ${String(r.maxBuffered)}`)
  }, 120_000)
})

const MAX_LENGTH = 1024 * 1024

interface MaxLengthReport {
  logged: number
  maxBuffered: number
  over: number
  threw: number
  dropped: number
  loggerDropped: number
  droppedAtPause: number
  flushErr: string
}

/**
 * Checks what arrived from maxlength.mjs: every line whole JSON; records in increasing
 * order, each whole (its message is its digit repeated `len` times); exactly one warning
 * record, for the drops before the pause, written before the records logged after it
 * (i >= n); and records + dropped = logged.
 */
function checkMaxLengthOutput (lines: string[], r: MaxLengthReport, n: number): void {
  let prev = -1
  let records = 0
  const warnings: Array<{ at: number, rec: Record<string, unknown> }> = []
  let firstAfter = -1
  for (let k = 0; k < lines.length; k++) {
    let rec: Record<string, unknown>
    try {
      rec = JSON.parse(lines[k]!) as Record<string, unknown>
    } catch {
      throw new Error(`line ${k + 1} is not JSON (a record cut short?): ${JSON.stringify(lines[k]!.slice(0, 200))}`)
    }
    if (rec.level === 40) {
      warnings.push({ at: k, rec })
      continue
    }
    const i = rec.i as number
    const msg = rec.msg as string
    expect(rec.level).toBe(30)
    expect(i, `line ${k + 1}: records out of order`).toBeGreaterThan(prev)
    expect(msg.length, `record ${i} is not whole`).toBe(rec.len)
    expect(msg === String(i % 10).repeat(rec.len as number), `record ${i}'s message is corrupted`).toBe(true)
    if (i >= n && firstAfter < 0) firstAfter = k
    prev = i
    records++
  }
  expect(warnings.length, `warning records: ${JSON.stringify(warnings)}`).toBe(1)
  const w = warnings[0]!.rec
  expect(w.dropped).toBe(r.droppedAtPause)
  expect(typeof w.time).toBe('number')
  expect(w.msg).toMatch(new RegExp(`^bytelog: ${r.droppedAtPause} records dropped`))
  expect(firstAfter, 'the records logged after the reader caught up all arrived').toBeGreaterThan(-1)
  expect(warnings[0]!.at, 'the warning comes once the reader has caught up, before the later records').toBeLessThan(firstAfter)
  expect(records + r.dropped).toBe(r.logged)
}

describe('maxLength', () => {
  const n = 2000

  test('a reader that has stopped: never more than maxLength buffered, whole records dropped and counted, one warning once it catches up', async () => {
    const child = start('maxlength.mjs', [String(n)])
    // Read nothing until the writer has logged everything; then read at full speed.
    const reading = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = []
      child.stderr.on('data', (d: Buffer) => {
        if (d.toString().includes('stopped-reader-done')) {
          child.stdout.on('data', (c: Buffer) => chunks.push(c))
        }
      })
      child.stdout.on('end', () => resolve(Buffer.concat(chunks)))
      child.stdout.on('error', reject)
    })
    const [out, end] = await Promise.all([reading, ended(child, 60_000)])
    expect(end.code, end.stderr).toBe(0)
    const r = report(end.stderr) as unknown as MaxLengthReport
    expect(r.threw).toBe(0)
    expect(r.flushErr).toBe('')
    // dest.buffered was checked after every call.
    expect(r.over).toBe(0)
    expect(r.maxBuffered).toBeLessThanOrEqual(MAX_LENGTH)
    // The pipe was full: records were dropped, all while it was (none once it caught up).
    expect(r.droppedAtPause).toBeGreaterThan(1)
    expect(r.dropped).toBe(r.droppedAtPause)
    expect(r.loggerDropped).toBe(r.dropped)
    checkMaxLengthOutput(linesOf(out), r, n)
  }, 60_000)

  test('a file: a record bigger than maxLength by itself is dropped whole, counted and reported by one warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bytelog-reliability-maxlength-'))
    try {
      const file = join(dir, 'out.log')
      const child = start('maxlength.mjs', [String(n), file])
      child.stdout.resume()
      const end = await ended(child, 60_000)
      expect(end.code, end.stderr).toBe(0)
      const r = report(end.stderr) as unknown as MaxLengthReport
      expect(r.threw).toBe(0)
      expect(r.over).toBe(0)
      expect(r.maxBuffered).toBeLessThanOrEqual(MAX_LENGTH)
      // Record 5 (2 MiB) cannot fit; a file takes everything else.
      expect(r.dropped).toBe(1)
      expect(r.loggerDropped).toBe(1)
      checkMaxLengthOutput(linesOf(readFileSync(file)), r, n)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

interface FailReport {
  errors: string[]
  threw: number
  dropped: number
  loggerDropped: number
  failed: boolean
  after: number
  alive: boolean
}

/**
 * What both failures must show: the app alive, no throw, the destination failed, and the
 * error reported once either way, to the listener or as a process warning.
 */
function expectReported (r: FailReport, stderr: string, listen: 'listener' | 'none', code: string): void {
  expect(r.alive).toBe(true)
  expect(r.threw).toBe(0)
  expect(r.failed).toBe(true)
  if (listen === 'listener') {
    expect(r.errors.length).toBeGreaterThan(0)
    expect(r.errors.every((c) => c === code), JSON.stringify(r.errors)).toBe(true)
    expect(stderr).not.toContain('BytelogWarning')
  } else if (code === 'EPIPE') {
    // A reader that closed the pipe is normal for a CLI (`app | head -1`): no warning, as pino.
    expect(stderr).not.toContain('BytelogWarning')
  } else {
    expect(stderr).toContain('BytelogWarning')
    expect(stderr).toContain(code)
  }
}

describe.each(['async', 'sync'] as const)('a failing destination, %s mode', (mode) => {
  test.each(['listener', 'none'] as const)('EBADF (fd closed under it), error listener: %s', async (listen) => {
    const dir = mkdtempSync(join(tmpdir(), 'bytelog-reliability-ebadf-'))
    try {
      const file = join(dir, 'out.log')
      const child = start('failing.mjs', ['ebadf', listen, mode, file])
      child.stdout.resume()
      const end = await ended(child, 30_000)
      expect(end.code, end.stderr).toBe(0)
      expect(end.signal).toBeNull()
      const r = report(end.stderr) as unknown as FailReport
      expectReported(r, end.stderr, listen, 'EBADF')
      // Every record logged after the close is lost, and counted.
      expect(r.dropped).toBe(r.after)
      expect(r.loggerDropped).toBe(r.dropped)
      // The record before the close is in the file, whole.
      const lines = linesOf(readFileSync(file))
      expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['first record'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  test.each(['listener', 'none'] as const)('EPIPE (the reader went away), error listener: %s', async (listen) => {
    const child = start('failing.mjs', ['epipe', listen, mode])
    let first = ''
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString()
      child.stdout.destroy()
    })
    const end = await ended(child, 30_000)
    expect(end.code, end.stderr).toBe(0)
    expect(end.signal).toBeNull()
    expect((JSON.parse(first.split('\n')[0]!) as { msg: string }).msg).toBe('first record')
    const r = report(end.stderr) as unknown as FailReport
    expectReported(r, end.stderr, listen, 'EPIPE')
    // Records the pipe took before the reader left are gone without a trace; the rest
    // are counted.
    expect(r.dropped).toBeGreaterThan(0)
    expect(r.dropped).toBeLessThanOrEqual(r.after)
    expect(r.loggerDropped).toBe(r.dropped)
  }, 30_000)
})

/** Runs a shell pipeline from the fixtures directory; resolves with its stderr. */
function shell (line: string, ms = 60_000): Promise<Ended> {
  const child = spawn('sh', ['-c', line], { cwd: FIXTURES, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE: process.execPath } })
  child.stdout.resume()
  return ended(child, ms)
}

describe.each(['async', 'sync'] as const)('a reader that leaves early, %s mode', (mode) => {
  test('a reader that takes 65,536 bytes and exits: dropped counts only the records that did not reach the pipe', async () => {
    const end = await shell(`"$NODE" dropped.mjs ${mode} 100000 | head -c 65536 > /dev/null`)
    expect(end.code, end.stderr).toBe(0)
    const r = report(end.stderr) as { n: number, bytes: number, len: number, dropped: number, loggerDropped: number, flushErr: string, threw: number }
    expect(r.threw).toBe(0)
    expect(r.flushErr).toBe('EPIPE')
    // What the kernel took (counted around fs.writeSync), in records of equal length.
    expect(r.bytes).toBeGreaterThanOrEqual(65_536)
    expect(r.dropped).toBe(r.n - Math.floor(r.bytes / r.len))
    expect(r.loggerDropped).toBe(r.dropped)
    expect(end.stderr).not.toContain('BytelogWarning')
  }, 60_000)

  test('`app | head -1`: the first record comes out, no warning, the rest counted in dropped', async () => {
    const child = spawn('sh', ['-c', `"$NODE" failing.mjs epipe none ${mode} | head -1`], { cwd: FIXTURES, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE: process.execPath } })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d })
    const end = await ended(child, 30_000)
    expect(end.code, end.stderr).toBe(0)
    expect((JSON.parse(out) as { msg: string }).msg).toBe('first record')
    expect(end.stderr).not.toContain('BytelogWarning')
    expect(end.stderr).not.toContain('EPIPE')
    const r = report(end.stderr) as unknown as FailReport
    expect(r.threw).toBe(0)
    expect(r.dropped).toBeGreaterThan(0)
    expect(r.dropped).toBeLessThanOrEqual(r.after)
  }, 30_000)
})

interface MemPoint { retained: number, heap: number, arrayBuffers: number }
interface MemReport { big: { before: MemPoint, after: MemPoint }, many: { first: MemPoint, last: MemPoint } }

const MB = 1024 * 1024

describe.each([
  ['file', 'async'],
  ['file', 'sync'],
  ['stdout', 'async'],
  ['stdout', 'sync'],
] as const)('memory (%s, %s mode)', (target, mode) => {
  test('after one 10 MB record the pool and the heap are back within 1 MB; 1,000,000 records do not grow the heap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bytelog-reliability-memory-'))
    try {
      const file = target === 'file' ? join(dir, 'out.log') : '-'
      const child = spawn(process.execPath, ['--expose-gc', join(FIXTURES, 'memory.mjs'), file, mode], { stdio: ['ignore', 'pipe', 'pipe'] })
      let outBytes = 0
      child.stdout.on('data', (c: Buffer) => { outBytes += c.length })
      const end = await ended(child, 60_000)
      expect(end.code, end.stderr).toBe(0)
      const r = report(end.stderr) as unknown as MemReport
      const { before, after } = r.big
      const { first, last } = r.many
      expect(Math.abs(after.retained - before.retained), JSON.stringify(r.big)).toBeLessThanOrEqual(MB)
      expect(Math.abs(after.heap - before.heap), JSON.stringify(r.big)).toBeLessThanOrEqual(MB)
      expect(last.heap - first.heap, JSON.stringify(r.many)).toBeLessThanOrEqual(MB)
      expect(Math.abs(last.retained - first.retained), JSON.stringify(r.many)).toBeLessThanOrEqual(MB)
      // The records were written (the test measured a logger that worked).
      const written = target === 'file' ? readFileSync(file).length : outBytes
      expect(written).toBeGreaterThan(1_060_000 * 60)
      console.log(`[reliability] memory, ${target} ${mode}, Node ${process.version}: 10 MB record: pool ${before.retained} -> ${after.retained} B, heap ${before.heap} -> ${after.heap} B, arrayBuffers ${before.arrayBuffers} -> ${after.arrayBuffers} B; 1,000,000 records: heap ${first.heap} -> ${last.heap} B`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
