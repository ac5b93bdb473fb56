/**
 * The public Logger: pino's level methods, level changes, child loggers and bindings. The
 * record itself is written by the logger's RecordWriter (record.ts); a level method only
 * checks the level and hands its arguments over.
 *
 * A record is laid out as pino lays it out: level, time, base and name, child bindings,
 * the object's fields (or the event's) in order, the message last, then "}\n".
 */
import stdSerializers from 'pino-std-serializers'
import type { Destination } from '../destination/index.js'
import { type Event, NOOP_EVENT } from '../event.js'
import { LevelTable, type LevelName } from '../levels.js'
import { levelPrefixes, type Core, type Formatters, type LevelInput, type Serializers } from '../options.js'
import { Redactor, type RedactOptions } from '../redact.js'
import { NO_ARGS } from './args.js'
import { decodeBindings, encodeBindings } from './bindings.js'
import { LazyEmitter } from './emitter.js'
import { RecordWriter } from './record.js'
import { reasonOf } from '../encoder/unserializable.js'
import { runWithBindings } from '../observe/context.js'

/** A level method: pino's signature. */
export type LogFn = (obj?: unknown, msg?: unknown, ...args: unknown[]) => void

/** The level names a logger has: the standard ones and its custom ones, or (useOnlyCustomLevels) only the custom ones. */
export type LevelsOf<CustomLevels extends string, OnlyCustom extends boolean> = ([OnlyCustom] extends [true] ? never : LevelName) | CustomLevels

export interface ChildOptions<Names extends string = LevelName> {
  level?: LevelInput<Names>
  serializers?: Serializers
  msgPrefix?: string
  /** Replaces the parent's redaction for this child. */
  redact?: string[] | RedactOptions
  /** More levels for this child and its children (names and values must be new). */
  customLevels?: Record<string, number>
  /** This child's formatters: `bindings` for its own bindings, `level`, `log`. */
  formatters?: Formatters
}

const SERIALIZERS = Symbol.for('pino.serializers')

/** What `logger[Symbol.for('pino.serializers')]` returns when the logger has none of its own. */
const DEFAULT_SERIALIZERS: Serializers = Object.assign(Object.create(null) as Serializers, { err: stdSerializers.err })
/** Made once per serializers object: the same object each time, shared by children that add none. */
const publicOf = new WeakMap<Serializers, Serializers>()

function publicSerializers (own: Serializers | null): Serializers {
  if (own === null) return DEFAULT_SERIALIZERS
  let p = publicOf.get(own)
  if (p === undefined) publicOf.set(own, p = Object.assign(Object.create(null) as Serializers, { err: stdSerializers.err }, own))
  return p
}

/**
 * A logger's level. A child made without a level of its own follows its parent's, later
 * changes included, as pino's children do through their prototype: its box points to the
 * parent's, and the level in effect is the first box up the chain with no parent. Setting
 * a level on a child cuts its box loose, and its own children then follow it.
 */
export class LevelBox {
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

/**
 * A logger. `CustomLevels` names its custom levels (each has a method: see CustomLogger);
 * `OnlyCustom` is true for useOnlyCustomLevels, where the standard names do not exist.
 */
export class Logger<CustomLevels extends string = never, OnlyCustom extends boolean = false> extends LazyEmitter {
  readonly #w: RecordWriter
  readonly #lv: LevelBox

  /** @internal Made by createLogger and child(). */
  constructor (w: RecordWriter, lv: LevelBox | number) {
    super()
    this.#w = w
    this.#lv = typeof lv === 'number' ? new LevelBox(lv, null) : new LevelBox(0, lv)
  }

  get #core (): Core {
    return this.#w.core
  }

  get level (): LevelsOf<CustomLevels, OnlyCustom> | 'silent' {
    return this.#core.levels.label(levelOf(this.#lv)) as LevelsOf<CustomLevels, OnlyCustom> | 'silent'
  }

