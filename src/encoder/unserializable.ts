import type { ByteBuf } from '../pool.js'
import { appendString } from './string.js'

/** The placeholder for a value that threw while being read or written: "[Unserializable: <message>]". */
export function appendUnserializable (b: ByteBuf, err: unknown): void {
  let why = 'unknown error'
  try {
    if (err instanceof RangeError && /call stack/i.test(err.message)) why = 'too deep'
    else if (err instanceof Error) why = String(err.message)
    else why = String(err)
  } catch {
    // A thrown value whose message or toString throws as well.
  }
  appendString(b, `[Unserializable: ${why}]`)
}
