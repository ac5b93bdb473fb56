/**
 * The escape tables and the char-by-char escaper, shared by the short and the long string
 * paths: escaped exactly as `JSON.stringify` escapes (well-formed JSON.stringify: lone
 * surrogates become \udxxx escapes, U+2028 and DEL pass through).
 */
import type { ByteBuf } from '../pool.js'

/** 0: ASCII that passes as is. Otherwise the escape letter, or 117 ('u') for \u00xx. */
export const ESCAPE = new Uint8Array(128)
for (let c = 0; c < 0x20; c++) ESCAPE[c] = 117
ESCAPE[0x08] = 98 // \b
ESCAPE[0x09] = 116 // \t
ESCAPE[0x0a] = 110 // \n
ESCAPE[0x0c] = 102 // \f
ESCAPE[0x0d] = 114 // \r
ESCAPE[0x22] = 0x22 // \"
ESCAPE[0x5c] = 0x5c // \\

/** Extra bytes a byte needs when escaped: 1 for \n \" and the like, 5 for \u00xx, 0 for the rest. */
export const EXTRA = new Uint8Array(256)
for (let c = 0; c < 0x20; c++) EXTRA[c] = ESCAPE[c] === 117 ? 5 : 1
EXTRA[0x22] = 1
EXTRA[0x5c] = 1

const HEX = Buffer.from('0123456789abcdef')

/** Escapes s[i, len) at b.pos, one char at a time. */
export function appendTail (b: ByteBuf, s: string, i: number, len: number): void {
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
export function appendU (buf: Uint8Array, pos: number, c: number): number {
  buf[pos] = 0x5c
  buf[pos + 1] = 117
  buf[pos + 2] = HEX[(c >> 12) & 15]!
  buf[pos + 3] = HEX[(c >> 8) & 15]!
  buf[pos + 4] = HEX[(c >> 4) & 15]!
  buf[pos + 5] = HEX[c & 15]!
  return pos + 6
}
