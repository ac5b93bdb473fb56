/**
 * pino's call shapes, turned into bytelog's options: `(opts?, stream?)`, `(stream)` and
 * `(path)`. The stream becomes the `destination` option; a std time function given as
 * `timestamp` becomes the native `time` option that writes the same bytes.
 */
import { Destination, type Writable } from './destination/index.js'
import type { LoggerOptions } from './options.js'
import { nativeTime } from './std-time.js'

/** What pino takes as its destination stream: a destination(), a transport(), or anything with write(). */
export type DestinationStream = Destination | Writable

function isStream (v: unknown): v is DestinationStream {
  return v instanceof Destination || (typeof v === 'object' && v !== null && typeof (v as Writable).write === 'function')
}

/** `(opts?, stream?)`, `(stream)` or `(path)` as LoggerOptions; the caller's objects are not changed. */
export function loggerArgs<L extends string = never> (opts?: LoggerOptions<L> | DestinationStream | string | null, stream?: DestinationStream | string): LoggerOptions<L> {
  let o: LoggerOptions<L>
  if (opts === undefined || opts === null) o = {}
  else if (typeof opts === 'string') o = { destination: { dest: opts } }
  else if (isStream(opts)) o = { destination: opts }
  else o = opts
  if (stream !== undefined) {
    // pino's message for the first.
    if (o.transport !== undefined) throw new TypeError('only one of option.transport or stream can be specified')
    if (o.pretty !== undefined) throw new TypeError('bytelog: give a stream or the pretty option, not both')
    if (o.destination !== undefined) throw new TypeError('bytelog: give a stream or the destination option, not both')
    if (typeof stream !== 'string' && !isStream(stream)) throw new TypeError('bytelog: the second argument must be a stream (something with write()) or a path')
    o = { ...o, destination: typeof stream === 'string' ? { dest: stream } : stream }
  }
  const time = typeof o.timestamp === 'function' ? nativeTime(o.timestamp) : undefined
  if (time !== undefined && o.time === undefined) {
    const { timestamp: _, ...rest } = o
    o = { ...rest, time }
  }
  return o
}
