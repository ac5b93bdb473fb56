/**
 * The walk past RECURSION_LIMIT levels: the same output as the recursive walk, with an
 * explicit stack of frames, so that the JS stack does not grow with the depth. (It only
 * runs for a depthLimit above RECURSION_LIMIT, or none: a smaller one cuts first.)
 */
import type { ByteBuf } from '../pool.js'
import { ancestorSet, level, pop, push, truncate } from './ancestors.js'
import { appendBytes, NULL } from './bytes.js'
import { writeValue } from './dispatch.js'
import { appendArrayRest, appendCut, appendObjectRest, depthLimit, edgeLimit } from './limits.js'
import { resolve, skips } from './resolve.js'
import { appendKey, appendString } from './string.js'
import { appendUnserializable } from './unserializable.js'

export { RECURSION_LIMIT } from './limits.js'

/** One open array or object of the iterative walk. */
interface Frame {
  o: object
  /** The object's keys (the first edgeLimit of them); null for an array. */
  keys: string[] | null
  i: number
  /** Items (or keys) written before the rest is cut: edgeLimit, or all of them. */
  n: number
  /** Items (or keys) left out past edgeLimit. */
  cut: number
  /** Position just after the opening bracket, to know whether a comma is due. */
  open: number
}

/**
 * Writes `root`, a container already RECURSION_LIMIT deep: arrays and objects are opened
 * and closed with frames; everything else goes to the value writer. Rare, so it may
 * allocate (Object.keys, the frames, a Set of ancestors for O(1) cycle checks).
 */
export function writeDeep (b: ByteBuf, root: object, base: number): void {
  const frames: Frame[] = []
  const ancestors = ancestorSet(base)
  const bottom = level()
  let v: unknown = root
  for (;;) {
    // Write v, a resolved, writable value. Containers open a frame; others are complete.
    if (typeof v === 'object' && v !== null && !(v instanceof Error) && !(v instanceof Date)) {
      if (ancestors.has(v)) {
        appendString(b, '[Circular]')
      } else if (level() - base >= depthLimit) {
        const at = b.pos
        try {
          appendCut(b, v)
        } catch (err) {
          b.pos = at
          appendUnserializable(b, err)
        }
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
          const len = keys === null ? (v as unknown[]).length : keys.length
          const n = len > edgeLimit ? edgeLimit : len
          frames.push({ o: v, keys, i: 0, n, cut: len - n, open: b.pos })
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
        if (f.i < f.n) {
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
        if (f.cut > 0) appendArrayRest(b, f.cut)
        b.reserve(1)[b.pos++] = 0x5d
      } else {
        const o = f.o as Record<string, unknown>
        while (f.i < f.n) {
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
        if (found || f.i < f.n) continue
        if (f.cut > 0) appendObjectRest(b, f.cut, b.pos !== f.open)
        b.reserve(1)[b.pos++] = 0x7d
      }
      frames.pop()
      ancestors.delete(f.o)
      pop()
    }
    if (!found) break
  }
  truncate(bottom)
}
