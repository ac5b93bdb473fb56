/**
 * Opening and closing what a destination writes to. sonic-boom opens the file (mkdir,
 * append), reopens it for log rotation and closes it, whichever writer writes the bytes.
 */
import * as fs from 'node:fs'
import sonicBoom from 'sonic-boom'
import type { SonicBoomOpts } from 'sonic-boom'
import type { DestinationOptions, SonicBoomStream } from './types.js'
import type { Callback } from './writer.js'
import { WRITE_SYNC_REPORTS_SHORT } from '../runtime.js'

// sonic-boom is CommonJS with `module.exports = SonicBoom`: the default import is the class
// under both ESM and our CommonJS build.
const SonicBoom = sonicBoom as unknown as new (opts: SonicBoomOpts) => SonicBoomStream

/**
 * Opens `opts.dest`. A file is opened synchronously in both modes (sonic-boom opens
 * synchronously in sync mode, so it is made in sync mode; the socket writer switches it
 * after): a script that logs and calls process.exit() in its first tick must find an fd to
 * flush to, and a path that cannot be opened throws here, not on a later log call.
 * minLength is the front's: a writer is handed whole slabs.
 */
export function openStream (opts: DestinationOptions): SonicBoomStream {
  const dest = opts.dest ?? 1
  if (typeof dest !== 'number' && typeof dest !== 'string') {
    throw new TypeError(`bytelog: dest must be a file descriptor or a path, got ${String(dest)}`)
  }
  return new SonicBoom({
    ...(typeof dest === 'number' ? { fd: dest } : { dest }),
    sync: true,
    mkdir: opts.mkdir === true,
    append: opts.append !== false,
    fsync: opts.fsync === true,
    contentMode: 'buffer',
  } as SonicBoomOpts)
}

/** Closes the stream's fd (not stdout/stderr, which stay open), then calls back. */
export function closeStream (stream: SonicBoomStream, cb: Callback): void {
  if (stream.fd <= 2 || stream.destroyed) {
    cb()
    return
  }
  let called = false
  const finish = (err?: Error): void => {
    if (called) return
    called = true
    stream.removeListener('close', finish)
    stream.removeListener('error', finish)
    cb(err)
  }
  stream.once('close', finish)
  // A close that fails must still call back (the front's own listener reports the error).
  stream.once('error', finish)
  stream.end()
}

/** What an fd is, for choosing how to write to it. */
export function fdKind (fd: number): 'pipe' | 'socket' | 'other' {
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
export function openNonBlocking (fd: number): number {
  // Deno's writeSync loses the count of a short write on a non-blocking fd: blocking there.
  if (!WRITE_SYNC_REPORTS_SHORT) return -1
  try {
    return fs.openSync(`/proc/self/fd/${fd}`, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)
  } catch {
    return -1
  }
}
