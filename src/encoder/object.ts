/**
 * Arrays and plain objects, walked recursively (value.ts sends a container here once it
 * has checked it is no ancestor, no Date and no Error, and is not too deep for recursion).
 */
import type { ByteBuf } from '../pool.js'
import { level, truncate } from './ancestors.js'
import { appendBytes, NULL } from './bytes.js'
import { writeValue } from './dispatch.js'
import { appendArrayRest, appendObjectRest, edgeLimit } from './limits.js'
import { resolve, skips } from './resolve.js'
import { appendPrimitive, appendPrimitiveField } from './primitive.js'
import { appendKey } from './string.js'
import { appendUnserializable } from './unserializable.js'

const hasOwn = Object.prototype.hasOwnProperty

/**
 * `[v,...]`: holes and skipped values as null; an item that throws as its placeholder.
 * Past edgeLimit items, a note of how many are left out.
 */
export function writeArray (b: ByteBuf, a: unknown[], base: number): void {
  b.reserve(1)[b.pos++] = 0x5b
  const saved = level()
  const len = a.length
  const n = len > edgeLimit ? edgeLimit : len
  for (let i = 0; i < n; i++) {
    if (i > 0) b.reserve(1)[b.pos++] = 0x2c
    const at = b.pos
    try {
      let v = a[i]
      const t = typeof v
      // A string, number or boolean (most items) has nothing to resolve or skip.
      if (t === 'string' || t === 'number' || t === 'boolean') {
        appendPrimitive(b, v as string | number | boolean)
        continue
      }
      if (t === 'object' || t === 'bigint' || t === 'function') v = resolve(v, String(i))
      if (skips(v)) b.pos = appendBytes(b.reserve(4), b.pos, NULL)
      else writeValue(b, v, base)
    } catch (err) {
      b.pos = at
      truncate(saved)
      appendUnserializable(b, err)
    }
  }
  if (n < len) appendArrayRest(b, len - n)
  b.reserve(1)[b.pos++] = 0x5d
}

/**
 * `{"k":v,...}` over own enumerable string keys, in JSON.stringify's order. Past edgeLimit
 * keys (skipped ones count, as in safe-stable-stringify), a note of how many are left out.
 */
export function writeProperties (b: ByteBuf, o: object, base: number): void {
  b.reserve(1)[b.pos++] = 0x7b
  const open = b.pos
  const saved = level()
  // Keys counted against edgeLimit, and those left out past it. Counted up in small
  // integers: a count down from an unset (Infinity) limit would be a double, boxed anew
  // for each key outside optimized code.
  const limit = edgeLimit
  let taken = 0
  let cut = 0
  try {
    // for...in walks V8's enum cache without allocating a key array (Object.keys
    // would); hasOwn drops inherited keys as JSON.stringify does.
    for (const k in o) {
      if (!hasOwn.call(o, k)) continue
      if (taken === limit) {
        cut++
        continue
      }
      taken++
      // Read here, in the for...in body itself: V8 then loads the value by the enum
      // cache's field index; the same read inside writeProperty is a megamorphic keyed
      // load (measured: most of a package.json's time).
      let v: unknown
      try {
        v = (o as Record<string, unknown>)[k]
      } catch (err) {
        truncate(saved)
        appendKey(b, k, b.pos !== open)
        appendUnserializable(b, err)
        continue
      }
      if (!appendPrimitiveField(b, k, v, b.pos !== open)) writeProperty(b, k, v, base, b.pos !== open, k)
    }
  } catch (err) {
    // The key walk itself failed (a Proxy's ownKeys trap, say).
    b.pos = open - 1
    truncate(saved)
    appendUnserializable(b, err)
    return
  }
  if (cut > 0) appendObjectRest(b, cut, b.pos !== open)
  b.reserve(1)[b.pos++] = 0x7d
}

/**
 * Writes `,"k":v` (or `"k":v` when `comma` is false), or nothing when v is skipped. A throw
 * from a toJSON or the encoding leaves the key with a placeholder string, and the rest of
 * the object is written. toJSON gets `jsonKey`.
 */
export function writeProperty (b: ByteBuf, k: string, v: unknown, base: number, comma: boolean, jsonKey: string): void {
  const at = b.pos
  const saved = level()
  try {
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
