/**
 * JSON strings, escaped exactly as `JSON.stringify` escapes them (well-formed
 * JSON.stringify: lone surrogates become \udxxx escapes, U+2028 and DEL pass through).
 *
 * Like zerolog's string encoder: scan once against a table of bytes that need no
 * escaping, copy the clean run in bulk, drop to the slow path at the first byte that
 * needs attention. Short strings are copied by a JS loop here; long ones go to
 * long-string.ts; escape.ts holds the tables and the char-by-char escaper.
 */
import type { ByteBuf } from '../pool.js'
import { appendTail, ESCAPE } from './escape.js'
import { appendLongString } from './long-string.js'

/** Below this length a JS copy loop beats the call into Buffer#utf8Write (measured on pino's package.json as a record). */
const SHORT = 64

/** Appends `s` as a quoted JSON string. */
export function appendString (b: ByteBuf, s: string): void {
  const len = s.length
  if (len >= SHORT) {
    appendLongString(b, s)
    return
  }
  const start = b.pos
  // Room for the all-ASCII case; the slow path reserves what it needs.
  const buf = b.reserve(len + 2)
  buf[start] = 0x22
  const pos = start + 1
  let i = 0
  for (; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x80 || ESCAPE[c] !== 0) break
    buf[pos + i] = c
  }
  if (i === len) {
    buf[pos + len] = 0x22
    b.pos = pos + len + 1
    return
  }
  b.pos = pos + i
  appendTail(b, s, i, len)
  b.reserve(1)[b.pos++] = 0x22
}

/** Appends the contents of `s` escaped as in a JSON string, without the quotes. */
export function appendStringContent (b: ByteBuf, s: string): void {
  appendTail(b, s, 0, s.length)
}

/** The same for s[from, to): a part of a string without the slice (which would allocate). */
export function appendStringRange (b: ByteBuf, s: string, from: number, to: number): void {
  appendTail(b, s, from, to)
}

/**
 * Appends `,"key":` (or `"key":` when `comma` is false). Keys are short and plain nearly
 * always: one reserve and one copy loop; anything else goes through appendString.
 */
export function appendKey (b: ByteBuf, key: string, comma: boolean): void {
  const len = key.length
  if (len < SHORT) {
    const buf = b.reserve(len + 4)
    let pos = b.pos
    if (comma) buf[pos++] = 0x2c
    buf[pos] = 0x22
    let i = 0
    for (; i < len; i++) {
      const c = key.charCodeAt(i)
      if (c >= 0x80 || ESCAPE[c] !== 0) break
      buf[pos + 1 + i] = c
    }
    if (i === len) {
      buf[pos + 1 + len] = 0x22
      buf[pos + 2 + len] = 0x3a
      b.pos = pos + 3 + len
      return
    }
    b.pos = pos
  } else if (comma) {
    b.reserve(1)[b.pos++] = 0x2c
  }
  appendString(b, key)
  b.reserve(1)[b.pos++] = 0x3a
}

/**
 * Escapes bytes that are already valid JSON text (the output of an encoder) so that they
 * can sit inside a JSON string: only `"` and `\` change, since JSON text has no raw
 * control characters. Used for printf's %j, whose JSON becomes part of the message.
 */
export function appendEscapedJsonBytes (b: ByteBuf, src: Uint8Array, from: number, to: number): void {
  const buf = b.reserve((to - from) * 2)
  let pos = b.pos
  for (let i = from; i < to; i++) {
    const c = src[i]!
    if (c === 0x22 || c === 0x5c) buf[pos++] = 0x5c
    buf[pos++] = c
  }
  b.pos = pos
}
