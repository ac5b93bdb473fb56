/**
 * A caller's stream (any object with write(chunk)): the front hands over each record as it
 * is committed (minLength is 0 here), and the stream gets a Buffer of its own holding that
 * record, which it may keep. The slab is pooled again at once.
 *
 * A write that throws loses that record only: it is counted in `dropped` and reported, and
 * the next record is written as usual (a stream that failed once, or a pino.multistream one
 * of whose streams threw, may well take the next). pino lets the throw reach the log call;
 * a logger must not throw into the app, so losing the record is what is left.
 */
import type { ByteBuf } from '../pool.js'
import { setMetadata, wantsMetadata, type MetadataStream } from './meta.js'
import type { Writable } from './types.js'
import { callBack, copyOf, type Callback, type Sink, type Writer } from './writer.js'

export class StreamWriter implements Writer {
  readonly when = 'call'
  /** The stream is the caller's: at exit it is left to them, as it always was. */
  readonly flushAtExit = false
  readonly pending = false
  readonly #stream: Writable
  readonly #sink: Sink
  /** The stream wants pino's per-record metadata (pino.multistream): see meta.ts. */
  readonly metadata: boolean

  constructor (stream: Writable, sink: Sink) {
    this.#stream = stream
    this.#sink = sink
    this.metadata = wantsMetadata(stream)
    // Nothing to open: ready as soon as a listener can hear it.
    process.nextTick(() => sink.ready())
  }

  write (slab: ByteBuf): void {
    const chunk = copyOf(slab.buf, slab.sent, slab.pos)
    const records = slab.records
    this.#sink.done(slab)
    try {
      if (this.metadata) setMetadata(this.#stream as MetadataStream, this.#sink.meta(), chunk)
      this.#stream.write(chunk)
    } catch (err) {
      this.#sink.lost(records, err instanceof Error ? err : new Error(String(err)))
    }
  }

  flush (cb: Callback): void {
    if (typeof this.#stream.flush === 'function') this.#stream.flush((err) => callBack(cb, err))
    else process.nextTick(cb)
  }

  flushSync (): void {
    this.#stream.flushSync?.()
  }

  exitSync (): void {
    this.flushSync()
  }

  /** The stream is the caller's to close. */
  end (cb: Callback): void {
    cb()
  }

  /** Nothing is held: a record whose write threw was counted then. */
  abandon (): number {
    return 0
  }
}
