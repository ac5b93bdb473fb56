/**
 * pino.multistream: one destination stream that sends each record to every stream whose
 * level it reaches (or, with dedupe, only to the streams of the highest level it reaches).
 *
 * The logger's destination sets pino's metadata (lastLevel, lastObj, lastMsg, lastTime,
 * lastLogger: see destination/meta.ts) on it before writing each record, so routing reads
 * one number; the record's bytes are passed on unchanged, and the metadata to each stream
 * that is itself marked `pino.metadata`, as pino's multistream does. A bytelog Destination
 * among the streams copies them into its own slab (its write()).
 *
 * A stream whose write throws loses that record: the other streams still get it, and the
 * error is thrown on once they have, so that the logger's destination counts the record in
 * `dropped` and reports it (it never reaches the log call). pino's stops at that stream.
 */
import { Destination, type Writable } from './destination/index.js'
import { PINO_METADATA, wantsMetadata, type MetadataStream } from './destination/meta.js'
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

interface Routed {
  stream: Writable | Destination
  level: number
  id: number
  /** The stream is marked pino.metadata: it is given this one's fields before each write. */
  metadata: boolean
}

export class MultiStream implements MetadataStream {
  /** Set by the logger's destination before each write: the record's level. */
  lastLevel = 0
  /** The rest of pino's metadata, set with lastLevel (see destination/meta.ts). */
  lastObj: object | undefined = undefined
  lastMsg: unknown = undefined
  lastTime: string | undefined = undefined
  lastLogger: unknown = undefined
  /** The least level any stream takes. */
  minLevel = 0
  /** The streams, by ascending level. */
  readonly streams: Routed[] = []
  readonly [PINO_METADATA] = true
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
    // As pino: at the front, then a stable sort, so that of the streams at one level the one
    // added last is written first.
    this.streams.unshift({ stream, level, id: ++this.#lastId, metadata: wantsMetadata(stream) })
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
    let failed: unknown = NONE
    if (!this.#dedupe) {
      // Ascending: every stream up to the first above the record's level.
      for (let i = 0; i < s.length && s[i]!.level <= level; i++) {
        const e = this.#send(s[i]!, chunk)
        if (e !== NONE && failed === NONE) failed = e
      }
    } else {
      // Descending: the first level reached, and every stream at that same level.
      let i = s.length - 1
      while (i >= 0 && s[i]!.level > level) i--
      const top = i >= 0 ? s[i]!.level : 0
      for (; i >= 0 && s[i]!.level === top; i--) {
        const e = this.#send(s[i]!, chunk)
        if (e !== NONE && failed === NONE) failed = e
      }
    }
    if (failed !== NONE) throw failed
  }

  /** Writes to one stream (its metadata first); what its write threw, else NONE. */
  #send (r: Routed, chunk: Uint8Array): unknown {
    try {
      if (r.metadata) {
        const m = r.stream as MetadataStream
        m.lastLevel = this.lastLevel
        m.lastObj = this.lastObj
        m.lastMsg = this.lastMsg
        m.lastTime = this.lastTime
        m.lastLogger = this.lastLogger
      }
      r.stream.write(chunk)
    } catch (err) {
      return err
    }
    return NONE
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

const NONE = Symbol('none')

/** pino.multistream(streams, opts). */
export function multistream (entries?: StreamEntry | Writable | Destination | ReadonlyArray<StreamEntry | Writable | Destination>, opts?: MultiStreamOptions): MultiStream {
  return new MultiStream(entries, opts)
}
