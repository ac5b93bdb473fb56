/**
 * Implicit context: `log.withBindings({ reqId }, fn)`. Inside fn and everything it starts
 * (promises, timers, callbacks), every record by any logger of the same root carries the
 * bindings after the logger's own, as if each logger were a child made with them.
 *
 * The bindings are encoded once, here, into the bytes a child would hold; the store is
 * those bytes, so a record copies them and encodes nothing. Nesting encodes the inner
 * bindings after the outer bytes, into one Buffer.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Limits } from '../encoder/limits.js'
import type { Serializers } from '../options.js'
import type { Redactor } from '../redact.js'
import { encodeBindings } from '../logger/bindings.js'
import type { Observe } from './observe.js'

/** Runs fn with `bindings` added to the context of `obs`'s root; returns what fn returns. */
export function runWithBindings<T> (obs: Observe, bindings: Record<string, unknown>, serializers: Serializers | null, redact: Redactor | null, limits: Limits, fn: () => T): T {
  if (typeof bindings !== 'object' || bindings === null) throw new TypeError('bytelog: withBindings takes a bindings object')
  if (typeof fn !== 'function') throw new TypeError('bytelog: withBindings takes a function to run')
  let als = obs.context
  if (als === null) {
    // Made on first use: a root that never enters a context never asks for a store.
    als = obs.context = new AsyncLocalStorage<Buffer>()
    obs.decorates = true
  }
  const outer = als.getStore()
  return als.run(encodeBindings(bindings, serializers, redact, limits, outer), fn)
}
