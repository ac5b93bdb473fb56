/**
 * pino transports: modules written for pino (most with pino-abstract-transport) run in a
 * worker thread and are fed bytelog's lines, as pino feeds them.
 *
 * The worker and its shared-memory ring are thread-stream's, the package pino itself uses,
 * and the worker is handed what pino hands it (the same workerData, `pinoWillSendConfig`),
 * so a transport cannot tell bytelog from pino. The logger that takes the transport sends
 * the PINO_CONFIG message (levels, messageKey, errorKey), as pino() does, not transport():
 * a transport made first and given as the destination gets that logger's config. On the
 * main thread records still collect in a pooled slab; once per tick the slab's bytes are
 * copied into the thread stream (it keeps what it is given until the worker's ring has
 * room, so the slab itself is never handed over).
 *
 * At exit the destination flushes synchronously and ends the worker, which blocks until
 * every target has closed (see Destination.exitSync).
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ThreadStream from 'thread-stream'
import { Destination, type BatchWriter } from './destination/index.js'
import { LEVELS } from './levels.js'
import type { PoolOptions } from './pool.js'

/** One module: a name, an absolute path or a file: URL (names resolve from the app), and its options. */
export interface TransportStage {
  target: string
  /** Given to the transport's function (its workerData). */
  options?: Record<string, unknown>
}

export interface TransportTarget extends TransportStage {
  /** The least level this target receives: a name or a number. Default: 'info', as pino. */
  level?: string | number
}

/** Modules chained: each stage's output is the next one's input (all but the last are Transforms). */
export interface TransportPipeline {
  pipeline: TransportStage[]
  /** The least level the pipeline receives, as a target's `level`. */
  level?: string | number
}

export interface TransportOptions extends PoolOptions {
  /** One transport... */
  target?: string
  options?: Record<string, unknown>
  /** ...or several, each with its own least level ('info' when not given, as in pino)... */
  targets?: ReadonlyArray<TransportTarget | TransportPipeline>
  /** ...or one chain of modules. */
  pipeline?: TransportStage[]
  /**
   * Custom levels by name, for targets' `level` names and the worker (pino's option). The
   * `transport` option of createLogger sets it from `customLevels`, as pino does.
   */
  levels?: Record<string, number>
  /** With targets: each record only to the matching target(s) of the highest level. */
  dedupe?: boolean
  /** Hand each record to the worker before the call returns. Default false. */
  sync?: boolean
  /** Options for the Worker (env, resourceLimits...). */
  worker?: Record<string, unknown>
}

/** What pino's PINO_CONFIG message tells a transport of the logger. */
export interface PinoConfig {
  /** Level name to value, custom levels included. */
  levels: Record<string, number>
  messageKey: string
  errorKey: string
}

/** pino's symbol, set on a transport with several targets or a target with a level (pino.js reads it). */
export const USES_MULTISTREAM = Symbol.for('pino.transport.usesMultistream')

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
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** The worker module that fans lines out to several targets or through a pipeline. */
function fanOutWorker (): string {
  // pino's worker reads the same workerData, so a bundle made for pino serves here too.
  for (const key of ['bytelog-worker', 'pino-worker']) if (bundlerOverride(key) !== undefined) return resolveTarget(key)
  const built = fileURLToPath(new URL('./transport-worker.js', HERE))
  if (existsSync(built)) return built
  // Run from the TypeScript sources (the tests do), the worker is the built one.
  const fromSrc = fileURLToPath(new URL('../dist/esm/transport-worker.js', HERE))
  if (existsSync(fromSrc)) return fromSrc
  throw new Error(`bytelog: the transport worker is not at ${built} (a bundled app? give its path as globalThis.__bundlerPathsOverrides['bytelog-worker'])`)
}

/**
 * A target as an absolute path, checked to exist: a bundler override first (itself resolved
 * as a target, as pino does), then a file: URL or absolute path as it is, then a module name
 * resolved as the app would: from the main module, the working directory, and bytelog's
 * own location (where an optional peer such as pino-pretty sits).
 */
