/**
 * Any JavaScript value as JSON, with JSON.stringify's rules and three differences a
 * logger needs: BigInt prints as bare digits, Errors (at any depth) print as
 * {"type","message","stack",...own properties}, and a cycle prints as "[Circular]".
 * A property whose getter, toJSON or Proxy trap throws prints as the string
 * "[Unserializable: <message>]": the record stays one valid line. Any depth is written.
 */
import type { ByteBuf } from '../pool.js'
import { appendBytes, FALSE, NULL, TRUE } from './bytes.js'
import { appendNumber, MAX_NUMBER_BYTES } from './number.js'
import { appendKey, appendString } from './string.js'
import { appendIsoDate } from './date.js'

const hasOwn = Object.prototype.hasOwnProperty
const toStr = Object.prototype.toString
const DATE_TO_JSON = Date.prototype.toJSON
const DATE_TO_ISO = Date.prototype.toISOString

/**
 * Ancestors of the value being written, for cycle detection. One array serves every
 * record: a log call made from inside a toJSON or getter pushes above the outer
 * record's entries and pops back before the outer one continues, and each record only
 * looks at entries from its own base up.
 */
const stack: unknown[] = []
/** Entries in use. The array never shrinks: shrinking `length` lets V8 trim its backing
 * store, and the next push would allocate a new one, on every record. */
let depth = 0

function push (o: object): void {
  stack[depth++] = o
}

/** Pops back to `to` entries, clearing the slots so no logged object stays reachable. */
function truncate (to: number): void {
  while (depth > to) stack[--depth] = undefined
}

function onStack (o: object, base: number): boolean {
  for (let i = base; i < depth; i++) if (stack[i] === o) return true
  return false
}

/**
 * Past this depth a subtree is walked with an explicit stack instead of recursion, so any
 * depth is written in full (JSON.stringify itself gives up near 4,000 levels; JSON.parse
 * reads any depth).
 */
const RECURSION_LIMIT = 500

/**
 * Writes `v` as JSON.stringify(v) would (toJSON and boxed primitives resolved with the key
 * ""). Returns false, having written nothing, where JSON.stringify returns undefined (for
 * undefined, a function, a symbol).
 */
export function appendValue (b: ByteBuf, v: unknown): boolean {
  const base = depth
  const at = b.pos
  try {
    const t = typeof v
    if (t === 'object' || t === 'bigint' || t === 'function') v = resolve(v, '')
    if (skips(v)) return false
    writeValue(b, v, base)
  } catch (err) {
    b.pos = at
    appendUnserializable(b, err)
  } finally {
    truncate(base)
  }
  return true
}

/**
 * Writes `,"key":value`, or nothing if the value is skipped (undefined...). A top-level
 * field: toJSON gets the key "" as pino's per-value JSON.stringify gives it.
 */
export function appendField (b: ByteBuf, key: string, v: unknown): void {
  const base = depth
  try {
    writeProperty(b, key, v, base, true, '')
  } finally {
    truncate(base)
  }
}

/** Writes a value that is known to be writable (not undefined, function or symbol). */
function writeValue (b: ByteBuf, v: unknown, base: number): void {
  switch (typeof v) {
    case 'string': appendString(b, v); return
    case 'number': {
      const buf = b.reserve(MAX_NUMBER_BYTES)
      b.pos = appendNumber(buf, b.pos, v)
      return
    }
    case 'boolean': {
      const lit = v ? TRUE : FALSE
      b.pos = appendBytes(b.reserve(5), b.pos, lit)
      return
    }
    case 'bigint': {
      const s = v.toString()
      b.reserve(s.length)
      b.pos += b.buf.latin1Write(s, b.pos)
      return
    }
    case 'object':
      if (v === null) {
        b.pos = appendBytes(b.reserve(4), b.pos, NULL)
        return
      }
      writeObject(b, v, base)
      return
    default:
      b.pos = appendBytes(b.reserve(4), b.pos, NULL)
  }
}

/**
 * Resolves toJSON and boxed primitives as JSON.stringify does. Returns the value to
 * write; `undefined` (or a function or symbol) means "skip this property".
 */
const OBJECT_PROTO = Object.prototype
const ARRAY_PROTO = Array.prototype

