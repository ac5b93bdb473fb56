/**
 * The logger: level methods, child loggers and the record layout.
 *
 * A record is laid out as pino lays it out: level, time, base and name, child bindings,
 * the object's fields (or the event's) in order, the message last, then "}\n". Everything
 * fixed per logger (the `{"level":N` prefixes, the time key, the encoded base and child
 * bindings, the message key) is encoded to bytes once, when the logger is made.
 */
import { hostname } from 'node:os'
import { clock, tick } from './clock.js'
import { Destination, destination, type DestinationOptions, type Writable } from './destination.js'
import { appendBytes, bytes } from './encoder/bytes.js'
import { appendNumber, MAX_NUMBER_BYTES } from './encoder/number.js'
import { appendString } from './encoder/string.js'
import { appendError, appendField, appendMember, appendUnserializable, appendValue, isErrorLike } from './encoder/value.js'
import { Event, NOOP_EVENT, startEvent } from './event.js'
import { appendFormat } from './format.js'
import { LEVEL_NAMES, LEVELS, levelLabel, levelValue, type LevelName, type LevelOption } from './levels.js'
import { BufferPool, type ByteBuf } from './pool.js'
import { createTimeFormat, type TimeFormat, type TimeOption } from './time.js'

export interface LoggerOptions {
  /** Lowest level written. Default 'info'. */
  level?: LevelOption
  /** 'epoch' (ms, default), 'unix' (s), 'iso', false, or a pattern such as 'yyyy-MM-dd HH:mm:ss.SSS'. */
  time?: TimeOption
  /** Patterns print UTC unless this is false. Default true. */
  utc?: boolean
  /** Fields on every record. Default { pid, hostname }; null drops them (and name). */
  base?: Record<string, unknown> | null
  /** A "name" field after the base fields. */
  name?: string
  /** Key of the message. Default 'msg'. */
  messageKey?: string
  /** Key an Error passed as the first argument is written under. Default 'err'. */
  errorKey?: string
  /** A destination(), options for one, or any object with write(chunk). Default stdout. */
  destination?: Destination | Writable | DestinationOptions
}

/** Shared by a logger and all its children. */
interface Core {
  readonly dest: Destination
  readonly time: TimeFormat | null
  readonly messageKey: string
  readonly errorKey: string
  /** `,"msg":` */
  readonly msgField: Buffer
  /** `,"err":` */
  readonly errField: Buffer
  /** `{"level":N`, by level value. */
  readonly prefix: Record<number, Buffer>
  /** Bytes of room the fixed header needs, chindings aside. */
  readonly headerMax: number
}

const CLOSE = bytes('}\n')

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

export class Logger {
  readonly #core: Core
  /** `,"pid":1,"hostname":"h","reqId":"r-1"`: base, name and bindings, encoded once. */
  readonly #chindings: Buffer
  #lv: number
  /** The last header written at each level (index: level / 10), for the ms it was written. */
  readonly #headers: Array<HeaderCache | undefined> = [undefined, undefined, undefined, undefined, undefined, undefined, undefined]

  /** @internal */
  constructor (core: Core, chindings: Buffer, lv: number) {
    this.#core = core
    this.#chindings = chindings
    this.#lv = lv
  }

