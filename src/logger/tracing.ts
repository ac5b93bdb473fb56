/**
 * diagnostics_channel: pino publishes each record's serialization on the tracing channel
 * `pino_asJson` (`tracing:pino_asJson:start` / `:end`, with `{ instance, arguments }` and
 * the line as `result`), and APM tools subscribe to it. bytelog publishes on the same
 * channel; with no subscriber, a record costs one check of `hasSubscribers`.
 */
import * as dc from 'node:diagnostics_channel'

interface Tracing {
  readonly hasSubscribers: boolean
  traceSync<T> (fn: () => T, context: object): T
}

/** The channel, or null on a runtime without tracing channels. */
export const asJsonChannel: Tracing | null = typeof dc.tracingChannel === 'function'
  ? dc.tracingChannel('pino_asJson') as unknown as Tracing
  : null
