/**
 * Levels: pino's names and numbers, a logger's table with custom levels, and how a level
 * is compared with the logger's threshold (pino's levelComparison).
 */
export const LEVELS = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
} as const

export type LevelName = keyof typeof LEVELS
export type LevelOption = LevelName | 'silent'

/** Above every level: nothing is enabled. */
const SILENT = Infinity

export const LEVEL_NAMES: readonly LevelName[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal']

/** pino's levelComparison: 'ASC' (the default: higher is more severe), 'DESC', or a function. */
export type LevelComparison = 'ASC' | 'DESC' | ((current: number, expected: number) => boolean)

const hasOwn = Object.prototype.hasOwnProperty

export function isStandardName (name: string): name is LevelName {
  return hasOwn.call(LEVELS, name)
}

/**
 * A logger's levels, as pino's `mappings()` makes them: the standard ones (unless only
 * custom levels are used) with the custom ones over them. `values` and `labels` are pino's
 * `levels` property; 'silent' (Infinity) is in both, not enumerable, as in pino.
 */
export class LevelTable {
  /** name -> number */
  readonly values: Record<string, number>
  /** number -> name */
  readonly labels: Record<number, string>
  readonly onlyCustom: boolean
  /** null for pino's default, 'ASC': a level is enabled when it is at or above the threshold. */
  readonly #compare: ((current: number, expected: number) => boolean) | null
  /** The levelComparison this table was made with (a child's table keeps it). */
  readonly comparison: LevelComparison
  /**
   * The names, and at the same index their value and written number: event(name) finds
   * its level by identity among a handful of interned strings, where `value` and `written`
   * cost three hash lookups (a fifth of an empty event, measured on Node 26).
   */
  readonly #names: string[] = []
  readonly #valueAt: number[] = []
  readonly #writtenAt: number[] = []

  constructor (custom: Record<string, number> | null, onlyCustom: boolean, comparison: LevelComparison = 'ASC', base?: LevelTable) {
    this.values = Object.create(null) as Record<string, number>
    this.labels = Object.create(null) as Record<number, string>
    Object.defineProperty(this.values, 'silent', { value: SILENT })
    Object.defineProperty(this.labels, 'Infinity', { value: 'silent' })
    this.onlyCustom = onlyCustom
    if (base !== undefined) {
      // Both maps: a standard name customLevels moved keeps its standard number's label.
      Object.assign(this.values, base.values)
      Object.assign(this.labels, base.labels)
    } else if (!onlyCustom) {
      for (const name of LEVEL_NAMES) this.#add(name, LEVELS[name])
    }
    if (custom !== null) {
      for (const name of Object.keys(custom)) {
        const v = custom[name]
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
          throw new TypeError(`bytelog: custom level ${JSON.stringify(name)} must be a positive integer, got ${String(v)}`)
        }
        if (name === 'silent') throw new TypeError('bytelog: "silent" is not a level name')
        this.#add(name, v)
      }
    }
    this.comparison = comparison
    if (comparison === 'ASC') this.#compare = null
    else if (comparison === 'DESC') this.#compare = (current, expected) => current <= expected
    else if (typeof comparison === 'function') this.#compare = comparison
    else throw new TypeError('bytelog: levelComparison must be "ASC", "DESC" or a function')
    for (const name of Object.keys(this.values)) {
      this.#names.push(name)
      this.#valueAt.push(this.values[name]!)
      this.#writtenAt.push(this.written(name)!)
    }
  }

  /** Where level `name` is in the table (see #names), or -1 ('silent' and non-names included). */
  indexOf (name: unknown): number {
    const names = this.#names
    for (let i = 0; i < names.length; i++) if (names[i] === name) return i
    return -1
  }

  /** The value of the level at `i` (an indexOf result). */
  valueAt (i: number): number {
    return this.#valueAt[i]!
  }

  /** The number a record at the level at `i` carries (see written). */
  writtenAt (i: number): number {
    return this.#writtenAt[i]!
  }

  #add (name: string, v: number): void {
    this.values[name] = v
    this.labels[v] = name
  }

  /** Levels compare as pino's default (ASC): a level method's check is one `<=`. */
  get ascending (): boolean {
    return this.#compare === null
  }

  /** pino's levelComparison(current, expected): a record at `current` passes threshold `expected`. */
  enabled (current: number, expected: number): boolean {
    return this.#compare === null ? current >= expected : this.#compare(current, expected) === true
  }

  /** The value of a level name; undefined for anything else ('toString' included). */
  value (name: unknown): number | undefined {
    return typeof name === 'string' && hasOwn.call(this.values, name) ? this.values[name] : undefined
  }

  /**
   * The number a record at level `name` carries. pino's standard methods write the standard
   * number even where customLevels gave the name another value (that value only decides
   * whether the method is enabled); with useOnlyCustomLevels, and for custom names, the
   * table's value is written.
   */
  written (name: string): number | undefined {
    const v = this.value(name)
    if (v === undefined) return undefined
    return !this.onlyCustom && isStandardName(name) ? LEVELS[name] : v
  }

  /**
   * A level as pino's setLevel takes it: a name (a standard name in capitals is lowercased,
   * as pino does for its `level` option), 'silent', or a level's number; anything else
   * throws a TypeError.
   */
  parse (level: unknown): number {
    if (level === 'silent' || level === SILENT) return SILENT
    if (typeof level === 'number') {
      const name = this.labels[level]
      if (name === undefined || !hasOwn.call(this.labels, level)) {
        throw new TypeError(`bytelog: unknown level value ${String(level)}; expected one of ${Object.keys(this.labels).join(', ')}, Infinity`)
      }
      return this.values[name] ?? level
    }
    let v = this.value(level)
    if (v === undefined && typeof level === 'string') {
      const lower = level.toLowerCase()
      if (isStandardName(lower)) v = this.value(lower)
    }
    if (v === undefined) {
      throw new TypeError(`bytelog: unknown level ${JSON.stringify(level)}; expected one of ${[...Object.keys(this.values), 'silent'].join(', ')}`)
    }
    return v
  }

  label (value: number): string {
    return value === SILENT ? 'silent' : (this.labels[value] ?? 'silent')
  }
}
