/**
 * The typed event API: `log.event('info').str('user', 'ann').int('items', 3).msg('hi')`.
 *
 * An event holds a pooled buffer of its own until msg() or send(), rather than writing
 * into the destination's shared slab: the app holds the event, may build two at once or
 * drop one unfinished, and neither may leave half a record in the slab. msg() copies the
 * finished record into the slab (a short copy, no allocation) and returns both the buffer
 * and the event object to their pools. A reference to an event kept after msg() must not
 * be used: the object is reused by a later event().
 */
import type { Destination } from './destination/index.js'
import type { Core } from './options.js'
import { appendBytes, bytes, FALSE, TRUE } from './encoder/bytes.js'
import { appendNumber, MAX_NUMBER_BYTES } from './encoder/number.js'
import { appendSafeInt, appendSplitInt } from './encoder/int.js'
import { appendIsoDate } from './encoder/date.js'
import { isPlainDate } from './encoder/resolve.js'
import { appendKey, appendString } from './encoder/string.js'
import { type Limits, UNLIMITED, useLimits } from './encoder/limits.js'
import { appendUnserializable } from './encoder/unserializable.js'
import { appendError, appendField, appendValue } from './encoder/value.js'
import { clearSkip, skipNextCheck } from './encoder/native.js'
import { BufferPool, type ByteBuf } from './pool.js'
import { applyStreamWrite } from './stream-write.js'
import type { Redactor } from './redact.js'

const CLOSE = bytes('}\n')

export class Event {
  #b: ByteBuf | null = null
  #dest: Destination | null = null
  #msgField: Buffer = CLOSE
  #close: Buffer = CLOSE
  #errorKey = 'err'
  /** The logger's redaction; null (the common case) costs one check per field. */
  #redact: Redactor | null = null
  #streamWrite: ((line: string) => string) | null = null
  /** The logger's depthLimit/edgeLimit, installed around each value that may nest (any, err, msg). */
  #limits: Limits = UNLIMITED

  /** @internal The buffer the header goes into. */
  get buffer (): ByteBuf {
    return this.#b!
  }

  /** @internal */
  start (b: ByteBuf, core: Core, redact: Redactor | null): this {
    this.#b = b
    this.#dest = core.dest
    this.#msgField = core.msgField
    this.#errorKey = core.errorKey
    this.#close = core.close
    this.#streamWrite = core.streamWrite
    this.#redact = redact
    this.#limits = core.limits
    return this
  }

  /** Whether this event writes anything (false for a disabled level). */
  get enabled (): boolean {
    return this.#b !== null
  }

