/**
 * Sync mode: the front hands over a slab once minLength bytes have collected in it (every
 * record when minLength is 0), and it is written with fs.writeSync before the log call
 * returns. The slab is pooled again at once. (sonic-boom's own sync write would keep a view
 * of our slab after a failed write.)
 */
import type { ByteBuf } from '../pool.js'
import { closeStream } from './open.js'
import type { SonicBoomStream } from './types.js'
import { closedError, syncToDisk, unsentRecords, writeSlabSync, type Callback, type Sink, type Writer } from './writer.js'

export class SyncWriter implements Writer {
  readonly when = 'call'
  readonly flushAtExit = true
  readonly pending = false
  readonly #stream: SonicBoomStream
  readonly #sink: Sink
  /** The slab whose write failed, until the front abandons it (to count what it lost). */
  #failed: ByteBuf | null = null

  /** fsync after each write (the option `fsync`). */
  readonly #fsync: boolean

  constructor (stream: SonicBoomStream, sink: Sink, fsync = false) {
    this.#stream = stream
    this.#sink = sink
    this.#fsync = fsync
  }

  write (slab: ByteBuf): void {
    try {
      if (this.#stream.destroyed) throw closedError()
      // The stream's fd at each write: a reopen (log rotation) changes it.
      writeSlabSync(this.#stream.fd, slab, this.#sink)
      if (this.#fsync) syncToDisk(this.#stream.fd)
    } catch (err) {
      this.#failed = slab
      this.#sink.fail(err as Error)
      return
    }
    this.#sink.done(slab)
  }

  flush (cb: Callback): void {
    process.nextTick(cb)
  }

  /** Records held under minLength are written now. */
  flushSync (last: ByteBuf | null): void {
    if (last !== null) this.write(last)
  }

  exitSync (last: ByteBuf | null): void {
    this.flushSync(last)
  }

  end (cb: Callback): void {
    closeStream(this.#stream, cb)
  }

  abandon (): number {
    const b = this.#failed
    if (b === null) return 0
    this.#failed = null
    const lost = unsentRecords(b)
    this.#sink.done(b)
    return lost
  }
}
