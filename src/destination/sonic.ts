/**
 * Sockets, async mode (and pipes where the non-blocking reopen fails): one slab at a time is
 * handed to sonic-boom as a single view of its unwritten bytes. sonic-boom keeps that
 * Buffer until the bytes reach the fd, so the slab goes back to the pool only on
 * sonic-boom's 'drain', which it emits once its buffer is empty.
 */
import type { ByteBuf } from '../pool.js'
import { SlabQueue } from './queue.js'
import { closeStream } from './open.js'
import type { SonicBoomStream } from './types.js'
import { callBack, unsentRecords, writeSlabSync, type Callback, type Sink, type Writer } from './writer.js'

export class SonicWriter implements Writer {
  readonly when = 'tick'
  readonly flushAtExit = true
  readonly #stream: SonicBoomStream
  readonly #sink: Sink
  readonly #queue = new SlabQueue()
  /** The slab sonic-boom is writing: it holds a view of it. */
  #inflight: ByteBuf | null = null

  constructor (stream: SonicBoomStream, sink: Sink) {
    stream.sync = false
    this.#stream = stream
    this.#sink = sink
    stream.on('drain', () => this.#onDrain())
  }

  get pending (): boolean {
    return this.#inflight !== null || this.#queue.length > 0
  }

  write (slab: ByteBuf): void {
    this.#queue.push(slab)
    this.#pump()
  }

  /** Hands the next slab to sonic-boom if none is in flight. */
  #pump (): void {
    if (this.#inflight !== null) return
    const next = this.#queue.shift()
    if (next === undefined) return
    this.#inflight = next
    try {
      // One view per slab (not per record): sonic-boom writes Buffer.length bytes.
      this.#stream.write(next.buf.subarray(next.sent, next.pos))
    } catch (err) {
      this.#sink.fail(err as Error)
    }
  }

  #onDrain (): void {
    const done = this.#inflight
    if (done === null) return
    this.#inflight = null
    this.#sink.done(done)
    this.#pump()
    if (this.#inflight === null) this.#sink.drained()
  }

  flush (cb: Callback): void {
    if (this.#stream.destroyed) process.nextTick(cb)
    else this.#stream.flush((err) => callBack(cb, err))
  }

  /**
   * A write in flight on libuv's thread pool completes on its own (it cannot be waited for
   * synchronously); sonic-boom's flushSync finishes a partial or retrying write. The queue
   * is then written from here, in order.
   */
  flushSync (last: ByteBuf | null): void {
    const stream = this.#stream
    if (last !== null) this.#queue.push(last)
    if (stream.fd < 0 || stream.destroyed) return
    const inflight = this.#inflight
    try {
      if (inflight !== null) {
        stream.flushSync()
        // sonic-boom's flushSync wrote the remainder itself when no fs.write was in flight;
        // then no 'drain' follows and the slab is ours again now.
        if (!(stream as unknown as { _writing: boolean })._writing) {
          this.#inflight = null
          this.#sink.done(inflight)
        }
      }
      while (this.#queue.length > 0) {
        writeSlabSync(stream.fd, this.#queue.peek()!, this.#sink)
        this.#sink.done(this.#queue.shift()!)
      }
    } catch (err) {
      this.#sink.fail(err as Error)
    }
  }

  exitSync (last: ByteBuf | null): void {
    this.flushSync(last)
  }

  end (cb: Callback): void {
    closeStream(this.#stream, cb)
  }

  /** The slab in flight stays with sonic-boom, which still references it: never pooled. */
  abandon (): number {
    let lost = 0
    if (this.#inflight !== null) lost += this.#inflight.records
    this.#inflight = null
    for (const b of this.#queue.drain()) {
      lost += unsentRecords(b)
      this.#sink.done(b)
    }
    return lost
  }
}
