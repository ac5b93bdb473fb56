/**
 * Shared test helpers: a capture destination, pino as the reference, tmp files, time
 * normalisation and child-process fixtures.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { createLogger, type Logger, type LoggerOptions } from '../src/index.js'

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The built ESM entry, which child-process fixtures import. */
export const DIST_ESM = join(ROOT, 'dist', 'esm', 'index.js')

/** What a capture destination received: one chunk per record. */
export interface Capture {
  /** The chunks exactly as handed to write(). */
  readonly chunks: Uint8Array[]
  /** Each chunk decoded as UTF-8 (one record, "\n" included). */
  readonly lines: string[]
  /** A writer for createLogger's `destination` option. */
  readonly destination: { write (chunk: Uint8Array): void }
  /** Every record parsed with JSON.parse. */
  records (): Array<Record<string, unknown>>
  /** Forgets everything captured so far. */
  clear (): void
}

/** A destination that keeps every chunk it is given. */
export function capture (): Capture {
  const chunks: Uint8Array[] = []
  const lines: string[] = []
  return {
    chunks,
    lines,
    destination: {
      write (chunk: Uint8Array): void {
        chunks.push(chunk)
        lines.push(decodeUtf8(chunk))
      },
    },
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    clear (): void {
      chunks.length = 0
      lines.length = 0
    },
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes a record as UTF-8. Bytes that are not valid UTF-8 come back as a marker line
 * (never valid JSON, never equal to pino's output), so that comparing decoded lines is
 * comparing bytes.
 */
export function decodeUtf8 (chunk: Uint8Array): string {
  try {
    return strictUtf8.decode(chunk)
  } catch {
    return `<invalid UTF-8: ${Buffer.from(chunk).toString('hex')}>`
  }
}

/** A bytelog logger writing to a fresh capture. */
export function captured (opts: Omit<LoggerOptions, 'destination'> = {}): { log: Logger, out: Capture } {
  const out = capture()
  return { log: createLogger({ ...opts, destination: out.destination }), out }
}

/** A pino logger writing its lines (strings) into `lines`. */
export function pinoCapture (opts: pino.LoggerOptions = {}): { log: pino.Logger, lines: string[] } {
  const lines: string[] = []
  const log = pino(opts, { write (s: string): void { lines.push(s) } })
  return { log, lines }
}

export type LevelMethod = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'

/** Options both loggers understand, spelled the same way. */
export interface SharedOptions {
  level?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent'
  name?: string
  base?: Record<string, unknown> | null
  messageKey?: string
  errorKey?: string
}

/** Calls `method(...args)` on a pino logger (shaped by `shape`) and returns its lines. */
export function pinoLines (args: readonly unknown[], opts: SharedOptions = {}, shape: (l: any) => any = (l) => l, method: LevelMethod = 'info'): string[] {
  const { log, lines } = pinoCapture(opts as pino.LoggerOptions)
  const target = shape(log)
  ;(target[method] as (...a: unknown[]) => void)(...args)
  return lines
}

/** The same call on a bytelog logger. */
export function bytelogLines (args: readonly unknown[], opts: SharedOptions = {}, shape: (l: any) => any = (l) => l, method: LevelMethod = 'info'): string[] {
  const { log, out } = captured(opts)
  const target = shape(log)
  ;(target[method] as (...a: unknown[]) => void)(...args)
  return out.lines
}

/**
 * Replaces the value of the record's "time" field with 0. Only the header's time (right
 * after "level") is touched, so a user field named "time" is left as it is.
 */
export function normalizeTime (line: string): string {
  return line.replace(/^(\{"level":\d+,"time":)(?:-?\d+|"(?:[^"\\]|\\.)*")/, '$10')
}

/** Temporary directories made by tmpDir(), removed by cleanupTmp(). */
const tmpDirs: string[] = []

/** A fresh empty directory under the OS tmpdir. */
export function tmpDir (): string {
  const d = mkdtempSync(join(tmpdir(), 'bytelog-test-'))
  tmpDirs.push(d)
  return d
}

/** A path for a file that does not exist yet, in a fresh tmp directory. */
export function tmpFile (name = 'out.log'): string {
  return join(tmpDir(), name)
}

/** Removes every directory tmpDir() made (call from afterAll). */
export function cleanupTmp (): void {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

/** Builds dist/ (once) if dist/esm/index.js is missing. */
export function ensureBuilt (): void {
  if (existsSync(DIST_ESM)) return
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' })
}

export interface ChildResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Runs an ES module `source` in a child process of this same Node binary. The source may
 * import `BYTELOG` (the placeholder is replaced with the file URL of dist/esm/index.js).
 */
export function runChild (source: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  const url = new URL(`file://${DIST_ESM}`).href
  const code = source.replaceAll('BYTELOG', url)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, '--', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d })
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

/** Splits file or stream text into records; asserts it ends with a newline. */
export function splitLines (text: string): string[] {
  if (text === '') return []
  if (!text.endsWith('\n')) throw new Error(`output does not end with a newline: ...${JSON.stringify(text.slice(-80))}`)
  return text.slice(0, -1).split('\n')
}
