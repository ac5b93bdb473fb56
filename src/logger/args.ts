/**
 * pino's argument rules around a record: the fixed-parameter convention of the level
 * methods, and what pino's LOG does to odd first arguments (an http request or response,
 * an Error).
 */
import stdSerializers from 'pino-std-serializers'

/**
 * The level methods take up to ten fixed parameters (object or message, message, and
 * eight printf arguments) instead of a rest parameter or `arguments`: V8's interpreter
 * and its mid tier (Maglev) allocate the rest array or the arguments object on every
 * call, including calls to a disabled level (measured: 32 to 56 bytes per call on Node
 * 24 until TurboFan takes over). The price: a printf argument that is undefined at the
 * end of the call counts as absent, and arguments past the eighth are ignored.
 */
export const NO_ARGS: unknown[] = []

/**
 * The printf arguments of a level method, trailing undefined ones dropped (see NO_ARGS),
 * as an array of exactly their number: one allocation, where an array of eight cut down by
 * `length =` was two steps (the shrink is a runtime call: 8% of a printf record's time).
 * Called with at least one argument defined; else the method passes NO_ARGS itself.
 */
export function argsOf (c: unknown, d: unknown, e: unknown, f: unknown, g: unknown, h: unknown, i: unknown, j: unknown): unknown[] {
  if (j !== undefined) return [c, d, e, f, g, h, i, j]
  if (i !== undefined) return [c, d, e, f, g, h, i]
  if (h !== undefined) return [c, d, e, f, g, h]
  if (g !== undefined) return [c, d, e, f, g]
  if (f !== undefined) return [c, d, e, f]
  if (e !== undefined) return [c, d, e]
  if (d !== undefined) return [c, d]
  return [c]
}

/**
 * The printf arguments in `args` from index `from` (hooks.logMethod's method gets all of a
 * call's arguments), at most eight as a level method reads them, trailing undefined ones
 * dropped: one copy.
 */
export function argsFrom (args: unknown[], from: number): unknown[] {
  let n = Math.min(args.length, from + 8)
  while (n > from && args[n - 1] === undefined) n--
  return n > from ? args.slice(from, n) : NO_ARGS
}

/** `[first, ...rest]`, without the spread's iteration. */
export function prepend (first: unknown, rest: unknown[]): unknown[] {
  switch (rest.length) {
    case 0: return [first]
    case 1: return [first, rest[0]]
    case 2: return [first, rest[0], rest[1]]
    case 3: return [first, rest[0], rest[1], rest[2]]
    default: return [first, ...rest]
  }
}

/**
 * pino's LOG maps a bare http request or response passed as the object to
 * `{ req: ... }` / `{ res: ... }` with pino-std-serializers.
 */
export function mapHttp (o: object): object {
  const r = o as { method?: unknown, headers?: unknown, socket?: unknown, setHeader?: unknown }
  if (r.method && r.headers && r.socket) return stdSerializers.mapHttpRequest(o as never)
  if (typeof r.setHeader === 'function') return stdSerializers.mapHttpResponse(o as never)
  return o
}

/** err.message, or undefined where reading it throws. */
export function messageOf (err: Error): unknown {
  try {
    return err.message
  } catch {
    return undefined
  }
}
