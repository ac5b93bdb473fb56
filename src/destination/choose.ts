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
}

export function chooseWriter (target: Target, sink: Sink): Chosen {
  switch (target.kind) {
    case 'stream': return { writer: new StreamWriter(target.stream, sink), stream: null }
    case 'thread': return { writer: new ThreadWriter(target.stream, target.sync, sink), stream: null }
    case 'fd': return chooseForFd(target.opts, sink)
  }
}

/** Sync mode writes every fd itself; async, by what the fd is. */
function chooseForFd (opts: DestinationOptions, sink: Sink): Chosen {
  const stream = openStream(opts)
  const fsync = opts.fsync === true
  if (opts.sync === true) return { writer: new SyncWriter(stream, sink, fsync), stream }
  const kind = fdKind(stream.fd)
  if (kind === 'other') return { writer: new DirectWriter(stream, -1, sink, fsync), stream }
  if (kind === 'pipe') {
    const pipeFd = openNonBlocking(stream.fd)
    if (pipeFd >= 0) return { writer: new DirectWriter(stream, pipeFd, sink, fsync), stream }
  }
  // A socket, or a pipe without /proc: the main thread cannot write it without blocking.
  return { writer: new SonicWriter(stream, sink), stream }
}
