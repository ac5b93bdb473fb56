/**
 * The destination's front: it owns the slab, acquire/commit/append, the order of records
 * and the counts (`dropped`, `buffered`). How the bytes reach the fd is its writer's
 * business (writer.ts), chosen once when the destination is made (choose.ts).
 *
 * Log calls encode straight into the spare capacity of the current slab (`tail`), a pooled
 * ByteBuf: nothing is copied per record. The front seals the tail (hands it to the writer,
 * never to add to it again) when its used bytes near bufferSize, at the end of the tick
 * ('tick' writers) or once minLength bytes have collected ('call' writers, before the log
 * call returns), and on flush.
 */
import { EventEmitter } from 'node:events'
import { copyRange } from '../encoder/bytes.js'
import { registerForExit, unregisterForExit } from '../exit.js'
import { BufferPool, type ByteBuf, type PoolStats } from '../pool.js'
import { chooseWriter, type Target } from './choose.js'
import type { RecordMeta } from './meta.js'
import type { BatchWriter, DestinationOptions, SonicBoomStream, Writable } from './types.js'
import { callBack, type Callback, type Sink, type Writer } from './writer.js'

/** Room kept free at the end of a slab: a tail with less is sealed rather than grown. */
const SLAB_SPARE = 4096

/** sonic-boom's high-water mark (its least): write() returns false past it. */
const HWM = 16387

const OPEN = 0
const ENDING = 1
const ENDED = 2

export class Destination extends EventEmitter {
  readonly pool: BufferPool
  readonly sync: boolean
  readonly minLength: number
  readonly maxLength: number
  /** The sonic-boom that opened the fd; null for a caller's stream or a transport. */
  readonly stream: SonicBoomStream | null
  /** Records dropped: over maxLength, after the destination failed or ended, or whose stream's write threw. */
  dropped = 0
  /**
   * Records go to a caller's stream marked `Symbol.for('pino.metadata')` (pino.multistream):
   * loggers then note pino's metadata of each record (commitWithMeta). Fixed when made.
   */
  readonly metadata: boolean
  readonly #writer: Writer
  /** 'call' writers take slabs before the log call returns. */
  readonly #eager: boolean
  /** A tail with more used bytes than this is sealed (by bytes, not capacity: a grown slab is not full). */
  readonly #sealAt: number
  /** Records are taken (not ended, not failed): the one check on the hot path. */
  #open = true
  #state = OPEN
  #failed: Error | null = null
  #tail: ByteBuf | null = null
  /** Records finished while the tail was busy with an outer record (reentrant calls). */
  readonly #nested: ByteBuf[] = []
  /** With metadata: each nested record's, in the same order. */
  readonly #nestedMeta: Array<RecordMeta | null> = []
  /** With metadata: that of the record being accepted, for the writer (Sink.meta). */
  #meta: RecordMeta | null = null
  /** write() returns false past this many bytes buffered, as sonic-boom's. */
  readonly #hwm: number
  /** Someone listens for 'drain' (seen by 'newListener'): only then is one scheduled. */
  #drainWanted = false
  #drainScheduled = false
  /** Bytes accepted and not yet on the fd. */
  #buffered = 0
  /** Drops over maxLength not yet reported by a warning record. */
  #unreported = 0
  #tickScheduled = false
  /** flush() callbacks waiting for the writer to catch up. */
  #waiters: Callback[] = []
  readonly #endWaiters: Callback[] = []
  #endError: Error | null = null
  /** A failed reopen's error, which sonic-boom emits again a tick later. */
  #reopenError: Error | null = null
  #timer: NodeJS.Timeout | null = null