function resolveTarget (target: string): string {
  if (typeof target !== 'string' || target === '') throw new TypeError('bytelog: a transport target must be a non-empty string')
  const given = bundlerOverride(target)
  const name = given ?? target
  if (name.startsWith('file://') || isAbsolute(name)) {
    const path = name.startsWith('file://') ? fileURLToPath(name) : name
    // Checked here so that a wrong path throws from createLogger, not later in the worker.
    if (existsSync(path)) return path
    const from = given === undefined ? '' : ' (its globalThis.__bundlerPathsOverrides entry)'
    throw new Error(`bytelog: cannot find the transport target ${JSON.stringify(target)}: ${path} does not exist${from}`)
  }
  const bases = [process.argv[1], join(process.cwd(), 'noop.js'), fileURLToPath(HERE)]
  for (const base of bases) {
    if (base === undefined || base === '') continue
    try {
      return createRequire(base).resolve(name)
    } catch {
      // Try the next place.
    }
  }
  throw new Error(`bytelog: cannot find the transport target ${JSON.stringify(name)}; is it installed? (in a bundled app, give its path as globalThis.__bundlerPathsOverrides[${JSON.stringify(target)}])`)
}

/** A target's level is checked here (a wrong name throws from createLogger); the worker reads it as given. */
function checkLevel (level: unknown, levels: Record<string, number>): void {
  if (level === undefined || level === null) return
  if (typeof level === 'number' && Number.isFinite(level)) return
  if (typeof level === 'string' && Object.prototype.hasOwnProperty.call(levels, level)) return
  throw new TypeError(`bytelog: unknown transport level ${JSON.stringify(level)}${typeof level === 'string' ? ' (a custom level? give transport() its levels option)' : ''}`)
}

function stage (s: TransportStage, what: string): Record<string, unknown> {
  if (typeof s !== 'object' || s === null) throw new TypeError(`bytelog: ${what} must be an object with a target`)
  return { ...s, target: resolveTarget(s.target) }
}

/** The workerData pino gives its worker for targets and pipelines (lib/transport.js), paths resolved. */
function fanOutData (opts: TransportOptions, levels: Record<string, number>): { data: Record<string, unknown>, multi: boolean } {
  const data: Record<string, unknown> = { ...opts.options }
  if (opts.targets !== undefined) {
    if (!Array.isArray(opts.targets) || opts.targets.length === 0) {
      throw new TypeError('bytelog: transport targets must be a non-empty array')
    }
    const targets: Array<Record<string, unknown>> = []
    const pipelines: Array<Array<Record<string, unknown>>> = []
    for (const t of opts.targets as Array<Partial<TransportTarget & TransportPipeline>>) {
      if (typeof t !== 'object' || t === null || (t.target === undefined) === (t.pipeline === undefined)) {
        throw new TypeError('bytelog: each transport target is { target, options, level } or { pipeline, level }')
      }
      checkLevel(t.level, levels)
      if (t.target !== undefined) targets.push(stage(t as TransportTarget, 'a target'))
      // The pipeline's level on each stage, as pino gives it to its worker.
      else pipelines.push(pipelineStages(t.pipeline).map((s) => ({ ...stage(s, 'a pipeline stage'), level: t.level })))
    }
    data.targets = targets
    data.pipelines = pipelines
    const leveled = targets.some((t) => t.level != null) || pipelines.some((p) => p.some((s) => s.level != null))
    return { data, multi: targets.length + pipelines.length > 1 || leveled }
  }
  data.pipelines = [pipelineStages(opts.pipeline).map((s) => {
    checkLevel((s as TransportTarget).level, levels)
    return stage(s, 'a pipeline stage')
  })]
  return { data, multi: false }
}

