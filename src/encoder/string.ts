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
import { appendTail } from './escape.js'
import { simd } from './escape-simd.js'
import { appendLongString } from './long-string.js'
import { scanEscapes } from './scan.js'

/** From this length Buffer#utf8Write and the long-string path beat a JS copy loop. */
const SHORT = 64
/**
 * From this length utf8Write and a word scan (scanEscapes) beat the copy loop: on Node 24
 * and 26, 24 characters take 32 ns against 49, 40 take 38 against 77, while 8 take 29
 * against 21 (the call's own cost). Where the SIMD escaper serves, it takes these too:
 * 32 to 63 plain characters in 54-75 ns against 63-84, and with one to escape 58-82 ns
 * against 127-217 (the word scan fails and the copy loop starts over), while 24 take
 * 63-78 ns against 37-52 (Node 24 and 26, mitata).
 */
const MEDIUM = 32

/** Appends `s` as a quoted JSON string. */
export function appendString (b: ByteBuf, s: string): void {
  const len = s.length
  if (len >= MEDIUM) {
    if (len >= SHORT || simd !== null) appendLongString(b, s)
    else if (!appendAscii(b, s, len)) appendShort(b, s, len)
    return
  }
  appendShort(b, s, len)
}

/** The copy loop, then the char-by-char escaper from the first unit that needs it. */
function appendShort (b: ByteBuf, s: string, len: number): void {
  const start = b.pos
  // Room for the all-ASCII case; the slow path reserves what it needs.
  const buf = b.reserve(len + 2)
  buf[start] = 0x22
  const pos = start + 1
  const i = copyPlain(buf, pos, s, len)
  if (i === len) {
    buf[pos + len] = 0x22
    b.pos = pos + len + 1
    return
  }
  b.pos = pos + i
  appendTail(b, s, i, len)
  b.reserve(1)[b.pos++] = 0x22
}

/**
 * Copies s[0, len) to buf[pos...] up to the first unit that is not plain ASCII (one to
 * escape, or one from 0x80 up); returns how many were copied.
 */
function copyPlain (buf: Buffer, pos: number, s: string, len: number): number {
  let i = 0
  for (; i < len; i++) {
    const c = s.charCodeAt(i)
    // Below 0x20 or from 0x80 (one unsigned compare), a quote or a backslash: the units
    // escape.ts's ESCAPE marks, and the non-ASCII ones. Compares, not a load from the
    // table: the loop 10 to 20% faster on a record's short strings, a request's two
    // records 2 to 6% (Node 24 and 26).
    if (((c - 0x20) >>> 0) >= 0x60 || c === 0x22 || c === 0x5c) break
    buf[pos + i] = c
  }
  return i
}

/**
 * `s` (MEDIUM to SHORT units) by utf8Write when it is ASCII with nothing to escape, which
 * one byte a unit and a word scan tell. False, having written nothing: the caller writes it.
 */
function appendAscii (b: ByteBuf, s: string, len: number): boolean {
  const start = b.pos
  const buf = b.reserve(len * 3 + 2)
  const from = start + 1
  const n = buf.utf8Write(s, from, len * 3)
  // scanEscapes with room for none: 0, or 1 at the first escape.
  if (n !== len || scanEscapes(buf, b.words, from, from + n, 0) !== 0) return false
  buf[start] = 0x22
  buf[from + n] = 0x22
  b.pos = from + n + 1
  return true
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
    const at = keyAt.get(key)
    if (at !== undefined) {
      // `,"key":` as first written: copied from bytes, not read unit by unit from the key,
      // four at a time through DataViews (a byte loop took three times as long, Node 24
      // and 26). Up to three bytes past the key land in room reserved for them, below
      // what is written next.
      const from = comma ? at : at + 1
      const n = comma ? len + 4 : len + 3
      b.reserve(n + 3)
      const view = b.view
      const pos = b.pos
      for (let i = 0; i < n; i += 4) view.setInt32(pos + i, KEYS_VIEW.getInt32(from + i, true), true)
      b.pos = pos + n
      return
    }
    const buf = b.reserve(len + 4)
    let pos = b.pos
    if (comma) buf[pos++] = 0x2c
    buf[pos] = 0x22
    if (copyPlain(buf, pos + 1, key, len) === len) {
      buf[pos + 1 + len] = 0x22
      buf[pos + 2 + len] = 0x3a
      b.pos = pos + 3 + len
      if (keysEnd + len + 4 + 3 <= KEYS.length) remember(key, buf, pos + 1, len)
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
 * Plain keys (ASCII, nothing to escape, under SHORT units) met so far, as `,"key":` in
 * KEYS: where each starts. Keys repeat (a program logs a few hundred field names), and a
 * Map lookup of a property name (its hash is kept in the string) and a byte copy cost
 * less than reading the key unit by unit. Filled once; keys past its room are written as
 * before.
 */
const keyAt = new Map<string, number>()
const KEYS = Buffer.allocUnsafeSlow(16 * 1024)
/** KEYS as a DataView; an entry is kept only with three bytes of KEYS after it, for the last read. */
const KEYS_VIEW = new DataView(KEYS.buffer, KEYS.byteOffset, KEYS.length)
let keysEnd = 0

/** Keeps `,"key":` for `key`, whose `"key":` was just written at buf[from - 1...]. */
function remember (key: string, buf: Buffer, from: number, len: number): void {
  const at = keysEnd
  KEYS[at] = 0x2c
  KEYS[at + 1] = 0x22
  for (let i = 0; i < len; i++) KEYS[at + 2 + i] = buf[from + i]!
  KEYS[at + 2 + len] = 0x22
  KEYS[at + 3 + len] = 0x3a
  keysEnd = at + len + 4
  keyAt.set(key, at)
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
