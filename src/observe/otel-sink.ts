/**
 * A destination that hands records to an OpenTelemetry LoggerProvider: `createLogger({
 * destination: otelSink({ loggerProvider }) })`. Each line is parsed back (this runs off the
 * record's hot path, once per record written) and emitted as a LogRecord, mapped as
 * @opentelemetry/instrumentation-pino maps pino's records:
 *
 * - level → severityNumber (10→1 TRACE, 20→5 DEBUG, 30→9 INFO, 40→13 WARN, 50→17 ERROR,
 *   60→21 FATAL; another number → the nearest standard level below it) and severityText;
 * - the message → body; time → timestamp (epoch ms, or an ISO string);
 * - err → exception.type, exception.message, exception.stacktrace attributes;
 * - every other field → an attribute of the same name.
 */

/** What the sink uses of an OpenTelemetry LoggerProvider (@opentelemetry/sdk-logs). */
export interface OtelLoggerProvider {
  getLogger (name: string, version?: string): { emit (record: OtelLogRecord): void }
}

/** The fields the sink sets (wide types, so that the SDK's own LogRecord type fits). */
export interface OtelLogRecord {
  timestamp?: unknown
  severityNumber?: unknown
  severityText?: unknown
  body?: unknown
  attributes?: Record<string, unknown>
}

export interface OtelSinkOptions {
  loggerProvider: OtelLoggerProvider
  /** The instrumentation scope's name. Default 'bytelog'. */
  name?: string
  /** Key of the message. Default 'msg'. */
  messageKey?: string
  /** Key of the error. Default 'err'. */
  errorKey?: string
}

const SEVERITY: ReadonlyArray<readonly [number, number, string]> = [
  [60, 21, 'FATAL'], [50, 17, 'ERROR'], [40, 13, 'WARN'], [30, 9, 'INFO'], [20, 5, 'DEBUG'], [10, 1, 'TRACE'],
]

/** instrumentation-pino's mapping; a custom level takes the standard one at or below it. */
export function severityOf (level: number): { number: number, text: string } {
  for (const [lv, n, text] of SEVERITY) if (level >= lv) return { number: n, text }
  return { number: 0, text: 'UNSPECIFIED' }
}

/** A record (the parsed line) as an OpenTelemetry LogRecord. */
export function toLogRecord (rec: Record<string, unknown>, messageKey = 'msg', errorKey = 'err'): OtelLogRecord {
  const out: OtelLogRecord = {}
  const attributes: Record<string, unknown> = {}
  for (const k of Object.keys(rec)) {
    const v = rec[k]
    if (k === 'level' && typeof v === 'number') {
      const s = severityOf(v)
      out.severityNumber = s.number
      out.severityText = s.text
    } else if (k === 'time' && (typeof v === 'number' || typeof v === 'string')) {
      out.timestamp = typeof v === 'number' ? v : new Date(v)
    } else if (k === messageKey) {
      out.body = v
    } else if (k === errorKey && typeof v === 'object' && v !== null) {
      const e = v as { type?: unknown, message?: unknown, stack?: unknown }
      if (e.type !== undefined) attributes['exception.type'] = e.type
      if (e.message !== undefined) attributes['exception.message'] = e.message
      if (e.stack !== undefined) attributes['exception.stacktrace'] = e.stack
    } else {
      attributes[k] = v
    }
  }
  out.attributes = attributes
  return out
}

/** The destination object: write(chunk) takes one or more whole lines. */
export function otelSink (opts: OtelSinkOptions): { write (chunk: Uint8Array): void } {
  if (typeof opts !== 'object' || opts === null || typeof opts.loggerProvider?.getLogger !== 'function') {
    throw new TypeError('bytelog: otelSink needs { loggerProvider } (an OpenTelemetry LoggerProvider)')
  }
  const logger = opts.loggerProvider.getLogger(opts.name ?? 'bytelog')
  const messageKey = opts.messageKey ?? 'msg'
  const errorKey = opts.errorKey ?? 'err'
  const decoder = new TextDecoder()
  let rest = ''
  return {
    write (chunk: Uint8Array): void {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk))
      const lines = text.split('\n')
      rest = lines.pop()!
      for (const line of lines) {
        if (line.length === 0) continue
        let rec: unknown
        try {
          rec = JSON.parse(line)
        } catch {
          rec = null
        }
        try {
          if (typeof rec === 'object' && rec !== null) logger.emit(toLogRecord(rec as Record<string, unknown>, messageKey, errorKey))
          else logger.emit({ body: line })
        } catch {
          // The provider's failure is its own to report; the app goes on.
        }
      }
    },
  }
}