function resolve (v: unknown, key: string): unknown {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
    const toJSON = (v as { toJSON?: unknown }).toJSON
    // Plain objects and arrays (most values) need only the toJSON check.
    const proto: unknown = Object.getPrototypeOf(v)
    if (proto === OBJECT_PROTO || proto === ARRAY_PROTO || proto === null) {
      return typeof toJSON === 'function' ? toJSON.call(v, key) : v
    }
    if (v instanceof Error) return v
    if (typeof toJSON === 'function' && !isPlainDate(v)) return toJSON.call(v, key)
    if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) {
      return v.valueOf()
    }
  } else if (typeof v === 'bigint') {
    const toJSON = (BigInt.prototype as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') return toJSON.call(v, key)
  }
  return v
}

/**
 * A Date whose toJSON and toISOString are the built-in ones (toJSON calls toISOString):
 * written by appendIsoDate without the strings toISOString would allocate.
 */
function isPlainDate (v: object): v is Date {
  return v instanceof Date && v.toJSON === DATE_TO_JSON && v.toISOString === DATE_TO_ISO
}

function skips (v: unknown): boolean {
  const t = typeof v
  return t === 'undefined' || t === 'function' || t === 'symbol'
}

function writeObject (b: ByteBuf, o: object, base: number): void {
  if (onStack(o, base)) {
    appendString(b, '[Circular]')
    return
  }
  if (depth - base >= RECURSION_LIMIT && !(o instanceof Error) && !(o instanceof Date)) {
    writeDeep(b, o, base)
    return
  }
  if (isPlainDate(o)) {
    appendIsoDate(b, o)
    return
  }
  push(o)
  if (o instanceof Error) writeError(b, o, base)
  else if (Array.isArray(o)) writeArray(b, o, base)
  else writeProperties(b, o, base)
  truncate(depth - 1)
}

function writeArray (b: ByteBuf, a: unknown[], base: number): void {
  b.reserve(1)[b.pos++] = 0x5b
  const saved = depth
  const n = a.length
  for (let i = 0; i < n; i++) {
    if (i > 0) b.reserve(1)[b.pos++] = 0x2c
    const at = b.pos
    try {
      let v = a[i]
      if (typeof v === 'object' || typeof v === 'bigint' || typeof v === 'function') v = resolve(v, String(i))
      if (skips(v)) b.pos = appendBytes(b.reserve(4), b.pos, NULL)
      else writeValue(b, v, base)
    } catch (err) {
      b.pos = at
      truncate(saved)
      appendUnserializable(b, err)
    }
  }
  b.reserve(1)[b.pos++] = 0x5d
}

function writeProperties (b: ByteBuf, o: object, base: number): void {
  b.reserve(1)[b.pos++] = 0x7b
  const open = b.pos
  const saved = depth
  try {
    // for...in walks V8's enum cache without allocating a key array (Object.keys
    // would); hasOwn drops inherited keys as JSON.stringify does.
    for (const k in o) {
      if (!hasOwn.call(o, k)) continue
      writeProperty(b, k, undefined, base, b.pos !== open, k, o)
    }
  } catch (err) {
    // The key walk itself failed (a Proxy's ownKeys trap, say).
    b.pos = open - 1
    truncate(saved)
    appendUnserializable(b, err)
    return
  }
  b.reserve(1)[b.pos++] = 0x7d
}

/**
 * Writes `,"k":v` (or `"k":v` when `comma` is false), or nothing when v is skipped. When
 * `owner` is given, v is read as owner[k] here, inside the guard: a throw from a getter,
 * a toJSON or the encoding leaves the key with a placeholder string, and the rest of the
 * object is written. toJSON gets `jsonKey`.
 */
function writeProperty (b: ByteBuf, k: string, v: unknown, base: number, comma: boolean, jsonKey: string, owner?: object): void {
  const at = b.pos
  const saved = depth
  try {
    if (owner !== undefined) v = (owner as Record<string, unknown>)[k]
    const t = typeof v
    if (t === 'object' || t === 'bigint' || t === 'function') v = resolve(v, jsonKey)
    if (skips(v)) return
    appendKey(b, k, comma)
    writeValue(b, v, base)
  } catch (err) {
    b.pos = at
    truncate(saved)
    appendKey(b, k, comma)
    appendUnserializable(b, err)
  }
}

/** One open array or object of the iterative walk. */
interface Frame {
  o: object
  /** The object's keys; null for an array. */
  keys: string[] | null
  i: number
  /** Position just after the opening bracket, to know whether a comma is due. */
  open: number
}

/**
 * The same output as the recursive walk, for a subtree that is already RECURSION_LIMIT
 * deep: arrays and objects are opened and closed with an explicit stack of frames, so
 * the JS stack does not grow with the depth. Rare, so it may allocate (Object.keys, the
 * frames, a Set of ancestors for O(1) cycle checks).
 */