  str (key: string, value: string): this {
    const b = this.#b
    if (b === null) return this
    if (typeof value !== 'string' || typeof key !== 'string' || this.#redact !== null) return this.any(key, value)
    this.#key(b, key)
    appendString(b, value)
    return this
  }

  /** An integer; a fractional value is truncated toward zero. */
  int (key: string, value: number): this {
    const b = this.#b
    if (b === null) return this
    if (typeof value === 'number' && (value | 0) === value && typeof key === 'string' && this.#redact === null) {
      // An int32, most integers: no truncation and no double on the way (-0 is written 0).
      this.#key(b, key)
      b.pos = appendSafeInt(b.reserve(11), b.pos, value)
      return this
    }
    if (typeof value !== 'number' || typeof key !== 'string') return this.any(key, value)
    if (this.#redact !== null) return this.any(key, Math.trunc(value))
    this.#key(b, key)
    const buf = b.reserve(MAX_NUMBER_BYTES)
    const v = Math.trunc(value)
    if (v >= -2147483648 && v <= 2147483647) {
      b.pos = appendNumber(buf, b.pos, v)
    } else if (Number.isSafeInteger(v)) {
      // Past 31 bits v is a double: split here, where it stays unboxed (see appendSplitInt).
      const a = v < 0 ? -v : v
      const hi = Math.floor(a / 100000000)
      b.pos = appendSplitInt(buf, b.pos, v < 0, hi, a - hi * 100000000)
    } else {
      b.pos = appendNumber(buf, b.pos, v) // NaN, Infinity, past 2^53: rare, and boxed
    }
    return this
  }

  num (key: string, value: number): this {
    const b = this.#b
    if (b === null) return this
    if (typeof value !== 'number' || typeof key !== 'string' || this.#redact !== null) return this.any(key, value)
    this.#key(b, key)
    const buf = b.reserve(MAX_NUMBER_BYTES)
    b.pos = appendNumber(buf, b.pos, value)
    return this
  }

  bool (key: string, value: boolean): this {
    const b = this.#b
    if (b === null) return this
    if (typeof key !== 'string') return this.any(key, value)
    if (this.#redact !== null) return this.any(key, Boolean(value))
    this.#key(b, key)
    b.pos = appendBytes(b.reserve(5), b.pos, value ? TRUE : FALSE)
    return this
  }

  /** An error as {"type","message","stack",...}, under the logger's errorKey (or `key`). */
  err (err: unknown, key?: string): this {
    const b = this.#b
    if (b === null) return this
    const k = key ?? this.#errorKey
    if (typeof err !== 'object' || err === null || typeof k !== 'string' || this.#redact !== null) return this.any(k, err)
    this.#key(b, k)
    const outer = useLimits(this.#limits)
    try {
      appendError(b, err)
    } finally {
      useLimits(outer)
    }
    return this
  }

  /** Any value, encoded as the object API encodes it. */
  obj (key: string, value: unknown): this {
    const b = this.#b
    if (b !== null && value instanceof Date && typeof key === 'string' && this.#redact === null && isPlainDate(value)) {
      // A built-in Date: its ISO text straight away, without the generic walk's checks.
      this.#key(b, key)
      appendIsoDate(b, value)
      return this
    }
    return this.any(key, value)
  }

  /**
   * @internal Any key and value: the generic path, which never throws. With redact, every
   * field comes here: the key is looked up in the logger's compiled paths (a map lookup,
   * nothing cloned), and a path that names it, or a key below it, censors what it names.
   */
  any (key: unknown, value: unknown): this {
    const b = this.#b
    if (b === null) return this
    let k: string
    try {
      k = typeof key === 'string' ? key : String(key)
    } catch {
      k = '[Unserializable key]' // String() of a symbol, or of an object whose toString throws
    }
    const redact = this.#redact
    const nodes = redact === null ? null : redact.top(k)
    const outer = useLimits(this.#limits)
    const at = b.pos
    try {
      // Walked, never JSON.stringify's string (native.ts): an event allocates nothing.
      skipNextCheck()
      if (nodes === null) appendField(b, k, value)
      else redact!.appendField(b, k, value, nodes)
    } catch (err) {
      // A censor function that threw: the field says so, never the secret.
      b.pos = at
      appendKey(b, k, true)
      appendUnserializable(b, err)
    } finally {
      clearSkip()
      useLimits(outer)
    }
    return this
  }

  /** Writes the record with a message. */
  msg (message: string): void {
    const b = this.#b
    if (b === null) return
    const f = this.#msgField
    const at = b.pos
    b.pos = appendBytes(b.reserve(f.length), b.pos, f)
    if (typeof message === 'string') {
      appendString(b, message)
    } else {
      const outer = useLimits(this.#limits)
      try {
        if (!appendValue(b, message)) b.pos = at
      } finally {
        useLimits(outer)
      }
    }
    this.send()
  }

  /** Writes the record without a message. */
  send (): void {
    const b = this.#b
    if (b === null) return
    const dest = this.#dest!
    b.pos = appendBytes(b.reserve(3), b.pos, this.#close)
    const hook = this.#streamWrite
    this.#b = null
    this.#dest = null
    this.#redact = null
    this.#streamWrite = null
    this.#limits = UNLIMITED
    if (hook === null || applyStreamWrite(b, 0, hook, dest)) dest.append(b.buf, b.pos)
    eventBuffers.put(b)
    if (freeCount < MAX_FREE) free[freeCount++] = this
  }

  #key (b: ByteBuf, key: string): void {
    appendKey(b, key, true)
  }
}

/**
 * Buffers for events being built: small (a record, not a slab), shared by every logger
 * since an event holds its buffer only between event() and msg().
 */
const eventBuffers = new BufferPool({ bufferSize: 1024, maxBufferSize: 64 * 1024, maxBuffers: 64 })

/** Finished events, reused by the next event(): slots [0, freeCount) of a fixed array. */
const MAX_FREE = 64
const free: Array<Event | null> = new Array<Event | null>(MAX_FREE).fill(null)
let freeCount = 0

/** The event of a disabled level: it has no buffer, so every method returns at once. */
export const NOOP_EVENT = new Event()

/** @internal */
export function startEvent (core: Core, redact: Redactor | null): Event {
  let ev: Event
  if (freeCount > 0) {
    ev = free[--freeCount]!
    free[freeCount] = null
  } else {
    ev = new Event()
  }
  return ev.start(eventBuffers.get(), core, redact)
}
