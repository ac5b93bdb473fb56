/**
 * A slab written whole without a heap allocation. fs.writeSync allocates 57 B a call on
 * Node 24 and 26 (its `const ctx = {}`: bench/scratch/write-sync-heap.mjs), about a byte a
 * record in sync mode with minLength 4096 (a write per ~50 records). fs.writevSync throws
 * from C++ and allocates nothing, but it writes whole views: the view of slab[0, len) is
 * made once per length and kept for the slab's Buffer (a WeakMap: a Buffer the pool drops
 * takes its views with it). Measured: 0.1 to 0.8 B a write, and no slower than writeSync.
 * Used for sync mode (writer.ts) and for the default destination's file writes (direct.ts).
 */
import * as fs from 'node:fs'
import { NODE_MAJOR, RUNTIME } from '../runtime.js'

/** Where writevSync is measured to allocate nothing (Node 24+); elsewhere fs.writeSync serves. */
const WHOLE_VIEWS = RUNTIME === 'node' && NODE_MAJOR >= 24

/**
 * Views kept per Buffer. Records of a steady shape give few lengths; where lengths spread
 * wider, the lengths past these are written by fs.writeSync, as before (so never worse
 * than it, and at most this many views a slab).
 */
const MAX_VIEWS = 64

const views = new WeakMap<Buffer, Map<number, Uint8Array>>()
/** writevSync's list, holding a view only during the call. */
const one: Uint8Array[] = [new Uint8Array(0)]
const EMPTY = one[0]!

/** Writes buf[0, len) to fd once (a partial write may return less); throws what the write throws. */
export function writeWhole (fd: number, buf: Buffer, len: number): number {
  let byLen = views.get(buf)
  if (byLen === undefined) views.set(buf, byLen = new Map())
  let v = byLen.get(len)
  if (v === undefined) {
    if (byLen.size >= MAX_VIEWS) return fs.writeSync(fd, buf, 0, len)
    byLen.set(len, v = new Uint8Array(buf.buffer, buf.byteOffset, len))
  }
  one[0] = v
  try {
    return fs.writevSync(fd, one)
  } finally {
    one[0] = EMPTY
  }
}

/**
 * Writes buf[from, to) to fd once: a whole slab (from 0, the usual case) by writeWhole,
 * the rest of one after a short write by fs.writeSync. Returns the bytes written.
 */
export function writeSlabPart (fd: number, buf: Buffer, from: number, to: number): number {
  return from === 0 && WHOLE_VIEWS ? writeWhole(fd, buf, to) : fs.writeSync(fd, buf, from, to - from)
}