function writeDeep (b: ByteBuf, root: object, base: number): void {
  const frames: Frame[] = []
  const ancestors = new Set<unknown>(stack.slice(base, depth))
  const bottom = depth
  let v: unknown = root
  for (;;) {
    // Write v, a resolved, writable value. Containers open a frame; others are complete.
    if (typeof v === 'object' && v !== null && !(v instanceof Error) && !(v instanceof Date)) {
      if (ancestors.has(v)) {
        appendString(b, '[Circular]')
      } else {
        let keys: string[] | null = null
        if (!Array.isArray(v)) {
          try {
            keys = Object.keys(v)
          } catch (err) {
            appendUnserializable(b, err)
            keys = undefined as unknown as null
          }
        }
        if (keys !== (undefined as unknown as null)) {
          b.reserve(1)[b.pos++] = keys === null ? 0x5b : 0x7b
          frames.push({ o: v, keys, i: 0, open: b.pos })
          ancestors.add(v)
          push(v)
        }
      }
    } else {
      writeValue(b, v, base)
    }
    // Find the next value to write, closing finished frames on the way.
    v = undefined
    let found = false
    while (!found && frames.length > 0) {
      const f = frames[frames.length - 1]!
      if (f.keys === null) {
        const a = f.o as unknown[]
        if (f.i < a.length) {
          const i = f.i++
          if (i > 0) b.reserve(1)[b.pos++] = 0x2c
          const at = b.pos
          try {
            v = a[i]
            if (typeof v === 'object' || typeof v === 'bigint' || typeof v === 'function') v = resolve(v, String(i))
            if (skips(v)) b.pos = appendBytes(b.reserve(4), b.pos, NULL)
            else found = true
          } catch (err) {
            b.pos = at
            appendUnserializable(b, err)
          }
          continue
        }
        b.reserve(1)[b.pos++] = 0x5d
      } else {
        const o = f.o as Record<string, unknown>
        while (f.i < f.keys.length) {
          const k = f.keys[f.i++]!
          const at = b.pos
          try {
            let x = o[k]
            if (typeof x === 'object' || typeof x === 'bigint' || typeof x === 'function') x = resolve(x, k)
            if (skips(x)) continue
            appendKey(b, k, b.pos !== f.open)
            v = x
            found = true
          } catch (err) {
            b.pos = at
            appendKey(b, k, b.pos !== f.open)
            appendUnserializable(b, err)
          }
          break
        }
        if (found || f.i < f.keys.length) continue
        b.reserve(1)[b.pos++] = 0x7d
      }
      frames.pop()
      ancestors.delete(f.o)
      truncate(depth - 1)
    }
    if (!found) break
  }
  truncate(bottom)
}

/**
 * Writes `,"k":o[k]` for a top-level field, reading the property inside the guard (a
 * throwing getter gives a placeholder, not a lost record). toJSON gets the key "".
 */
export function appendMember (b: ByteBuf, o: object, k: string): void {
  const base = depth
  try {
    writeProperty(b, k, undefined, base, true, '', o)
  } finally {
    truncate(base)
  }
}

export function appendUnserializable (b: ByteBuf, err: unknown): void {
  let why = 'unknown error'
  try {
    if (err instanceof RangeError && /call stack/i.test(err.message)) why = 'too deep'
    else if (err instanceof Error) why = String(err.message)
    else why = String(err)
  } catch {
    // A thrown value whose message or toString throws as well.
  }
  appendString(b, `[Unserializable: ${why}]`)
}

/** True for what pino's err serializer treats as an error: a string `message`. */
export function isErrorLike (v: unknown): v is { message: string } {
  if (typeof v !== 'object' || v === null) return false
  try {
    return typeof (v as { message?: unknown }).message === 'string'
  } catch {
    return false // a throwing `message` getter: then it is written as a plain object
  }
}

/**
 * An error in pino-std-serializers' shape: type, message (with causes), stack (with
 * "caused by:"), aggregateErrors, then its other enumerable properties. Nested errors
 * under other keys are written the same way; `cause` is folded into message and stack.
 */
export function appendError (b: ByteBuf, err: object): void {
  const base = depth
  const at = b.pos
  try {
    push(err)
    writeError(b, err, base)
  } catch (e) {
    // A getter on the error (or a Proxy trap) threw: the error's place gets the placeholder.
    b.pos = at
    appendUnserializable(b, e)
  } finally {
    truncate(base)
  }
}

