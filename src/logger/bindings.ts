/**
 * Child bindings, encoded once as `,"k":v...` bytes (pino's asChindings), and where a
 * logger keeps them: after its writer's prefix, a range of a shared, append-only arena
 * (see BindingsArena) named by the arena and one small integer, so that a child holds no
 * Buffer of its own.
 */
import { copyRange } from '../encoder/bytes.js'
import { type Limits, useLimits } from '../encoder/limits.js'
import { appendPrimitiveField } from '../encoder/primitive.js'
import { appendKey } from '../encoder/string.js'
import { appendUnserializable } from '../encoder/unserializable.js'
import { appendField } from '../encoder/value.js'
import { BufferPool, ByteBuf } from '../pool.js'
import type { Serializers } from '../options.js'
import type { Redactor } from '../redact.js'
import { appendGeneral } from './fields.js'
import { scratchPool } from './scratch.js'

const hasOwn = Object.prototype.hasOwnProperty

/** Encodes `bindings` into `b` through the serializers and redaction, skipping the keys pino reserves. */
function encodeOwn (b: ByteBuf, bindings: Record<string, unknown>, serializers: Serializers | null, redact: Redactor | null): void {
  for (const k in bindings) {
    if (!hasOwn.call(bindings, k)) continue
    if (k === 'level' || k === 'serializers' || k === 'formatters' || k === 'customLevels') continue
    const f = serializers === null ? undefined : serializers[k]
    const nodes = redact === null ? null : redact.top(k)
    if (typeof f === 'function' || nodes !== null) {
      appendGeneral(b, k, bindings, typeof f === 'function' ? f : null, redact, nodes)
      continue
    }
    // The value read here, in the for...in body, once (as walkFields reads a record's: see
    // fields.ts); a primitive (most bindings: ids, names) written without the general value
    // walk around it, a getter's throw as the placeholder.
    let v: unknown
    try {
      v = bindings[k]
    } catch (err) {
      appendKey(b, k, true)
      appendUnserializable(b, err)
      continue
    }
    if (!appendPrimitiveField(b, k, v, true)) appendField(b, k, v)
  }
}

/**
 * Encodes bindings after the bytes `before` (the parent's) into one Buffer of their own,
 * with the logger's depthLimit and edgeLimit: a root's base fields, and the implicit
 * context's store (observe/context.ts), made once per withBindings call.
 */
export function encodeBindings (bindings: Record<string, unknown>, serializers: Serializers | null, redact: Redactor | null, limits: Limits, before?: Buffer): Buffer {
  const b = scratchPool.get()
  const outer = useLimits(limits)
  try {
    encodeOwn(b, bindings, serializers, redact)
    const n = before === undefined ? 0 : before.length
    const out = Buffer.allocUnsafe(n + b.pos)
    if (n > 0) out.set(before!, 0)
    copyRange(out, n, b.buf, 0, b.pos)
    return out
  } finally {
    useLimits(outer)
    scratchPool.put(b)
  }
}

/*
 * A logger's bindings are bytes [offsetOf(at), offsetOf(at) + lengthOf(arena, at)) of an
 * `arena` Buffer, `at` packing the offset (low 13 bits) and the length (above them), a
 * small integer V8 keeps unboxed in the logger. Bindings too long for an arena get a
 * Buffer of their own, named by at = WHOLE.
 */

/** An arena's size: that of Node's own pool, which Buffer.allocUnsafe (a child's Buffer before) sliced. */
const ARENA_SIZE = 8192
const OFFSET_BITS = 13
const OFFSET_MASK = ARENA_SIZE - 1
/** Longer bindings get a Buffer of their own (as Buffer.allocUnsafe does past half its pool). */
const ARENA_MAX_ENTRY = ARENA_SIZE >>> 1
/** `at` for a Buffer that holds one logger's bindings and nothing else. */
const WHOLE = -1

export function offsetOf (at: number): number {
  return at < 0 ? 0 : at & OFFSET_MASK
}

export function lengthOf (arena: Buffer, at: number): number {
  return at < 0 ? arena.length : at >>> OFFSET_BITS
}

/** Copies a logger's own bindings, arena[at], to buf[pos...]; returns the position after them. */
export function appendOwnBindings (buf: Buffer, pos: number, arena: Buffer, at: number): number {
  return copyRange(buf, pos, arena, offsetOf(at), lengthOf(arena, at))
}

/** No bindings (a root without base, name or bindings): its arena and at. */
export const NO_BINDINGS = Buffer.alloc(0)
export const NO_BINDINGS_AT = 0

/** The arenas' ByteBufs come from no pool; this one only counts their growth. */
const arenaPool = new BufferPool({ bufferSize: ARENA_SIZE, maxBuffers: 0 })

/**
 * Where the bindings of every logger of the process are kept. A logger's bindings are its
 * writer's prefix (see RecordWriter.prefix: base, name, and the bindings of the logger the
 * writer is for) and then bytes of its own, appended once to the current arena and never
 * changed after: for a child, its parent's own bytes (most often none) then its own
 * bindings. A full arena is left to the loggers that name a range of it (the GC frees it
 * with the last of them) and a new one is started. A logger pins at most one arena, as the
 * Buffer it had from Node's pool before; the arena's bytes are outside the JS heap.
 *
 * A child's bindings are encoded straight into the arena. The encoding may run user code
 * (a serializer, a getter, a toJSON) that makes a child or sets bindings: such a nested
 * store finds the arena busy and makes a Buffer of its own.
 */
