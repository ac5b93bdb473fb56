/**
 * The EventEmitter methods pino's logger has (for 'level-change'), on an emitter made on
 * first use: most loggers, children above all, never have a listener, and an EventEmitter
 * per child would slow child() down.
 */
import { EventEmitter } from 'node:events'

/** A listener for the logger's events; 'level-change' gets (label, value, prevLabel, prevValue, logger). */
export type Listener = (...args: never[]) => void

type AnyListener = (...args: unknown[]) => void

export class LazyEmitter {
  #emitter: EventEmitter | null = null

  #get (): EventEmitter {
    return (this.#emitter ??= new EventEmitter())
  }

  on (event: string | symbol, listener: Listener): this {
    this.#get().on(event, listener as AnyListener)
    return this
  }

  addListener (event: string | symbol, listener: Listener): this {
    return this.on(event, listener)
  }

  once (event: string | symbol, listener: Listener): this {
    this.#get().once(event, listener as AnyListener)
    return this
  }

  prependListener (event: string | symbol, listener: Listener): this {
    this.#get().prependListener(event, listener as AnyListener)
    return this
  }

  off (event: string | symbol, listener: Listener): this {
    this.#emitter?.off(event, listener as AnyListener)
    return this
  }

  removeListener (event: string | symbol, listener: Listener): this {
    return this.off(event, listener)
  }

  removeAllListeners (event?: string | symbol): this {
    this.#emitter?.removeAllListeners(event)
    return this
  }

  emit (event: string | symbol, ...args: unknown[]): boolean {
    return this.#emitter?.emit(event, ...args) ?? false
  }

  listenerCount (event: string | symbol): number {
    return this.#emitter?.listenerCount(event) ?? 0
  }

  listeners (event: string | symbol): Array<(...args: unknown[]) => unknown> {
    return (this.#emitter?.listeners(event) ?? []) as Array<(...args: unknown[]) => unknown>
  }
}
