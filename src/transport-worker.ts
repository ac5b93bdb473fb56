/**
 * Runs in the transport's worker thread (thread-stream loads it and writes every line to
 * the stream it returns). With several targets, each complete line goes to the targets
 * whose least level it meets, as pino's multistream does.
 *
 * A transport module exports a function (options) => stream | Promise<stream>, the
 * contract pino defines; ESM and CommonJS modules both load through import().
 */
import { Writable } from 'node:stream'

interface TargetSpec {
  /** A file: URL, resolved on the main thread. */
  target: string
  options: Record<string, unknown>
  level: number | null
}

interface WorkerData {
  targets: TargetSpec[]
  levels: Record<string, number>
  /** Each record to the matching target(s) of the highest level only. */
  dedupe: boolean
}

interface TargetStream {
  write (chunk: string): unknown
  end (): unknown
  once (event: string, fn: (...args: unknown[]) => void): unknown
  readonly closed?: boolean
}

type Builder = (options: Record<string, unknown>) => TargetStream | Promise<TargetStream>

async function load (url: string): Promise<Builder> {
  let fn: unknown = await import(url)
  // `export default`, `module.exports =` and a transpiled default can nest one or two deep.
  if (typeof fn === 'object' && fn !== null) fn = (fn as { default?: unknown }).default
  if (typeof fn === 'object' && fn !== null) fn = (fn as { default?: unknown }).default
  if (typeof fn !== 'function') throw new TypeError(`bytelog: the transport ${url} does not export a function`)
  return fn as Builder
}

/** `{"level":30,...`: the level is read from the line's head; anything else is parsed. */
const HEAD = /^\{"level":(\d+)[,}]/

function levelOf (line: string, levels: Record<string, number>): number {
  const m = HEAD.exec(line)
  if (m !== null) return Number(m[1])
  try {
    const level = (JSON.parse(line) as { level?: unknown }).level
    if (typeof level === 'number') return level
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

/** pino's multistream gives a stream with no level 'info'. */
const DEFAULT_LEVEL = 30

export default async function start (data: WorkerData): Promise<Writable | TargetStream> {
  const targets = await Promise.all(data.targets.map(async (t) => ({
    level: t.level ?? DEFAULT_LEVEL,
    stream: await (await load(t.target))(t.options),
  })))
  // One target with no level: its stream is the worker's stream, with nothing between.
  if (targets.length === 1 && data.targets[0]!.level === null) return targets[0]!.stream
  let rest = ''
  return new Writable({
    decodeStrings: false,
    write (chunk: string | Buffer, _enc, cb) {
      const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
      let from = 0
      let nl = text.indexOf('\n')
      while (nl !== -1) {
        const line = text.slice(from, nl + 1)
        const level = levelOf(line, data.levels)
        let top = -Infinity
        if (data.dedupe) for (const t of targets) if (level >= t.level && t.level > top) top = t.level
        for (const t of targets) if (level >= t.level && (!data.dedupe || t.level === top)) t.stream.write(line)
        from = nl + 1
        nl = text.indexOf('\n', from)
      }
      rest = text.slice(from)
      cb()
    },
    final (cb) {
      if (rest !== '') for (const t of targets) t.stream.write(rest)
      rest = ''
      Promise.all(targets.map((t) => closed(t.stream))).then(() => cb(), cb)
    },
  })
}
