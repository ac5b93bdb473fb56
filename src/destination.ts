/**
 * Where records go: a file descriptor or path opened by sonic-boom, or any object with
 * write(chunk).
 *
 * Log calls encode straight into the spare capacity of the current slab (`tail`), a pooled
 * ByteBuf: nothing is copied per record. How a slab's bytes reach the fd, and when the slab
 * may be reused, depends on what the fd is:
 *
 * - Async mode, files, devices and pipes: records collect in the slab, and slabs are
 *   written from the main thread with fs.writeSync(fd, buf, offset, length) when one is
 *   full or at the end of the tick (setImmediate). A pipe is written through a second,
 *   non-blocking descriptor for it (/proc/self/fd/N opened with O_NONBLOCK): a slow reader
 *   makes the write return short or EAGAIN instead of blocking, the rest waits in the queue
 *   and is retried on a timer. Nothing is ever left in flight on libuv's thread pool, so a
 *   flush at exit (which can only write synchronously) keeps the order exactly and never
 *   splices one write into another. No view is made and nothing is kept.
 * - Async mode, sockets (or where the non-blocking reopen fails): one slab at a time is
 *   handed to sonic-boom as a single view of its used bytes. sonic-boom keeps that Buffer
 *   until the bytes reach the fd, so the slab goes back to the pool only on sonic-boom's
 *   'drain', which it emits once its buffer is empty.
 * - Sync mode: each record is written with fs.writeSync(fd, buf, offset, length) before the
 *   call returns; the slab is reused at once. (sonic-boom's own sync write would keep a view
 *   of our slab after a failed write.)
 * - A custom writer gets a fresh copy of each record: it may keep it.
 *
 * sonic-boom opens the file (mkdir, append), reopens it for log rotation and closes it, and
 * writes to sockets.
 */
import { EventEmitter } from 'node:events'
import * as fs from 'node:fs'
import sonicBoom from 'sonic-boom'
import type { SonicBoomOpts } from 'sonic-boom'
import { BufferPool, type ByteBuf, type PoolOptions, type PoolStats } from './pool.js'
import { WRITE_SYNC_REPORTS_SHORT } from './runtime.js'
import { registerForExit, unregisterForExit } from './exit.js'
import { appendRange } from './encoder/bytes.js'

/** The part of sonic-boom used here, typed as sonic-boom 5 behaves in contentMode 'buffer'. */
export interface SonicBoomStream extends EventEmitter {
  readonly fd: number
  readonly destroyed: boolean
  sync: boolean
  write (chunk: Buffer): boolean
  flush (cb?: (err?: Error) => void): void
  flushSync (): void
  reopen (file?: string): void
  end (): void
}

// sonic-boom is CommonJS with `module.exports = SonicBoom`: the default import is the class
// under both ESM and our CommonJS build.
const SonicBoom = sonicBoom as unknown as new (opts: SonicBoomOpts) => SonicBoomStream

export interface DestinationOptions extends PoolOptions {
  /** A file descriptor (1 = stdout, the default) or a file path. */
  dest?: number | string
  /** Write each record before the log call returns. Default false. */
  sync?: boolean
  /** Async mode: hold records until this many bytes are buffered. Default 0. */
  minLength?: number
  /** Async mode: most bytes buffered; a record that would pass it is dropped whole. 0: no bound (default). */
  maxLength?: number
  /** Create the file's directory. */
  mkdir?: boolean
  /** Append to the file (default) rather than truncate it. */
  append?: boolean
  /** Flush buffered records every this many ms. Default 0 (off). */
  periodicFlush?: number
  /** fsync after each write. Default false. */
  fsync?: boolean
}

/**
 * A writer handed a batch of records at a time, which copies or keeps what it is given: a
 * transport's thread stream (thread-stream). Its flushSync blocks until the worker has
 * read everything; end() blocks until the worker has closed its targets.
 */
export interface BatchWriter extends EventEmitter {
  write (chunk: Buffer): unknown
  flush (cb: (err?: Error | null) => void): void
  flushSync (): void
  end (): void
  ref? (): void
  unref? (): void
  readonly closed: boolean
}

