/**
 * JSON numbers, byte for byte as `JSON.stringify` prints them.
 *
 * Safe integers and short decimals (at most 15 significant digits, printed in fixed
 * notation) are written without allocating. Anything else (17-digit doubles, exponent
 * notation, integers past 2^53) goes through Number#toString, which allocates a short
 * string: correct first, fast for the common case.
 */
import { appendBytes, NULL } from './bytes.js'
import { appendPadded, appendSafeInt, digitCount } from './int.js'

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
  // Fixed notation is used for 1e-6 <= x < 1e21. Find the fewest decimals k with an
  // integer m < 1e15 such that m / 10^k === x. m and 10^k (k <= 22) are exact doubles, so
  // the division is correctly rounded and the test is exact (Clinger's fast path); and a
  // decimal of at most 15 significant digits is the only one of its length that maps to x
  // (15 <= DBL_DIG), so the first k found gives exactly the digits Number#toString prints.
  if (x >= 1e-6 && x < 1e15) {
    for (let k = 1; k <= 22; k++) {
      const p = POW10[k]!
      const m = Math.round(x * p)
      if (m >= 1e15) break
      if (m / p === x) return appendFixed(buf, pos, m, k)
    }
  }
  return start + buf.latin1Write(String(n), start)
}

/** Writes m / 10^k with exactly k decimals (m has no trailing zero). */
function appendFixed (buf: Buffer, pos: number, m: number, k: number): number {
  const hi = Math.floor(m / 100000000)
  const lo = m - hi * 100000000
  const digits = hi === 0 ? digitCount(lo) : digitCount(hi) + 8
  if (digits > k) {
    // ddd.ddd: write all digits, then open a gap for the point.
    const intDigits = digits - k
    const end = appendDigits(buf, pos + 1, hi, lo, digits)
    for (let i = 0; i < intDigits; i++) buf[pos + i] = buf[pos + i + 1]!
    buf[pos + intDigits] = 46
    return end
  }
  buf[pos++] = 48
  buf[pos++] = 46
  for (let z = k - digits; z > 0; z--) buf[pos++] = 48
  return appendDigits(buf, pos, hi, lo, digits)
}

function appendDigits (buf: Buffer, pos: number, hi: number, lo: number, digits: number): number {
  if (hi === 0) return appendPadded(buf, pos, lo, digits)
  pos = appendPadded(buf, pos, hi, digits - 8)
  return appendPadded(buf, pos, lo, 8)
}
