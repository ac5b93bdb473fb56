import type { ByteBuf } from '../pool.js'
import { appendString } from './string.js'

/** What a thrown value says of itself: its message, or "too deep" for a stack overflow. Never throws. */
export function reasonOf (err: unknown): string {
  try {
    if (err instanceof RangeError && /call stack/i.test(err.message)) return 'too deep'
    return err instanceof Error ? String(err.message) : String(err)
  } catch {
    return 'unknown error' // a thrown value whose message or toString throws as well
  }
}

/** The placeholder for a value that threw while being read or written: "[Unserializable: <message>]". */
export function appendUnserializable (b: ByteBuf, err: unknown): void {
  appendString(b, `[Unserializable: ${reasonOf(err)}]`)
}