function pipelineStages (p: unknown): TransportStage[] {
  if (!Array.isArray(p) || p.length === 0) throw new TypeError('bytelog: transport pipeline must be a non-empty array of { target, options }')
  return p as TransportStage[]
}

/**
 * The thread stream, whose events are the destination's too: pino returns the thread stream
 * itself, so an app listens on it for 'ready', 'close' or an event its transport posts
 * ({ code: 'EVENT' }). 'error' reaches the destination already (its writer reports it, and
 * the destination emits it or warns); 'message' goes the other way (to the worker); 'drain'
 * is the destination's own.
 */
class WorkerStream extends ThreadStream {
  front: Destination | null = null

  override emit (name: string | symbol, ...args: unknown[]): boolean {
    const heard = super.emit(name, ...args)
    // Undefined while ThreadStream's constructor runs (it adds a listener: 'newListener').
    const front = this.front as Destination | null | undefined
    if (front !== null && front !== undefined && !NOT_FORWARDED.has(name)) front.emit(name, ...args)
    return heard
  }
}

const NOT_FORWARDED = new Set<string | symbol>(['message', 'error', 'drain', 'newListener', 'removeListener'])

/** A destination feeding a transport's worker; 'message' events are posted to the worker, as on pino's. */
class TransportDestination extends Destination {
  readonly [USES_MULTISTREAM]: boolean
  readonly #stream: WorkerStream

  constructor (opts: PoolOptions & { sync: boolean }, stream: WorkerStream, multi: boolean) {
    super(opts, stream as unknown as BatchWriter)
    this.#stream = stream
    this[USES_MULTISTREAM] = multi
  }

  override emit (name: string | symbol, ...args: unknown[]): boolean {
    // thread-stream posts what is emitted as 'message' to the worker: pino's PINO_CONFIG.
    const posted = name === 'message' && this.#stream.emit('message', ...args)
    return super.emit(name, ...args) || posted
  }
}

/** Starts the worker and returns the destination that feeds it. */
export function transport (opts: TransportOptions): Destination {
  if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: transport must be an object')
  const given = [opts.target, opts.targets, opts.pipeline].filter((v) => v !== undefined).length
  if (given > 1) throw new TypeError('bytelog: a transport takes one of target, targets and pipeline, not two')
  if (given === 0) throw new TypeError('bytelog: a transport needs a target, targets or a pipeline')
  const custom = opts.levels !== undefined && opts.levels !== null
  if (custom && typeof opts.levels !== 'object') throw new TypeError('bytelog: transport levels must be an object of name: number')
  const levels = { ...LEVELS, silent: Infinity, ...opts.levels } as Record<string, number>
  let filename: string
  let workerData: Record<string, unknown>
  let multi = false
  if (opts.target !== undefined) {
    // One target is the worker's module itself, with its options as workerData: exactly
    // what pino does, so a transport cannot tell the difference.
    filename = resolveTarget(opts.target)
    workerData = { ...opts.options }
  } else {
    ({ data: workerData, multi } = fanOutData(opts, levels))
    filename = fanOutWorker()
  }
  // pino's keys after the options, only when given.
  if (custom) workerData.levels = opts.levels
  if (opts.dedupe === true) workerData.dedupe = true
  workerData.pinoWillSendConfig = true
  const sync = opts.sync === true
  const stream = new WorkerStream({
    filename,
    workerData,
    workerOpts: { ...opts.worker, name: opts.target === undefined ? 'bytelog.transport' : filename },
    sync,
  })
  // The worker must not keep the process alive; at exit the destination ends it.
  stream.once('ready', () => (stream as unknown as { unref (): void }).unref())
  const dest = new TransportDestination({ ...poolOptions(opts), sync }, stream, multi)
  stream.front = dest
  return dest
}

/** The PINO_CONFIG message pino sends to its destination stream or transport. */
export function pinoConfigMessage (config: PinoConfig): { code: 'PINO_CONFIG', config: Record<string, unknown> } {
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
