/**
 * pino transports: modules written for pino (most with pino-abstract-transport) run in a
 * worker thread and are fed bytelog's lines, as pino feeds them.
 *
 * The worker and its shared-memory ring are thread-stream's, the package pino itself uses,
 * so a transport sees the same environment under bytelog as under pino: its options as
 * workerData, `pinoWillSendConfig`, and the PINO_CONFIG message with levels, messageKey
 * and errorKey. On the main thread records still collect in a pooled slab; once per tick
 * the slab's bytes are copied into the thread stream (it keeps what it is given until the
 * worker's ring has room, so the slab itself is never handed over).
 *
 * At exit the destination flushes synchronously and ends the worker, which blocks until
 * every target has closed (see Destination.exitSync).
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ThreadStream from 'thread-stream'
import { Destination, type BatchWriter } from './destination/index.js'
import type { PoolOptions } from './pool.js'

export interface TransportTarget {
  /** A module name, an absolute path or a file: URL. Names resolve from the app. */
  target: string
  /** Given to the transport's function (its workerData). */
  options?: Record<string, unknown>
  /** The least level this target receives: a name or a number. Default: every record. */
  level?: string | number
}

export interface TransportOptions extends PoolOptions {
  /** One transport... */
  target?: string
  options?: Record<string, unknown>
  /** ...or several, each with its own least level ('info' when not given, as in pino). */
  targets?: TransportTarget[]
  /** With targets: each record only to the matching target(s) of the highest level. */
  dedupe?: boolean
  /** Hand each record to the worker before the call returns. Default false. */
  sync?: boolean
  /** Options for the Worker (env, resourceLimits...). */
  worker?: Record<string, unknown>
}

/** What the worker needs to know of the logger; given by createLogger. */
export interface TransportConfig {
  /** Level name to value, custom levels included. */
  levels: Record<string, number>
  messageKey: string
  errorKey: string
}

const DEFAULT_CONFIG: TransportConfig = {
  levels: { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 },
  messageKey: 'msg',
  errorKey: 'err',
}

// Where this module is. The CommonJS build has no import.meta: scripts/build.mjs puts the
// URL of this file's ESM twin in its place, so both formats start the ESM worker (whose
// dynamic import() loads ESM and CommonJS transports alike).
// @ts-ignore TS1343: import.meta is rewritten in the CommonJS build.
const HERE: string = import.meta.url

/**
 * Paths a bundled app gives for the files a bundle cannot hold, by name: pino's convention
 * (`globalThis.__bundlerPathsOverrides`, which esbuild-plugin-pino and pino's docs use), so
 * that one set of overrides serves pino and bytelog. Read here: 'bytelog-worker' (or pino's
 * 'pino-worker') for the worker that fans out to several targets, and a target's own name
 * ('pino-pretty', 'pino/file'...). thread-stream reads its own, 'thread-stream-worker'.
 */
function bundlerOverride (name: string): string | undefined {
  const o = (globalThis as { __bundlerPathsOverrides?: Record<string, unknown> }).__bundlerPathsOverrides
  if (typeof o !== 'object' || o === null || !Object.prototype.hasOwnProperty.call(o, name)) return undefined
  const v = o[name]
  return typeof v === 'string' && v !== '' ? (v.startsWith('file://') ? fileURLToPath(v) : v) : undefined
}

/** The worker module that fans lines out to several targets. */
function fanOutWorker (): string {
  const given = bundlerOverride('bytelog-worker') ?? bundlerOverride('pino-worker')
  if (given !== undefined) return given
  const built = fileURLToPath(new URL('./transport-worker.js', HERE))
  if (existsSync(built)) return built
  // Run from the TypeScript sources (the tests do), the worker is the built one.
  const fromSrc = fileURLToPath(new URL('../dist/esm/transport-worker.js', HERE))
  if (existsSync(fromSrc)) return fromSrc
  throw new Error(`bytelog: the transport worker is not at ${built} (a bundled app? give its path as globalThis.__bundlerPathsOverrides['bytelog-worker'])`)
}

/**
 * A module name resolved as the app would: a bundler override first, then from the main
 * module, the working directory, and bytelog's own location (where an optional peer such
 * as pino-pretty sits).
 */
