/**
 * The record writer: what a logger's records share beyond its bindings (the options, the
 * level, the cached header), writing a record straight into the destination's slab:
 *
 *   {"level":N,"time":T<base and bindings><fields><message>}\n
 *
 * One writer serves a logger and every child of it that changes none of it (no level,
 * serializers, redact, msgPrefix, customLevels or formatters of its own): such a child is
 * one small object. A logger's bindings are the writer's prefix, then a range of an arena
 * (bindings.ts) of the logger's own, which each call hands in as (arena, at).
 *
 * write() takes pino's arguments as the level method got them; the plain path (no
 * serializers, redact, mixin, formatters.log, nestedKey, msgPrefix or timestamp function)
 * allocates nothing.
 */
import { clock, tick } from '../clock.js'
import { appendBytes, copyRange } from '../encoder/bytes.js'
import { appendNumber } from '../encoder/number.js'
import { useLimits } from '../encoder/limits.js'
import { appendUnserializable } from '../encoder/unserializable.js'
import { appendError } from '../encoder/value.js'
import { type Event, startEvent } from '../event.js'
import type { Core, Serializers } from '../options.js'
import type { ByteBuf } from '../pool.js'
import type { Redactor } from '../redact.js'
import { mapHttp, messageOf, prepend } from './args.js'
import { appendGeneralBody, appendThrew, prefixed, type GeneralContext } from './features.js'
import { appendFields } from './fields.js'
import { appendMessageWith } from './message.js'
import { applyStreamWrite } from '../stream-write.js'
import { asJsonChannel } from './tracing.js'
import { RecordMeta, timeText } from '../destination/meta.js'
import { noteCall } from './metadata.js'
import { appendObserved } from '../observe/observe.js'
import { appendOwnBindings, lengthOf } from './bindings.js'

const NO_BYTES = Buffer.alloc(0)

/**
 * The last header written at a level, for the ms it was written and the bindings it holds
 * (named as a logger names them: arena and at). `bytes` may be longer than `len`: it
 * grows to the longest header, never shrinks, so that loggers of one writer whose
 * bindings differ in length never allocate by turns.
 */
class HeaderCache {
  bytes: Buffer
  len = 0
  /**
   * Its bytes before the logger's own bindings (the level, the time and the writer's
   * prefix), in a Buffer of their exact length, copied there the first time another
   * logger needs them in a millisecond (sharedMs): then copied whole by TypedArray#set,
   * 1.6-2.2x as fast as a byte loop over ~56 bytes (Node 26, 24); a range would need a view.
   */
  shared: Buffer = NO_BYTES
  sharedDays = -1
  sharedMs = -1
  days = -1
  ms = -1
  arena: Buffer | null = null
  at = 0
  constructor (len: number) {
    this.bytes = Buffer.allocUnsafeSlow(len)
  }
}

/** Fills c.shared with its header up to the bindings of the logger it holds, for this millisecond. */
function share (c: HeaderCache): void {
  const n = c.len - lengthOf(c.arena!, c.at)
  if (c.shared.length !== n) c.shared = Buffer.allocUnsafeSlow(n)
  copyRange(c.shared, 0, c.bytes, 0, n)
  c.sharedDays = c.days
  c.sharedMs = c.ms
}

/** Room for the time a throwing timestamp function is replaced with, and its note. */
const TIMESTAMP_FALLBACK_ROOM = 1024

/**
 * A writer and an arena: what a logger holds besides where its bindings are, one object
 * for all the loggers of a writer whose bindings are in that arena (see
 * RecordWriter.sharedFor), so that a child is a logger of two fields.
 */
export class Shared {
  readonly w: RecordWriter
  readonly arena: Buffer
  constructor (w: RecordWriter, arena: Buffer) {
    this.w = w
    this.arena = arena
  }
}

export class RecordWriter implements GeneralContext {
  readonly core: Core
  /**
   * `,"pid":1,"hostname":"h","reqId":"r-1"`: the bindings before every logger's own (see
   * bindings.ts): the root's base and name, or all of the bindings of the logger this
   * writer was made for when it made its first child.
   */
  readonly prefix: Buffer
  readonly serializers: Serializers | null
  readonly msgPrefix: string | undefined
  readonly redact: Redactor | null
  /**
   * The level, when `follows` is null; else the level is that writer's (levelOf): a child
   * without a level of its own follows its parent's, later changes included, as pino's
   * children do through their prototype.
   */
  level: number
  follows: RecordWriter | null
  /**
   * The logger whose level and options these are; the children that share the writer
   * follow it. A logger that shares its parent's writer makes one of its own (following
   * the parent's) when its level is set or when it makes a child: a child must follow its
   * own parent, not the one the parent follows.
   */
  owner: object | null = null
  /** The Shared of this writer and the arena its last child's bindings went to. */
  #shared: Shared | null = null
  /** Nothing on this logger needs the general record path. */
  readonly #plain: boolean
  /** The destination's stream wants pino's metadata of each record (see destination/meta.ts). */
  readonly #metadata: boolean
  /** The last header written at each level (see #header), made on first need. */
  #headers: Array<HeaderCache | undefined> | null = null
  /** Levels (bit lv % 32) this writer has written a header at, once (see #remember). */
  #seen = 0
  /** While a tracing subscriber listens: the line just written, for its end event. */
  #line: string | null = null
  /** What the timestamp function threw while the header was written; noted after it. */
  #timestampError: unknown = NONE