/** Anything with write(chunk); it receives a Buffer of one record it may keep. */
export interface Writable {
  write (chunk: Uint8Array): unknown
  flush?: (cb?: (err?: Error | null) => void) => void
  flushSync?: () => void
}

const SLAB_SPARE = 4096

export class Destination extends EventEmitter {
  readonly pool: BufferPool
  readonly sync: boolean
  readonly minLength: number
  readonly maxLength: number
  /** The sonic-boom writing the bytes; null for a custom writer. */
  readonly stream: SonicBoomStream | null
  readonly #writer: Writable | null
  /** The writer wants pino's per-record metadata (pino.multistream): lastLevel. */
  readonly #metadata: boolean = false
  /** A transport's thread stream, written a copy of each slab (see BatchWriter). */
  readonly #batch: BatchWriter | null = null
  /** Records dropped: over maxLength, or after the destination failed. */
  dropped = 0
  /** Drops over maxLength not yet reported by a warning record. */
  #unreported = 0
  #tail: ByteBuf | null = null
  readonly #queue: ByteBuf[] = []
  /** Async mode, written from the main thread (see the top of this file). */
  readonly #direct: boolean = false
  /** For a pipe: our non-blocking descriptor of it; -1 to write to the stream's fd. */
  readonly #pipeFd: number = -1
  #tickScheduled = false
  #retry: NodeJS.Timeout | null = null
  #retryMs = 1
  /** Records finished while the tail was busy with an outer record (reentrant calls). */
  readonly #nested: ByteBuf[] = []
  #inflight: ByteBuf | null = null
  /** Bytes in the queue, the tail and in flight. */
  #buffered = 0
  #flushing = false
  #waiters: Array<(err?: Error | null) => void> = []
  #failed: Error | null = null
  #ended = false
  /** A failed reopen's error, which sonic-boom emits again a tick later. */
  #reopenError: Error | null = null
  #timer: NodeJS.Timeout | null = null

