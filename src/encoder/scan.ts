/**
 * Finds the bytes of a UTF-8 run that JSON must escape (controls, `"` and `\`), four at a
 * time. A regular expression over the string was a quarter of a 2,000-character message's
 * cost (RegExp#test runs about 1 ns a character); this reads the bytes utf8Write has just
 * copied as 32-bit words and tests all four lanes with a few integer operations
 * (Mycroft's "has a byte less than n" test), looking at single bytes only in the rare
 * word that holds one.
 */
import { EXTRA } from './escape.js'

/** Positions of the escapes found by the last scan; its capacity bounds what one scan keeps. */
export const ESCAPES_AT = new Int32Array(4096)

/** Bytes the escapes of the last scan add. */
export let scanExtra = 0

/**
 * Scans buf[from, end) and records the escapes' positions in ESCAPES_AT (max, at most
 * ESCAPES_AT.length, of them). Returns how many there are, or max + 1 as soon as there
 * are more than max; sets scanExtra.
 */
export function scanEscapes (buf: Uint8Array, words: Int32Array, from: number, end: number, max: number): number {
  let count = 0
  let extra = 0
  const off = buf.byteOffset
  let i = from
  // Single bytes up to a word boundary of the ArrayBuffer, then words, then the tail.
  const head = Math.min(end, from + ((4 - ((off + from) & 3)) & 3))
  for (; i < head; i++) {
    const x = EXTRA[buf[i]!]!
    if (x !== 0) {
      if (count === max) return max + 1
      ESCAPES_AT[count++] = i
      extra += x
    }
  }
  const last = (off + end) >> 2
  for (let w = (off + i) >> 2; w < last; w++) {
    const x = words[w]!
    const q = x ^ 0x22222222
    const s = x ^ 0x5c5c5c5c
    // Each term has its lane's top bit set where that byte is < 0x20, == 0x22 or == 0x5c
    // (and may set it in a lane above one that does, through the borrow: harmless, the
    // bytes are then looked at one by one).
    const t = ((((x - 0x20202020) | 0) & ~x) | (((q - 0x01010101) | 0) & ~q) | (((s - 0x01010101) | 0) & ~s)) & 0x80808080
    if (t === 0) continue
    const at = (w << 2) - off
    for (let k = at; k < at + 4; k++) {
      const e = EXTRA[buf[k]!]!
      if (e !== 0) {
        if (count === max) return max + 1
        ESCAPES_AT[count++] = k
        extra += e
      }
    }
  }
  for (i = Math.max(i, (last << 2) - off); i < end; i++) {
    const x = EXTRA[buf[i]!]!
    if (x !== 0) {
      if (count === max) return max + 1
      ESCAPES_AT[count++] = i
      extra += x
    }
  }
  scanExtra = extra
  return count
}
