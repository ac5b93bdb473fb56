/**
 * The record writer: one per logger, holding what the logger's records share, encoded
 * once (the bindings) or cached (the header), and writing a record straight into the
 * destination's slab:
 *
 *   {"level":N,"time":T<base and bindings><fields><message>}\n
 *
 * write() takes pino's arguments as the level method got them; the plain path (no
 * serializers, redact, mixin, formatters.log, nestedKey, msgPrefix or timestamp function)
 * allocates nothing.
 */
import { clock, tick } from '../clock.js'
import { appendBytes } from '../encoder/bytes.js'
import { appendNumber } from '../encoder/number.js'
import { useLimits } from '../encoder/limits.js'
import { appendUnserializable } from '../encoder/unserializable.js'
import { appendError } from '../encoder/value.js'
import { type Event, startEvent } from '../event.js'
import type { Core, Serializers } from '../options.js'
import type { ByteBuf } from '../pool.js'
import type { Redactor } from '../redact.js'
import { mapHttp, messageOf, NO_ARGS, trimArgs } from './args.js'
import { appendGeneralBody, appendThrew, prefixed, type GeneralContext } from './features.js'
import { appendFields } from './fields.js'
import { appendMessageWith } from './message.js'
import { applyStreamWrite } from '../stream-write.js'
import { asJsonChannel } from './tracing.js'
import { RecordMeta, timeText } from '../destination/meta.js'
import { noteCall } from './metadata.js'
import { appendObserved } from '../observe/observe.js'

interface HeaderCache { bytes: Buffer, days: number, ms: number }

/** Room for the time a throwing timestamp function is replaced with, and its note. */
const TIMESTAMP_FALLBACK_ROOM = 1024

export class RecordWriter implements GeneralContext {
  readonly core: Core
  /** `,"pid":1,"hostname":"h","reqId":"r-1"`: base, name and bindings, encoded once. */
  #chindings: Buffer
  readonly serializers: Serializers | null
  readonly msgPrefix: string | undefined
  readonly redact: Redactor | null
  /** Nothing on this logger needs the general record path. */
  readonly #plain: boolean
  /** The destination's stream wants pino's metadata of each record (see destination/meta.ts). */
  readonly #metadata: boolean
  /** The last header written at each level, for the ms it was written. */
  readonly #headers: Array<HeaderCache | undefined> = []
  /** Levels (bit lv % 32) this logger has written a header at, once (see #remember). */
  #seen = 0
  /** While a tracing subscriber listens: the line just written, for its end event. */
  #line: string | null = null
  /** What the timestamp function threw while the header was written; noted after it. */
  #timestampError: unknown = NONE

  constructor (core: Core, chindings: Buffer, serializers: Serializers | null, msgPrefix: string | undefined, redact: Redactor | null) {
    this.core = core
    this.#chindings = chindings
    this.serializers = serializers
    this.msgPrefix = msgPrefix
    this.redact = redact
    this.#plain = core.plain && serializers === null && msgPrefix === undefined && redact === null
    this.#metadata = core.dest.metadata
  }

  get chindings (): Buffer {
    return this.#chindings
  }

  /** New bindings (setBindings): the cached headers hold the old ones. */
  set chindings (b: Buffer) {
    this.#chindings = b
    this.#headers.length = 0
  }

  /** A record at level `lv`, with pino's argument rules (genLog's LOG). */
  write (lv: number, a: unknown, b: unknown, printf: unknown[], logger: unknown): void {
    const sampler = this.core.observe.sampler
    if (sampler !== null && !sampler.pass(lv, a, b)) return
    if (asJsonChannel !== null && asJsonChannel.hasSubscribers) {
      this.#traced(lv, a, b, printf, logger)
      return
    }
    this.#write(lv, a, b, printf, logger)
  }

