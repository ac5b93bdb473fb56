/** The public shapes of destinations and of what they write to. */
import type { EventEmitter } from 'node:events'
import type { PoolOptions } from '../pool.js'

export interface DestinationOptions extends PoolOptions {
  /** A file descriptor (1 = stdout, the default) or a file path. */
  dest?: number | string
  /** Write records with fs.writeSync before the log call returns. Default false. */
  sync?: boolean
  /**
   * Hold records until this many bytes have collected, then write them (sync mode: before
   * that log call returns). Everything held is still written by flush(), flushSync(),
   * end() and at exit. Default 0.
   */
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
