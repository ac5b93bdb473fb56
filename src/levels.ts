/** Level names and numbers, as pino has them, and a logger's own table with custom levels. */
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

const hasOwn = Object.prototype.hasOwnProperty

/** A logger's levels: pino's, plus or instead of custom ones. pino's `levels` property. */
export class LevelTable {
  /** name -> number */
  readonly values: Record<string, number>
  /** number -> name */
  readonly labels: Record<number, string>

  constructor (custom: Record<string, number> | null, onlyCustom: boolean) {
    this.values = Object.create(null) as Record<string, number>
    this.labels = Object.create(null) as Record<number, string>
    if (!onlyCustom) for (const name of LEVEL_NAMES) this.#add(name, LEVELS[name])
    if (custom !== null) {
      for (const name of Object.keys(custom)) {
        const v = custom[name]
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
          throw new TypeError(`bytelog: custom level ${JSON.stringify(name)} must be a positive integer, got ${String(v)}`)
        }
        if (name === 'silent') throw new TypeError('bytelog: "silent" is not a level name')
        if (hasOwn.call(this.labels, v) && this.labels[v] !== name) {
          throw new TypeError(`bytelog: custom level ${JSON.stringify(name)} reuses ${v}, the value of ${JSON.stringify(this.labels[v])}`)
        }
        this.#add(name, v)
      }
    }
  }

  #add (name: string, v: number): void {
    this.values[name] = v
    this.labels[v] = name
  }

  /** The value of a level name; undefined for anything else ('toString' included). */
  value (name: unknown): number | undefined {
    return typeof name === 'string' && hasOwn.call(this.values, name) ? this.values[name] : undefined
  }

  /** A level name or 'silent' to its value; anything else throws a TypeError. */
  parse (level: unknown): number {
    if (level === 'silent') return SILENT
    const v = this.value(level)
    if (v === undefined) {
      throw new TypeError(`bytelog: unknown level ${JSON.stringify(level)}; expected one of ${[...Object.keys(this.values), 'silent'].join(', ')}`)
    }
    return v
  }

  label (value: number): string {
    return value === SILENT ? 'silent' : (this.labels[value] ?? 'silent')
  }
}
