/**
 * Where records go: a file descriptor or path (opened by sonic-boom), a caller's stream, or
 * a transport's thread stream. front.ts owns the slab and the order of records; each way of
 * writing is one writer file behind the contract in writer.ts, chosen in choose.ts.
 */
import { Destination } from './front.js'
import type { DestinationOptions } from './types.js'

export { Destination } from './front.js'
export type { BatchWriter, DestinationOptions, SonicBoomStream, Writable } from './types.js'

/** Creates a destination: a file descriptor or path. */
export function destination (opts: DestinationOptions | number | string = {}): Destination {
  if (typeof opts === 'number' || typeof opts === 'string') return new Destination({ dest: opts })
  return new Destination(opts)
}
