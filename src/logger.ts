/**
 * The logger: level methods, child loggers and the record layout.
 *
 * A record is laid out as pino lays it out: level, time, base and name, child bindings,
 * the object's fields (or the event's) in order, the message last, then "}\n". Everything
 * fixed per logger (the `{"level":N` prefixes, the time key, the encoded base and child
 * bindings, the message key) is encoded to bytes once, when the logger is made.
 *
 * The plain path (no serializers, mixin, formatters.log, nestedKey, msgPrefix or timestamp
 * function) allocates nothing; the options that need objects or strings (a serializer
 * returns a new object, mixin builds one) take the general path, and only then.
 */
import { EventEmitter } from 'node:events'
import stdSerializers from 'pino-std-serializers'
import { clock, tick } from './clock.js'
import type { Destination } from './destination.js'
import { appendBytes } from './encoder/bytes.js'
import { appendNumber, MAX_NUMBER_BYTES } from './encoder/number.js'
import { appendKey, appendString } from './encoder/string.js'
import { isErrorLike } from './encoder/error.js'
import { appendUnserializable } from './encoder/unserializable.js'
import { appendError, appendField, appendMember, appendValue } from './encoder/value.js'
import { Event, NOOP_EVENT, startEvent } from './event.js'
import { appendFormat } from './format.js'
import { LEVEL_NAMES, type LevelName, type LevelTable } from './levels.js'
import { resolveOptions, type Core, type LoggerOptions, type Serializers } from './options.js'
import { BufferPool, type ByteBuf } from './pool.js'
import { Redactor, type RedactOptions } from './redact.js'

export type { LoggerOptions, Serializers } from './options.js'

/** A level method: pino's signature. */
export type LogFn = (obj?: unknown, msg?: unknown, ...args: unknown[]) => void

export interface ChildOptions {
  level?: string
  serializers?: Serializers
  msgPrefix?: string
  /** Replaces the parent's redaction for this child. */
  redact?: string[] | RedactOptions
}

interface HeaderCache { bytes: Buffer, days: number, ms: number }

const hasOwn = Object.prototype.hasOwnProperty

/**
 * The level methods take up to ten fixed parameters (object or message, message, and
 * eight printf arguments) instead of a rest parameter or `arguments`: V8's interpreter
 * and its mid tier (Maglev) allocate the rest array or the arguments object on every
 * call, including calls to a disabled level (measured: 32 to 56 bytes per call on Node
 * 24 until TurboFan takes over). The price: a printf argument that is undefined at the
 * end of the call counts as absent, and arguments past the eighth are ignored.
 */
const NO_ARGS: unknown[] = []

/** Drops trailing undefined arguments (see NO_ARGS). */
function trimArgs (args: unknown[]): unknown[] {
  let n = args.length
  while (n > 0 && args[n - 1] === undefined) n--
  args.length = n
  return args
}

const SERIALIZERS = Symbol.for('pino.serializers')

type Listener = (...args: any[]) => void // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A logger's level. A child made without a level of its own follows its parent's, later
 * changes included, as pino's children do through their prototype: its box points to the
 * parent's, and the level in effect is the first box up the chain with no parent. Setting
 * a level on a child cuts its box loose, and its own children then follow it.
 */
class LevelBox {
  value: number
  parent: LevelBox | null
  constructor (value: number, parent: LevelBox | null) {
    this.value = value
    this.parent = parent
  }
}

/** The level in effect: one step for a root or a child with its own level. */
function levelOf (box: LevelBox): number {
  while (box.parent !== null) box = box.parent
  return box.value
}

