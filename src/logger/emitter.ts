/**
 * The EventEmitter methods pino's logger has (for 'level-change'), on an emitter made on
 * first use and kept beside the logger, not in it: most loggers, children above all, never
 * have a listener, and a field (or an EventEmitter) per child would make every child
 * bigger and child() slower.
 */
import { EventEmitter } from 'node:events'

/** A listener for the logger's events; 'level-change' gets (label, value, prevLabel, prevValue, logger). */
export type Listener = (...args: never[]) => void

type AnyListener = (...args: unknown[]) => void

/** Each logger's emitter, once it has been given a listener. */
const emitters = new WeakMap<LazyEmitter, EventEmitter>()

function emitterOf (self: LazyEmitter): EventEmitter {
  let e = emitters.get(self)
  if (e === undefined) emitters.set(self, e = new EventEmitter())
  return e
}

export class LazyEmitter {
  on (event: string | symbol, listener: Listener): this {
    emitterOf(this).on(event, listener as AnyListener)
    return this
  }

  addListener (event: string | symbol, listener: Listener): this {
    return this.on(event, listener)
  }

  once (event: string | symbol, listener: Listener): this {
    emitterOf(this).once(event, listener as AnyListener)
    return this
  }

  prependListener (event: string | symbol, listener: Listener): this {
    emitterOf(this).prependListener(event, listener as AnyListener)
    return this
  }

  off (event: string | symbol, listener: Listener): this {
    emitters.get(this)?.off(event, listener as AnyListener)
    return this
  }

  removeListener (event: string | symbol, listener: Listener): this {
    return this.off(event, listener)
  }

  removeAllListeners (event?: string | symbol): this {
    emitters.get(this)?.removeAllListeners(event)
    return this
  }

  emit (event: string | symbol, ...args: unknown[]): boolean {
    return emitters.get(this)?.emit(event, ...args) ?? false
  }

  listenerCount (event: string | symbol): number {
    return emitters.get(this)?.listenerCount(event) ?? 0
  }

  listeners (event: string | symbol): Array<(...args: unknown[]) => unknown> {
    return (emitters.get(this)?.listeners(event) ?? []) as Array<(...args: unknown[]) => unknown>
  }
}
