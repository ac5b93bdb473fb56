/**
 * Runs in the transport's worker thread (thread-stream loads it and writes every line to
 * the stream it returns), for `targets` and `pipeline`. It reads the workerData pino gives
 * its own worker (pino's lib/worker.js), so either worker serves either logger: each
 * complete line goes to the targets and pipelines whose least level it meets, as pino's
 * multistream does; a pipeline's stages are joined with stream.pipeline.
 *
 * A transport module exports a function (options) => stream | Promise<stream>, the
 * contract pino defines; ESM and CommonJS modules both load through import().
 */
import { PassThrough, pipeline, Writable } from 'node:stream'
import { pathToFileURL } from 'node:url'

interface StageSpec {
  /** An absolute path or a file: URL, resolved on the main thread. */
  target: string
  options?: Record<string, unknown>
  /** A name or a number; on a pipeline's stages, the pipeline's. */
  level?: string | number | null
}

interface WorkerData {
  targets?: StageSpec[]
  pipelines?: StageSpec[][]
  /** Custom levels (pino's `levels`), over the standard ones. */
  levels?: Record<string, number>
  /** Each record to the matching target(s) of the highest level only. */
  dedupe?: boolean
}

interface TargetStream {
  write (chunk: string): unknown
  end (): unknown
  once (event: string, fn: (...args: unknown[]) => void): unknown
  off (event: string, fn: (...args: unknown[]) => void): unknown
  readonly closed?: boolean
  readonly destroyed?: boolean
}

type Builder = (options: Record<string, unknown> | undefined) => TargetStream | Promise<TargetStream>

/** pino's multistream's levels: the standard ones and silent. */
const STANDARD: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity }

async function load (target: string): Promise<Builder> {
  const url = target.startsWith('file://') ? target : pathToFileURL(target).href
  let fn: unknown = await import(url)
  // `export default`, `module.exports =` and a transpiled default can nest one or two deep.
  if (typeof fn === 'object' && fn !== null) fn = (fn as { default?: unknown }).default
  if (typeof fn === 'object' && fn !== null) fn = (fn as { default?: unknown }).default
  if (typeof fn !== 'function') throw new TypeError(`bytelog: the transport ${url} does not export a function`)
  return fn as Builder
}

async function build (s: StageSpec): Promise<TargetStream> {
  return (await load(s.target))(s.options)
}

/**
 * The stages joined, behind a PassThrough the lines are written to. Its 'close' waits for
 * the whole pipeline (pino's createPipeline), so that ending it ends every stage first.
 */
function joined (stages: TargetStream[]): TargetStream {
  let result: { err: Error | null } | null = null
  const waiting: Array<(err: Error | null) => void> = []
  const head = new PassThrough({
    autoDestroy: true,
    destroy (_err, cb) {
      if (result !== null) cb(result.err)
      else waiting.push(cb)
    },
  })
  const streams = [head, ...stages] as unknown as ReadonlyArray<NodeJS.ReadWriteStream>
  pipeline(streams, (err: NodeJS.ErrnoException | null) => {
    // A stage that closes early ends the pipeline; as in pino, that is not an error.
    result = { err: err !== null && err !== undefined && err.code !== 'ERR_STREAM_PREMATURE_CLOSE' ? err : null }
    for (const cb of waiting.splice(0)) cb(result.err)
  })
  return head
}

/** `{"level":30,...`: the level is read from the line's head; anything else is parsed. */
const HEAD = /^\{"level":(\d+)[,}]/

function levelOf (line: string, levels: Record<string, number>): number {
  const m = HEAD.exec(line)
  if (m !== null) return Number(m[1])
  try {
    const level = (JSON.parse(line) as { level?: unknown }).level
    if (typeof level === 'number') return level
    // A label (formatters.level), read as pino's multistream reads it.
    if (typeof level === 'string' && Object.prototype.hasOwnProperty.call(levels, level)) return levels[level]!
  } catch {
    // Not JSON: it still goes to every target.
  }
  return Infinity
}

function closed (s: TargetStream): Promise<void> {
  return new Promise((resolve) => {
    if (s.closed === true) {
      resolve()
      return
    }
    s.once('close', () => resolve())
    s.once('error', () => resolve())
    s.end()
  })
}

/**
 * The stream has room again, or never will (closed; a failed stream closes too). No 'error'
 * listener: a target's error must still reach thread-stream, which reports it.
 */
function drained (s: TargetStream): Promise<void> {
  return new Promise((resolve) => {
    if (s.closed === true || s.destroyed === true) {
      resolve()
      return
    }
    const done = (): void => {
      s.off('drain', done)
      s.off('close', done)
      resolve()
    }
    s.once('drain', done)
    s.once('close', done)
  })
}

/** pino's multistream gives a stream with no level 'info'. */
const DEFAULT_LEVEL = 30

/** A level as pino's worker passes it on to its multistream: a name, a number, or none. */
function levelValue (level: StageSpec['level'], levels: Record<string, number>): number | null {
  if (level === undefined || level === null) return null
  if (typeof level === 'number') return level
  return Object.prototype.hasOwnProperty.call(levels, level) ? levels[level]! : null
}

export default async function start (data: WorkerData): Promise<Writable | TargetStream> {
  const levels = { ...STANDARD, ...data.levels }
  const targets = [
    ...await Promise.all((data.targets ?? []).map(async (t) => ({ level: levelValue(t.level, levels), stream: await build(t) }))),
    ...await Promise.all((data.pipelines ?? []).map(async (p) => ({
      // Every stage carries the pipeline's level; pino reads the last one's.
      level: levelValue(p.length === 0 ? null : p[p.length - 1]!.level, levels),
      stream: joined(await Promise.all(p.map(build))),
    }))),
  ]
  // One target or pipeline with no level: its stream is the worker's, with nothing between.
  if (targets.length === 1 && targets[0]!.level === null) return targets[0]!.stream
  const routed = targets.map((t) => ({ level: t.level ?? DEFAULT_LEVEL, stream: t.stream }))
  const dedupe = data.dedupe === true
  const full = new Set<TargetStream>()
  let rest = ''
  return new Writable({
    decodeStrings: false,
    write (chunk: string | Buffer, _enc, cb) {
      const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
      let from = 0
      let nl = text.indexOf('\n')
      while (nl !== -1) {
        const line = text.slice(from, nl + 1)
        const level = levelOf(line, levels)
        let top = -Infinity
        if (dedupe) for (const t of routed) if (level >= t.level && t.level > top) top = t.level
        for (const t of routed) {
          if (level >= t.level && (!dedupe || t.level === top) && t.stream.write(line) === false) full.add(t.stream)
        }
        from = nl + 1
        nl = text.indexOf('\n', from)
      }
      rest = text.slice(from)
      // A target that asks to wait is waited for: the lines then wait in thread-stream's
      // ring (and, once it is full, on the main thread), not in this thread's memory.
      if (full.size === 0) cb()
      else Promise.all([...full].map(drained)).then(() => { full.clear(); cb() }, cb)
    },
    final (cb) {
      if (rest !== '') for (const t of routed) t.stream.write(rest)
      rest = ''
      Promise.all(routed.map((t) => closed(t.stream))).then(() => cb(), cb)
    },
  })
}