  /** @param batch internal: the transport's thread stream (see transport.ts) */
  constructor (opts: DestinationOptions | Writable = {}, batch?: BatchWriter) {
    super()
    let target: Target
    if (isWritable(opts)) {
      // A copy per record, so records are handed over as they are committed.
      this.pool = new BufferPool({ bufferSize: 16 * 1024 })
      this.sync = true
      this.minLength = 0
      this.maxLength = 0
      target = { kind: 'stream', stream: opts }
    } else {
      this.pool = new BufferPool(opts)
      this.sync = opts.sync === true
      this.minLength = nonNegative(opts.minLength, 'minLength')
      this.maxLength = batch === undefined ? nonNegative(opts.maxLength, 'maxLength') : 0
      target = batch === undefined ? { kind: 'fd', opts } : { kind: 'thread', stream: batch, sync: this.sync }
    }
    const chosen = chooseWriter(target, this.#sink)
    this.#writer = chosen.writer
    this.stream = chosen.stream
    this.metadata = chosen.metadata
    this.#hwm = Math.max(this.minLength, HWM)
    this.on('newListener', (event: string | symbol) => {
      if (event === 'drain') this.#drainWanted = true
    })
    this.#eager = this.#writer.when === 'call'
    this.#sealAt = this.pool.bufferSize - SLAB_SPARE
    const stream = this.stream
    if (stream !== null) {
      stream.on('error', (err: Error) => {
        if (err === this.#reopenError) this.#reopenError = null
        else this.#fail(err)
      })
      // sonic-boom's 'ready': the file is open (again, after a reopen), as pino's destination says.
      stream.on('ready', () => this.emit('ready'))
      const every = isWritable(opts) ? 0 : nonNegative(opts.periodicFlush, 'periodicFlush')
      if (every > 0) {
        this.#timer = setInterval(() => this.flush(), every)
        this.#timer.unref()
      }
    }
    if (this.#writer.flushAtExit) registerForExit(this)
  }

  /** What the writer reports back (writer.ts). */
  readonly #sink: Sink = {
    written: (n) => {
      this.#buffered -= n
      if (this.#buffered === 0 && this.#drainWanted) this.#scheduleDrain()
    },
    done: (slab) => {
      this.#buffered -= slab.pos - slab.sent
      this.pool.put(slab)
      if (this.#buffered === 0 && this.#drainWanted) this.#scheduleDrain()
    },
    drained: () => this.#scheduleTick(),
    fail: (err) => this.#fail(err),
    lost: (records, err) => {
      this.dropped += records
      this.#report(err, 'a write to the stream threw, its record was dropped')
    },
    ready: () => this.emit('ready'),
    meta: () => this.#meta,
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
    }
    t.busy = true
    return t
  }

  /** The record in b[start, b.pos) is complete. */
  commit (b: ByteBuf, start: number): void {
    b.busy = false
    if (b !== this.#tail) {
      this.#nested.push(b)
      if (this.metadata) this.#nestedMeta.push(this.#meta)
      return
    }
    this.#accept(b, start)
    if (this.#nested.length > 0) this.#drainNested()
  }

  /**
   * commit(), for a destination with metadata: `meta` goes with the record to the stream
   * (records reach a caller's stream as they are committed, so it is that record's).
   */
  commitWithMeta (b: ByteBuf, start: number, meta: RecordMeta): void {
    this.#meta = meta
    try {
      this.commit(b, start)
    } finally {
      this.#meta = null
    }
  }

  /** The record begun at `start` in b (from acquire()) is given up: nothing is written. */
  discard (b: ByteBuf, start: number): void {
    b.pos = start
    b.busy = false
    if (b !== this.#tail) this.pool.put(b) // a buffer of its own (a nested call's)
  }

  /** Appends a complete record held in another buffer (an event's), copying its bytes. */
  append (src: Buffer, len: number): void {
    const b = this.acquire()
    const start = b.pos
    b.pos = copyRange(b.reserve(len), start, src, 0, len)
    this.commit(b, start)
  }

  /**
   * A stream's write, so that a destination can be one of pino.multistream's streams
   * (bytelog's or pino's own) or be handed lines by anything that writes to a stream:
   * `chunk`, whole records as a string or bytes, is appended as it is (counted as one
   * record), then written as any record is. Never throws; after end() or a failure it is
   * dropped and counted. Returns false once more than sonic-boom's high-water mark is
   * buffered ('drain' follows once it is all written, as sonic-boom's).
   */
  write (chunk: string | Uint8Array): boolean {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) chunk = String(chunk)
    if (chunk.length > 0) {
      const b = this.acquire()
      const start = b.pos
      if (typeof chunk === 'string') {
        const buf = b.reserve(Buffer.byteLength(chunk))
        b.pos = start + buf.utf8Write(chunk, start)
      } else {
        b.reserve(chunk.length).set(chunk, start)
        b.pos = start + chunk.length
      }
      this.commit(b, start)
    }
    return this.#buffered < this.#hwm
  }

  /** The file descriptor written to, where there is one (not for a caller's stream or a transport). */
  get fd (): number | undefined {
    return this.stream?.fd
  }

  /** Counts the tail's new record, or drops it; seals the tail when its time has come. */
  #accept (b: ByteBuf, start: number): void {
    const len = b.pos - start
    if (!this.#open) {
      // Ended or failed: the fd may not be ours any more. Dropped, counted, never thrown.
      b.pos = start
      this.dropped++
      return
    }
    if (this.maxLength > 0 && this.#buffered + len > this.maxLength) {
      // Dropped whole: a reader that stopped must not grow memory without bound.
      b.pos = start
      this.dropped++
      this.#unreported++
      this.#scheduleTick() // to report the drop once there is room
      return
    }
    b.records++
    this.#buffered += len
    if (b.pos > this.#sealAt || (this.#eager && this.#buffered >= this.minLength)) this.#seal()
    else if (!this.#eager) this.#scheduleTick()
  }

  /** Each nested record goes after the outer one, as its own slab, in the order they finished. */
  #drainNested (): void {
    const nested = this.#nested.splice(0)
    const metas = this.metadata ? this.#nestedMeta.splice(0) : null
    const outer = this.#meta
    for (let i = 0; i < nested.length; i++) {
      const n = nested[i]!
      this.#seal()
      this.#tail = n
      if (metas !== null) this.#meta = metas[i] ?? null
      this.#accept(n, 0)
      this.#seal()
    }
    this.#meta = outer
  }

  /** Hands the tail, if it has bytes and no record is being encoded into it, to the writer. */
  #seal (): void {
    const t = this.#tail
    if (t === null || t.busy) return
    this.#tail = null
    if (t.pos === 0) this.pool.put(t)
    else this.#writer.write(t)
  }

  /** The tail for a synchronous flush, taken from the front (null if empty or busy). */
  #takeTail (): ByteBuf | null {
    const t = this.#tail
    if (t === null || t.busy || t.pos === 0) return null
    this.#tail = null
    return t
  }

  /** 'drain', as sonic-boom emits it: once everything written so far is through, a tick later. */
  #scheduleDrain (): void {
    if (this.#drainScheduled) return
    this.#drainScheduled = true
    process.nextTick(this.#emitDrain)
  }

  /** Bound once. Emitted only if nothing was buffered since (sonic-boom checks again too). */
  readonly #emitDrain = (): void => {
    this.#drainScheduled = false
    if (this.#buffered === 0 && this.#open && this.listenerCount('drain') > 0) this.emit('drain')
  }

  #scheduleTick (): void {
    if (this.#tickScheduled) return
    this.#tickScheduled = true
    setImmediate(this.#tick)
  }

  /** Bound once: setImmediate gets the same function every tick. */
  readonly #tick = (): void => this.#onTick()

  /**
   * End of the tick, or the writer caught up: reports drops once there is room, seals what
   * collected unless minLength holds it (or the writer is still behind: the tail then keeps
   * filling), and calls back flushes once nothing is pending.
   */
  #onTick (): void {
    this.#tickScheduled = false
    // The warning first: it goes out with what collected, before records a flush callback logs.
    if (this.#unreported > 0 && this.#buffered <= this.maxLength / 2) this.#reportDrops()
    const flushing = this.#waiters.length > 0
    if (!this.#writer.pending && (this.#buffered >= this.minLength || flushing)) this.#seal()
    if (flushing && !this.#writer.pending && this.#failed === null) this.#resolveWaiters()
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

  /** Each waiting flush calls back once its writer says what was written is through. */
  #resolveWaiters (): void {
    const waiters = this.#waiters
    this.#waiters = []
    for (const cb of waiters) this.#writer.flush(cb)
  }

  /** Calls back (with no argument on success) once every record accepted so far is on the fd. */
  flush (cb?: Callback): void {
    const done = typeof cb === 'function' ? cb : noop
    if (this.#failed !== null) {
      process.nextTick(done, this.#failed)
      return
    }
    if (this.#state === ENDED) {
      process.nextTick(done)
      return
    }
    // Ending: the end's own flush is writing what is left; this one calls back with it.
    if (this.#state === ENDING) this.#endWaiters.push(done)
    else this.#flushNow(done)
  }

  #flushNow (done: Callback): void {
    this.#seal()
    if (this.#failed !== null) process.nextTick(done, this.#failed)
    else if (this.#writer.pending) this.#waiters.push(done)
    else this.#writer.flush(done)
  }

  /** Writes everything buffered before returning, oldest first (see each writer's flushSync). */
  flushSync (): void {
    if (this.#failed !== null || this.#state === ENDED) return
    this.#writer.flushSync(this.#takeTail())
    if (this.#waiters.length > 0) this.#scheduleTick()
  }

  /** Reopens the file (after log rotation). */
  reopen (file?: string): void {
    const stream = this.stream
    if (stream === null || !this.#open) return
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

  /** The process is ending ('exit', or a signal about to kill it): writes everything synchronously. */
  exitSync (): void {
    if (this.#failed !== null || this.#state === ENDED) return
    this.#writer.exitSync(this.#takeTail())
  }

  /**
   * Takes no more records (later ones are dropped and counted), flushes, then closes what
   * the destination owns (not stdout/stderr). Every end(cb) calls back, a second one too.
   */
  end (cb?: Callback): void {
    const done = typeof cb === 'function' ? cb : null
    if (this.#state === ENDED) {
      if (done !== null) process.nextTick(callBack, done, this.#endError)
      return
    }
    if (done !== null) this.#endWaiters.push(done)
    if (this.#state === ENDING) return
    this.#state = ENDING
    this.#open = false
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#flushNow((err) => {
      unregisterForExit(this)
      this.#writer.end((e) => {
        this.#state = ENDED
        this.#endError = err ?? e ?? this.#failed
        for (const w of this.#endWaiters.splice(0)) callBack(w, this.#endError)
      })
    })
  }

  #fail (err: Error): void {
    if (this.#failed === null) {
      this.#failed = err
      this.#open = false
      // Records that can no longer be written: those the writer held and the tail's.
      this.dropped += this.#writer.abandon(err)
      const t = this.#tail
      if (t !== null) {
        this.dropped += t.records
        t.records = 0
        if (!t.busy) t.pos = 0
      }
      this.#buffered = 0
      const waiters = this.#waiters
      this.#waiters = []
      for (const cb of waiters) process.nextTick(cb, err)
    }
    // A logger must not take the app down: report, and keep dropping records.
    this.#report(err, 'destination failed, records are dropped')
  }

  /**
   * To an 'error' listener if there is one, else one process warning per message. A reader
   * that closed the pipe (EPIPE: `app | head -1`) is normal for a CLI: no warning, as pino.
   */
  #report (err: Error, what: string): void {
    if (this.listenerCount('error') > 0) this.emit('error', err)
    else if ((err as NodeJS.ErrnoException).code !== 'EPIPE' && !warned.has(err.message)) {
      warned.add(err.message)
      process.emitWarning(`bytelog: ${what}: ${err.message}`, 'BytelogWarning')
    }
  }
}

const warned = new Set<string>()

function noop (): void {}

function isWritable (o: unknown): o is Writable {
  return typeof o === 'object' && o !== null && typeof (o as Writable).write === 'function'
}

function nonNegative (v: number | undefined, name: string): number {
  if (v === undefined) return 0
  if (!Number.isSafeInteger(v) || v < 0) throw new TypeError(`bytelog: ${name} must be an integer >= 0, got ${String(v)}`)
  return v
}