function resolveTarget (target: string): string {
  if (typeof target !== 'string' || target === '') throw new TypeError('bytelog: a transport target must be a non-empty string')
  const given = bundlerOverride(target)
  if (given !== undefined) return given
  if (target.startsWith('file://')) return fileURLToPath(target)
  if (isAbsolute(target)) return target
  const bases = [process.argv[1], join(process.cwd(), 'noop.js'), fileURLToPath(HERE)]
  for (const base of bases) {
    if (base === undefined || base === '') continue
    try {
      return createRequire(base).resolve(target)
    } catch {
      // Try the next place.
    }
  }
  throw new Error(`bytelog: cannot find the transport target ${JSON.stringify(target)}; is it installed? (in a bundled app, give its path as globalThis.__bundlerPathsOverrides[${JSON.stringify(target)}])`)
}

function levelValue (level: string | number | undefined, levels: Record<string, number>): number | null {
  if (level === undefined) return null
  if (typeof level === 'number' && Number.isFinite(level)) return level
  if (typeof level === 'string' && Object.prototype.hasOwnProperty.call(levels, level)) return levels[level]!
  throw new TypeError(`bytelog: unknown transport level ${JSON.stringify(level)}`)
}

/** Starts the worker and returns the destination that feeds it. */
export function transport (opts: TransportOptions, config: TransportConfig = DEFAULT_CONFIG): Destination {
  if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: transport must be an object')
  if ((opts as { pipeline?: unknown }).pipeline !== undefined) {
    throw new TypeError('bytelog: transport.pipeline is not supported yet; use target or targets')
  }
  if (opts.target !== undefined && opts.targets !== undefined) {
    throw new TypeError('bytelog: a transport takes target or targets, not both')
  }
  let filename: string
  let workerData: Record<string, unknown>
  if (opts.targets !== undefined) {
    if (!Array.isArray(opts.targets) || opts.targets.length === 0) {
      throw new TypeError('bytelog: transport targets must be a non-empty array')
    }
    filename = fanOutWorker()
    workerData = {
      targets: opts.targets.map((t) => ({
        target: pathToFileURL(resolveTarget(t.target)).href,
        options: t.options ?? {},
        level: levelValue(t.level, config.levels),
      })),
      levels: config.levels,
      dedupe: opts.dedupe === true,
      pinoWillSendConfig: true,
    }
  } else {
    // One target is the worker's module itself, with its options as workerData: exactly
    // what pino does, so a transport cannot tell the difference.
    filename = resolveTarget(opts.target as string)
    workerData = { ...opts.options, pinoWillSendConfig: true }
  }
  const sync = opts.sync === true
  const stream = new ThreadStream({
    filename,
    workerData,
    workerOpts: { ...opts.worker, name: opts.targets !== undefined ? 'bytelog.transport' : filename },
    sync,
  }) as unknown as BatchWriter & { unref (): void }
  // The worker must not keep the process alive; at exit the destination ends it.
  stream.once('ready', () => stream.unref())
  // thread-stream posts 'message' events to the worker: pino's handshake for transports
  // that ask for the logger's levels and keys (pino-abstract-transport expectPinoConfig).
  stream.emit('message', pinoConfigMessage(config))
  return new Destination({ ...poolOptions(opts), sync }, stream)
}

/** The PINO_CONFIG message pino sends to its destination stream or transport. */
export function pinoConfigMessage (config: TransportConfig): { code: 'PINO_CONFIG', config: Record<string, unknown> } {
  const labels: Record<number, string> = {}
  for (const [name, v] of Object.entries(config.levels)) labels[v] = name
  return {
    code: 'PINO_CONFIG',
    config: { levels: { labels, values: config.levels }, messageKey: config.messageKey, errorKey: config.errorKey },
  }
}

function poolOptions (opts: PoolOptions): PoolOptions {
  const out: PoolOptions = {}
  if (opts.bufferSize !== undefined) out.bufferSize = opts.bufferSize
  if (opts.maxBufferSize !== undefined) out.maxBufferSize = opts.maxBufferSize
  if (opts.maxBuffers !== undefined) out.maxBuffers = opts.maxBuffers
  return out
}
