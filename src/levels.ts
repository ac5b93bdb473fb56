/** Level names and numbers, as pino has them. */
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
export const SILENT = Infinity

export const LEVEL_NAMES: readonly LevelName[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal']

const LABELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }

export function levelValue (level: unknown): number {
  if (level === 'silent') return SILENT
  if (typeof level === 'string' && Object.prototype.hasOwnProperty.call(LEVELS, level)) {
    return LEVELS[level as LevelName]
  }
  throw new TypeError(`bytelog: unknown level ${JSON.stringify(level)}; expected one of ${[...LEVEL_NAMES, 'silent'].join(', ')}`)
}

export function levelLabel (value: number): LevelOption {
  return (LABELS[value] ?? 'silent') as LevelOption
}
