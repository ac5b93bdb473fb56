/** Byte-level helpers shared by the encoders. `buf` must have room: callers reserve first. */
import { NODE_MAJOR } from '../runtime.js'

declare global {
  interface Buffer {
    // Buffer's own string writers, the ones buf.write() dispatches to after parsing its
    // encoding argument. Present in every Node version, missing from @types/node. Both
    // return the bytes written and allocate nothing.
    latin1Write (s: string, offset?: number, length?: number): number
    utf8Write (s: string, offset?: number, length?: number): number
  }
}

/** Encodes an ASCII/JSON fragment once, at setup time. */
export function bytes (s: string): Buffer {
  return Buffer.from(s, 'utf8')
}

/**
 * Copies `src` into `buf` at `pos`. A short fragment is copied by a loop, which beats the
 * call into TypedArray.prototype.set below ~32 bytes; both allocate nothing.
 */
export function appendBytes (buf: Uint8Array, pos: number, src: Uint8Array): number {
  const n = src.length
  if (n < 32) {
    for (let i = 0; i < n; i++) buf[pos + i] = src[i]!
  } else {
    buf.set(src, pos)
  }
  return pos + n
}

/**
 * Below this many bytes, copyRange copies by a loop. Buffer#copy of part of a buffer makes
 * a Uint8Array view of that part on Node 20 and 22 (measured: 96 B per copy), not from
 * Node 24 on; there the loop only pays off for short copies.
 */
const LOOP_RANGE_MAX = NODE_MAJOR >= 24 ? 64 : 4096

/** Copies src[from, from + len) into `buf` at `pos`, allocating nothing (up to 4 KiB on Node 20 and 22). */
export function copyRange (buf: Buffer, pos: number, src: Buffer, from: number, len: number): number {
  if (len < LOOP_RANGE_MAX) {
    for (let i = 0; i < len; i++) buf[pos + i] = src[from + i]!
  } else {
    src.copy(buf, pos, from, from + len)
  }
  return pos + len
}

export const NULL = bytes('null')
export const TRUE = bytes('true')
export const FALSE = bytes('false')