  constructor (core: Core, prefix: Buffer, serializers: Serializers | null, msgPrefix: string | undefined, redact: Redactor | null, level: number, follows: RecordWriter | null) {
    this.core = core
    this.prefix = prefix
    this.serializers = serializers
    this.msgPrefix = msgPrefix
    this.redact = redact
    this.level = level
    this.follows = follows
    this.#plain = core.plain && serializers === null && msgPrefix === undefined && redact === null
    this.#metadata = core.dest.metadata
  }

  /** A writer with the same options for `owner`, after `prefix`: its level `level`, or (follows) that writer's. */
  fork (owner: object, prefix: Buffer, level: number, follows: RecordWriter | null): RecordWriter {
    const w = new RecordWriter(this.core, prefix, this.serializers, this.msgPrefix, this.redact, level, follows)
    w.owner = owner
    return w
  }

  /** This writer with `arena`: the one made last, if that is its arena (children come in runs). */
  sharedFor (arena: Buffer): Shared {
    let s = this.#shared
    if (s === null || s.arena !== arena) this.#shared = s = new Shared(this, arena)
    return s
  }

  /** A record at level `lv`, with pino's argument rules (genLog's LOG); the logger's bindings are arena[at]. */
  write (lv: number, a: unknown, b: unknown, printf: unknown[], logger: unknown, arena: Buffer, at: number): void {
    const sampler = this.core.observe.sampler
    if (sampler !== null && !sampler.pass(lv, a, b)) return
    if (asJsonChannel !== null && asJsonChannel.hasSubscribers) {
      this.#traced(lv, a, b, printf, logger, arena, at)
      return
    }
    this.#write(lv, a, b, printf, logger, arena, at)
  }

