/**
 * pino.multistream: one destination stream that sends each record to every stream whose
 * level it reaches (or, with dedupe, only to the streams of the highest level it reaches).
 *
 * The logger's destination marks a `pino.metadata` stream's `lastLevel` from each record
 * before writing it (see destination.ts), so routing reads one number; the record's bytes
 * are passed on unchanged. A bytelog Destination among the streams gets them through
 * append(), which copies them into its own slab.
 */
import { Destination, type Writable } from './destination/index.js'
import { LEVELS } from './levels.js'

/** What multistream takes: a stream, or a stream with its least level (default 'info'). */
export interface StreamEntry {
  stream: Writable | Destination
  level?: string | number
}

export interface MultiStreamOptions {
  /** Level names beyond pino's, for entries that give their level by name. */
  levels?: Record<string, number>
  /** Each record only to the matching stream(s) of the highest level. */
  dedupe?: boolean
}

interface Routed { stream: Writable | Destination, level: number, id: number }

const METADATA = Symbol.for('pino.metadata')

export class MultiStream {
  /** Set by the logger's destination before each write: the record's level. */
  lastLevel = 0
  /** The least level any stream takes. */
  minLevel = 0
  /** The streams, by ascending level. */
  readonly streams: Routed[] = []
  readonly [METADATA] = true
  readonly #levels: Record<string, number>
  readonly #dedupe: boolean
  #lastId = 0

  constructor (entries: StreamEntry | Writable | Destination | ReadonlyArray<StreamEntry | Writable | Destination> = [], opts: MultiStreamOptions = {}) {
    this.#levels = { ...LEVELS, silent: Infinity, ...opts.levels }
    this.#dedupe = opts.dedupe === true
    for (const e of Array.isArray(entries) ? entries : [entries]) this.add(e as StreamEntry | Writable)
  }

  /** Adds a stream (or `{ stream, level }`); returns this. */
  add (entry: StreamEntry | Writable | Destination | null | undefined): this {
    if (entry === null || entry === undefined) return this
    const isEntry = typeof (entry as Writable).write !== 'function' && !(entry instanceof Destination)
    const stream = isEntry ? (entry as StreamEntry).stream : entry as Writable | Destination
    if (stream === undefined || stream === null || (typeof (stream as Writable).write !== 'function' && !(stream instanceof Destination))) {
      throw new TypeError('bytelog: a multistream entry must be a stream or { stream, level }')
    }
    const given = isEntry ? (entry as StreamEntry).level : undefined
    let level: number
    if (given === undefined) level = LEVELS.info
    else if (typeof given === 'number') level = given
    else if (Object.prototype.hasOwnProperty.call(this.#levels, given)) level = this.#levels[given]!
    else throw new TypeError(`bytelog: unknown multistream level ${JSON.stringify(given)}`)
    this.streams.push({ stream, level, id: ++this.#lastId })
    this.streams.sort((a, b) => a.level - b.level)
    this.minLevel = this.streams[0]!.level
    return this
  }

  /** Removes the stream added as the `id`th (1, 2...); returns this. */
  remove (id: number): this {
    const i = this.streams.findIndex((s) => s.id === id)
    if (i >= 0) this.streams.splice(i, 1)
    this.minLevel = this.streams.length > 0 ? this.streams[0]!.level : -1
    return this
  }

  write (chunk: Uint8Array): void {
    const level = this.lastLevel
    const s = this.streams
    if (!this.#dedupe) {
      // Ascending: every stream up to the first above the record's level.
      for (let i = 0; i < s.length && s[i]!.level <= level; i++) send(s[i]!.stream, chunk)
      return
    }
    // Descending: the first level reached, and every stream at that same level.
    let i = s.length - 1
    while (i >= 0 && s[i]!.level > level) i--
    const top = i >= 0 ? s[i]!.level : 0
    for (; i >= 0 && s[i]!.level === top; i--) send(s[i]!.stream, chunk)
  }

  flushSync (): void {
    for (const { stream } of this.streams) stream.flushSync?.()
  }

  /** Flushes and ends every stream. */
  end (): void {
    for (const { stream } of this.streams) {
      stream.flushSync?.()
      ;(stream as { end?: () => void }).end?.()
    }
  }

  /** Passes an event (pino's PINO_CONFIG message) on to every stream that has emit(). */
  emit (event: string | symbol, ...args: unknown[]): void {
    for (const { stream } of this.streams) (stream as { emit?: (e: string | symbol, ...a: unknown[]) => unknown }).emit?.(event, ...args)
  }
}

function send (stream: Writable | Destination, chunk: Uint8Array): void {
  if (stream instanceof Destination) stream.append(chunk as Buffer, chunk.length)
  else stream.write(chunk)
}

/** pino.multistream(streams, opts). */
export function multistream (entries?: StreamEntry | Writable | Destination | ReadonlyArray<StreamEntry | Writable | Destination>, opts?: MultiStreamOptions): MultiStream {
  return new MultiStream(entries, opts)
}
