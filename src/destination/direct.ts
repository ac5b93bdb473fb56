/**
 * Files, devices and pipes, async mode: slabs are written from the main thread with
 * fs.writeSync(fd, buf, offset, length). A pipe is written through a second, non-blocking
 * descriptor of it (see openNonBlocking): a slow reader makes the write return short or
 * EAGAIN instead of blocking; the rest waits in the queue and is retried on a timer.
 *
 * Nothing is ever left in flight on libuv's thread pool, so a flush at exit (which can only
 * write synchronously) keeps the order exactly and never splices one write into another.
 * No view is made and nothing is kept: a slab is pooled as soon as its last byte is written.
 */
import * as fs from 'node:fs'
import type { ByteBuf } from '../pool.js'
import { SlabQueue } from './queue.js'
import { closeStream } from './open.js'
import type { SonicBoomStream } from './types.js'
import { closedError, unsentRecords, syncToDisk, writeSlabSync, type Callback, type Sink, type Writer } from './writer.js'
import { writeSlabPart } from './whole.js'

/** How long a flush at exit waits, in all, for a pipe whose reader is not reading. */
const EXIT_WAIT_MS = 10_000

export class DirectWriter implements Writer {
  readonly when = 'tick'
  readonly flushAtExit = true
  readonly #stream: SonicBoomStream
  /** For a pipe: our non-blocking descriptor of it; -1 to write to the stream's fd. */
  #pipeFd: number
  readonly #sink: Sink
  readonly #queue = new SlabQueue()
  #retry: NodeJS.Timeout | null = null
  #retryMs = 1

  /** fsync after each slab (the option `fsync`). */
  readonly #fsync: boolean

  constructor (stream: SonicBoomStream, pipeFd: number, sink: Sink, fsync = false) {
    this.#stream = stream
    this.#pipeFd = pipeFd
    this.#sink = sink
    this.#fsync = fsync
  }

  get pending (): boolean {
    return this.#queue.length > 0
  }

  /** Read at each write: a reopen (log rotation) changes the stream's fd. */
  get #fd (): number {
    return this.#pipeFd >= 0 ? this.#pipeFd : this.#stream.fd
  }

  write (slab: ByteBuf): void {
    this.#queue.push(slab)
    if (this.#retry === null) this.#writeQueue()
  }

  /**
   * Writes queued slabs, oldest first, without blocking. A short write or EAGAIN (a pipe
   * whose reader is behind) leaves the rest queued and retries on a timer, backing off from
   * 1 ms to 64 ms while the reader stays behind.
   */
  #writeQueue (): void {
    const q = this.#queue
    const behind = this.#retryMs > 1
    if (this.#stream.destroyed) {
      this.#sink.fail(closedError())
      return
    }
    while (q.length > 0) {
      const b = q.peek()!
      let n: number
      try {
        n = writeSlabPart(this.#fd, b.buf, b.sent, b.pos)
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        if (code === 'EAGAIN' || code === 'EBUSY') this.#retryLater()
        else this.#sink.fail(err as Error)
        return
      }
      b.sent += n
      this.#sink.written(n)
      if (b.sent < b.pos) {
        this.#retryLater()
        return
      }
      if (this.#fsync) {
        try {
          syncToDisk(this.#fd)
        } catch (err) {
          this.#sink.fail(err as Error)
          return
        }
      }
      q.shift()
      this.#sink.done(b)
    }
    this.#retryMs = 1
    if (behind) this.#sink.drained()
  }

  #retryLater (): void {
    // Unref'd: a reader that never reads must not keep the process alive; at exit the
    // rest is written synchronously (see flushSync).
    this.#retry = setTimeout(this.#onRetry, this.#retryMs)
    this.#retry.unref()
    this.#retryMs = Math.min(this.#retryMs * 2, 64)
  }

  /** Bound once: the timer gets the same function each time. */
  readonly #onRetry = (): void => {
    this.#retry = null
    this.#writeQueue()
  }

  flush (cb: Callback): void {
    process.nextTick(cb)
  }

  /** Everything from the main thread, in order, each slab from where it stopped. */
  flushSync (last: ByteBuf | null): void {
    this.#cancelRetry()
    if (last !== null) this.#queue.push(last)
    const q = this.#queue
    try {
      while (q.length > 0) {
        writeSlabSync(this.#fd, q.peek()!, this.#sink, EXIT_WAIT_MS)
        if (this.#fsync) syncToDisk(this.#fd)
        this.#sink.done(q.shift()!)
      }
    } catch (err) {
      this.#sink.fail(err as Error)
      return
    }
    this.#retryMs = 1
  }

  exitSync (last: ByteBuf | null): void {
    this.flushSync(last)
  }

  end (cb: Callback): void {
    this.#cancelRetry()
    if (this.#pipeFd >= 0) {
      // Ours alone: closed now, and never written again (the front takes no more records).
      fs.closeSync(this.#pipeFd)
      this.#pipeFd = -1
    }
    closeStream(this.#stream, cb)
  }

  abandon (): number {
    this.#cancelRetry()
    let lost = 0
    for (const b of this.#queue.drain()) {
      lost += unsentRecords(b)
      this.#sink.done(b)
    }
    return lost
  }

  #cancelRetry (): void {
    if (this.#retry !== null) {
      clearTimeout(this.#retry)
      this.#retry = null
    }
  }
}