export class Logger<CustomLevels extends string = never> {
  readonly #core: Core
  /** `,"pid":1,"hostname":"h","reqId":"r-1"`: base, name and bindings, encoded once. */
  #chindings: Buffer
  readonly #lv: LevelBox
  /** This logger's serializers (a child's add to its parent's); null for none. */
  readonly #serializers: Serializers | null
  readonly #msgPrefix: string | undefined
  readonly #redact: Redactor | null
  /** Nothing on this logger needs the general record path. */
  readonly #plain: boolean
  /** The last header written at each level, for the ms it was written. */
  readonly #headers: Array<HeaderCache | undefined> = []

  /**
   * The logger's events ('level-change'), made on first use: most loggers, children above
   * all, never have a listener, and an EventEmitter per child would slow child() down.
   */
  #emitter: EventEmitter | null = null

  /** @internal Made by createLogger and child(). */
  constructor (core: Core, chindings: Buffer, lv: LevelBox | number, serializers: Serializers | null, msgPrefix: string | undefined, redact: Redactor | null) {
    this.#core = core
    this.#chindings = chindings
    this.#lv = typeof lv === 'number' ? new LevelBox(lv, null) : new LevelBox(0, lv)
    this.#serializers = serializers
    this.#msgPrefix = msgPrefix
    this.#redact = redact
    this.#plain = core.plain && serializers === null && msgPrefix === undefined && redact === null
  }

  get level (): string {
    return this.#core.levels.label(levelOf(this.#lv))
  }

