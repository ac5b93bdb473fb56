/**
 * The 16- and 17-digit doubles of fixed notation, written as Number#toString writes them,
 * without the string it allocates: a measured duration (`performance.now() - start`, the
 * responseTime of fastify's 'request completed') is nearly always one, and number.ts's
 * 15-digit path cannot write it.
 *
 * Number#toString writes the fewest digits that read back as x and, of those, the closest
 * to x. A decimal reads back as x = M * 2^E (M the 53-bit significand) when it lies within
 * half an ulp of x, 2^(E-1), or exactly that far when M is even (ties read to even). With
 * 15 digits or fewer ruled out by the caller, the answer has 16 digits or 17 (17 always
 * suffice). For each, the candidate is s = round(x * 10^k), the closest decimal of that
 * many digits; it is the answer if |s - x * 10^k| is within 2^(E-1) * 10^k (the interval is
 * symmetric about x, so if any decimal of that length reads back, the closest does).
 *
 * Every step is exact in doubles: x * 10^k (10^k exact for k <= 22) as a sum ph + pl of two
 * doubles (Dekker's product), s - x * 10^k as another (Knuth's sum), and the bound is a
 * power of two times 10^k. Left to Number#toString (a return of -1): a power of two (its
 * interval is lopsided) and an x * 10^k exactly halfway between two decimals that both
 * read back (rare, and not worth settling here).
 */
import { appendPointed } from './int.js'

/** x, stored by the caller: a double passed to a call V8 does not inline is boxed (16 B). */
export const SHORTEST_X = new Float64Array(1)
const WORDS = new Uint32Array(SHORTEST_X.buffer)
// The high word's index: 1 on a little-endian machine (1.0 is 0x3ff00000_00000000).
const HI = new Uint32Array(new Float64Array([1]).buffer)[0] === 0 ? 1 : 0

const POW10 = new Float64Array(23)
for (let i = 0, p = 1; i < 23; i++, p *= 10) POW10[i] = p
/**
 * Half an ulp of a double whose biased exponent is 1000 + i: 2^(1000 + i - 1076). Fixed
 * notation from 1e-6 up has exponents from 1003.
 */
const HALF_ULP = new Float64Array(80)
for (let i = 0; i < 80; i++) HALF_ULP[i] = 2 ** (i - 76)

/** 2^27 + 1: Veltkamp's splitter, for Dekker's exact product. */
const SPLIT = 134217729

/**
 * Writes SHORTEST_X[0] (x: positive, 1e-6 <= x < 1e15, with `e` integer digits, 10^(e-1)
 * <= x < 10^e, and no decimal of 15 digits or fewer reading back as x) as Number#toString
 * does, and returns the position after it; -1, having written nothing, where this leaves
 * it to Number#toString (see above). Needs 24 bytes of room.
 */
export function appendShortest (buf: Uint8Array, pos: number, e: number): number {
  const x = SHORTEST_X[0]!
  const hi = WORDS[HI]!
  const biased = (hi >>> 20) & 0x7ff
  if ((hi & 0xfffff) === 0 && WORDS[1 - HI] === 0) return -1 // a power of two
  if (biased < 1000 || biased >= 1080) return -1
  const half = HALF_ULP[biased - 1000]!
  const even = (WORDS[1 - HI]! & 1) === 0
  // x split into two 26-bit halves, once for both tries.
  const cx = SPLIT * x
  const xh = cx - (cx - x)
  const xl = x - xh
  for (let d = 16; d <= 17; d++) {
    const k = d - e
    if (k < 0 || k > 22) return -1
    const p = POW10[k]!
    // Dekker: x * p = ph + pl exactly.
    const ph = x * p
    const cp = SPLIT * p
    const yh = cp - (cp - p)
    const yl = p - yh
    const pl = ((xh * yh - ph) + xh * yl + xl * yh) + xl * yl
    // s = fl + j, the integer closest to ph + pl.
    const fl = Math.floor(ph)
    const fr = ph - fl
    let j: number
    if (fr === 0) {
      const f = Math.floor(pl)
      const t = pl - f
      if (t === 0.5) {
        if (halfway(half * p, even)) return -1
        continue
      }
      j = t > 0.5 ? f + 1 : f
    } else {
      // ph < 2^52: |pl| is at most half ph's ulp, under 1/4, so j is 0 or 1.
      const h = 0.5 - fr
      if (pl === h) {
        if (halfway(half * p, even)) return -1
        continue
      }
      j = pl > h ? 1 : 0
    }
    // Knuth: s - x * p = (j - fr) - pl = dh + dl exactly (j - fr is exact: both on ph's grid).
    const g = j - fr
    const dh = g - pl
    const bb = dh - g
    const dl = (g - (dh - bb)) + (-pl - bb)
    // Within the interval: |dh + dl| < half * p (or equal, M even); half * p is exact.
    const bound = half * p
    const ad = dh < 0 ? -dh : dh
    let inside: boolean
    if (ad !== bound) inside = ad < bound
    else if (dl === 0) inside = even
    else inside = (dl < 0) === (dh > 0)
    if (!inside) continue
    // s = q * 1e9 + r. q * 1e9 is exact (q < 2^27, 1e9 = 2^9 * 5^9) and so is fl - q * 1e9.
    // (Split here: fl itself, a double past 2^31, would be boxed passed to a call.)
    let q = Math.floor(fl / 1e9)
    let r = fl - q * 1e9 + j
    while (r < 0) {
      q--
      r += 1e9
    }
    while (r >= 1e9) {
      q++
      r -= 1e9
    }
    // As int32s (both under 2^30): small integers, never a heap number, crossing the call.
    return appendScaled(buf, pos, q | 0, r | 0, k, d)
  }
  return -1
}

/**
 * x * 10^k is exactly halfway between two integers: true if both lie within the interval
 * (0.5 within `bound`), where Number#toString's choice between them is left to it; false
 * if neither does, and the next length is tried.
 */
function halfway (bound: number, even: boolean): boolean {
  return bound > 0.5 || (bound === 0.5 && even)
}

/**
 * Writes s / 10^k, s = q * 1e9 + r (r < 1e9), if s has d digits; -1 if not (the caller's
 * e was off by one at a power of ten).
 */
function appendScaled (buf: Uint8Array, pos: number, q: number, r: number, k: number, d: number): number {
  if (q < POW10[d - 10]! || q >= POW10[d - 9]!) return -1
  // (int32 arithmetic: % on a double calls fmod.) A trailing zero would mean fewer digits
  // read back, which the caller ruled out: Number#toString says.
  const qi = q | 0
  const ri = r | 0
  if (ri % 10 === 0) return -1
  return appendPointed(buf, pos, qi, ri, 9, d, k)
}
