/**
 * A field whose value is a string, a number or a boolean: most fields of most records.
 * Such a value has no toJSON to resolve, is never skipped and cannot throw while it is
 * written, so it needs none of writeProperty's guards (the ancestor stack's level, a
 * try, resolve, skips): on a request's nine fields those were a third of the walk's time.
 */
import type { ByteBuf } from '../pool.js'
import { appendBytes, FALSE, TRUE } from './bytes.js'
import { appendNumber, MAX_NUMBER_BYTES } from './number.js'
import { appendKey, appendString } from './string.js'

/** Writes `,"key":v` (`"key":v` without `comma`) if v is a string, number or boolean, and says so; else writes nothing. */
export function appendPrimitiveField (b: ByteBuf, key: string, v: unknown, comma: boolean): boolean {
  const t = typeof v
  if (t !== 'string' && t !== 'number' && t !== 'boolean') return false
  appendKey(b, key, comma)
  appendPrimitive(b, v as string | number | boolean)
  return true
}

/** Writes a string, number or boolean as JSON (value.ts's writeValue takes these here too). */
export function appendPrimitive (b: ByteBuf, v: string | number | boolean): void {
  if (typeof v === 'string') {
    appendString(b, v)
  } else if (typeof v === 'number') {
    const buf = b.reserve(MAX_NUMBER_BYTES)
    b.pos = appendNumber(buf, b.pos, v)
  } else {
    b.pos = appendBytes(b.reserve(5), b.pos, v ? TRUE : FALSE)
  }
}
