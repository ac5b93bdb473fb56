/**
 * The one place that decides how a destination writes, once, when it is made. A new way of
 * writing is a new writer file (see writer.ts for the contract) and a line here.
 */
import { DirectWriter } from './direct.js'
import { fdKind, openNonBlocking, openStream } from './open.js'
import { SonicWriter } from './sonic.js'
import { StreamWriter } from './stream.js'
import { SyncWriter } from './sync.js'
import { ThreadWriter } from './thread.js'
import type { BatchWriter, DestinationOptions, SonicBoomStream, Writable } from './types.js'
import type { Sink, Writer } from './writer.js'

/** Where records go, as the front was given it. */
export type Target =
  | { readonly kind: 'fd', readonly opts: DestinationOptions }
  | { readonly kind: 'stream', readonly stream: Writable }
  | { readonly kind: 'thread', readonly stream: BatchWriter, readonly sync: boolean }

export interface Chosen {
  readonly writer: Writer
  /** The sonic-boom that opened the fd (reopen, 'ready'); null for a stream or a thread. */
  readonly stream: SonicBoomStream | null
  /** The writer hands records to a stream that wants pino's metadata (see meta.ts). */
  readonly metadata: boolean
}

export function chooseWriter (target: Target, sink: Sink): Chosen {
  switch (target.kind) {
    case 'stream': {
      const writer = new StreamWriter(target.stream, sink)
      return { writer, stream: null, metadata: writer.metadata }
    }
    case 'thread': return { writer: new ThreadWriter(target.stream, target.sync, sink), stream: null, metadata: false }
    case 'fd': return chooseForFd(target.opts, sink)
  }
}

/** Sync mode writes every fd itself; async, by what the fd is. */
function chooseForFd (opts: DestinationOptions, sink: Sink): Chosen {
  const stream = openStream(opts)
  const fsync = opts.fsync === true
  if (opts.sync === true) return { writer: new SyncWriter(stream, sink, fsync), stream, metadata: false }
  const kind = fdKind(stream.fd)
  if (kind === 'other') return { writer: new DirectWriter(stream, -1, sink, fsync), stream, metadata: false }
  if (kind === 'pipe') {
    const pipeFd = openNonBlocking(stream.fd)
    if (pipeFd >= 0) return { writer: new DirectWriter(stream, pipeFd, sink, fsync), stream, metadata: false }
  }
  // A socket, or a pipe without /proc: the main thread cannot write it without blocking.
  return { writer: new SonicWriter(stream, sink), stream, metadata: false }
}
