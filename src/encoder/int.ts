/**
 * Integer digits written straight into the buffer.
 *
 * Numbers above 2^32 are split into 32-bit-sized halves first: division of a
 * 13-digit double by 10 in a loop is several times slower than int32 arithmetic.
 */

// "00" "01" ... "99": two digits per table lookup.
const PAIRS = new Uint8Array(200)
for (let i = 0; i < 100; i++) {
  PAIRS[i * 2] = 48 + ((i / 10) | 0)
  PAIRS[i * 2 + 1] = 48 + (i % 10)
}

/** Number of decimal digits of an integer in [0, 2^32). */
export function digitCount (v: number): number {
  if (v < 100000) {
    if (v < 100) return v < 10 ? 1 : 2
    return v < 1000 ? 3 : v < 10000 ? 4 : 5
  }
  if (v < 10000000) return v < 1000000 ? 6 : 7
  return v < 100000000 ? 8 : v < 1000000000 ? 9 : 10
}

/** Writes exactly `width` digits of v (an integer in [0, 2^32)), right-aligned, zero-padded. */
export function appendPadded (buf: Uint8Array, pos: number, v: number, width: number): number {
  let i = pos + width
  while (v >= 100) {
    // v * 0.01 floors to v / 100 for every v < 2^32 (0.01's double is a hair above 0.01,
    // and the error, under 1e-6, never reaches the next integer); cheaper than a division.
    const q = Math.floor(v * 0.01)
    const r = (v - q * 100) * 2
    v = q
    buf[--i] = PAIRS[r + 1]!
    buf[--i] = PAIRS[r]!
  }
  if (v >= 10) {
    buf[--i] = PAIRS[v * 2 + 1]!
    buf[--i] = PAIRS[v * 2]!
  } else {
    buf[--i] = 48 + v
  }
  while (i > pos) buf[--i] = 48
  return pos + width
}

/** Writes an integer in [0, 2^32). Needs 10 bytes of room. */
export function appendUint32 (buf: Uint8Array, pos: number, v: number): number {
  return appendPadded(buf, pos, v, digitCount(v))
}

/** Writes a safe integer (|v| < 2^53) as JSON does. Needs 17 bytes of room. */
export function appendSafeInt (buf: Uint8Array, pos: number, v: number): number {
  if (v < 0) {
    buf[pos++] = 45 // '-'
    v = -v
  }
  if (v < 4294967296) return appendUint32(buf, pos, v)
  // v < 2^53 ~ 9.007e15, so hi < 9.1e7 and lo < 1e8: both fit int32 arithmetic.
  const hi = Math.floor(v / 100000000)
  const lo = v - hi * 100000000
  pos = appendUint32(buf, pos, hi)
  return appendPadded(buf, pos, lo, 8)
}

/**
 * A safe integer handed over as two small integers, `hi * 1e8 + lo` (lo < 1e8), so that no
 * double crosses the call: V8 boxes one passed to a function it does not inline (16 bytes).
 * Needs 17 bytes of room.
 */
export function appendSplitInt (buf: Uint8Array, pos: number, negative: boolean, hi: number, lo: number): number {
  if (negative) buf[pos++] = 45 // '-'
  if (hi === 0) return appendUint32(buf, pos, lo)
  pos = appendUint32(buf, pos, hi)
  return appendPadded(buf, pos, lo, 8)
}

/**
 * Writes the integer hi * 10^loWidth + lo (lo < 10^loWidth; hi 0, or of digits - loWidth
 * digits), `digits` digits in all, as a decimal with k of them after the point ("0.00ddd"
 * when k >= digits). number.ts's decimals and shortest.ts's both end here.
 */
export function appendPointed (buf: Uint8Array, pos: number, hi: number, lo: number, loWidth: number, digits: number, k: number): number {
  if (digits > k) {
    // ddd.ddd: all the digits one place on, then the integer digits back over the gap.
    const intDigits = digits - k
    const end = appendParts(buf, pos + 1, hi, lo, loWidth, digits)
    for (let i = 0; i < intDigits; i++) buf[pos + i] = buf[pos + i + 1]!
    buf[pos + intDigits] = 46
    return end
  }
  buf[pos++] = 48
  buf[pos++] = 46
  for (let z = k - digits; z > 0; z--) buf[pos++] = 48
  return appendParts(buf, pos, hi, lo, loWidth, digits)
}

function appendParts (buf: Uint8Array, pos: number, hi: number, lo: number, loWidth: number, digits: number): number {
  if (hi === 0) return appendPadded(buf, pos, lo, digits)
  return appendPadded(buf, appendPadded(buf, pos, hi, digits - loWidth), lo, loWidth)
}
