/**
 * JSON strings, escaped exactly as `JSON.stringify` escapes them (well-formed
 * JSON.stringify: lone surrogates become \udxxx escapes, U+2028 and DEL pass through).
 *
 * Like zerolog's string encoder: scan once against a table of bytes that need no
 * escaping, copy the clean run in bulk, drop to the slow path at the first byte that
 * needs attention.
 */
import type { ByteBuf } from '../pool.js'

/** 0: ASCII that passes as is. Otherwise the escape letter, or 117 ('u') for \u00xx. */
const ESCAPE = new Uint8Array(128)
for (let c = 0; c < 0x20; c++) ESCAPE[c] = 117
ESCAPE[0x08] = 98 // \b
ESCAPE[0x09] = 116 // \t
ESCAPE[0x0a] = 110 // \n
ESCAPE[0x0c] = 102 // \f
ESCAPE[0x0d] = 114 // \r
ESCAPE[0x22] = 0x22 // \"
ESCAPE[0x5c] = 0x5c // \\

const HEX = Buffer.from('0123456789abcdef')

/** Below this length a JS copy loop beats the call into Buffer#latin1Write. */
const SHORT = 24

/** Appends `s` as a quoted JSON string. */
export function appendString (b: ByteBuf, s: string): void {
  const len = s.length
  const start = b.pos
  // Room for the all-ASCII case; the slow path reserves what it needs.
  const buf = b.reserve(len + 2)
  buf[start] = 0x22
  const pos = start + 1
  let i = 0
  if (len < SHORT) {
    for (; i < len; i++) {
      const c = s.charCodeAt(i)
      if (c >= 0x80 || ESCAPE[c] !== 0) break
      buf[pos + i] = c
    }
  } else {
    for (; i < len; i++) {
      const c = s.charCodeAt(i)
      if (c >= 0x80 || ESCAPE[c] !== 0) break
    }
    // The first i chars are plain ASCII: one byte each, copied natively.
    if (i > 0) buf.latin1Write(s, pos, i)
  }
  if (i === len) {
    buf[pos + len] = 0x22
    b.pos = pos + len + 1
    return
  }
  b.pos = pos + i
  appendTail(b, s, i, start)
  const out = b.reserve(1)
  out[b.pos++] = 0x22
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

/** Appends the contents of `s` escaped as in a JSON string, without the quotes. */
export function appendStringContent (b: ByteBuf, s: string): void {
  appendTail(b, s, 0, -1)
}

/**
 * Escapes s[i..] at b.pos. When `quoteAt` >= 0 and the rest needs no escaping, the whole
 * string is rewritten from quoteAt + 1 with Buffer#utf8Write (its ASCII prefix encodes
 * the same), which beats encoding non-ASCII text one char at a time.
 */
function appendTail (b: ByteBuf, s: string, i: number, quoteAt: number): void {
  const len = s.length
  if (quoteAt >= 0 && len >= SHORT && isCleanUtf16(s, i)) {
    const buf = b.reserve(len * 3)
    b.pos = quoteAt + 1 + buf.utf8Write(s, quoteAt + 1, len * 3)
    return
  }
  // Worst case per UTF-16 unit: 6 bytes (\u001f or a lone surrogate \udxxx).
  const buf = b.reserve((len - i) * 6)
  let pos = b.pos
  for (; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) {
      const e = ESCAPE[c]!
      if (e === 0) {
        buf[pos++] = c
      } else if (e === 117) {
        pos = appendU(buf, pos, c)
      } else {
        buf[pos++] = 0x5c
        buf[pos++] = e
      }
    } else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6)
      buf[pos++] = 0x80 | (c & 0x3f)
    } else if (c < 0xd800 || c > 0xdfff) {
      buf[pos++] = 0xe0 | (c >> 12)
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f)
      buf[pos++] = 0x80 | (c & 0x3f)
    } else {
      const d = i + 1 < len ? s.charCodeAt(i + 1) : 0
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)
        buf[pos++] = 0xf0 | (cp >> 18)
        buf[pos++] = 0x80 | ((cp >> 12) & 0x3f)
        buf[pos++] = 0x80 | ((cp >> 6) & 0x3f)
        buf[pos++] = 0x80 | (cp & 0x3f)
        i++
      } else {
        pos = appendU(buf, pos, c) // a lone surrogate
      }
    }
  }
  b.pos = pos
}

/** True if s[i..] needs no escaping and has no lone surrogate. */
function isCleanUtf16 (s: string, i: number): boolean {
  const len = s.length
  for (; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) {
      if (ESCAPE[c] !== 0) return false
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c > 0xdbff || i + 1 >= len) return false
      const d = s.charCodeAt(i + 1)
      if (d < 0xdc00 || d > 0xdfff) return false
      i++
    }
  }
  return true
}

/** \uXXXX with lowercase hex, as JSON.stringify writes it. */
function appendU (buf: Uint8Array, pos: number, c: number): number {
  buf[pos] = 0x5c
  buf[pos + 1] = 117
  buf[pos + 2] = HEX[(c >> 12) & 15]!
  buf[pos + 3] = HEX[(c >> 8) & 15]!
  buf[pos + 4] = HEX[(c >> 4) & 15]!
  buf[pos + 5] = HEX[c & 15]!
  return pos + 6
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
