/**
 * Timestamps, written as digits straight into the record buffer.
 *
 * A TimeFormat writes the whole `,"time":...` fragment (pino's lib/time.js returns the
 * same fragment), so the key is never encoded per call. Patterns are parsed once, at
 * logger creation; their formatted text is cached for the current second and only the
 * milliseconds are patched per record.
 */
import { appendBytes, bytes } from './encoder/bytes.js'
import { appendPadded, appendSafeInt, appendUint32 } from './encoder/int.js'
import { civil } from './encoder/date.js'

export interface TimeFormat {
  /** Most bytes `write` may append. */
  readonly maxBytes: number
  /**
   * Appends `,"<key>":<time>` for the instant given as days since the epoch and ms of
   * that day (see clock.ts for why not one number), and returns the new position.
   */
  write (buf: Buffer, pos: number, days: number, msOfDay: number): number
}

export type TimeOption = 'epoch' | 'unix' | 'iso' | false | (string & {})

export function createTimeFormat (time: TimeOption | undefined, utc: boolean, key = 'time'): TimeFormat | null {
  if (time === false) return null
  const field = bytes(`,${JSON.stringify(key)}:`)
  if (time === undefined || time === 'epoch') return new EpochFormat(field, 1)
  if (time === 'unix') return new EpochFormat(field, 1000)
  if (time === 'iso') return new PatternFormat(field, parsePattern(ISO_PATTERN), true, true)
  if (typeof time !== 'string') {
    throw new TypeError(`bytelog: time must be 'epoch', 'unix', 'iso', false or a pattern, got ${String(time)}`)
  }
  return new PatternFormat(field, parsePattern(time), utc, false)
}

const ISO_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"

/** Epoch milliseconds (unit 1) or seconds rounded as pino's unixTime (unit 1000). */
class EpochFormat implements TimeFormat {
  readonly maxBytes: number
  readonly #field: Buffer
  readonly #unit: number

  constructor (field: Buffer, unit: number) {
    this.#field = field
    this.#unit = unit
    this.maxBytes = field.length + 17
  }

  write (buf: Buffer, pos: number, days: number, msOfDay: number): number {
    pos = appendBytes(buf, pos, this.#field)
    // Integer arithmetic on small integers only (no double ~1.8e12 is formed, which V8
    // may box): ms = days * 86400000 + msOfDay = (days * 864 + m1) * 1e5 + m0.
    if (days < 0) {
      // Before 1970 (a clock set wrong, or a test): rare, so the plain way.
      const ms = days * 86400000 + msOfDay
      return appendSafeInt(buf, pos, this.#unit === 1 ? ms : Math.round(ms / 1000))
    }
    let hi: number
    let lo: number
    if (this.#unit === 1) {
      const m1 = Math.floor(msOfDay / 100000)
      const b = days * 864 + m1
      hi = Math.floor(b / 1000)
      lo = (b - hi * 1000) * 100000 + (msOfDay - m1 * 100000)
    } else {
      // Seconds, rounded as pino's Math.round(Date.now() / 1000).
      const s = days * 86400 + Math.round(msOfDay / 1000)
      hi = Math.floor(s / 100000000)
      lo = s - hi * 100000000
    }
    if (hi === 0) return appendUint32(buf, pos, lo)
    pos = appendUint32(buf, pos, hi)
    return appendPadded(buf, pos, lo, 8)
  }
}

const enum Tok { Lit, Year4, Year2, Month, Day, Hour, Minute, Second, Milli, Offset1, Offset2, Offset3 }

interface Part { tok: Tok, lit?: Buffer }

const TOKENS: Record<string, Tok> = {
  yyyy: Tok.Year4, yy: Tok.Year2, MM: Tok.Month, dd: Tok.Day, HH: Tok.Hour, mm: Tok.Minute,
  ss: Tok.Second, SSS: Tok.Milli, X: Tok.Offset1, XX: Tok.Offset2, XXX: Tok.Offset3,
}

/**
 * Parses a Unicode date pattern: yyyy yy MM dd HH mm ss SSS X XX XXX, 'quoted literals'
 * ('' for a quote); other non-letters are literal. Unknown letters are an error, since
 * they would silently print as themselves.
 */
export function parsePattern (pattern: string): Part[] {
  const parts: Part[] = []
  let lit = ''
  const flush = (): void => {
    if (lit !== '') parts.push({ tok: Tok.Lit, lit: bytes(JSON.stringify(lit).slice(1, -1)) })
    lit = ''
  }
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!
    if (c === "'") {
      if (pattern[i + 1] === "'") { lit += "'"; i += 2; continue }
      // A quoted literal; '' inside it is one quote, as outside.
      let j = i + 1
      for (;;) {
        if (j >= pattern.length) throw new TypeError(`bytelog: unterminated quote in time pattern ${JSON.stringify(pattern)}`)
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") { lit += "'"; j += 2; continue }
          break
        }
        lit += pattern[j]
        j++
      }
      i = j + 1
    } else if (/[A-Za-z]/.test(c)) {
      let j = i
      while (pattern[j] === c) j++
      const run = pattern.slice(i, j)
      const tok = TOKENS[run]
      if (tok === undefined) throw new TypeError(`bytelog: unknown token ${JSON.stringify(run)} in time pattern ${JSON.stringify(pattern)}`)
      flush()
      parts.push({ tok })
      i = j
    } else {
      lit += c
      i++
    }
  }
  flush()
  return parts
}

