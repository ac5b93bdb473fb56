/**
 * A transport's thread stream (thread-stream): each slab's bytes are copied once into it.
 * It keeps its chunks until it moves them to the worker's shared buffer, so the slab itself
 * is never handed over and is pooled again at once. Async, slabs come once per tick; with
 * `sync: true`, each record before the call returns.
 */
import type { ByteBuf } from '../pool.js'
import type { BatchWriter } from './types.js'
import { callBack, writeCopy, type Callback, type Sink, type Writer } from './writer.js'

export class ThreadWriter implements Writer {
  readonly when: 'call' | 'tick'
  readonly flushAtExit = true
  readonly pending = false
  readonly #stream: BatchWriter
  readonly #sink: Sink
  /** Flushes waiting for the worker: a worker that dies first must still call them back. */
  readonly #flushes: Callback[] = []
  #lost = 0
  readonly #write = (chunk: Buffer): void => { this.#stream.write(chunk) }
  #ended = false

  constructor (stream: BatchWriter, sync: boolean, sink: Sink) {
    this.when = sync ? 'call' : 'tick'
    this.#stream = stream
    this.#sink = sink
    stream.on('error', (err: Error) => sink.fail(err))
  }

  write (slab: ByteBuf): void {
    const lost = writeCopy(slab, this.#sink, this.#write)
    if (lost > 0) this.#lost = lost
  }

  /** Calls back once the worker has read everything and flushed its targets. */
  flush (cb: Callback): void {
    let called = false
    const once = (err?: Error | null): void => {
      if (called) return
      called = true
      const i = this.#flushes.indexOf(once)
      if (i !== -1) this.#flushes.splice(i, 1)
      callBack(cb, err)
    }
    this.#flushes.push(once)
    this.#stream.flush(once)
  }

  /** Blocks until the worker has read every byte (thread-stream gives up after 10 s). */
  flushSync (last: ByteBuf | null): void {
    if (last !== null) this.write(last)
    if (this.#stream.closed) return
    try {
      this.#stream.flushSync()
    } catch (err) {
      this.#sink.fail(err as Error)
    }
  }

  /**
   * Also ends the worker, which blocks until it has closed its targets (a target may buffer
   * too: a socket, a batching HTTP client).
   */
  exitSync (last: ByteBuf | null): void {
    this.flushSync(last)
    if (this.#ended || this.#stream.closed) return
    this.#ended = true
    try {
      this.#stream.end()
    } catch (err) {
      this.#sink.fail(err as Error)
    }
  }

  end (cb: Callback): void {
    const stream = this.#stream
    if (this.#ended || stream.closed) {
      cb()
      return
    }
    this.#ended = true
    // The worker is unref'd (it must not keep an app alive); while it closes its targets it
    // is what the app waits for, so it holds the process until 'close'.
    stream.ref?.()
    stream.once('close', () => {
      stream.unref?.()
      cb()
    })
    try {
      stream.end()
    } catch (err) {
      this.#sink.fail(err as Error)
    }
  }

  abandon (err: Error): number {
    for (const cb of this.#flushes.splice(0)) cb(err)
    const lost = this.#lost
    this.#lost = 0
    return lost
  }
}