  get level (): LevelOption {
    return levelLabel(this.#lv)
  }

  set level (level: LevelOption) {
    this.#lv = levelValue(level)
  }

  /** The numeric value of the current level (Infinity when silent). */
  get levelVal (): number {
    return this.#lv
  }

  isLevelEnabled (level: LevelName): boolean {
    const v = levelOf(level)
    return v !== undefined && v >= this.#lv
  }

  /** Records the destination dropped (over maxLength, or after it failed). */
  get dropped (): number {
    return this.#core.dest.dropped
  }

  /** The destination records go to. */
  get destination (): Destination {
    return this.#core.dest
  }

  trace (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  trace (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (this.#lv <= 10) this.#log(10, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  debug (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  debug (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (this.#lv <= 20) this.#log(20, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  info (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  info (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (this.#lv <= 30) this.#log(30, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  warn (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  warn (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (this.#lv <= 40) this.#log(40, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  error (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  error (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (this.#lv <= 50) this.#log(50, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  fatal (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  fatal (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (this.#lv <= 60) this.#log(60, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }

  /**
   * A typed record built field by field, finished by msg() or send(). On a disabled level
   * (or an unknown level name) it is one shared event whose methods do nothing.
   */
  event (level: LevelName): Event {
    const v = levelOf(level)
    if (v === undefined || v < this.#lv) return NOOP_EVENT
    const core = this.#core
    const ev = startEvent(core.dest, core.msgField, core.errorKey)
    const b = ev.buffer
    const buf = b.reserve(core.headerMax + this.#chindings.length)
    b.pos = this.#header(buf, b.pos, v)
    return ev
  }

  child (bindings: Record<string, unknown>, opts?: { level?: LevelOption }): Logger {
    if (typeof bindings !== 'object' || bindings === null) {
      throw new TypeError('bytelog: child() takes an object of bindings')
    }
    const lv = opts?.level !== undefined ? levelValue(opts.level) : this.#lv
    return new Logger(this.#core, Buffer.concat([this.#chindings, encodeBindings(bindings, true)]), lv)
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
    let days = 0
    let ms = 0
    if (core.time !== null) {
      tick()
      days = clock[0]!
      ms = clock[1]!
    }
    const c = this.#headers[lv / 10]
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
    let c = this.#headers[lv / 10]
    // The length only changes with the level or the number of time digits: a new Buffer
    // then, never per call.
    if (c === undefined || c.bytes.length !== len) {
      c = { bytes: Buffer.allocUnsafeSlow(len), days: -1, ms: -1 }
      this.#headers[lv / 10] = c
    }
    const h = c.bytes
    for (let i = 0; i < len; i++) h[i] = buf[from + i]!
    c.days = days
    c.ms = ms
  }

  /** pino's argument rules (genLog's LOG), then the record. */
  #log (lv: number, a: unknown, b: unknown, printf: unknown[]): void {
    const rest = printf === NO_ARGS ? printf : trimArgs(printf)
    const core = this.#core
    const dest = core.dest
    const rb = dest.acquire()
    const start = rb.pos
    try {
      const buf = rb.reserve(core.headerMax + this.#chindings.length)
      rb.pos = this.#header(buf, start, lv)
      if (typeof a === 'object') {
        if (a === null && b === undefined && rest.length === 0) this.#body(rb, null, null, rest, 0)
        else this.#body(rb, a, b, rest, 0)
      } else if (a === undefined) {
        this.#body(rb, null, b, rest, 0)
      } else if (typeof a === 'string' && (b !== undefined || rest.length > 0)) {
        // The message is `a`; `b` and the rest are its printf arguments.
        this.#body(rb, null, a, [b, ...rest], 0)
      } else {
        this.#body(rb, null, a, rest, 0)
      }
      rb.pos = appendBytes(rb.reserve(2), rb.pos, CLOSE)
    } catch (err) {
      // Whatever escaped the per-value guards: still one valid line, never a throw.
      this.#fallback(rb, start, lv, err)
    }
    dest.commit(rb, start)
  }

  /** Fields of `obj`, then the message formatted with args[from..]. */
  #body (rb: ByteBuf, obj: unknown, msg: unknown, args: unknown[], from: number): void {
    const core = this.#core
    const errorKey = core.errorKey
    if (obj !== null && obj !== undefined) {
      if (obj instanceof Error) {
        rb.pos = appendBytes(rb.reserve(core.errField.length), rb.pos, core.errField)
        appendError(rb, obj)
        if (msg === undefined) msg = obj.message
      } else {
        const o = obj as Record<string, unknown>
        if (msg === undefined && o[core.messageKey] === undefined) {
          const e = o[errorKey]
          if (e) msg = (e as { message?: unknown }).message
        }
        for (const k in o) {
          if (!hasOwn.call(o, k)) continue
          if (k === errorKey && this.#appendErrorKey(rb, o)) continue
          appendMember(rb, o, k)
        }
      }
    }
    if (args.length - from > 0) {
      if (typeof msg === 'string') {
        rb.pos = appendBytes(rb.reserve(core.msgField.length + 1), rb.pos, core.msgField)
        rb.buf[rb.pos++] = 0x22
        appendFormat(rb, msg, args, from, core.dest.pool)
        rb.reserve(1)[rb.pos++] = 0x22
        return
      }
      if (typeof msg === 'object' && msg !== null) msg = joinObjects(msg, args, from)
    }
    this.#message(rb, msg)
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
      rb.pos = start
      const buf = rb.reserve(this.#core.headerMax + this.#chindings.length + this.#core.msgField.length)
      rb.pos = this.#header(buf, start, lv)
      rb.pos = appendBytes(buf, rb.pos, this.#core.msgField)
      appendUnserializable(rb, err)
      rb.pos = appendBytes(rb.reserve(2), rb.pos, CLOSE)
    } catch {
      rb.pos = start // out of memory: the record is lost, the app goes on
    }
  }
}

/**
 * quick-format-unescaped's rule for an object message with extra arguments: the JSON of
 * each, joined by spaces. (It reads args[1..] where it means args[0..]; kept for parity.)
 */
function joinObjects (msg: object, args: unknown[], from: number): string {
  const n = args.length - from + 1
  const parts: string[] = [stringifyForMessage(msg)]
  for (let i = 1; i < n; i++) parts.push(stringifyForMessage(args[from + i]))
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

/** Encodes bindings as `,"k":v...` bytes. pino skips a `level` binding in children. */
function encodeBindings (bindings: Record<string, unknown>, child: boolean): Buffer {
  const b = scratchPool.get()
  try {
    for (const k in bindings) {
      if (!hasOwn.call(bindings, k)) continue
      if (child && (k === 'level' || k === 'serializers' || k === 'formatters' || k === 'customLevels')) continue
      appendField(b, k, bindings[k])
    }
    return Buffer.from(b.buf.subarray(0, b.pos))
  } finally {
    scratchPool.put(b)
  }
}

/** The value of a level name; undefined for anything else ('toString' included). */
function levelOf (level: unknown): number | undefined {
  return typeof level === 'string' && hasOwn.call(LEVELS, level) ? LEVELS[level as LevelName] : undefined
}

const KNOWN_OPTIONS = new Set(['level', 'time', 'utc', 'base', 'name', 'messageKey', 'errorKey', 'destination'])

/** Makes a logger. Bad options throw a TypeError here, never later from a log call. */
export function createLogger (opts: LoggerOptions = {}): Logger {
  if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: createLogger takes an options object')
  for (const k of Object.keys(opts)) {
    if (!KNOWN_OPTIONS.has(k)) throw new TypeError(`bytelog: unknown option ${JSON.stringify(k)}`)
  }
  const lv = levelValue(opts.level === undefined ? 'info' : opts.level)
  if (opts.utc !== undefined && typeof opts.utc !== 'boolean') throw new TypeError('bytelog: utc must be a boolean')
  if (opts.name !== undefined && typeof opts.name !== 'string') throw new TypeError('bytelog: name must be a string')
  const messageKey = keyOption(opts.messageKey, 'msg', 'messageKey')
  const errorKey = keyOption(opts.errorKey, 'err', 'errorKey')
  const time = createTimeFormat(opts.time, opts.utc !== false)
  const dest = opts.destination instanceof Destination ? opts.destination : destination(opts.destination as DestinationOptions)
  const prefix: Record<number, Buffer> = {}
  let prefixMax = 0
  for (const name of LEVEL_NAMES) {
    prefix[LEVELS[name]] = bytes(`{"level":${LEVELS[name]}`)
    prefixMax = Math.max(prefixMax, prefix[LEVELS[name]]!.length)
  }
  const core: Core = {
    dest,
    time,
    messageKey,
    errorKey,
    msgField: bytes(`,${JSON.stringify(messageKey)}:`),
    errField: bytes(`,${JSON.stringify(errorKey)}:`),
    prefix,
    headerMax: prefixMax + (time?.maxBytes ?? 0),
  }
  let base: Record<string, unknown> | null
  if (opts.base === null) base = null
  else if (opts.base === undefined) base = { pid: process.pid, hostname: hostname() }
  else if (typeof opts.base === 'object') base = opts.base
  else throw new TypeError('bytelog: base must be an object or null')
  if (base !== null && opts.name !== undefined) base = { ...base, name: opts.name }
  const chindings = base === null ? Buffer.alloc(0) : encodeBindings(base, false)
  return new Logger(core, chindings, lv)
}

function keyOption (v: unknown, dflt: string, name: string): string {
  if (v === undefined) return dflt
  if (typeof v !== 'string' || v === '') throw new TypeError(`bytelog: ${name} must be a non-empty string`)
  return v
}