  /**
   * The record inside the tracing channel's start and end events (see tracing.ts). Only
   * with a subscriber: the line is made as a string for it.
   */
  #traced (lv: number, a: unknown, b: unknown, printf: unknown[], logger: unknown): void {
    // (diagnostics_channel catches a subscriber's throw and reports it on its own.)
    const store = { instance: logger, arguments: [a, b, lv, Date.now()] }
    asJsonChannel!.traceSync(() => {
      this.#line = ''
      this.#write(lv, a, b, printf, logger)
      return this.#line
    }, store)
    this.#line = null
  }

  #write (lv: number, a: unknown, b: unknown, printf: unknown[], logger: unknown): void {
    const rest = printf === NO_ARGS ? printf : trimArgs(printf)
    const core = this.core
    const dest = core.dest
    const rb = dest.acquire()
    const start = rb.pos
    // Made only for a metadata stream; local, as a nested call (a toJSON that logs) makes its own.
    const meta = this.#metadata ? new RecordMeta(lv, logger) : null
    // This logger's depthLimit/edgeLimit while the record is encoded; the outer record's
    // back after it (a log call from inside a toJSON or getter comes here too).
    const limits = useLimits(core.limits)
    try {
      let room = core.headerMax + this.#chindings.length
      if (core.timestampFn !== null) room += TIMESTAMP_FALLBACK_ROOM
      const buf = rb.reserve(room)
      rb.pos = this.#header(buf, start, lv)
      // The header is the level fields, the time, then the bindings.
      if (meta !== null) meta.time = timeText(buf, start + core.prefix[lv]!.length, rb.pos - this.#chindings.length)
      if (core.observe.decorates) appendObserved(rb, core.observe)
      if (this.#timestampError !== NONE) this.#noteTimestamp(rb)
      if (typeof a === 'object') {
        if (a === null) {
          if (b === undefined && rest.length === 0) this.#body(rb, lv, null, prefixed(this.msgPrefix, null), rest, logger, meta)
          else this.#body(rb, lv, null, prefixed(this.msgPrefix, b), rest, logger, meta)
        } else {
          this.#body(rb, lv, mapHttp(a), prefixed(this.msgPrefix, b), rest, logger, meta)
        }
      } else if (a === undefined) {
        this.#body(rb, lv, null, prefixed(this.msgPrefix, b), rest, logger, meta)
      } else if (typeof a === 'string' && (b !== undefined || rest.length > 0)) {
        // The message is `a`; `b` and the rest are its printf arguments.
        this.#body(rb, lv, null, prefixed(this.msgPrefix, a), [b, ...rest], logger, meta)
      } else {
        this.#body(rb, lv, null, prefixed(this.msgPrefix, a), rest, logger, meta)
      }
      rb.pos = appendBytes(rb.reserve(3), rb.pos, core.close)
    } catch (err) {
      // Whatever escaped the per-value guards: still one valid line, never a throw.
      this.#fallback(rb, start, lv, err)
    } finally {
      useLimits(limits)
    }
    if (core.streamWrite !== null && !applyStreamWrite(rb, start, core.streamWrite, dest)) {
      dest.discard(rb, start)
      return
    }
    if (this.#line !== null) this.#line = rb.buf.toString('utf8', start, rb.pos)
    if (meta === null) dest.commit(rb, start)
    else dest.commitWithMeta(rb, start, meta)
  }

  /** An event at level `lv`, its header written into the event's own buffer. */
  event (lv: number): Event {
    const core = this.core
    const ev = startEvent(core, this.redact)
    const b = ev.buffer
    let room = core.headerMax + this.#chindings.length
    if (core.timestampFn !== null) room += TIMESTAMP_FALLBACK_ROOM
    const buf = b.reserve(room)
    b.pos = this.#header(buf, b.pos, lv)
    if (core.observe.decorates) appendObserved(b, core.observe)
    if (this.#timestampError !== NONE) this.#noteTimestamp(b)
    return ev
  }

  #noteTimestamp (rb: ByteBuf): void {
    const err = this.#timestampError
    this.#timestampError = NONE
    appendThrew(rb, 'timestamp', err)
  }

  /** Fields of `obj`, then the message formatted with `args`; `meta` notes what pino's write would see. */
  #body (rb: ByteBuf, lv: number, obj: object | null, msg: unknown, args: unknown[], logger: unknown, meta: RecordMeta | null): void {
    const core = this.core
    if (meta !== null) noteCall(meta, obj, msg, args, core, this.redact)
    if (obj instanceof Error) {
      if (msg === undefined) msg = messageOf(obj)
      if (this.#plain) {
        // No object is made for the error on the plain path: written as { err } would be.
        rb.pos = appendBytes(rb.reserve(core.errField.length), rb.pos, core.errField)
        appendError(rb, obj)
        obj = null
      } else {
        obj = { [core.errorKey]: obj }
      }
    } else if (obj !== null && msg === undefined) {
      const o = obj as Record<string, unknown>
      try {
        if (o[core.messageKey] === undefined) {
          const e = o[core.errorKey]
          if (e) msg = (e as { message?: unknown }).message
        }
      } catch {
        // A throwing getter: the field itself shows the placeholder; no message from it.
      }
    }
    if (this.#plain) {
      if (obj !== null) appendFields(rb, obj as Record<string, unknown>, core, null, null)
      appendMessageWith(rb, core, msg, args)
    } else {
      const merged = appendGeneralBody(rb, this, lv, obj, msg, args, logger)
      if (meta !== null && merged !== null) meta.obj = merged
    }
  }

  /**
   * Writes `{"level":N,"time":...,<base>,<bindings>`. The whole header is cached per level
   * while the millisecond is unchanged (with time: false, for good): at any real log rate
   * most records copy one run of bytes instead of formatting the time and copying three
   * fragments. The cache is filled from the record just written, once per millisecond.
   */
  #header (buf: Buffer, pos: number, lv: number): number {
    const core = this.core
    if (core.timestampFn !== null) return this.#headerWithTimestampFn(buf, pos, lv)
    let days = 0
    let ms = 0
    if (core.time !== null) {
      tick()
      days = clock[0]!
      ms = clock[1]!
    }
    const c = this.#headers[lv]
    if (c !== undefined && c.ms === ms && c.days === days) {
      const h = c.bytes
      buf.set(h, pos)
      return pos + h.length
    }
    let end = appendBytes(buf, pos, core.prefix[lv]!)
    if (core.time !== null) end = core.time.write(buf, end, days, ms)
    end = appendBytes(buf, end, this.#chindings)
    this.#remember(lv, buf, pos, end, days, ms)
    return end
  }

  #remember (lv: number, buf: Buffer, from: number, to: number, days: number, ms: number): void {
    const len = to - from
    let c = this.#headers[lv]
    // A logger's first header at a level is not cached: most children (one per request)
    // write a record or two at a level and are gone, and the cache would be their
    // costliest allocation. The second one on is.
    if (c === undefined && (this.#seen & (1 << (lv & 31))) === 0) {
      this.#seen |= 1 << (lv & 31)
      return
    }
    // The length only changes with the level or the number of time digits: a new Buffer
    // then, never per call.
    if (c === undefined || c.bytes.length !== len) {
      c = { bytes: Buffer.allocUnsafeSlow(len), days: -1, ms: -1 }
      this.#headers[lv] = c
    }
    const h = c.bytes
    for (let i = 0; i < len; i++) h[i] = buf[from + i]!
    c.days = days
    c.ms = ms
  }

  /**
   * pino's `timestamp` function: its string is written as given, every record. One that
   * throws gives pino's epoch time instead, and a field that says so.
   */
  #headerWithTimestampFn (buf: Buffer, pos: number, lv: number): number {
    const core = this.core
    pos = appendBytes(buf, pos, core.prefix[lv]!)
    let t: string
    try {
      t = String(core.timestampFn!())
    } catch (err) {
      // pino's epoch time instead; the note follows the header (see #noteTimestamp).
      this.#timestampError = err
      pos = appendBytes(buf, pos, TIME_KEY)
      return appendBytes(buf, appendNumber(buf, pos, Date.now()), this.#chindings)
    }
    const n = t.length
    // ASCII (`,"time":1700000000000` and the like) byte by byte: cheaper for a short string
    // than measuring it and handing it to utf8Write.
    let i = 0
    if (pos + n + this.#chindings.length <= buf.length) {
      for (; i < n; i++) {
        const c = t.charCodeAt(i)
        if (c >= 0x80) break
        buf[pos + i] = c
      }
    }
    if (i < n) {
      const rest = i === 0 ? t : t.slice(i)
      if (pos + i + Buffer.byteLength(rest) + this.#chindings.length > buf.length) {
        throw new RangeError('bytelog: no room for the timestamp') // reserve() sized it
      }
      i += buf.utf8Write(rest, pos + i)
    }
    return appendBytes(buf, pos + i, this.#chindings)
  }

  #fallback (rb: ByteBuf, start: number, lv: number, err: unknown): void {
    try {
      const core = this.core
      rb.pos = start
      const buf = rb.reserve(core.headerMax + this.#chindings.length + core.msgField.length)
      let pos = appendBytes(buf, start, core.prefix[lv]!)
      if (core.time !== null) pos = core.time.write(buf, pos, clock[0]!, clock[1]!)
      pos = appendBytes(buf, pos, this.#chindings)
      rb.pos = appendBytes(buf, pos, core.msgField)
      appendUnserializable(rb, err)
      rb.pos = appendBytes(rb.reserve(3), rb.pos, core.close)
    } catch {
      rb.pos = start // out of memory: the record is lost, the app goes on
    }
  }
}

const TIME_KEY = Buffer.from(',"time":', 'latin1')

/** No error (a thrown value may be anything, undefined included). */
const NONE = Symbol('none')
