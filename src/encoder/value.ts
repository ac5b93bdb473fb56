/**
 * Any JavaScript value as JSON, with JSON.stringify's rules and three differences a
 * logger needs: BigInt prints as bare digits, Errors (at any depth) print as
 * {"type","message","stack",...own properties}, and a cycle prints as "[Circular]".
 * A property whose getter, toJSON or Proxy trap throws prints as the string
 * "[Unserializable: <message>]": the record stays one valid line. Any depth is written.
 *
 * This file is the dispatcher and the entry points; the walk lives beside it:
 * object.ts (arrays, objects, properties), deep.ts (past RECURSION_LIMIT levels),
 * error.ts (the error shape), resolve.ts (toJSON and boxed primitives), ancestors.ts
 * (cycle detection), limits.ts (depthLimit and edgeLimit, when a logger sets them).
 */
import type { ByteBuf } from '../pool.js'
import { level, onStack, pop, push, truncate } from './ancestors.js'
import { appendBytes, NULL } from './bytes.js'
import { appendIsoDate } from './date.js'
import { writeDeep } from './deep.js'
import { bindValueWriter } from './dispatch.js'
import { writeError } from './error.js'
import { appendCut, depthLimit, farDepth } from './limits.js'
import { writeArray, writeProperties, writeProperty } from './object.js'
import { appendNative, nativeWorth } from './native.js'
import { isPlainDate, resolve, skips } from './resolve.js'
import { appendPrimitive } from './primitive.js'
import { appendString } from './string.js'
import { appendUnserializable } from './unserializable.js'

/**
 * Writes `v` as JSON.stringify(v) would (toJSON and boxed primitives resolved with the key
 * ""). Returns false, having written nothing, where JSON.stringify returns undefined (for
 * undefined, a function, a symbol).
 */
export function appendValue (b: ByteBuf, v: unknown): boolean {
  return appendValueAt(b, v, level())
}

/**
 * appendValue for a value below containers its caller walks itself (redact.ts), pushed on
 * the ancestor stack from `base` up: cycles are looked for, and depth counted, from there.
 */
export function appendValueAt (b: ByteBuf, v: unknown, base: number): boolean {
  const top = level()
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
    truncate(top)
  }
  return true
}

/**
 * Writes `,"key":value`, or nothing if the value is skipped (undefined...). A top-level
 * field: toJSON gets the key "" as pino's per-value JSON.stringify gives it.
 */
export function appendField (b: ByteBuf, key: string, v: unknown): void {
  const base = level()
  try {
    writeProperty(b, key, v, base, true, '')
  } finally {
    truncate(base)
  }
}

/** An error in pino-std-serializers' shape (see error.ts); a throwing getter gives the placeholder. */
export function appendError (b: ByteBuf, err: object): void {
  const base = level()
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

/** Writes a value that is known to be writable (not undefined, function or symbol). */
function writeValue (b: ByteBuf, v: unknown, base: number): void {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      appendPrimitive(b, v)
      return
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
bindValueWriter(writeValue)

/** A container: "[Circular]" for an ancestor, cut or walked deep when far down, else by kind. */
function writeObject (b: ByteBuf, o: object, base: number): void {
  if (onStack(o, base)) {
    appendString(b, '[Circular]')
    return
  }
  if (level() - base >= farDepth && writeFar(b, o, base)) return
  if (isPlainDate(o)) {
    appendIsoDate(b, o)
    return
  }
  // The outermost container of a value: plain data goes to JSON.stringify (native.ts).
  if (level() === base && nativeWorth(o)) {
    const at = b.pos
    try {
      appendNative(b, o)
      return
    } catch {
      b.pos = at // a getter that threw the second time it was read: the walker says so
    }
  }
  push(o)
  if (o instanceof Error) writeError(b, o, base)
  else if (Array.isArray(o)) writeArray(b, o, base)
  else writeProperties(b, o, base)
  pop()
}

/**
 * A container at farDepth or deeper: cut at depthLimit (a Date is a string, never cut),
 * else, past RECURSION_LIMIT, written by the deep walk (an Error or a Date goes on by
 * recursion: their own walk is shallow). False: writeObject writes it as usual.
 */
function writeFar (b: ByteBuf, o: object, base: number): boolean {
  if (level() - base >= depthLimit) {
    if (isPlainDate(o)) return false
    appendCut(b, o)
    return true
  }
  if (o instanceof Error || o instanceof Date) return false
  writeDeep(b, o, base)
  return true
}