class PatternFormat implements TimeFormat {
  readonly maxBytes: number
  readonly #field: Buffer
  readonly #parts: Part[]
  readonly #utc: boolean
  readonly #iso: boolean
  /** The formatted fragment for second #sec, quotes and key included. */
  readonly #cache: Buffer
  #cacheLen = 0
  #days = -1
  #secOfDay = -1
  /** Offsets of SSS fields inside #cache. */
  readonly #milliAt: number[] = []
  readonly #ymd = new Int32Array(3)

  constructor (field: Buffer, parts: Part[], utc: boolean, iso: boolean) {
    this.#field = field
    this.#parts = parts
    this.#utc = utc
    this.#iso = iso
    let max = field.length + 2
    for (const p of parts) max += p.tok === Tok.Lit ? p.lit!.length : 12
    this.maxBytes = Math.max(max, field.length + 32)
    this.#cache = Buffer.alloc(this.maxBytes)
  }

  write (buf: Buffer, pos: number, days: number, msOfDay: number): number {
    const secOfDay = Math.floor(msOfDay / 1000)
    if (secOfDay !== this.#secOfDay || days !== this.#days) this.#format(days, secOfDay)
    const start = pos
    const cache = this.#cache
    const n = this.#cacheLen
    for (let i = 0; i < n; i++) buf[pos + i] = cache[i]!
    const milli = msOfDay - secOfDay * 1000
    const at = this.#milliAt
    for (let i = 0; i < at.length; i++) appendPadded(buf, start + at[i]!, milli, 3)
    return pos + n
  }

  /** Formats the fragment for a new second. Runs at most once a second per logger. */
  #format (utcDays: number, utcSecOfDay: number): void {
    const sec = utcDays * 86400 + utcSecOfDay
    const offsetSec = this.#utc ? 0 : zoneOffsetSec(sec)
    const offsetMin = Math.trunc(offsetSec / 60)
    const local = sec + offsetSec
    const days = Math.floor(local / 86400)
    const sod = local - days * 86400
    const ymd = this.#ymd
    civil(days, ymd)
    const year = ymd[0]!
    const b = this.#cache
    let pos = appendBytes(b, 0, this.#field)
    b[pos++] = 0x22
    this.#milliAt.length = 0
    if (this.#iso && (year < 0 || year > 9999)) {
      // toISOString's expanded years (+275760, -000001): rare enough to allocate for.
      const iso = new Date(sec * 1000).toISOString()
      const dot = iso.lastIndexOf('.')
      pos += b.latin1Write(iso, pos)
      this.#milliAt.push(pos - iso.length + dot + 1)
    } else {
      for (const p of this.#parts) pos = this.#part(b, pos, p, year, sod, offsetMin)
    }
    b[pos++] = 0x22
    this.#cacheLen = pos
    this.#days = utcDays
    this.#secOfDay = utcSecOfDay
  }

  #part (b: Buffer, pos: number, p: Part, year: number, sod: number, offsetMin: number): number {
    const ymd = this.#ymd
    switch (p.tok) {
      case Tok.Lit: return appendBytes(b, pos, p.lit!)
      case Tok.Year4:
        if (year < 0) { b[pos++] = 45; return appendPadded(b, pos, -year, Math.max(4, String(-year).length)) }
        return appendPadded(b, pos, year, year > 9999 ? String(year).length : 4)
      case Tok.Year2: return appendPadded(b, pos, ((year % 100) + 100) % 100, 2)
      case Tok.Month: return appendPadded(b, pos, ymd[1]!, 2)
      case Tok.Day: return appendPadded(b, pos, ymd[2]!, 2)
      case Tok.Hour: return appendPadded(b, pos, Math.floor(sod / 3600), 2)
      case Tok.Minute: return appendPadded(b, pos, Math.floor(sod / 60) % 60, 2)
      case Tok.Second: return appendPadded(b, pos, sod % 60, 2)
      case Tok.Milli: this.#milliAt.push(pos); return pos + 3
      default: return appendOffset(b, pos, offsetMin, p.tok)
    }
  }
}

/**
 * The local zone's offset from UTC at `sec`, in seconds. Read from the Date getters, not
 * getTimezoneOffset(), which rounds to whole minutes where the offset has seconds (local
 * mean time, before standard zones). Needs Dates: called once a second, not per record.
 */
function zoneOffsetSec (sec: number): number {
  const d = new Date(sec * 1000)
  const asUtc = new Date(0)
  asUtc.setUTCFullYear(d.getFullYear(), d.getMonth(), d.getDate())
  asUtc.setUTCHours(d.getHours(), d.getMinutes(), d.getSeconds(), 0)
  return asUtc.getTime() / 1000 - sec
}

/** X: +01 / +0530, XX: +0100, XXX: +01:00; Z when the offset is zero. */
function appendOffset (b: Buffer, pos: number, offsetMin: number, tok: Tok): number {
  if (offsetMin === 0) { b[pos] = 90; return pos + 1 }
  b[pos++] = offsetMin < 0 ? 45 : 43
  const abs = Math.abs(offsetMin)
  const h = Math.floor(abs / 60)
  const m = abs % 60
  pos = appendPadded(b, pos, h, 2)
  if (tok === Tok.Offset1 && m === 0) return pos
  if (tok === Tok.Offset3) b[pos++] = 58
  return appendPadded(b, pos, m, 2)
}
