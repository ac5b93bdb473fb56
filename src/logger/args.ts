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

/** Drops trailing undefined arguments (see NO_ARGS). */
export function trimArgs (args: unknown[]): unknown[] {
  let n = args.length
  while (n > 0 && args[n - 1] === undefined) n--
  args.length = n
  return args
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
