/**
 * What a logger's root adds to, or takes from, every record beyond pino's options: the
 * implicit context's bindings (context.ts), the active span's ids (otel.ts) and sampling
 * (sample.ts). One Observe per root, shared by every Core made from it (a child with its
 * own levels or formatters spreads its parent's Core and so keeps the same object), so that
 * a context entered on any logger of the root reaches all of them.
 *
 * The record writer asks `decorates` once per record and `sampler` once per call: with
 * none of the three in use, that is the whole cost.
 */
import type { AsyncLocalStorage } from 'node:async_hooks'
import { appendBytes } from '../encoder/bytes.js'
import type { ByteBuf } from '../pool.js'
import type { OtelIds } from './otel.js'
import type { Sampler } from './sample.js'

export class Observe {
  /** Something is written after the bindings: a context was entered, or otel is on. */
  decorates: boolean
  /** The root's context storage, made the first time a context is entered. */
  context: AsyncLocalStorage<Buffer> | null = null
  readonly otel: OtelIds | null
  readonly sampler: Sampler | null

  constructor (otel: OtelIds | null, sampler: Sampler | null) {
    this.otel = otel
    this.sampler = sampler
    this.decorates = otel !== null
  }
}

/** The context's bindings (encoded when it was entered), then the span's ids. */
export function appendObserved (rb: ByteBuf, obs: Observe): void {
  const als = obs.context
  if (als !== null) {
    const b = als.getStore()
    if (b !== undefined && b.length > 0) rb.pos = appendBytes(rb.reserve(b.length), rb.pos, b)
  }
  if (obs.otel !== null) obs.otel.append(rb)
}
