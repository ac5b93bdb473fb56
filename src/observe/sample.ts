/**
 * Sampling (`sample: { interval, first, thereafter }`), after zap's sampler: in each
 * interval, the first `first` records with the same level and message are written, then
 * one in every `thereafter`. Counts are kept in a Map per level keyed by the message string
 * itself (V8 hashes a string once and keeps the hash), so no key is built per record.
 *
 * A timer (unref'd: it never keeps the process alive) starts each interval: it clears the
 * counts and, if any record was sampled out, writes one summary record
 * `{"sampled_out":N,"msg":"bytelog: records sampled out"}` at the highest level dropped.
 * Records dropped in the last interval before the process exits are counted in
 * `dropped` but have no summary.
 */
import type { LevelTable } from '../levels.js'

/** One level's rule: pass `first` per message per interval, then every `thereafter`-th. */
export interface SampleRule {
  first?: number
  thereafter?: number
}

export interface SampleOptions extends SampleRule {
  /** The length of an interval in ms. Default 1000. */
  interval?: number
  /**
   * Only these levels are sampled, each by its rule (`{}`: the top-level `first` and
   * `thereafter`; `false`: not sampled). Without it, every level is sampled.
   */
  levels?: Record<string, SampleRule | false>
}

/** Beyond this many distinct messages in one interval, new messages pass uncounted. */
const MAX_KEYS = 4096

class Counter {
  readonly first: number
  readonly thereafter: number
  /** By message: its count this interval, in a box so that a call does one lookup, no set. */
  readonly counts = new Map<string, { n: number }>()
  constructor (first: number, thereafter: number) {
    this.first = first
    this.thereafter = thereafter
  }
}

/** Writes the summary record: (level, dropped in the interval). */
export type SummaryWriter = (level: number, dropped: number) => void

export class Sampler {
  /** By level value: the counter, or undefined for a level not sampled. */
  readonly #byLevel: Array<Counter | undefined> = []
  readonly #all: Counter[] = []
  readonly interval: number
  /** Records sampled out since the logger was made. */
  dropped = 0
  #window = 0
  #windowLevel = 0
  #summary: SummaryWriter | null = null
  #timer: NodeJS.Timeout | null = null
  /** The summary record itself is never sampled out. */
  #inSummary = false

  constructor (opts: SampleOptions, levels: LevelTable) {
    if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: sample must be an object')
    this.interval = positive(opts.interval, 1000, 'sample.interval')
    const first = count(opts.first, 100, 'sample.first')
    const thereafter = count(opts.thereafter, 100, 'sample.thereafter')
    const per = opts.levels
    if (per !== undefined && (typeof per !== 'object' || per === null)) throw new TypeError('bytelog: sample.levels must be an object')
    for (const name of Object.keys(levels.values)) {
      const lv = levels.written(name)!
      const rule = per?.[name]
      // With `levels`, only the levels it names are sampled.
      if (rule === false || (rule === undefined && per !== undefined)) continue
      let c: Counter
      if (rule === undefined) {
        c = new Counter(first, thereafter)
      } else {
        if (typeof rule !== 'object' || rule === null) throw new TypeError(`bytelog: sample.levels.${name} must be an object or false`)
        c = new Counter(count(rule.first, first, `sample.levels.${name}.first`), count(rule.thereafter, thereafter, `sample.levels.${name}.thereafter`))
      }
      this.#byLevel[lv] = c
      this.#all.push(c)
    }
    if (per !== undefined) {
      for (const k of Object.keys(per)) {
        if (levels.value(k) === undefined) throw new TypeError(`bytelog: sample.levels: unknown level ${JSON.stringify(k)}`)
      }
    }
  }

  /** Starts the intervals; `write` makes the summary record. */
  start (write: SummaryWriter): void {
    this.#summary = write
    const t = setInterval(() => this.#next(), this.interval)
    t.unref()
    this.#timer = t
  }

  /** Whether a record at `lv` with pino's first two arguments is written. */
  pass (lv: number, a: unknown, b: unknown): boolean {
    const c = this.#byLevel[lv]
    if (c === undefined || this.#inSummary) return true
    const msg = typeof a === 'string' ? a : typeof b === 'string' ? b : ''
    const m = c.counts
    let seen = m.get(msg)
    if (seen === undefined) {
      if (m.size >= MAX_KEYS) return true
      // Once per message per interval (the counts are cleared with the interval).
      m.set(msg, seen = { n: 0 })
    }
    const n = ++seen.n
    if (n <= c.first || (n - c.first) % c.thereafter === 0) return true
    this.dropped++
    this.#window++
    if (lv > this.#windowLevel) this.#windowLevel = lv
    return false
  }

  #next (): void {
    // A message's box is made again the next time it is logged: per interval, not per call.
    for (const c of this.#all) c.counts.clear()
    const n = this.#window
    if (n === 0) return
    const lv = this.#windowLevel
    this.#window = 0
    this.#windowLevel = 0
    this.#inSummary = true
    try {
      this.#summary?.(lv, n)
    } catch {
      // The summary is best effort; the app goes on.
    } finally {
      this.#inSummary = false
    }
  }

  /** Stops the timer (tests, or a logger that is done). */
  stop (): void {
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
  }
}

function positive (v: unknown, dflt: number, name: string): number {
  if (v === undefined) return dflt
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new TypeError(`bytelog: ${name} must be a positive number`)
  return v
}

function count (v: unknown, dflt: number, name: string): number {
  if (v === undefined) return dflt
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new TypeError(`bytelog: ${name} must be a whole number, 0 or more`)
  return v
}
