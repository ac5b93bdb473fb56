/**
 * pino's stdTimeFunctions. Each is a real function returning pino's `,"time":...` fragment,
 * so code that calls one directly gets what pino gives; but given as `timestamp`, the four
 * that bytelog writes natively become its `time` option (loggerArgs), so no string is made
 * per record.
 */
import type { TimeOption } from './time.js'

export interface StdTimeFunctions {
  /** `,"time":` and epoch milliseconds (pino's default). */
  epochTime: () => string
  /** `,"time":` and epoch seconds, rounded. */
  unixTime: () => string
  /** `,"time":` and an ISO 8601 string in UTC, with milliseconds. */
  isoTime: () => string
  /** No time field. */
  nullTime: () => string
  /** An ISO 8601 string with nanoseconds (a string per record: bytelog has no native form). */
  isoTimeNano: () => string
}

const NS_PER_MS = 1_000_000n
// The wall clock at load and the monotonic clock beside it: nanoseconds since then are added
// to the first, as pino does, so successive records stay ordered.
const startNs = BigInt(Date.now()) * NS_PER_MS
const startHr = process.hrtime.bigint()

export const stdTimeFunctions: StdTimeFunctions = {
  epochTime: () => `,"time":${Date.now()}`,
  unixTime: () => `,"time":${Math.round(Date.now() / 1000)}`,
  isoTime: () => `,"time":"${new Date(Date.now()).toISOString()}"`,
  nullTime: () => '',
  isoTimeNano: () => {
    const ns = startNs + process.hrtime.bigint() - startHr
    const iso = new Date(Number(ns / NS_PER_MS)).toISOString()
    return `,"time":"${iso.slice(0, 19)}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}Z"`
  },
}

const NATIVE = new Map<unknown, TimeOption>([
  [stdTimeFunctions.epochTime, 'epoch'],
  [stdTimeFunctions.unixTime, 'unix'],
  [stdTimeFunctions.isoTime, 'iso'],
  [stdTimeFunctions.nullTime, false],
])

/** The `time` option that writes what `fn` would, when `fn` is one of the std functions bytelog has natively. */
export function nativeTime (fn: unknown): TimeOption | undefined {
  return NATIVE.get(fn)
}
