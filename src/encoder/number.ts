/**
 * JSON numbers, byte for byte as `JSON.stringify` prints them.
 *
 * Safe integers and decimals of fixed notation below 1e15 are written without allocating:
 * up to 15 significant digits here, 16 and 17 (a measured duration) by shortest.ts.
 * Anything else (exponent notation, integers past 2^53, the rare doubles shortest.ts
 * leaves) goes through Number#toString, which allocates a short string.
 */
import { appendBytes, NULL } from './bytes.js'
import { appendPointed, appendSafeInt, digitCount } from './int.js'
import { appendShortest, SHORTEST_X } from './shortest.js'

/** Bytes of room appendNumber may need: "-1.2345678901234567e-308" is 24. */
export const MAX_NUMBER_BYTES = 32

const POW10 = new Float64Array(23)
for (let i = 0, p = 1; i < 23; i++, p *= 10) POW10[i] = p

export function appendNumber (buf: Buffer, pos: number, n: number): number {
  if (Number.isSafeInteger(n)) {
    // -0 is a safe integer and JSON prints it as 0.
    return n === 0 ? ((buf[pos] = 48), pos + 1) : appendSafeInt(buf, pos, n)
  }
  if (n !== n || n === Infinity || n === -Infinity) return appendBytes(buf, pos, NULL)
  return appendDecimal(buf, pos, n)
}

/** A non-integer or a huge integer: the shortest round-trip form, as Number#toString. */
function appendDecimal (buf: Buffer, pos: number, n: number): number {
  const start = pos
  let x = n
  if (x < 0) {
    buf[pos++] = 45
    x = -x
  }
  // Fixed notation is used for 1e-6 <= x < 1e21. Round x to 15 significant digits, m / 10^k
  // (m < 1e15 and 10^k, k <= 21, are exact doubles, so the division is correctly rounded
  // and the test is exact: Clinger's fast path). If that is x, its digits less the
  // trailing zeros are the ones Number#toString prints: any decimal of at most 15
  // significant digits is the only one of its length that maps to x (15 <= DBL_DIG), and
  // x * 10^k is within 0.25 of the integer it stands for, so rounding finds it. If not, x
  // needs 16 or 17 digits (a measured duration, a sum like 0.1 + 0.2): shortest.ts.
  // One scaling, where a search over k took up to 15 (measured on 17-digit doubles).
  if (x >= 1e-6 && x < 1e15) {
    // e: the integer digits of x (x < 10^e), or minus the zeros after the point, plus one.
    let e = 1
    if (x >= 1) {
      while (e < 15 && x >= POW10[e]!) e++
    } else {
      e = 0
      while (x * POW10[1 - e]! < 1) e--
    }
    let k = 15 - e
    let m = Math.round(x * POW10[k]!)
    if (m >= 1e15) m = Math.round(x * POW10[--k]!) // 9.99...9 rounded up to one digit more
    if (k > 0 && m / POW10[k]! === x) {
      // The trailing zeros off (at most 14, fewer than k: x is no integer): 8, 4, 2 and 1
      // at a time: m * 1e-8, m * 1e-4, m * 0.01 and m * 0.1 floor exactly to the quotient
      // for m < 1e15 (each double is a hair above its decimal, by far less than a step).
      if (k > 8) {
        const q = Math.floor(m * 1e-8)
        if (q * 1e8 === m) {
          m = q
          k -= 8
        }
      }
      if (k > 4) {
        const q = Math.floor(m * 1e-4)
        if (q * 1e4 === m) {
          m = q
          k -= 4
        }
      }
      if (k > 2) {
        const q = Math.floor(m * 0.01)
        if (q * 100 === m) {
          m = q
          k -= 2
        }
      }
      if (k > 1) {
        const q = Math.floor(m * 0.1)
        if (q * 10 === m) {
          m = q
          k -= 1
        }
      }
      // m as two small integers: m itself, past 2^30, would be boxed crossing the call.
      const hi = Math.floor(m / 100000000)
      return appendFixed(buf, pos, hi | 0, (m - hi * 100000000) | 0, k)
    }
    // 16 or 17 digits (a measured duration): shortest.ts, without Number#toString's string.
    SHORTEST_X[0] = x
    const end = appendShortest(buf, pos, e)
    if (end >= 0) return end
  }
  return start + buf.latin1Write(String(n), start)
}

/** Writes m / 10^k, m = hi * 1e8 + lo (lo < 1e8), with exactly k decimals (m has no trailing zero). */
function appendFixed (buf: Buffer, pos: number, hi: number, lo: number, k: number): number {
  return appendPointed(buf, pos, hi, lo, 8, hi === 0 ? digitCount(lo) : digitCount(hi) + 8, k)
}
