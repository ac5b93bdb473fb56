/**
 * Nested plain data through the runtime's own JSON.stringify. On Node 25 and later V8's
 * serializer has a fast path (SIMD escaping, one pass over objects of the same shape) that
 * writes small plain objects 2.5x faster than the walker and pino's package.json 3.7x
 * faster (2.5 µs against 9.4 on Node 26); on older V8 it wins only on larger values (1.6x
 * on package.json on Node 24, even at 16 entries). The price is the string it returns, as
 * long as the JSON. So only a container of at least NATIVE_MIN own entries (8 with the
 * fast path, 16 without) is sent there, counted before any value is read: smaller ones stay
 * with the walker, which allocates nothing and reads each property once.
 *
 * "Plain" is what JSON.stringify writes exactly as the walker would: objects whose prototype
 * is Object.prototype or null and that have no toJSON, arrays, built-in Dates, and
 * primitives other than BigInt. An Error (written in pino's error shape by the walker), a
 * class instance, a boxed primitive, a BigInt, a cycle or anything deeper than MAX_DEPTH
 * sends the value to the walker. The check reads every property of such a large value, so
 * a getter in it runs twice (once here, then in JSON.stringify or the walker).
 */
import type { ByteBuf } from '../pool.js'
import { NODE_MAJOR, RUNTIME } from '../runtime.js'
import { depthLimit, edgeLimit } from './limits.js'
import { isPlainDate } from './resolve.js'

const OBJECT_PROTO = Object.prototype
const ARRAY_PROTO = Array.prototype
const hasOwn = Object.prototype.hasOwnProperty

const FAST_STRINGIFY = RUNTIME === 'node' && NODE_MAJOR >= 25
/** Own entries (properties or items) a plain container needs to be sent to JSON.stringify. */
const NATIVE_MIN = FAST_STRINGIFY ? 8 : 16
/** Past this depth or this many entries (at every depth) the check gives up: the walker writes the value. */
const MAX_DEPTH = 32
const MAX_ENTRIES = 1 << 16

let entries = 0

/** True if JSON.stringify should write `o`: it is large enough (see above) and plain data. */
export function nativeWorth (o: object): boolean {
  if (skipNext) {
    skipNext = false
    return false
  }
  // JSON.stringify writes whole values: not while a logger's depthLimit or edgeLimit is on.
  if (depthLimit !== Infinity || edgeLimit !== Infinity) return false
  entries = 0
  try {
    return ownEntries(o, NATIVE_MIN) >= NATIVE_MIN && plainContainer(o, 0)
  } catch {
    return false // a getter or a Proxy trap threw: the walker writes its placeholder
  }
}

/**
 * Set around a value that the walk must write itself: an event's field (the event API
 * allocates nothing). The next nativeWorth says no without looking. It can only make a
 * check say no: a record logged from a toJSON in between that takes it is walked, as
 * correctly.
 */
let skipNext = false

/** The value about to be written is walked whatever its size (see skipNext). */
export function skipNextCheck (): void {
  skipNext = true
}

/** The value is written: a skip not taken (a Date, a toJSON's result) is dropped. */
export function clearSkip (): void {
  skipNext = false
}

/** Own entries of `o`, up to `min`, without reading a value. */
function ownEntries (o: object, min: number): number {
  if (Array.isArray(o)) return o.length
  let n = 0
  for (const k in o) {
    if (hasOwn.call(o, k) && ++n >= min) break
  }
  return n
}

/**
 * `o` and all it holds plain, `o` being `depth` levels down. The prototype decides what `o`
 * is, read once: most values are plain objects or arrays, so a Date is tested for last
 * (testing it first cost a sixth of the check on pino's package.json, Node 26).
 */
function plainContainer (o: object, depth: number): boolean {
  const proto: unknown = Object.getPrototypeOf(o)
  if (proto === OBJECT_PROTO || proto === null) return !Array.isArray(o) && plainObject(o, depth)
  if (proto === ARRAY_PROTO) return Array.isArray(o) && plainArray(o as unknown[], depth)
  return isPlainDate(o)
}

function plainObject (o: object, depth: number): boolean {
  if (depth > MAX_DEPTH) return false
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') return false
  for (const k in o) {
    if (!hasOwn.call(o, k)) continue
    if (++entries > MAX_ENTRIES) return false
    // Read in the for...in body: V8 loads it by the enum cache's field index (see object.ts).
    const v = (o as Record<string, unknown>)[k]
    if (typeof v === 'object' ? v !== null && !plainContainer(v, depth + 1) : typeof v === 'bigint') return false
  }
  return true
}

function plainArray (a: unknown[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false
  const n = a.length
  if ((entries += n) > MAX_ENTRIES) return false
  for (let i = 0; i < n; i++) {
    const v = a[i]
    if (typeof v === 'object' ? v !== null && !plainContainer(v, depth + 1) : typeof v === 'bigint') return false
  }
  return true
}

/** Writes JSON.stringify(o) (o plain: nativeWorth said so). Throws what JSON.stringify throws. */
export function appendNative (b: ByteBuf, o: object): void {
  appendJsonText(b, JSON.stringify(o))
}

/**
 * Writes the fields of `o` as `,"k":v...`: JSON.stringify(o) with its braces dropped (the
 * `{` becomes the comma); nothing for an object without fields. `o` as nativeWorth says.
 */
export function appendNativeFields (b: ByteBuf, o: object): void {
  const s = JSON.stringify(o)
  if (s.length <= 2) return
  const at = b.pos
  appendJsonText(b, s)
  b.buf[at] = 0x2c
  b.pos--
}

function appendJsonText (b: ByteBuf, s: string): void {
  // At most 3 UTF-8 bytes a UTF-16 unit; JSON.stringify's output is well-formed.
  const buf = b.reserve(s.length * 3)
  b.pos += buf.utf8Write(s, b.pos)
}