function writeError (b: ByteBuf, err: object, base: number): void {
  const e = err as Error & { errors?: unknown, cause?: unknown }
  b.reserve(1)[b.pos++] = 0x7b
  const ctor = e.constructor
  const type: unknown = toStr.call(ctor) === '[object Function]' ? ctor.name : e.name
  // As JSON.stringify drops an undefined "type" (a null-prototype error-like object).
  if (typeof type === 'string') {
    appendString(b, 'type')
    b.reserve(1)[b.pos++] = 0x3a
    appendString(b, type)
    b.reserve(1)[b.pos++] = 0x2c
  }
  const message = e.cause === undefined ? (typeof e.message === 'string' ? e.message : '') : messageWithCauses(e)
  appendString(b, 'message')
  b.reserve(1)[b.pos++] = 0x3a
  appendString(b, message)
  const stackText = e.cause === undefined ? (e.stack || '') : stackWithCauses(e)
  b.reserve(1)[b.pos++] = 0x2c
  appendString(b, 'stack')
  b.reserve(1)[b.pos++] = 0x3a
  appendString(b, String(stackText))
  if (Array.isArray(e.errors)) {
    b.reserve(1)[b.pos++] = 0x2c
    appendString(b, 'aggregateErrors')
    b.reserve(1)[b.pos++] = 0x3a
    b.reserve(1)[b.pos++] = 0x5b
    const list = e.errors
    for (let i = 0; i < list.length; i++) {
      if (i > 0) b.reserve(1)[b.pos++] = 0x2c
      const item = list[i]
      if (isErrorLike(item)) writeNestedError(b, item, base)
      else writeValue(b, skips(item) ? null : item, base)
    }
    b.reserve(1)[b.pos++] = 0x5d
  }
  // Other enumerable properties, with pino-std-serializers' rules: it copies a key only
  // where its output object has nothing yet, so keys inherited from Object.prototype
  // (toString...) and the non-enumerable `raw` never appear; error-like values get the
  // error shape, and `cause` is already folded into message and stack.
  for (const k in e) {
    if (k === 'type' || k === 'message' || k === 'stack' || k === 'raw' || k in Object.prototype) continue
    if (k === 'aggregateErrors' && Array.isArray(e.errors)) continue
    let v: unknown
    try {
      v = (e as unknown as Record<string, unknown>)[k]
    } catch (err2) {
      appendKey(b, k, true)
      appendUnserializable(b, err2)
      continue
    }
    if (v === undefined) continue
    if (isErrorLike(v)) {
      if (k === 'cause') continue
      appendKey(b, k, true)
      writeNestedError(b, v, base)
      continue
    }
    writeProperty(b, k, v, base, true, k)
  }
  b.reserve(1)[b.pos++] = 0x7d
}

/** An error-like value nested in an error: the error shape, or "[Circular]". */
function writeNestedError (b: ByteBuf, o: object, base: number): void {
  if (onStack(o, base)) {
    appendString(b, '[Circular]')
    return
  }
  push(o)
  writeError(b, o, base)
  truncate(depth - 1)
}

function causeOf (e: unknown): { message: string, stack?: unknown } | undefined {
  if (typeof e !== 'object' || e === null) return undefined
  const cause = (e as { cause?: unknown }).cause
  const c = typeof cause === 'function' ? (cause as (this: unknown) => unknown).call(e) : cause
  return isErrorLike(c) ? c : undefined
}

function messageWithCauses (e: Error): string {
  const seen = new Set<unknown>()
  let out = ''
  let cur: unknown = e
  let skip = false
  while (isErrorLike(cur)) {
    const msg = skip ? '' : (cur.message || '')
    if (seen.has(cur)) return out + msg + ': ...'
    const cause = causeOf(cur)
    if (cause === undefined) return out + msg
    seen.add(cur)
    skip = typeof (cur as { cause?: unknown }).cause === 'function'
    out += msg + (skip ? '' : ': ')
    cur = cause
  }
  return out
}

function stackWithCauses (e: Error): string {
  const seen = new Set<unknown>()
  let out = ''
  let cur: unknown = e
  while (isErrorLike(cur)) {
    const st = String((cur as { stack?: unknown }).stack || '')
    if (seen.has(cur)) return out + st + '\ncauses have become circular...'
    const cause = causeOf(cur)
    if (cause === undefined) return out + st
    seen.add(cur)
    out += st + '\ncaused by: '
    cur = cause
  }
  return out
}