  set level (level: LevelInput<LevelsOf<CustomLevels, OnlyCustom>>) {
    const prev = levelOf(this.#lv)
    const next = this.#core.levels.parse(level)
    this.#lv.value = next
    this.#lv.parent = null
    // Heard on this logger and, as pino's children share their root's listeners, on the
    // root: the last argument says which logger changed.
    const args = [this.level, next, this.#core.levels.label(prev), prev, this] as const
    this.emit('level-change', ...args)
    const root = this.#core.root
    if (root !== null && root !== this) root.emit('level-change', ...args)
  }

  /** The numeric value of the current level (Infinity when silent). */
  get levelVal (): number {
    return levelOf(this.#lv)
  }

  /** pino's `levels`: `{ values: name -> number, labels: number -> name }`. */
  get levels (): LevelTable {
    return this.#core.levels
  }

  isLevelEnabled (level: LevelsOf<CustomLevels, OnlyCustom> | 'silent'): boolean {
    // As pino: 'silent' (Infinity) is above every level, so it counts as enabled.
    const levels = this.#core.levels
    const v = levels.value(level)
    return v !== undefined && levels.enabled(v, levelOf(this.#lv))
  }

  /** The prefix before every message (a child's added to its parent's), as pino's. */
  get msgPrefix (): string | undefined {
    return this.#w.msgPrefix
  }

  /** Records the destination dropped (over maxLength, or after it failed). */
  get dropped (): number {
    return this.#core.dest.dropped
  }

  /** Records the `sample` option left out (0 without it). */
  get sampledOut (): number {
    return this.#core.observe.sampler?.dropped ?? 0
  }

  /** The destination records go to. */
  get destination (): Destination {
    return this.#core.dest
  }

  /** The serializers in effect (pino's `logger[Symbol.for('pino.serializers')]`). */
  get [SERIALIZERS] (): Serializers {
    return publicSerializers(this.#w.serializers)
  }

  trace (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  trace (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 10) this.#w.write(10, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j], this)
  }

  debug (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  debug (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 20) this.#w.write(20, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j], this)
  }

  info (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  info (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 30) this.#w.write(30, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j], this)
  }

  warn (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  warn (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 40) this.#w.write(40, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j], this)
  }

  error (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  error (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) <= 50) this.#w.write(50, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j], this)
  }

  fatal (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  fatal (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (levelOf(this.#lv) > 60) return
    this.#w.write(60, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j], this)
    flushAfterFatal(this.#core.dest)
  }

  /** pino's `silent` method: writes nothing ('silent' is above every level). */
  silent (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  silent (): void {}

  /** @internal The encoded bindings as text (see usePinoSymbols). */
  static chindingsOf (logger: Logger<string>): string {
    return logger.#w.chindings.toString('utf8')
  }

  /** @internal Writes a record at `lv` (the caller checked the level): custom level methods, hooks. */
  static logAt (logger: Logger<string>, lv: number, a: unknown, b: unknown, printf: unknown[]): void {
    logger.#w.write(lv, a, b, printf, logger)
  }



  /**
   * A typed record built field by field, finished by msg() or send(). On a disabled level
   * (or an unknown level name) it is one shared event whose methods do nothing.
   */
  event (level: LevelsOf<CustomLevels, OnlyCustom>): Event {
    const levels = this.#core.levels
    const v = levels.value(level)
    if (v === undefined || level === 'silent' || !levels.enabled(v, levelOf(this.#lv))) return NOOP_EVENT
    return this.#w.event(levels.written(level)!)
  }

  child (bindings: Record<string, unknown>, opts?: ChildOptions<LevelsOf<CustomLevels, OnlyCustom>>): CustomLogger<CustomLevels, OnlyCustom> {
    if (typeof bindings !== 'object' || bindings === null) {
      throw new TypeError('missing bindings for child Pino') // pino's message
    }
    let core = this.#core
    const w = this.#w
    // Without a level of its own, the child follows this logger's (see LevelBox).
    let lv: LevelBox | number = this.#lv
    let serializers = w.serializers
    let msgPrefix = w.msgPrefix
    let redact = w.redact
    let Ctor = this.constructor as LoggerClass
    if (opts !== undefined) {
      if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: child options must be an object')
      if (opts.customLevels !== undefined || opts.formatters !== undefined) {
        core = childCore(core, opts.customLevels, opts.formatters)
        if (opts.customLevels !== undefined) Ctor = Logger.#withLevels(Ctor, core.levels, Object.keys(opts.customLevels))
      }
      if (opts.redact !== undefined) redact = new Redactor(opts.redact)
      // As pino: a level equal to this logger's is not the child's own (it keeps following).
      if (opts.level !== undefined && opts.level !== this.level) lv = core.levels.parse(opts.level)
      if (opts.serializers !== undefined) {
        serializers = Object.assign(Object.create(null) as Serializers, serializers, opts.serializers)
      }
      if (opts.msgPrefix !== undefined) {
        if (typeof opts.msgPrefix !== 'string') throw new TypeError('bytelog: msgPrefix must be a string')
        msgPrefix = (msgPrefix ?? '') + opts.msgPrefix
      }
      // pino: a child's own formatters.bindings sees its own bindings.
      const format = opts.formatters?.bindings
      if (typeof format === 'function') bindings = format(bindings) as Record<string, unknown>
    }
    const chindings = encodeBindings(bindings, serializers, redact, core.limits, w.chindings)
    const child = new Ctor(new RecordWriter(core, chindings, serializers, msgPrefix, redact), lv) as unknown as CustomLogger<CustomLevels, OnlyCustom>
    if (core.onChild !== null) core.onChild(child as unknown as Logger<string>)
    return child
  }

  /** @internal Installs level methods for `names` on a subclass of Ctor (see create.ts). */
  static #withLevels (Ctor: LoggerClass, levels: LevelTable, names: string[]): LoggerClass {
    const Sub = class extends Ctor {}
    for (const name of names) installLevelMethod(Sub.prototype, name, levels, null)
    return Sub
  }

  /** Adds bindings to this logger (pino's setBindings; on the root, through formatters.bindings). */
  setBindings (bindings: Record<string, unknown>): void {
    const w = this.#w
    const format = w.core.bindingsFormatter
    if (format !== null && w.core.root === this) bindings = format(bindings) as Record<string, unknown>
    w.chindings = encodeBindings(bindings, w.serializers, w.redact, w.core.limits, w.chindings)
  }

  /**
   * Runs fn (returning what it returns) with `bindings` on every record that any logger of
   * this root writes inside it and its async continuations, after that logger's own
   * bindings (see observe/context.ts). Nested calls add to the bindings.
   */
  withBindings<T> (bindings: Record<string, unknown>, fn: () => T): T {
    const w = this.#w
    return runWithBindings(w.core.observe, bindings, w.serializers, w.redact, w.core.limits, fn)
  }

  /** The child bindings (and name), as pino returns them: pid and hostname left out. */
  bindings (): Record<string, unknown> {
    return decodeBindings(this.#w.chindings)
  }

  flush (cb?: (err?: Error | null) => void): void {
    this.#core.dest.flush(cb)
  }

  flushSync (): void {
    this.#core.dest.flushSync()
  }
}

/**
 * After a fatal record, everything buffered is written before the call returns, as pino
 * does: a fatal is often the process's last words.
 */
function flushAfterFatal (dest: Destination): void {
  try {
    dest.flushSync()
  } catch {
    // The destination reports its own failures; the app goes on.
  }
}

type LoggerClass = new (w: RecordWriter, lv: LevelBox | number) => Logger<string>

/** The hook that level methods go through (hooks.logMethod), or none. */
export type LogMethodHook = (this: Logger<string>, args: unknown[], method: (...args: unknown[]) => void, level: number) => void

/**
 * Puts the level method for `name` on a prototype: enabled when the table's value for the
 * name passes the threshold (levelComparison), writing the number written() gives. Used
 * for custom levels, standard ones that customLevels moved, a levelComparison other than
 * 'ASC' and hooks.logMethod; the standard methods above serve every other logger.
 */
export function installLevelMethod (proto: object, name: string, levels: LevelTable, hook: LogMethodHook | null): void {
  const enableAt = levels.values[name]!
  const writeAs = levels.written(name)!
  const flush = name === 'fatal' && !levels.onlyCustom
  let method: LogFn
  if (hook === null) {
    method = function (this: Logger<string>, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
      if (!this.levels.enabled(enableAt, this.levelVal)) return
      Logger.logAt(this, writeAs, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
      if (flush) flushAfterFatal(this.destination)
    }
  } else {
    method = hookedMethod(enableAt, writeAs, flush, hook)
  }
  Object.defineProperty(proto, name, { value: method, writable: true, configurable: true })
}

/**
 * hooks.logMethod around a level: hook(args, method, level), method writes the record. A
 * hook that throws never throws into the app: a record says so (not the arguments it was
 * given, which the hook may have been there to filter), unless the hook had written it.
 */
function hookedMethod (enableAt: number, writeAs: number, flush: boolean, hook: LogMethodHook): LogFn {
  return function (this: Logger<string>, ...args: unknown[]): void {
    if (!this.levels.enabled(enableAt, this.levelVal)) return
    let wrote = false
    const method = function (this: Logger<string>, ...a: unknown[]): void {
      wrote = true
      Logger.logAt(this, writeAs, a[0], a[1], a.length > 2 ? a.slice(2, 10) : NO_ARGS)
    }
    try {
      hook.call(this as unknown as Logger<string>, args, method, writeAs)
    } catch (err) {
      if (!wrote) Logger.logAt(this, writeAs, { bytelog: `[hooks.logMethod threw: ${reasonOf(err)}]` }, undefined, NO_ARGS)
    }
    if (flush) flushAfterFatal(this.destination)
  }
}

/**
 * A child's own Core where it brings customLevels or formatters: the level table (its
 * levels added to its parent's, with pino's errors for a clash), the level fields, and
 * formatters.log. Everything else is the parent's.
 */
function childCore (core: Core, custom: Record<string, number> | undefined, formatters: Formatters | undefined): Core {
  let levels = core.levels
  if (custom !== undefined) {
    if (typeof custom !== 'object' || custom === null) throw new TypeError('bytelog: customLevels must be an object')
    for (const k of Object.keys(custom)) {
      // pino's messages.
      if (levels.value(k) !== undefined) throw new Error('levels cannot be overridden')
      if (Object.prototype.hasOwnProperty.call(levels.labels, custom[k]!)) throw new Error('pre-existing level values cannot be used for new levels')
    }
    levels = new LevelTable(custom, levels.onlyCustom, levels.comparison, levels)
  }
  const logFormatter = formatters?.log ?? core.logFormatter
  const derived = { ...core, levels, logFormatter, plain: core.plain && logFormatter === null }
  // pino makes a child's level fields anew only with customLevels (its formatters.level
  // alone changes nothing); then with the child's formatter, if it has one.
  if (custom !== undefined) {
    derived.levelFormatter = formatters?.level ?? core.levelFormatter
    const { prefix, prefixMax } = levelPrefixes(levels, derived.levelFormatter)
    derived.prefix = prefix
    derived.headerMax = prefixMax + (core.time?.maxBytes ?? 0)
  }
  return derived
}

/**
 * A logger with a method for each custom level name; with useOnlyCustomLevels (OnlyCustom
 * true), without the standard methods its levels do not name.
 */
export type CustomLogger<CustomLevels extends string, OnlyCustom extends boolean = false> =
  ([OnlyCustom] extends [true] ? Omit<Logger<CustomLevels, true>, Exclude<LevelName, CustomLevels>> : Logger<CustomLevels, false>) &
  Record<CustomLevels, LogFn>