  /** @param batch internal: the transport's thread stream (see transport.ts) */
  constructor (opts: DestinationOptions | Writable = {}, batch?: BatchWriter) {
    super()
    if (batch !== undefined && !isWritable(opts)) {
      // Slabs are collected per tick as in direct mode and each is copied once into the
      // thread stream, which keeps its chunks until it moves them to the worker's shared
      // buffer: the slab is never handed over, so it is pooled again at once.
      this.pool = new BufferPool(opts)
      this.sync = opts.sync === true
      this.minLength = nonNegative(opts.minLength, 'minLength')
      this.maxLength = 0
      this.stream = null
      this.#writer = null
      this.#batch = batch
      this.#direct = !this.sync
      batch.on('error', (err: Error) => this.#fail(err))
      registerForExit(this)
      return
    }
    if (isWritable(opts)) {
      this.pool = new BufferPool({ bufferSize: 16 * 1024 })
      this.sync = true
      this.minLength = 0
      this.maxLength = 0
      this.stream = null
      this.#writer = opts
      this.#metadata = (opts as unknown as Record<symbol, unknown>)[PINO_METADATA] === true
      return
    }
    this.pool = new BufferPool(opts)
    this.sync = opts.sync === true
    this.minLength = nonNegative(opts.minLength, 'minLength')
    this.maxLength = nonNegative(opts.maxLength, 'maxLength')
    const dest = opts.dest ?? 1
    if (typeof dest !== 'number' && typeof dest !== 'string') {
      throw new TypeError(`bytelog: dest must be a file descriptor or a path, got ${String(dest)}`)
    }
    this.#writer = null
    // A file is opened synchronously in both modes (sonic-boom opens synchronously in sync
    // mode, so it is made in sync mode and switched after): a script that logs and calls
    // process.exit() in its first tick must find an fd to flush to. A path that cannot be
    // opened throws here, not on a later log call. minLength is ours: sonic-boom is handed
    // whole slabs and writes each at once.
    this.stream = new SonicBoom({
      ...(typeof dest === 'number' ? { fd: dest } : { dest }),
      sync: true,
      mkdir: opts.mkdir === true,
      append: opts.append !== false,
      fsync: opts.fsync === true,
      contentMode: 'buffer',
    } as SonicBoomOpts)
    if (!this.sync) {
      const kind = fdKind(this.stream.fd)
      if (kind === 'pipe') this.#pipeFd = openNonBlocking(this.stream.fd)
      this.#direct = kind === 'other' || (kind === 'pipe' && this.#pipeFd >= 0)
      if (!this.#direct) this.stream.sync = false
    }
    this.stream.on('drain', () => this.#onDrain())
    this.stream.on('error', (err: Error) => {
      if (err === this.#reopenError) this.#reopenError = null
      else this.#fail(err)
    })
    const every = nonNegative(opts.periodicFlush, 'periodicFlush')
    if (every > 0) {
      this.#timer = setInterval(() => this.flush(), every)
      this.#timer.unref()
    }
    registerForExit(this)
  }

  /** Counters of the slab pool: gets, misses, grows, drops. */
  get stats (): Readonly<PoolStats> {
    return this.pool.stats
  }

  /** Bytes accepted but not yet written. */
  get buffered (): number {
    return this.#buffered
  }

  /**
   * The buffer the next record is encoded into. Marks it busy until commit(). A call
   * made while the tail is busy (a log call from inside a toJSON) gets a buffer of its own.
   */
  acquire (): ByteBuf {
    let t = this.#tail
    if (t === null) {
      t = this.#tail = this.pool.get()
    } else if (t.busy) {
      t = this.pool.get()
      t.busy = true
      return t
    } else if (t.pos > t.buf.length - SLAB_SPARE && !this.sync && this.#writer === null) {
      this.#seal()
      t = this.#tail = this.pool.get()
    }
    t.busy = true
    return t
  }

  /** The record in b[start, b.pos) is complete. */
  commit (b: ByteBuf, start: number): void {
    b.busy = false
    if (b !== this.#tail) {
      this.#nested.push(b)
      return
    }
    this.#accept(b, start)
    if (this.#nested.length > 0) this.#drainNested()
  }

  /** Appends a complete record held in another buffer (an event's), copying its bytes. */
  append (src: Buffer, len: number): void {
    const b = this.acquire()
    const start = b.pos
    b.pos = appendRange(b.reserve(len), start, src, len)
    this.commit(b, start)
  }

  #accept (b: ByteBuf, start: number): void {
    const len = b.pos - start
    if (this.#failed !== null) {
      b.pos = start
      this.dropped++
      return
    }
    if (this.#writer !== null || this.sync) {
      if (this.#writer !== null || this.#batch !== null) {
        this.#writeOut(b, start, len)
      } else {
        try {
          writeFully(this.stream!.fd, b.buf, start, len)
        } catch (err) {
          this.dropped++
          this.#fail(err as Error)
        }
        b.pos = start
      }
      // A tail grown by one huge record is let go (and dropped by the pool), not kept.
      if (b === this.#tail && b.buf.length > this.pool.maxBufferSize) {
        this.#tail = null
        this.pool.put(b)
      }
      return
    }
    if (this.maxLength > 0 && this.#buffered + len > this.maxLength) {
      // Dropped whole: a reader that stopped must not grow memory without bound.
      b.pos = start
      this.dropped++
      this.#unreported++
      if (this.#direct) this.#scheduleTick() // to report the drop once there is room
      return
    }
    b.records++
    this.#buffered += len
    // A slab grown past its size by a big record is sent as soon as possible, so that the
    // pool drops it once written rather than append more records to it.
    if (b.buf.length > this.pool.bufferSize) this.#seal()
    if (this.#direct) {
      this.#scheduleTick()
      return
    }
    if (this.#inflight === null && (this.#buffered >= this.minLength || this.#flushing)) this.#pump()
  }

  #writeOut (b: ByteBuf, start: number, len: number): void {
    const chunk = copyOf(b.buf, start, start + len)
    b.pos = start
    if (this.#metadata) setLastLevel(this.#writer as unknown as { lastLevel?: number }, chunk)
    try {
      if (this.#batch !== null) this.#batch.write(chunk)
      else this.#writer!.write(chunk)
    } catch (err) {
      this.dropped++
      this.#fail(err as Error)
    }
  }

  #drainNested (): void {
    const nested = this.#nested.splice(0)
    for (const n of nested) {
      if (this.#writer !== null || this.sync) {
        // Written after the outer record, then recycled.
        this.#tail = n
        this.#accept(n, 0)
        this.pool.put(n)
        this.#tail = null
      } else {
        // Queued behind the outer record's slab, in the order they finished.
        this.#seal()
        this.#tail = n
        this.#accept(n, 0)
        this.#seal()
      }
    }
  }

  /** Moves the tail, if it has bytes, to the write queue (or, direct, writes it now). */
  #seal (): void {
    const t = this.#tail
    if (t === null || t.busy) return
    this.#tail = null
    if (t.pos === 0) {
      this.pool.put(t)
      return
    }
    this.#queue.push(t)
    if (this.#direct && this.#retry === null) this.#writeQueue()
  }

  get #fd (): number {
    return this.#pipeFd >= 0 ? this.#pipeFd : this.stream!.fd
  }

  /**
   * Direct mode: writes queued slabs, oldest first, without blocking. A short write or
   * EAGAIN (a pipe whose reader is behind) leaves the rest queued and retries on a timer,
   * backing off from 1 ms to 64 ms while the reader stays behind.
   */
  #writeQueue (): void {
    if (this.#batch !== null) {
      this.#writeBatches()
      return
    }
    const q = this.#queue
    while (q.length > 0 && this.#failed === null) {
      const b = q[0]!
      let n: number
      try {
        n = fs.writeSync(this.#fd, b.buf, b.sent, b.pos - b.sent)
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        if (code === 'EAGAIN' || code === 'EBUSY') {
          this.#retryLater()
          return
        }
        this.#fail(err as Error)
        return
      }
      b.sent += n
      this.#buffered -= n
      if (b.sent < b.pos) {
        this.#retryLater()
        return
      }
      q.shift()
      this.pool.put(b)
    }
    this.#retryMs = 1
    if (this.#waiters.length > 0 && this.#idle()) this.#resolveWaiters(null)
  }

  /** Transport: each queued slab's bytes go to the thread stream as one copy. */
  #writeBatches (): void {
    const q = this.#queue
    while (q.length > 0 && this.#failed === null) {
      const b = q.shift()!
      const chunk = copyOf(b.buf, b.sent, b.pos)
      this.#buffered -= chunk.length
      this.pool.put(b)
      try {
        this.#batch!.write(chunk)
      } catch (err) {
        this.#fail(err as Error)
      }
    }
  }

  #retryLater (): void {
    // Unref'd: a reader that never reads must not keep the process alive; at exit the
    // rest is written synchronously (see flushSync).
    this.#retry = setTimeout(this.#onRetry, this.#retryMs)
    this.#retry.unref()
    this.#retryMs = Math.min(this.#retryMs * 2, 64)
  }

  readonly #onRetry = (): void => {
    this.#retry = null
    this.#writeQueue()
    if (this.#retry === null) this.#onTick()
  }

  /** Direct mode, end of the tick: writes what collected, unless minLength holds it. */
  #onTick (): void {
    this.#tickScheduled = false
    if (this.#buffered >= this.minLength || this.#flushing) this.#seal()
    if (this.#unreported > 0 && this.#buffered <= this.maxLength / 2) this.#reportDrops()
  }

  /** Hands the next slab to sonic-boom if none is in flight. */
  #pump (): void {
    if (this.#inflight !== null || this.#failed !== null) return
    if (this.#queue.length === 0) {
      const t = this.#tail
      if (t === null || t.busy || t.pos === 0) return
      this.#seal()
    }
    const next = this.#queue.shift()!
    this.#inflight = next
    try {
      // One view per slab (not per record): sonic-boom writes Buffer.length bytes.
      this.stream!.write(next.buf.subarray(0, next.pos))
    } catch (err) {
      this.#fail(err as Error)
    }
  }

  #scheduleTick (): void {
    if (this.#tickScheduled) return
    this.#tickScheduled = true
    setImmediate(this.#tick)
  }

  /** Bound once: setImmediate gets the same function every tick. */
  readonly #tick = (): void => this.#onTick()

  #onDrain (): void {
    const done = this.#inflight
    if (done === null) return
    this.#releaseInflight(done)
    if (this.#unreported > 0 && this.#buffered <= this.maxLength / 2) this.#reportDrops()
    if (this.#queue.length > 0 || this.#buffered >= this.minLength || this.#flushing) this.#pump()
    if (this.#inflight === null && this.#waiters.length > 0 && this.#idle()) this.#resolveWaiters(null)
  }

  /**
   * Once the reader has caught up (half of maxLength free again), one warning record in
   * pino's layout says how many records were dropped. Rare, so it may allocate.
   */
  #reportDrops (): void {
    const n = this.#unreported
    this.#unreported = 0
    const line = `{"level":40,"time":${Date.now()},"dropped":${n},"msg":"bytelog: ${n} records dropped: the destination had more than maxLength (${this.maxLength}) bytes waiting"}\n`
    const bytes = Buffer.from(line)
    this.append(bytes, bytes.length)
  }

  #idle (): boolean {
    return this.#inflight === null && this.#queue.length === 0 && (this.#tail === null || this.#tail.pos === 0)
  }

  #resolveWaiters (err: Error | null): void {
    this.#flushing = false
    const waiters = this.#waiters
    this.#waiters = []
    for (const cb of waiters) {
      if (err === null && this.stream !== null && !this.stream.destroyed && !this.sync) {
        this.stream.flush((e?: Error) => cb(e ?? null))
      } else {
        cb(err)
      }
    }
  }

  /** Calls back once every record accepted so far is written to the fd. */
  flush (cb?: (err?: Error | null) => void): void {
    const done = cb ?? noop
    if (this.#writer !== null) {
      if (typeof this.#writer.flush === 'function') this.#writer.flush(done)
      else process.nextTick(done, null)
      return
    }
    if (this.#failed !== null) {
      process.nextTick(done, this.#failed)
      return
    }
    if (this.#batch !== null) {
      // Everything to the thread stream now; it calls back once the worker has read it
      // and flushed its targets.
      this.#seal()
      this.#writeBatches()
      // Also a waiter: thread-stream's flush waits for the worker without end, and a worker
      // that dies first must still call us back (#fail resolves the waiters).
      let called = false
      const once = (err?: Error | null): void => {
        if (called) return
        called = true
        const i = this.#waiters.indexOf(once)
        if (i !== -1) this.#waiters.splice(i, 1)
        done(err ?? this.#failed)
      }
      this.#waiters.push(once)
      this.#batch.flush(once)
      return
    }
    if (this.#direct) this.#seal()
    if (this.sync || this.#idle()) {
      process.nextTick(done, this.#failed)
      return
    }
    this.#waiters.push(done)
    this.#flushing = true
    if (!this.#direct) this.#pump()
  }

  /**
   * Writes everything buffered before returning, oldest first. Direct mode has nothing in
   * flight, so this keeps the order exactly. On a socket (sonic-boom), a write in flight on
   * libuv's thread pool completes on its own (it cannot be waited for synchronously);
   * sonic-boom's flushSync finishes a partial or retrying write.
   */
  flushSync (): void {
    if (this.#writer !== null) {
      this.#writer.flushSync?.()
      return
    }
    if (this.#batch !== null) {
      if (this.#failed !== null || this.#batch.closed) return
      this.#queueTail()
      this.#writeBatches()
      try {
        // Blocks until the worker has read every byte (thread-stream gives up after 10 s).
        this.#batch.flushSync()
      } catch (err) {
        this.#fail(err as Error)
      }
      return
    }
    const stream = this.stream!
    if (this.sync || this.#failed !== null || stream.fd < 0) return
    if (this.#direct) {
      // Everything from the main thread, in order, each slab from where it stopped.
      if (this.#retry !== null) {
        clearTimeout(this.#retry)
        this.#retry = null
      }
      // Not #seal(): that would try a non-blocking write and could arm a retry timer.
      this.#queueTail()
      this.#writeQueueSync(this.#fd, EXIT_WAIT_MS)
      return
    }
    const inflight = this.#inflight
    if (inflight !== null) {
      try {
        stream.flushSync()
      } catch (err) {
        this.#fail(err as Error)
        return
      }
      // sonic-boom's flushSync wrote the remainder itself when no fs.write was in flight;
      // then no 'drain' follows and the slab is ours again now.
      if (!(stream as unknown as { _writing: boolean })._writing) this.#releaseInflight(inflight)
    }
    this.#seal()
    this.#writeQueueSync(stream.fd, Infinity)
  }

  /** Moves the tail, if it has bytes and no record is being written into it, to the queue. */
  #queueTail (): void {
    const t = this.#tail
    if (t !== null && !t.busy && t.pos > 0) {
      this.#tail = null
      this.#queue.push(t)
    }
  }

  /** Writes the queue synchronously, each slab from where it stopped, then recycles it. */
  #writeQueueSync (fd: number, maxWaitMs: number): void {
    try {
      while (this.#queue.length > 0) {
        const b = this.#queue[0]!
        writeFully(fd, b.buf, b.sent, b.pos - b.sent, maxWaitMs)
        this.#buffered -= b.pos - b.sent
        this.#queue.shift()
        this.pool.put(b)
      }
    } catch (err) {
      this.#fail(err as Error)
    }
  }

  /** sonic-boom has written the slab in flight: it is ours again. */
  #releaseInflight (done: ByteBuf): void {
    this.#inflight = null
    this.#buffered -= done.pos
    this.pool.put(done)
  }

  /** Reopens the file (after log rotation). */
  reopen (file?: string): void {
    const stream = this.stream
    if (stream === null || this.#failed !== null) return
    // Records logged before the rotation belong in the old file.
    this.flushSync()
    const before = stream.listeners('ready')
    try {
      stream.reopen(file)
    } catch (err) {
      // sonic-boom leaves a 'ready' listener that closes the old fd; the next reopen adds
      // another, and the second close would hit an fd number that may be reused by then.
      for (const l of stream.listeners('ready')) if (!before.includes(l)) stream.removeListener('ready', l as () => void)
      // Called from a SIGHUP handler, a throw would take the app down. The old fd is still
      // open and still written: nothing is lost, and the next reopen may succeed. sonic-boom
      // also emits this error on the next tick; it is not a failure of the destination.
      this.#reopenError = err as Error
      this.#report(err as Error, 'cannot reopen the file, still writing to the old one')
    }
  }

  /**
   * The process is ending ('exit', or a signal about to kill it): writes everything
   * synchronously; a transport's worker is also ended, which blocks until it has closed its
   * targets (a target may buffer too: a socket, a batching HTTP client).
   */
  exitSync (): void {
    this.flushSync()
    const batch = this.#batch
    if (batch !== null && !this.#ended && !batch.closed && this.#failed === null) {
      this.#ended = true
      try {
        batch.end()
      } catch (err) {
        this.#fail(err as Error)
      }
    }
  }

  /** Flushes, then closes the fd (not for stdout/stderr, which stay open). */
  end (cb?: (err?: Error | null) => void): void {
    if (this.#ended) return
    this.#ended = true
    if (this.#timer !== null) clearInterval(this.#timer)
    const batch = this.#batch
    if (batch !== null) {
      this.flush((err) => {
        unregisterForExit(this)
        if (batch.closed) {
          cb?.(err ?? null)
          return
        }
        // The worker is unref'd (it must not keep an app alive); while it closes its
        // targets it is what the app waits for, so it holds the process until 'close'.
        batch.ref?.()
        batch.once('close', () => {
          batch.unref?.()
          cb?.(err ?? this.#failed)
        })
        try {
          batch.end()
        } catch (e) {
          this.#fail(e as Error)
        }
      })
      return
    }
    this.flush((err) => {
      unregisterForExit(this)
      if (this.#pipeFd >= 0) fs.closeSync(this.#pipeFd)
      const stream = this.stream
      if (stream !== null && stream.fd > 2) {
        stream.once('close', () => cb?.(err ?? null))
        stream.end()
      } else {
        cb?.(err ?? null)
      }
    })
  }

  #fail (err: Error): void {
    if (this.#failed === null) {
      this.#failed = err
      // Records that can no longer be written. The in-flight slab stays with sonic-boom,
      // which still references it, so it is never pooled.
      for (const b of this.#queue) this.dropped += b.records
      if (this.#inflight !== null) this.dropped += this.#inflight.records
      if (this.#tail !== null && !this.#tail.busy) this.dropped += this.#tail.records
      this.#queue.length = 0
      this.#inflight = null
      if (this.#tail !== null && !this.#tail.busy) this.#tail.pos = 0
      this.#buffered = 0
      this.#resolveWaiters(err)
    }
    // A logger must not take the app down: report, and keep dropping records.
    this.#report(err, 'destination failed, records are dropped')
  }

  /** To an 'error' listener if there is one, else one process warning per message. */
  #report (err: Error, what: string): void {
    if (this.listenerCount('error') > 0) this.emit('error', err)
    else if (!warned.has(err.message)) {
      warned.add(err.message)
      process.emitWarning(`bytelog: ${what}: ${err.message}`, 'BytelogWarning')
    }
  }
}

const warned = new Set<string>()

/** A Buffer of its own holding buf[from, to): for a writer that keeps what it is given. */
function copyOf (buf: Buffer, from: number, to: number): Buffer {
  const chunk = Buffer.allocUnsafe(to - from)
  buf.copy(chunk, 0, from, to)
  return chunk
}

const PINO_METADATA = Symbol.for('pino.metadata')
const LEVEL_HEAD = Buffer.from('{"level":', 'latin1')

/**
 * pino sets `lastLevel` on a metadata stream before each write, and pino.multistream
 * routes by it. The level is read back from the record's head (`{"level":N`); a record
 * whose level formatters.level moved elsewhere leaves it as it was.
 */
function setLastLevel (writer: { lastLevel?: number }, chunk: Buffer): void {
  if (chunk.length <= LEVEL_HEAD.length || chunk.compare(LEVEL_HEAD, 0, LEVEL_HEAD.length, 0, LEVEL_HEAD.length) !== 0) return
  let v = 0
  let i = LEVEL_HEAD.length
  for (; i < chunk.length && chunk[i]! >= 0x30 && chunk[i]! <= 0x39; i++) v = v * 10 + chunk[i]! - 0x30
  if (i > LEVEL_HEAD.length) writer.lastLevel = v
}

function noop (): void {}

/** What an fd is, for choosing how to write to it. */
function fdKind (fd: number): 'pipe' | 'socket' | 'other' {
  try {
    const st = fs.fstatSync(fd)
    if (st.isFIFO()) return 'pipe'
    if (st.isSocket()) return 'socket'
    return 'other'
  } catch {
    return 'socket' // unknown: sonic-boom's non-blocking path is the safe one
  }
}

/**
 * A second descriptor of the same pipe, non-blocking, so that the main thread can write
 * to it without waiting for a slow reader. -1 where that cannot be done (no /proc).
 */
function openNonBlocking (fd: number): number {
  if (!WRITE_SYNC_REPORTS_SHORT) return -1
  try {
    return fs.openSync(`/proc/self/fd/${fd}`, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)
  } catch {
    return -1
  }
}

/** How long a flush at exit waits, in all, for a pipe whose reader is not reading. */
const EXIT_WAIT_MS = 10_000

function isWritable (o: unknown): o is Writable {
  return typeof o === 'object' && o !== null && typeof (o as Writable).write === 'function'
}

function nonNegative (v: number | undefined, name: string): number {
  if (v === undefined) return 0
  if (!Number.isSafeInteger(v) || v < 0) throw new TypeError(`bytelog: ${name} must be an integer >= 0, got ${String(v)}`)
  return v
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4))

/**
 * fs.writeSync until all of buf[off, off+len) is written; on EAGAIN, sleeps 1 ms and
 * retries, for at most `maxWaitMs` in all (then throws the EAGAIN).
 */
export function writeFully (fd: number, buf: Buffer, off: number, len: number, maxWaitMs = Infinity): void {
  let waited = 0
  while (len > 0) {
    let n: number
    try {
      n = fs.writeSync(fd, buf, off, len)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if ((code !== 'EAGAIN' && code !== 'EBUSY') || waited >= maxWaitMs) throw err
      Atomics.wait(sleepCell, 0, 0, 1)
      waited += 1
      continue
    }
    off += n
    len -= n
  }
}

/** Creates a destination: a file descriptor or path written through sonic-boom. */
export function destination (opts: DestinationOptions | number | string = {}): Destination {
  if (typeof opts === 'number' || typeof opts === 'string') return new Destination({ dest: opts })
  return new Destination(opts)
}
