/**
 * The value writer, bound once by value.ts. The walk is recursive across files (an
 * object's property can be an error whose property is an array...): the containers' files
 * call back into the dispatcher through this binding instead of importing value.ts, so
 * that src/ has no import cycle.
 */
import type { ByteBuf } from '../pool.js'

/** Writes a value known to be writable (resolved; not undefined, a function or a symbol). */
export type WriteValue = (b: ByteBuf, v: unknown, base: number) => void

export let writeValue: WriteValue = () => {
  throw new Error('bytelog: the value writer is not bound (import encoder/value.js)')
}

export function bindValueWriter (w: WriteValue): void {
  writeValue = w
}
