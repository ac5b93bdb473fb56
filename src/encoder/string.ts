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
  appendTail(b, s, i)
  b.reserve(1)[b.pos++] = 0x22
}

/** Extra bytes an ASCII byte needs when escaped: 1 for \n \" and the like, 5 for \u00xx. */
const EXTRA = new Uint8Array(256)
for (let c = 0; c < 0x20; c++) EXTRA[c] = ESCAPE[c] === 117 ? 5 : 1
EXTRA[0x22] = 1
EXTRA[0x5c] = 1

const NEEDS_ESCAPE = /["\\\u0000-\u001f]/
const NON_ASCII = /[^\u0000-\u007f]/

/** Where the escapes of one long string are, for moving the runs between them natively. */
const ESCAPES_AT = new Int32Array(4096)

/**
 * A long string: Buffer#utf8Write copies it natively, one pass over the bytes finds what
 * needs escaping, and, only if there is any, the runs between escapes are moved toward
 * the end with copyWithin (a native memmove) while the escapes are written into the gaps.
 * A lone surrogate (which utf8Write would write as U+FFFD, bytes EF BF BD) sends the
 * string to the char-by-char path, which escapes it as JSON.stringify does.
 */
function appendLongString (b: ByteBuf, s: string): void {
  // Two native scans choose the path. No escapes at all: one native copy. Escapes among
  // non-ASCII text: char by char (measured faster there than copying and widening).
  if (!NEEDS_ESCAPE.test(s)) {
    if (s.isWellFormed()) {
      const buf = b.reserve(s.length * 3 + 2)
      buf[b.pos] = 0x22
      const end = b.pos + 1 + buf.utf8Write(s, b.pos + 1, s.length * 3)
      buf[end] = 0x22
      b.pos = end + 1
      return
    }
  } else if (NON_ASCII.test(s)) {
    b.reserve(1)[b.pos++] = 0x22
    appendTail(b, s, 0)
    b.reserve(1)[b.pos++] = 0x22
    return
  }
  const start = b.pos
  let buf = b.reserve(s.length * 3 + 2)
  buf[start] = 0x22
  const from = start + 1
  const end = from + buf.utf8Write(s, from, s.length * 3)
  let extra = 0
  let count = 0
  let replacement = false
  for (let i = from; i < end; i++) {
    const c = buf[i]!
    const x = EXTRA[c]!
    if (x !== 0) {
      extra += x
      if (count < ESCAPES_AT.length) ESCAPES_AT[count] = i
      count++
    } else if (c === 0xef) {
      replacement = true
    }
  }
  // Char by char instead where a lone surrogate needs it, or where escapes are so dense
  // (more than one per 32 bytes) that moving the runs between them costs more.
  if ((replacement && !s.isWellFormed()) || count > ESCAPES_AT.length || count * 32 > end - from) {
    b.pos = from
    appendTail(b, s, 0)
    b.reserve(1)[b.pos++] = 0x22
    return
  }
  if (extra > 0) {
    b.pos = end
    buf = b.reserve(extra + 1)
    // Last escape first: the run after it moves right by the extra bytes still to come.
    // A run is moved natively when it is long enough to beat the call (about 64 bytes).
    let shift = extra
    let runEnd = end
    for (let k = count - 1; k >= 0; k--) {
      const at = ESCAPES_AT[k]!
      const run = runEnd - at - 1
      if (run > 64) buf.copyWithin(at + 1 + shift, at + 1, runEnd)
      else for (let r = runEnd - 1; r > at; r--) buf[r + shift] = buf[r]!
      const c = buf[at]!
      const e = ESCAPE[c]!
      if (e === 117) {
        shift -= 5
        appendU(buf, at + shift, c)
      } else {
        shift -= 1
        buf[at + shift] = 0x5c
        buf[at + shift + 1] = e
      }
      runEnd = at
    }
    buf[end + extra] = 0x22
    b.pos = end + extra + 1
    return
  }
  buf[end] = 0x22
  b.pos = end + 1
}

/** Appends the contents of `s` escaped as in a JSON string, without the quotes. */
export function appendStringContent (b: ByteBuf, s: string): void {
  appendTail(b, s, 0)
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

/** Escapes s[i..] at b.pos, one char at a time. */
function appendTail (b: ByteBuf, s: string, i: number): void {
  const len = s.length
  // Room for 3 bytes a UTF-16 unit (any UTF-8 from one unit, or 4 from a pair) plus one
  // \uxxxx; an escape needs up to 6, so room is checked again at each \uxxxx. Reserving
  // 6 a unit upfront would grow the slab for every long string.
  let buf = b.reserve((len - i) * 3 + 6)
  let pos = b.pos
  for (; i < len; i++) {
    if (pos + 6 + (len - i) * 3 > buf.length) {
      b.pos = pos
      buf = b.reserve((len - i) * 3 + 6)
    }
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