  /**
   * The record inside the tracing channel's start and end events (see tracing.ts). Only
   * with a subscriber: the line is made as a string for it.
   */
  #traced (lv: number, a: unknown, b: unknown, printf: unknown[], logger: unknown, arena: Buffer, at: number): void {
    // (diagnostics_channel catches a subscriber's throw and reports it on its own.)
    const store = { instance: logger, arguments: [a, b, lv, Date.now()] }
    // A record written inside this one (a toJSON that logs, through this writer or another
    // logger sharing it) leaves this one's line to be taken when it is done.
    const outer = this.#line
    try {
      asJsonChannel!.traceSync(() => {
        this.#line = ''
        this.#write(lv, a, b, printf, logger, arena, at)
        return this.#line
      }, store)
    } finally {
      this.#line = outer
    }
  }

  /** `rest`: the printf arguments after `b`, trailing undefined ones already dropped (see argsOf). */
  #write (lv: number, a: unknown, b: unknown, rest: unknown[], logger: unknown, arena: Buffer, at: number): void {
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
      const bound = this.prefix.length + lengthOf(arena, at)
      let room = core.headerMax + bound
      if (core.timestampFn !== null) room += TIMESTAMP_FALLBACK_ROOM
      const buf = rb.reserve(room)
      rb.pos = this.#header(buf, start, lv, arena, at)
      // The header is the level fields, the time, then the bindings.
      if (meta !== null) meta.time = timeText(buf, start + core.prefix[lv]!.length, rb.pos - bound)
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
        this.#body(rb, lv, null, prefixed(this.msgPrefix, a), prepend(b, rest), logger, meta)
      } else {
        this.#body(rb, lv, null, prefixed(this.msgPrefix, a), rest, logger, meta)
      }
      rb.pos = appendBytes(rb.reserve(3), rb.pos, core.close)
    } catch (err) {
      // Whatever escaped the per-value guards: still one valid line, never a throw.
      this.#fallback(rb, start, lv, err, arena, at)
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

  /** An event at level `lv`, its header (bindings arena[at]) written into the event's own buffer. */
  event (lv: number, arena: Buffer, at: number): Event {
    const core = this.core
    const ev = startEvent(core, this.redact)
    const b = ev.buffer
    let room = core.headerMax + this.prefix.length + lengthOf(arena, at)
    if (core.timestampFn !== null) room += TIMESTAMP_FALLBACK_ROOM
    const buf = b.reserve(room)
    b.pos = this.#header(buf, b.pos, lv, arena, at)
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
   * fragments. The cache is filled from the record just written, once per millisecond,
   * and holds one logger's bindings: of the loggers sharing this writer, the first to write
   * at a level in a millisecond has it for that millisecond, and the others copy it up to
   * where the bindings start, then their own.
   */
  #header (buf: Buffer, pos: number, lv: number, arena: Buffer, at: number): number {
    const core = this.core
    if (core.timestampFn !== null) return this.#headerWithTimestampFn(buf, pos, lv, arena, at)
    let days = 0
    let ms = 0
    if (core.time !== null) {
      tick()
      days = clock[0]!
      ms = clock[1]!
    }
    const headers = this.#headers
    const c = headers === null ? undefined : headers[lv]
    if (c !== undefined && c.ms === ms && c.days === days) {
      if (c.at === at && c.arena === arena) {
        const h = c.bytes
        const n = c.len
        if (n === h.length) buf.set(h, pos)
        else copyRange(buf, pos, h, 0, n)
        return pos + n
      }
      // Another logger of this writer in the same millisecond (fastify's child per request,
      // say): the level, the time and the writer's prefix are the cached bytes; only its
      // own bindings differ. The time is not formatted again.
      if (c.sharedMs !== ms || c.sharedDays !== days) share(c)
      return appendOwnBindings(buf, appendBytes(buf, pos, c.shared), arena, at)
    }
    let end = appendBytes(buf, pos, core.prefix[lv]!)
    if (core.time !== null) end = core.time.write(buf, end, days, ms)
    end = this.#bindings(buf, end, arena, at)
    this.#remember(c, lv, buf, pos, end, days, ms, arena, at)
    return end
  }

  /** The prefix, then the logger's own bindings. */
  #bindings (buf: Buffer, pos: number, arena: Buffer, at: number): number {
    return appendOwnBindings(buf, appendBytes(buf, pos, this.prefix), arena, at)
  }

  #remember (c: HeaderCache | undefined, lv: number, buf: Buffer, from: number, to: number, days: number, ms: number, arena: Buffer, at: number): void {
    const len = to - from
    if (c === undefined) {
      // A writer's first header at a level is not cached: a child with options of its
      // own (one per request, say) writes a record or two at a level and is gone, and the
      // cache would be its costliest allocation. The second one on is.
      const bit = 1 << (lv & 31)
      if ((this.#seen & bit) === 0) {
        this.#seen |= bit
        return
      }
      c = new HeaderCache(len)
      ;(this.#headers ??= [])[lv] = c
    } else if (c.ms === ms && c.days === days) {
      // Another logger's header of this millisecond: kept, rather than the loggers taking
      // it from each other on every record.
      return
    } else if (c.bytes.length < len) {
      // Longer bindings than any before, or one more time digit: never per call.
      c.bytes = Buffer.allocUnsafeSlow(len)
    }
    const h = c.bytes
    for (let i = 0; i < len; i++) h[i] = buf[from + i]!
    c.len = len
    c.days = days
    c.ms = ms
    c.arena = arena
    c.at = at
  }

  /**
   * pino's `timestamp` function: its string is written as given, every record. One that
   * throws gives pino's epoch time instead, and a field that says so.
   */
  #headerWithTimestampFn (buf: Buffer, pos: number, lv: number, arena: Buffer, at: number): number {
    const core = this.core
    const bound = this.prefix.length + lengthOf(arena, at)
    pos = appendBytes(buf, pos, core.prefix[lv]!)
    let t: string
    try {
      t = String(core.timestampFn!())
    } catch (err) {
      // pino's epoch time instead; the note follows the header (see #noteTimestamp).
      this.#timestampError = err
      pos = appendBytes(buf, pos, TIME_KEY)
      return this.#bindings(buf, appendNumber(buf, pos, Date.now()), arena, at)
    }
    const n = t.length
    // ASCII (`,"time":1700000000000` and the like) byte by byte: cheaper for a short string
    // than measuring it and handing it to utf8Write.
    let i = 0
    if (pos + n + bound <= buf.length) {
      for (; i < n; i++) {
        const c = t.charCodeAt(i)
        if (c >= 0x80) break
        buf[pos + i] = c
      }
    }
    if (i < n) {
      const rest = i === 0 ? t : t.slice(i)
      if (pos + i + Buffer.byteLength(rest) + bound > buf.length) {
        throw new RangeError('bytelog: no room for the timestamp') // reserve() sized it
      }
      i += buf.utf8Write(rest, pos + i)
    }
    return this.#bindings(buf, pos + i, arena, at)
  }

  #fallback (rb: ByteBuf, start: number, lv: number, err: unknown, arena: Buffer, at: number): void {
    try {
      const core = this.core
      const bound = this.prefix.length + lengthOf(arena, at)
      rb.pos = start
      const buf = rb.reserve(core.headerMax + bound + core.msgField.length)
      let pos = appendBytes(buf, start, core.prefix[lv]!)
      if (core.time !== null) pos = core.time.write(buf, pos, clock[0]!, clock[1]!)
      pos = this.#bindings(buf, pos, arena, at)
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