class BindingsArena {
  #b: ByteBuf = new ByteBuf(ARENA_SIZE, arenaPool)
  /** The Buffer the last store() wrote into: the one its `at` names. */
  last: Buffer = NO_BINDINGS

  /** Stores arena[at] then `bindings`; returns the new entry's `at` (its Buffer is `last`). */
  store (bindings: Record<string, unknown>, serializers: Serializers | null, redact: Redactor | null, arena: Buffer, at: number): number {
    let b = this.#b
    const off = offsetOf(at)
    const before = lengthOf(arena, at)
    if (b.busy) return this.#nested(bindings, serializers, redact, arena, off, before)
    // Room for the parent's bytes and a little more; bindings past that grow the ByteBuf,
    // and the entry is moved out (see #moveOut).
    if (b.pos + before + ARENA_SLACK > ARENA_SIZE) this.#b = b = new ByteBuf(ARENA_SIZE, arenaPool)
    const start = b.pos
    const buf = b.buf
    if (before > 0) {
      if (arena === buf) copyWithin(buf, start, off, before)
      else copyRange(buf, start, arena, off, before)
      b.pos = start + before
    }
    b.busy = true
    try {
      encodeOwn(b, bindings, serializers, redact)
    } catch (err) {
      if (b.buf !== buf) this.#b = new ByteBuf(ARENA_SIZE, arenaPool) // grown: see #moveOut
      else b.pos = start
      throw err
    } finally {
      b.busy = false
    }
    const len = b.pos - start
    if (len === before) {
      // Nothing of its own: the parent's range serves.
      b.pos = start
      this.last = arena
      return at
    }
    if (b.buf !== buf || len > ARENA_MAX_ENTRY) return this.#moveOut(b, start, len)
    this.last = buf
    return start | (len << OFFSET_BITS)
  }

  /**
   * An entry too long for an arena, or one that outgrew it: into a Buffer of its own, and
   * a new arena from here on (a grown one would be too long for an `at`).
   */
  #moveOut (b: ByteBuf, start: number, len: number): number {
    const own = Buffer.allocUnsafeSlow(len)
    copyRange(own, 0, b.buf, start, len)
    if (b.buf.length > ARENA_SIZE) this.#b = new ByteBuf(ARENA_SIZE, arenaPool)
    else b.pos = start
    this.last = own
    return WHOLE
  }

  /** A store inside another's encoding: a Buffer of its own. */
  #nested (bindings: Record<string, unknown>, serializers: Serializers | null, redact: Redactor | null, arena: Buffer, off: number, before: number): number {
    const b = scratchPool.get()
    try {
      encodeOwn(b, bindings, serializers, redact)
      const own = Buffer.allocUnsafeSlow(before + b.pos)
      copyRange(own, 0, arena, off, before)
      copyRange(own, before, b.buf, 0, b.pos)
      this.last = own
      return WHOLE
    } finally {
      scratchPool.put(b)
    }
  }
}

/** Room past the parent's bytes that a new entry starts an arena for: most children's own bindings fit in it. */
const ARENA_SLACK = 256

/** Copies buf[from, from + len) to buf[pos], forward (pos is past the range). */
function copyWithin (buf: Buffer, pos: number, from: number, len: number): void {
  if (len < 16) {
    for (let i = 0; i < len; i++) buf[pos + i] = buf[from + i]!
  } else {
    buf.copyWithin(pos, from, from + len)
  }
}

const arena = new BindingsArena()

/**
 * Encodes `bindings` after the bytes parentArena[parentAt] and stores the result; returns
 * its `at`, the arena being storedArena() until the next call. Bindings that encode to
 * nothing share the parent's range.
 */
export function storeBindings (bindings: Record<string, unknown>, serializers: Serializers | null, redact: Redactor | null, limits: Limits,
  parentArena: Buffer, parentAt: number): number {
  // The logger's depthLimit and edgeLimit while they are encoded; the caller's after.
  const outer = useLimits(limits)
  try {
    return arena.store(bindings, serializers, redact, parentArena, parentAt)
  } finally {
    useLimits(outer)
  }
}

/** The Buffer the last storeBindings() stored into. */
export function storedArena (): Buffer {
  return arena.last
}

/** `prefix` then arena[at], in one Buffer of their own (a new writer's prefix). */
export function joinBindings (prefix: Buffer, arena: Buffer, at: number): Buffer {
  const len = lengthOf(arena, at)
  if (len === 0) return prefix
  const out = Buffer.allocUnsafeSlow(prefix.length + len)
  out.set(prefix, 0)
  copyRange(out, prefix.length, arena, offsetOf(at), len)
  return out
}

/** The bindings' bytes as text (pino's chindings): `prefix`, then arena[at]. */
export function chindingsText (prefix: Buffer, arena: Buffer, at: number): string {
  const off = offsetOf(at)
  return prefix.toString('utf8') + arena.toString('utf8', off, off + lengthOf(arena, at))
}

/** The encoded bindings as an object, as pino's bindings() returns them: pid and hostname left out. */
export function decodeBindings (prefix: Buffer, arena: Buffer, at: number): Record<string, unknown> {
  const text = chindingsText(prefix, arena, at)
  const all = JSON.parse(`{${text.slice(1)}}`) as Record<string, unknown>
  delete all.pid
  delete all.hostname
  return all
}
