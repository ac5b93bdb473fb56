/**
 * The one contract between the destination's front (front.ts) and each way of writing.
 *
 * The front owns the slab, the order of records and the counts. It hands a writer whole
 * slabs, sealed: no record is added to a slab once it is handed over. The writer owns the
 * slab from then on and gives it back (Sink.done) only once its bytes are on the fd, so
 * that the pool never hands out a buffer someone is still reading.
 */
import * as fs from 'node:fs'
import type { ByteBuf } from '../pool.js'
import type { RecordMeta } from './meta.js'
import { writeSlabPart } from './whole.js'

/** A completion callback: no argument on success (as pino's flush), the error otherwise. */
export type Callback = (err?: Error | null) => void

/** What the front offers the writer it made. */
export interface Sink {
  /** `n` more bytes of a slab handed over reached the fd (the slab's `sent` moved on). */
  written (n: number): void
  /** Every byte of `slab` reached the fd: it goes back to the pool. */
  done (slab: ByteBuf): void
  /** The writer caught up after being behind: the front may seal more and call back flushes. */
  drained (): void
  /** A write failed for good: the front stops taking records and reports `err`. */
  fail (err: Error): void
  /**
   * A write threw and lost `records` records, but the writer goes on (a caller's stream):
   * the front counts them in `dropped` and reports `err`; later records are written.
   */
  lost (records: number, err: Error): void
  /** What was written to is open: the destination emits 'ready' (a writer with no sonic-boom calls it). */
  ready (): void
  /** pino's metadata of the record being handed over (only where Destination.metadata), else null. */
  meta (): RecordMeta | null
}

export interface Writer {
  /**
   * When the front hands over a slab. 'call': before the log call returns, once minLength
   * bytes have collected (sync mode, a caller's stream). 'tick': at the end of the
   * event-loop turn, or when the slab is full.
   */
  readonly when: 'call' | 'tick'
  /** The front registers the destination for the flush at exit. */
  readonly flushAtExit: boolean
  /** Slabs handed over are not all on the fd yet (the front holds its tail meanwhile). */
  readonly pending: boolean
  /** Takes a sealed slab: its bytes [sent, pos) are to be written. */
  write (slab: ByteBuf): void
  /** Called by the front only when nothing is pending: calls back once what was written is through. */
  flush (cb: Callback): void
  /** Writes everything handed over, then `last` (the front's tail) if given, before returning. */
  flushSync (last: ByteBuf | null): void
  /** The process is ending: flushSync, and close what must be closed to deliver. */
  exitSync (last: ByteBuf | null): void
  /** Everything is flushed: closes what this writer owns, then calls back. */
  end (cb: Callback): void
  /** The destination failed: drop every slab held, call back pending flushes; returns the records lost. */
  abandon (err: Error): number
}

/** Records of a slab not yet (wholly) on the fd: each record ends in its only raw "\n". */
export function unsentRecords (b: ByteBuf): number {
  if (b.sent === 0) return b.records
  let n = 0
  for (let i = b.buf.indexOf(0x0a, b.sent); i !== -1 && i < b.pos; i = b.buf.indexOf(0x0a, i + 1)) n++
  return n
}

/** A Buffer of its own holding buf[from, to): for a writer that keeps what it is given. */
/**
 * For the writers that keep what they are given (a caller's stream, a thread stream): the
 * slab's unwritten bytes as a Buffer of their own, the slab pooled again at once, then
 * write(copy). Returns the records lost when write threw (0 otherwise); the failure goes to
 * the sink.
 */
export function writeCopy (slab: ByteBuf, sink: Sink, write: (chunk: Buffer) => void): number {
  const chunk = copyOf(slab.buf, slab.sent, slab.pos)
  const records = slab.records
  sink.done(slab)
  try {
    write(chunk)
  } catch (err) {
    sink.fail(err as Error)
    return records
  }
  return 0
}

export function copyOf (buf: Buffer, from: number, to: number): Buffer {
  const chunk = Buffer.allocUnsafe(to - from)
  buf.copy(chunk, 0, from, to)
  return chunk
}

/** Calls back as pino does: no argument on success. */
export function callBack (cb: Callback, err: Error | null | undefined): void {
  if (err === null || err === undefined) cb()
  else cb(err)
}

/** For a stream destroyed under the destination: its fd number may belong to someone else now. */
export function closedError (): Error {
  return new Error('bytelog: the destination\'s stream was destroyed; records are dropped')
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4))

/**
 * fsync: true: the bytes just written are on the disk before the slab is let go. A pipe or
 * a terminal cannot be synced (EINVAL, ENOTSUP): nothing to do there.
 */
export function syncToDisk (fd: number): void {
  try {
    fs.fsyncSync(fd)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EROFS') throw err
  }
}

/**
 * Writes (whole.ts, else fs.writeSync) until the slab's bytes [sent, pos) are written,
 * moving `sent` on as they go (so that a failure leaves an exact count of what is lost);
 * on EAGAIN, sleeps 1 ms and retries, for at most `maxWaitMs` in all (then throws it).
 */
export function writeSlabSync (fd: number, b: ByteBuf, sink: Sink, maxWaitMs = Infinity): void {
  let waited = 0
  while (b.sent < b.pos) {
    let n: number
    try {
      n = writeSlabPart(fd, b.buf, b.sent, b.pos)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if ((code !== 'EAGAIN' && code !== 'EBUSY') || waited >= maxWaitMs) throw err
      Atomics.wait(sleepCell, 0, 0, 1)
      waited += 1
      continue
    }
    b.sent += n
    sink.written(n)
  }
}
