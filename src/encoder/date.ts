/** A Date as JSON.stringify writes it: "yyyy-MM-ddTHH:mm:ss.SSSZ", or null when invalid. */
import type { ByteBuf } from '../pool.js'
import { appendBytes, NULL } from './bytes.js'
import { appendPadded } from './int.js'

const MS_PER_DAY = 86400000

export function appendIsoDate (b: ByteBuf, d: Date): void {
  const ms = d.getTime()
  if (ms !== ms) {
    b.pos = appendBytes(b.reserve(4), b.pos, NULL)
    return
  }
  const days = Math.floor(ms / MS_PER_DAY)
  // Years outside 0..9999 use toISOString's expanded form; rare enough to allocate.
  if (days < -719528 || days > 2932896) {
    const s = d.toISOString()
    const buf = b.reserve(s.length + 2)
    buf[b.pos++] = 0x22
    b.pos += buf.latin1Write(s, b.pos)
    buf[b.pos++] = 0x22
    return
  }
  const buf = b.reserve(26)
  // Days and ms of the day are small integers; ms itself (~1.8e12) would be boxed if it
  // crossed the call (16 bytes per Date).
  b.pos = appendIsoMs(buf, b.pos, days, ms - days * MS_PER_DAY)
}

/**
 * Civil date (year, month 1-12, day 1-31) from days since 1970-01-01, by Howard
 * Hinnant's civil_from_days: integer arithmetic only, no Date object.
 */
export function civil (days: number, out: Int32Array): void {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const m = mp < 10 ? mp + 3 : mp - 9
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0)
  out[1] = m
  out[2] = doy - Math.floor((153 * mp + 2) / 5) + 1
}

const ymd = new Int32Array(3)

/**
 * The `yyyy-MM-dd` of the last day written, and that day: most dates in a log fall on a
 * few days, and the civil conversion (six divisions) and its ten digits are the larger
 * part of a date's cost. -1e9 is no day a year in 0..9999 has.
 */
const lastYmd = new Uint8Array(10)
let lastDays = -1e9

/** Writes `"yyyy-MM-ddTHH:mm:ss.SSSZ"` (with quotes) for a year in 0..9999. */
export function appendIsoMs (buf: Buffer, pos: number, days: number, msOfDay: number): number {
  buf[pos++] = 0x22
  if (days !== lastDays) writeYmd(days)
  for (let i = 0; i < 10; i++) buf[pos + i] = lastYmd[i]!
  pos += 10
  // int32 arithmetic (msOfDay < 2^31): % of a double, or of Math.floor's result, calls fmod.
  const ms = msOfDay | 0
  const secs = (ms / 1000) | 0
  const hours = (secs / 3600) | 0
  const minSec = secs - hours * 3600
  const mins = (minSec / 60) | 0
  buf[pos++] = 0x54
  pos = appendPadded(buf, pos, hours, 2)
  buf[pos++] = 0x3a
  pos = appendPadded(buf, pos, mins, 2)
  buf[pos++] = 0x3a
  pos = appendPadded(buf, pos, minSec - mins * 60, 2)
  buf[pos++] = 0x2e
  pos = appendPadded(buf, pos, ms - secs * 1000, 3)
  buf[pos++] = 0x5a
  buf[pos++] = 0x22
  return pos
}

function writeYmd (days: number): void {
  civil(days, ymd)
  let p = appendPadded(lastYmd, 0, ymd[0]!, 4)
  lastYmd[p++] = 0x2d
  p = appendPadded(lastYmd, p, ymd[1]!, 2)
  lastYmd[p++] = 0x2d
  appendPadded(lastYmd, p, ymd[2]!, 2)
  lastDays = days
}