  set level (level: string) {
    const prev = levelOf(this.#lv)
    const next = this.#core.levels.parse(level)
    this.#lv.value = next
    this.#lv.parent = null
    // Heard on this logger and, as pino's children share their root's listeners, on the
    // root: the last argument says which logger changed.
    const args = [this.level, next, this.#core.levels.label(prev), prev, this] as const
    this.#emitter?.emit('level-change', ...args)
    const root = this.#core.root
    if (root !== null && root !== this) root.#emitter?.emit('level-change', ...args)
  }

  // The EventEmitter methods pino's logger has, for 'level-change'.
  on (event: string | symbol, listener: Listener): this {
    (this.#emitter ??= new EventEmitter()).on(event, listener)
    return this
  }

  addListener (event: string | symbol, listener: Listener): this {
    return this.on(event, listener)
  }

  once (event: string | symbol, listener: Listener): this {
    (this.#emitter ??= new EventEmitter()).once(event, listener)
    return this
  }

  prependListener (event: string | symbol, listener: Listener): this {
    (this.#emitter ??= new EventEmitter()).prependListener(event, listener)
    return this
  }

  off (event: string | symbol, listener: Listener): this {
    this.#emitter?.off(event, listener)
    return this
  }

  removeListener (event: string | symbol, listener: Listener): this {
    return this.off(event, listener)
  }

  removeAllListeners (event?: string | symbol): this {
    this.#emitter?.removeAllListeners(event)
    return this
  }

  emit (event: string | symbol, ...args: unknown[]): boolean {
    return this.#emitter?.emit(event, ...args) ?? false
  }

  listenerCount (event: string | symbol): number {
    return this.#emitter?.listenerCount(event) ?? 0
  }

  listeners (event: string | symbol): Function[] { // eslint-disable-line @typescript-eslint/no-unsafe-function-type
    return this.#emitter?.listeners(event) ?? []
  }

  /** The numeric value of the current level (Infinity when silent). */
  get levelVal (): number {
    return levelOf(this.#lv)
  }

  /** pino's `levels`: `{ values: name -> number, labels: number -> name }`. */
  get levels (): LevelTable {
    return this.#core.levels
  }

  isLevelEnabled (level: string): boolean {
    // As pino: 'silent' (Infinity) is above every level, so it counts as enabled.
    const v = level === 'silent' ? Infinity : this.#core.levels.value(level)
    return v !== undefined && v >= levelOf(this.#lv)
  }

  /** Records the destination dropped (over maxLength, or after it failed). */
  get dropped (): number {
    return this.#core.dest.dropped
  }

  /** The destination records go to. */
  get destination (): Destination {
    return this.#core.dest
  }

  /** The serializers in effect (pino's `logger[Symbol.for('pino.serializers')]`). */
  get [SERIALIZERS] (): Serializers {
    return Object.assign(Object.create(null) as Serializers, { err: stdSerializers.err }, this.#serializers)
  }

  trace (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  trace (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 10) this.#log(10, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  debug (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  debug (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 20) this.#log(20, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  info (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  info (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 30) this.#log(30, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  warn (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  warn (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 40) this.#log(40, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  error (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  error (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 50) this.#log(50, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  fatal (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  fatal (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 60) this.#log(60, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  /** pino's `silent` method: writes nothing ('silent' is above every level). */
  silent (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  silent (): void {}

  /** @internal The encoded bindings as text (see usePinoSymbols). */
  static chindingsOf (logger: Logger): string {
    return logger.#chindings.toString('utf8')
  }

  /** @internal A level method for a custom level, or one called through hooks.logMethod. */
  static logAt (logger: Logger, lv: number, a: unknown, b: unknown, printf: unknown[]): void {
    if (levelOf(logger.#lv) <= lv) logger.#log(lv, a, b, printf)
  }

  /**
   * A typed record built field by field, finished by msg() or send(). On a disabled level
   * (or an unknown level name) it is one shared event whose methods do nothing.
   */
  event (level: LevelName | CustomLevels): Event {
    const core = this.#core
    const v = core.levels.value(level)
    if (v === undefined || v < levelOf(this.#lv)) return NOOP_EVENT
    const ev = startEvent(core.dest, core.msgField, core.errorKey, core.close)
    const b = ev.buffer
    const buf = b.reserve(core.headerMax + this.#chindings.length)
    b.pos = this.#header(buf, b.pos, v)
    return ev
  }

  child (bindings: Record<string, unknown>, opts?: ChildOptions): CustomLogger<CustomLevels> {
    if (typeof bindings !== 'object' || bindings === null) {
      throw new TypeError('bytelog: child() takes an object of bindings')
    }
    const core = this.#core
    // Without a level of its own, the child follows this logger's (see LevelBox).
    let lv: LevelBox | number = this.#lv
    let serializers = this.#serializers
    let msgPrefix = this.#msgPrefix
    let redact = this.#redact
    if (opts !== undefined) {
      if (opts.redact !== undefined) redact = new Redactor(opts.redact)
      if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: child options must be an object')
      // As pino: a level equal to this logger's is not the child's own (it keeps following).
      if (opts.level !== undefined && opts.level !== this.level) lv = core.levels.parse(opts.level)
      if (opts.serializers !== undefined) {
        serializers = Object.assign(Object.create(null) as Serializers, serializers, opts.serializers)
      }
      if (opts.msgPrefix !== undefined) {
        if (typeof opts.msgPrefix !== 'string') throw new TypeError('bytelog: msgPrefix must be a string')
        msgPrefix = (msgPrefix ?? '') + opts.msgPrefix
      }
    }
    const Ctor = this.constructor as new (...args: ConstructorParameters<typeof Logger>) => CustomLogger<CustomLevels>
    const chindings = encodeBindings(bindings, serializers, redact, this.#chindings)
    const child = new Ctor(core, chindings, lv, serializers, msgPrefix, redact)
    if (core.onChild !== null) core.onChild(child)
    return child
  }

  /** Adds bindings to this logger (pino's setBindings; on the root, through formatters.bindings). */
  setBindings (bindings: Record<string, unknown>): void {
    const format = this.#core.bindingsFormatter
    if (format !== null && this.#core.root === this) bindings = format(bindings)
    this.#chindings = encodeBindings(bindings, this.#serializers, this.#redact, this.#chindings)
    this.#headers.length = 0
  }

  /** The child bindings (and name), as pino returns them: pid and hostname left out. */
  bindings (): Record<string, unknown> {
    const all = JSON.parse(`{${this.#chindings.toString('utf8').slice(1)}}`) as Record<string, unknown>
    delete all.pid
    delete all.hostname
    return all
  }

  flush (cb?: (err?: Error | null) => void): void {
    this.#core.dest.flush(cb)
  }

  flushSync (): void {
    this.#core.dest.flushSync()
  }

  /**
   * Writes `{"level":N,"time":...,<base>,<bindings>`. The whole header is cached per level
   * while the millisecond is unchanged (with time: false, for good): at any real log rate
   * most records copy one run of bytes instead of formatting the time and copying three
   * fragments. The cache is filled from the record just written, once per millisecond.
   */
  #header (buf: Buffer, pos: number, lv: number): number {
    const core = this.#core
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

  /** pino's `timestamp` function: its string is written as given, every record. */
  #headerWithTimestampFn (buf: Buffer, pos: number, lv: number): number {
    const core = this.#core
    pos = appendBytes(buf, pos, core.prefix[lv]!)
    const t = String(core.timestampFn!())
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

  /** pino's argument rules (genLog's LOG), then the record. */
  #log (lv: number, a: unknown, b: unknown, printf: unknown[]): void {
    const rest = printf === NO_ARGS ? printf : trimArgs(printf)
    const core = this.#core
    const dest = core.dest
    const rb = dest.acquire()
    const start = rb.pos
    try {
      let room = core.headerMax + this.#chindings.length
      if (core.timestampFn !== null) room += 1024 // a longer timestamp string gives the fallback record
      const buf = rb.reserve(room)
      rb.pos = this.#header(buf, start, lv)
      if (typeof a === 'object') {
        if (a === null) {
          if (b === undefined && rest.length === 0) this.#body(rb, lv, null, this.#prefixed(null), rest)
          else this.#body(rb, lv, null, this.#prefixed(b), rest)
        } else {
          this.#body(rb, lv, mapHttp(a), this.#prefixed(b), rest)
        }
      } else if (a === undefined) {
        this.#body(rb, lv, null, this.#prefixed(b), rest)
      } else if (typeof a === 'string' && (b !== undefined || rest.length > 0)) {
        // The message is `a`; `b` and the rest are its printf arguments.
        this.#body(rb, lv, null, this.#prefixed(a), [b, ...rest])
      } else {
        this.#body(rb, lv, null, this.#prefixed(a), rest)
      }
      rb.pos = appendBytes(rb.reserve(3), rb.pos, core.close)
    } catch (err) {
      // Whatever escaped the per-value guards: still one valid line, never a throw.
      this.#fallback(rb, start, lv, err)
    }
    dest.commit(rb, start)
  }

  /** msgPrefix before the call's own message (not one taken from an error), as pino's LOG. */
  #prefixed (msg: unknown): unknown {
    const p = this.#msgPrefix
    return p === undefined || msg === undefined || msg === null ? msg : p + String(msg)
  }

  /** Fields of `obj`, then the message formatted with `args`. */
  #body (rb: ByteBuf, lv: number, obj: object | null, msg: unknown, args: unknown[]): void {
    const core = this.#core
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
      if (obj !== null) this.#fields(rb, obj as Record<string, unknown>)
    } else {
      if (core.mixin !== null) {
        const mergeObject = (obj ?? {}) as Record<string, unknown>
        obj = core.mixinMergeStrategy(mergeObject, core.mixin(mergeObject, lv, this) ?? {})
      }
      if (core.logFormatter !== null) obj = core.logFormatter((obj ?? {}) as Record<string, unknown>)
      if (obj !== null) {
        const open = core.nestedOpen
        if (open === null) {
          this.#fields(rb, obj as Record<string, unknown>)
        } else {
          // pino: all fields under the nested key, when there are any.
          const at = rb.pos
          rb.pos = appendBytes(rb.reserve(open.length), at, open)
          const first = rb.pos
          this.#fields(rb, obj as Record<string, unknown>)
          if (rb.pos === first) {
            rb.pos = at
          } else {
            // The first field came with a leading comma: close the gap in place.
            rb.buf.copyWithin(first, first + 1, rb.pos)
            rb.pos -= 1
            rb.reserve(1)[rb.pos++] = 0x7d
          }
        }
      }
      // pino formats first, then serializes the message.
      const f = this.#serializers?.[core.messageKey]
      if (msg !== undefined && typeof f === 'function') {
        if (args.length > 0) {
          if (typeof msg === 'string') msg = formatToString(msg, args, core)
          else if (typeof msg === 'object' && msg !== null) msg = joinObjects(msg, args)
          args = NO_ARGS
        }
        msg = f(msg)
      }
    }
    if (args.length > 0) {
      if (typeof msg === 'string') {
        const f = core.msgField
        rb.pos = appendBytes(rb.reserve(f.length + 1), rb.pos, f)
        rb.buf[rb.pos++] = 0x22
        appendFormat(rb, msg, args, 0, core.dest.pool)
        rb.reserve(1)[rb.pos++] = 0x22
        return
      }
      if (typeof msg === 'object' && msg !== null) msg = joinObjects(msg, args)
    }
    this.#message(rb, msg)
  }

  /** `,"k":v` for each own enumerable key of o, with serializers, redaction and the error key. */
  #fields (rb: ByteBuf, o: Record<string, unknown>): void {
    const at = rb.pos
    try {
      this.#walkFields(rb, o)
    } catch (err) {
      // The keys themselves cannot be listed (a Proxy's ownKeys trap threw): one field
      // says so, and the record goes on with its message.
      rb.pos = at
      appendKey(rb, 'bytelog', true)
      appendUnserializable(rb, err)
    }
  }

  #walkFields (rb: ByteBuf, o: Record<string, unknown>): void {
    const errorKey = this.#core.errorKey
    const ser = this.#serializers
    const redact = this.#redact
    for (const k in o) {
      if (!hasOwn.call(o, k)) continue
      if (ser !== null || redact !== null) {
        const f = ser === null ? undefined : ser[k] ?? (k === errorKey ? ser.err : undefined)
        const nodes = redact === null ? null : redact.top(k)
        if (typeof f === 'function' || nodes !== null) {
          appendGeneral(rb, k, o, typeof f === 'function' ? f : null, redact, nodes)
          continue
        }
      }
      if (k === errorKey && this.#appendErrorKey(rb, o)) continue
      appendMember(rb, o, k)
    }
  }

  /** pino's err serializer: an error-like value under errorKey. False if it is not one. */
  #appendErrorKey (rb: ByteBuf, o: Record<string, unknown>): boolean {
    let v: unknown
    try {
      v = o[this.#core.errorKey]
    } catch {
      return false // appendMember reads it again and writes the placeholder
    }
    if (!isErrorLike(v)) return false
    const f = this.#core.errField
    rb.pos = appendBytes(rb.reserve(f.length), rb.pos, f)
    appendError(rb, v)
    return true
  }

  /** `,"msg":<value>`, with pino's rules for non-string messages. */
  #message (rb: ByteBuf, msg: unknown): void {
    switch (typeof msg) {
      case 'undefined':
      case 'function':
      case 'symbol':
        return
      case 'string': {
        const f = this.#core.msgField
        rb.pos = appendBytes(rb.reserve(f.length), rb.pos, f)
        appendString(rb, msg)
        return
      }
      case 'number': {
        const f = this.#core.msgField
        const buf = rb.reserve(f.length + MAX_NUMBER_BYTES)
        rb.pos = appendNumber(buf, appendBytes(buf, rb.pos, f), msg)
        return
      }
      default: {
        const f = this.#core.msgField
        const at = rb.pos
        rb.pos = appendBytes(rb.reserve(f.length), rb.pos, f)
        if (!appendValue(rb, msg)) rb.pos = at // a toJSON that returned undefined
      }
    }
  }

  #fallback (rb: ByteBuf, start: number, lv: number, err: unknown): void {
    try {
      const core = this.#core
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

/**
 * A field through its serializer and/or redaction (pino serializes first, then redacts the
 * result). A serializer or censor that throws gives a placeholder.
 */
function appendGeneral (rb: ByteBuf, k: string, o: Record<string, unknown>, f: ((v: unknown) => unknown) | null,
  redact: Redactor | null, nodes: ReturnType<Redactor['top']>): void {
  let v: unknown
  try {
    v = o[k]
    if (v === undefined) return
    if (f !== null) v = f(v)
  } catch (err) {
    appendKey(rb, k, true)
    appendUnserializable(rb, err)
    return
  }
  if (redact !== null && nodes !== null) redact.appendField(rb, k, v, nodes)
  else appendField(rb, k, v)
}

/**
 * pino's LOG maps a bare http request or response passed as the object to
 * `{ req: ... }` / `{ res: ... }` with pino-std-serializers.
 */
function mapHttp (o: object): object {
  const r = o as { method?: unknown, headers?: unknown, socket?: unknown, setHeader?: unknown }
  if (r.method && r.headers && r.socket) return stdSerializers.mapHttpRequest(o as never)
  if (typeof r.setHeader === 'function') return stdSerializers.mapHttpResponse(o as never)
  return o
}

/** err.message, or undefined where reading it throws. */
function messageOf (err: Error): unknown {
  try {
    return err.message
  } catch {
    return undefined
  }
}

/** printf into a string, for a message serializer to see (a rare path: it allocates). */
function formatToString (f: string, args: unknown[], core: Core): string {
  const b = scratchPool.get()
  try {
    appendFormat(b, f, args, 0, core.dest.pool)
    // The bytes are escaped for a JSON string; JSON.parse gives the text back.
    return JSON.parse(`"${b.buf.toString('utf8', 0, b.pos)}"`) as string
  } finally {
    scratchPool.put(b)
  }
}

/**
 * quick-format-unescaped's rule for an object message with extra arguments: the JSON of
 * each, joined by spaces. (It reads args[1..] where it means args[0..]; kept for parity.)
 */
function joinObjects (msg: object, args: unknown[]): string {
  const n = args.length + 1
  const parts: string[] = [stringifyForMessage(msg)]
  for (let i = 1; i < n; i++) parts.push(stringifyForMessage(args[i]))
  return parts.join(' ')
}

function stringifyForMessage (v: unknown): string {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return ''
  const b = scratchPool.get()
  try {
    return appendValue(b, v) ? b.buf.toString('utf8', 0, b.pos) : ''
  } finally {
    scratchPool.put(b)
  }
}

/** Buffers for setup-time and rare-path encoding (bindings, odd messages). */
const scratchPool = new BufferPool({ bufferSize: 1024, maxBuffers: 2 })

/**
 * Encodes bindings as `,"k":v...` bytes, as pino's asChindings does: through
 * formatters.bindings and the serializers, skipping the keys pino reserves.
 */
function encodeBindings (bindings: Record<string, unknown>, serializers: Serializers | null, redact: Redactor | null, before?: Buffer): Buffer {
  const b = scratchPool.get()
  try {
    for (const k in bindings) {
      if (!hasOwn.call(bindings, k)) continue
      if (k === 'level' || k === 'serializers' || k === 'formatters' || k === 'customLevels') continue
      const f = serializers?.[k]
      const nodes = redact === null ? null : redact.top(k)
      if (typeof f === 'function' || nodes !== null) appendGeneral(b, k, bindings, typeof f === 'function' ? f : null, redact, nodes)
      else appendMember(b, bindings, k)
    }
    // One Buffer holds the parent's bindings and these.
    const n = before === undefined ? 0 : before.length
    const out = Buffer.allocUnsafe(n + b.pos)
    if (n > 0) out.set(before!, 0)
    b.buf.copy(out, n, 0, b.pos)
    return out
  } finally {
    scratchPool.put(b)
  }
}

/**
 * Installs two of pino's private symbols on every bytelog logger, for tools that read them
 * (pino-http's `customProps`): `stringifySym` (JSON of an object) and `chindingsSym` (the
 * encoded bindings, `,"k":v,...`). They are pino's own unregistered symbols, so the app
 * passes them from the pino those tools load: `usePinoSymbols(require('pino').symbols)`.
 */
export function usePinoSymbols (symbols: { stringifySym?: symbol, chindingsSym?: symbol }): void {
  const proto = Logger.prototype
  if (typeof symbols.stringifySym === 'symbol') {
    Object.defineProperty(proto, symbols.stringifySym, { value: (o: unknown) => JSON.stringify(o), configurable: true })
  }
  if (typeof symbols.chindingsSym === 'symbol') {
    Object.defineProperty(proto, symbols.chindingsSym, { get (this: Logger) { return Logger.chindingsOf(this) }, configurable: true })
  }
}

/** A level method at a fixed level, for custom levels. */
function levelMethod (lv: number): LogFn {
  return function (this: Logger, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (this.levelVal <= lv) Logger.logAt(this, lv, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }
}

/** hooks.logMethod around a level: hook(args, method, level), method writes the record. */
function hookedMethod (lv: number, hook: NonNullable<NonNullable<LoggerOptions['hooks']>['logMethod']>): LogFn {
  const write = function (this: Logger, ...args: unknown[]): void {
    Logger.logAt(this, lv, args[0], args[1], args.length > 2 ? args.slice(2, 10) : NO_ARGS)
  }
  return function (this: Logger, ...args: unknown[]): void {
    if (this.levelVal > lv) return
    hook.call(this, args, write, lv)
  }
}

/** A logger with a method for each custom level name. */
export type CustomLogger<CustomLevels extends string> = Logger<CustomLevels> & Record<CustomLevels, LogFn>

/** Makes a logger. Bad options throw a TypeError here, never later from a log call. */
export function createLogger<CustomLevels extends string = never> (opts: LoggerOptions<CustomLevels> = {}): CustomLogger<CustomLevels> {
  const r = resolveOptions(opts as LoggerOptions<string>)
  const { core } = r
  let Ctor: typeof Logger = Logger
  const custom = opts.customLevels !== undefined && opts.customLevels !== null
  if (custom || r.logMethod !== null) {
    // Level methods that depend on the options live on a subclass made for this logger
    // (and shared by its children), not on each instance.
    Ctor = class extends Logger<string> {} as unknown as typeof Logger
    const proto = Ctor.prototype as unknown as Record<string, unknown>
    if (opts.useOnlyCustomLevels === true) {
      for (const name of LEVEL_NAMES) {
        if (core.levels.value(name) === undefined) Object.defineProperty(proto, name, { value: undefined })
      }
    }
    for (const name of Object.keys(core.levels.values)) {
      const lv = core.levels.values[name]!
      const isStandard = (LEVEL_NAMES as readonly string[]).includes(name)
      if (r.logMethod !== null) proto[name] = hookedMethod(lv, r.logMethod)
      else if (!isStandard) proto[name] = levelMethod(lv)
    }
  }
  // formatters.bindings applies to the root's base fields only; pino gives children none.
  const base = r.base !== null && core.bindingsFormatter !== null ? core.bindingsFormatter(r.base) : r.base
  const chindings = base === null ? Buffer.alloc(0) : encodeBindings(base, r.serializers, r.redact)
  const root = new Ctor(core, chindings, r.level, r.serializers, r.msgPrefix, r.redact)
  core.root = root
  return root as CustomLogger<CustomLevels>
}
