/**
 * A long string (SHORT characters or more; MEDIUM or more where WebAssembly SIMD serves,
 * see string.ts). Where SIMD serves (escape-simd.ts), it is escaped there. Otherwise
 * Buffer#utf8Write copies it natively, one
 * word-at-a-time pass over the bytes (scan.ts) finds what needs escaping, and, only if
 * there is any, the runs between escapes are moved toward the end (copyWithin, a native
 * memmove, for the long ones) while the escapes are written into the gaps.
 */
import type { ByteBuf } from '../pool.js'
import { appendTail, appendU, ESCAPE } from './escape.js'
import { ESCAPES_AT, scanEscapes, scanExtra } from './scan.js'
import { copyResult, simd, SIMD_INPUT, VIEW_STEP } from './escape-simd.js'

/** Longest string the SIMD path takes: its UTF-8 (at most 3 bytes a unit) fits the module's input. */
const SIMD_MAX = Math.floor(SIMD_INPUT / 3)

/** Measured on 2,000 characters of mixed text (an escape every 15 or so) and of decoded random bytes (every 5 or so). */
const DENSE = 8

export function appendLongString (b: ByteBuf, s: string): void {
  if (simd !== null && s.length <= SIMD_MAX) appendLongStringSimd(b, s)
  else appendLongStringJs(b, s)
}

/** Through the SIMD module: its input, its output, then one copy into the slab. */
export function appendLongStringSimd (b: ByteBuf, s: string): void {
  const mem = simd!.mem
  const n = mem.utf8Write(s, 0, SIMD_INPUT)
  // One byte per unit means all ASCII, so well-formed. Otherwise a lone surrogate became
  // U+FFFD: the char-by-char path escapes it as JSON.stringify does.
  if (n !== s.length && !s.isWellFormed()) {
    b.reserve(1)[b.pos++] = 0x22
    appendTail(b, s, 0, s.length)
    b.reserve(1)[b.pos++] = 0x22
    return
  }
  const m = simd!.escape(n)
  // Room for the result rounded up to a view's length (copyResult).
  const buf = b.reserve(m + VIEW_STEP + 2)
  const pos = b.pos
  buf[pos] = 0x22
  copyResult(simd!, buf, pos + 1, m)
  buf[pos + 1 + m] = 0x22
  b.pos = pos + m + 2
}

/** Without SIMD: utf8Write into the slab, a word scan, escapes written into the gaps. */
export function appendLongStringJs (b: ByteBuf, s: string): void {
  const len = s.length
  const start = b.pos
  let buf = b.reserve(len * 3 + 2)
  buf[start] = 0x22
  const from = start + 1
  const end = from + buf.utf8Write(s, from, len * 3)
  // Escapes so dense (more than one per DENSE bytes) that moving the runs between them
  // costs more than escaping char by char, or more than ESCAPES_AT holds: char by char.
  const max = Math.min(ESCAPES_AT.length, Math.floor((end - from) / DENSE))
  const count = scanEscapes(buf, b.words, from, end, max)
  // One byte per unit means all ASCII, so well-formed. Otherwise a lone surrogate would
  // have been written as U+FFFD: the char-by-char path escapes it as JSON.stringify does.
  if (count > max || (end - from !== len && !s.isWellFormed())) {
    b.pos = from
    appendTail(b, s, 0, s.length)
    b.reserve(1)[b.pos++] = 0x22
    return
  }
  if (count === 0) {
    buf[end] = 0x22
    b.pos = end + 1
    return
  }
  const extra = scanExtra
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
}
