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
import { argsFrom, argsOf, NO_ARGS } from './args.js'
import { chindingsText, decodeBindings, joinBindings, NO_BINDINGS, NO_BINDINGS_AT, storeBindings, storedArena } from './bindings.js'
import { LazyEmitter } from './emitter.js'
import { RecordWriter, Shared } from './record.js'
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
 * The level in effect: the writer's, or that of the writer it follows (see
 * RecordWriter.level). One step for a root, a child of it that follows it, or a child with
 * a level of its own.
 */
function levelOf (w: RecordWriter): number {
  while (w.follows !== null) w = w.follows
  return w.level
}

/**
 * A logger. `CustomLevels` names its custom levels (each has a method: see CustomLogger);
 * `OnlyCustom` is true for useOnlyCustomLevels, where the standard names do not exist.
 *
 * Two fields and no private methods (a private method or accessor costs every instance a
 * slot of its own): a child is made once per request or task, and its size is most of
 * what child() costs. The writer holds the options, the level and the first bindings,
 * shared with the children that change none of them; the rest of the bindings are bytes
 * [at] of a shared arena (bindings.ts). The writer and the arena are one Shared, the same
 * for all the children a writer has in an arena.
 */
export class Logger<CustomLevels extends string = never, OnlyCustom extends boolean = false> extends LazyEmitter {
  /** The writer (shared with the parent, or the logger's own: see RecordWriter.owner) and the arena. */
  #s: Shared
  /** Where in the arena its own bindings are (bindings.ts). */
  #at: number

  /** @internal Made by createLogger and child(). */
  constructor (s: Shared, at: number) {
    super()
    this.#s = s
    this.#at = at
  }

  get level (): LevelsOf<CustomLevels, OnlyCustom> | 'silent' {
    const w = this.#s.w
    return w.core.levels.label(levelOf(w)) as LevelsOf<CustomLevels, OnlyCustom> | 'silent'
  }

  set level (level: LevelInput<LevelsOf<CustomLevels, OnlyCustom>>) {
    let w = this.#s.w
    const prev = levelOf(w)
    const next = w.core.levels.parse(level)
    if (w.owner === this) {
      // Its children that follow it share this writer and see the change.
      w.level = next
      w.follows = null
    } else {
      // It followed its parent with its parent's writer; it has no children (child() makes
      // its own writer first), so nobody else sees the new one.
      w = w.fork(this, w.prefix, next, null)
      this.#s = w.sharedFor(this.#s.arena)
    }
    // Heard on this logger and, as pino's children share their root's listeners, on the
    // root: the last argument says which logger changed.
    const levels = w.core.levels
    const args = [this.level, next, levels.label(prev), prev, this] as const
    this.emit('level-change', ...args)
    const root = w.core.root
    if (root !== null && root !== this) root.emit('level-change', ...args)
  }

  /** The numeric value of the current level (Infinity when silent). */
  get levelVal (): number {
    return levelOf(this.#s.w)
  }

  /** pino's `levels`: `{ values: name -> number, labels: number -> name }`. */
  get levels (): LevelTable {
    return this.#s.w.core.levels
  }

  isLevelEnabled (level: LevelsOf<CustomLevels, OnlyCustom> | 'silent'): boolean {
    // As pino: 'silent' (Infinity) is above every level, so it counts as enabled.
    const w = this.#s.w
    const levels = w.core.levels
    const v = levels.value(level)
    return v !== undefined && levels.enabled(v, levelOf(w))
  }

  /** The prefix before every message (a child's added to its parent's), as pino's. */
  get msgPrefix (): string | undefined {
    return this.#s.w.msgPrefix
  }

  /** Records the destination dropped (over maxLength, or after it failed). */
  get dropped (): number {
    return this.#s.w.core.dest.dropped
  }

  /** Records the `sample` option left out (0 without it). */
  get sampledOut (): number {
    return this.#s.w.core.observe.sampler?.dropped ?? 0
  }

  /** The destination records go to. */
  get destination (): Destination {
    return this.#s.w.core.dest
  }

  /** The serializers in effect (pino's `logger[Symbol.for('pino.serializers')]`). */
  get [SERIALIZERS] (): Serializers {
    return publicSerializers(this.#s.w.serializers)
  }

  trace (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  trace (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    const s = this.#s
    const w = s.w
    if (levelOf(w) <= 10) w.write(10, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : argsOf(c, d, e, f, g, h, i, j), this, s.arena, this.#at)
  }

  debug (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  debug (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    const s = this.#s
    const w = s.w
    if (levelOf(w) <= 20) w.write(20, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : argsOf(c, d, e, f, g, h, i, j), this, s.arena, this.#at)
  }

  info (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  info (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    const s = this.#s
    const w = s.w
    if (levelOf(w) <= 30) w.write(30, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : argsOf(c, d, e, f, g, h, i, j), this, s.arena, this.#at)
  }

  warn (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  warn (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    const s = this.#s
    const w = s.w
    if (levelOf(w) <= 40) w.write(40, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : argsOf(c, d, e, f, g, h, i, j), this, s.arena, this.#at)
  }

  error (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  error (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    const s = this.#s
    const w = s.w
    if (levelOf(w) <= 50) w.write(50, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : argsOf(c, d, e, f, g, h, i, j), this, s.arena, this.#at)
  }

  fatal (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  fatal (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    const s = this.#s
    const w = s.w
    if (levelOf(w) > 60) return
    w.write(60, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : argsOf(c, d, e, f, g, h, i, j), this, s.arena, this.#at)
    flushAfterFatal(w.core.dest)
  }

  /** pino's `silent` method: writes nothing ('silent' is above every level). */
  silent (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  silent (): void {}

  /** @internal The encoded bindings as text (see usePinoSymbols). */
  static chindingsOf (logger: Logger<string>): string {
    const s = logger.#s
    return chindingsText(s.w.prefix, s.arena, logger.#at)
  }

  /** @internal Writes a record at `lv` (the caller checked the level): custom level methods, hooks. */
  static logAt (logger: Logger<string>, lv: number, a: unknown, b: unknown, printf: unknown[]): void {
    const s = logger.#s
    s.w.write(lv, a, b, printf, logger, s.arena, logger.#at)
  }



  /**
   * A typed record built field by field, finished by msg() or send(). On a disabled level
   * (or an unknown level name) it is one shared event whose methods do nothing.
   */
  event (level: LevelsOf<CustomLevels, OnlyCustom>): Event {
    const w = this.#s.w
    const levels = w.core.levels
    const i = levels.indexOf(level)
    if (i < 0 || !levels.enabled(levels.valueAt(i), levelOf(w))) return NOOP_EVENT
    return w.event(levels.writtenAt(i), this.#s.arena, this.#at)
  }

  child (bindings: Record<string, unknown>, opts?: ChildOptions<LevelsOf<CustomLevels, OnlyCustom>>): CustomLogger<CustomLevels, OnlyCustom> {
    if (typeof bindings !== 'object' || bindings === null) {
      throw new TypeError('missing bindings for child Pino') // pino's message
    }
    let s = this.#s
    let w = s.w
    // The child shares or follows this logger's writer, which must be its own: a writer
    // shared with its parent would have the child follow the parent (see RecordWriter.owner).
    // Made once; its prefix is all of this logger's bindings, so that its children copy
    // none of them when they are made.
    if (w.owner !== this) {
      w = w.fork(this, joinBindings(w.prefix, s.arena, this.#at), 0, w)
      this.#s = s = new Shared(w, NO_BINDINGS)
      this.#at = NO_BINDINGS_AT
    }
    const Ctor = this.constructor as LoggerClass
    if (opts !== undefined && !noOptions(opts)) return Logger.#childWith(this as unknown as Logger<string>, s, Ctor, bindings, opts as ChildOptions<string>) as unknown as CustomLogger<CustomLevels, OnlyCustom>
    // The everyday child: this logger's writer and options, its own bindings after this
    // logger's in the arena. One object.
    const at = storeBindings(bindings, w.serializers, w.redact, w.core.limits, s.arena, this.#at)
    const arena = storedArena()
    const child = new Ctor(arena === s.arena ? s : w.sharedFor(arena), at) as unknown as CustomLogger<CustomLevels, OnlyCustom>
    const onChild = w.core.onChild
    if (onChild !== null) onChild(child as unknown as Logger<string>)
    return child
  }

  /**
   * child() with options: a writer of the child's own where they change anything. (Static:
   * a private instance method would cost every logger a field.)
   */
  static #childWith (parent: Logger<string>, s: Shared, Ctor: LoggerClass, bindings: Record<string, unknown>, opts: ChildOptions<string>): Logger<string> {
    const w = s.w
    if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: child options must be an object')
    let core = w.core
    let serializers = w.serializers
    let msgPrefix = w.msgPrefix
    let redact = w.redact
    // Without a level of its own, the child follows this logger's (see RecordWriter.level).
    let level: number | null = null
    if (opts.customLevels !== undefined || opts.formatters !== undefined) {
      core = childCore(core, opts.customLevels, opts.formatters)
      if (opts.customLevels !== undefined) Ctor = Logger.#withLevels(Ctor, core.levels, Object.keys(opts.customLevels))
    }
    if (opts.redact !== undefined) redact = new Redactor(opts.redact)
    // As pino: a level equal to this logger's is not the child's own (it keeps following),
    // but a child with customLevels has one of its own, this logger's if it names none.
    if (opts.level !== undefined && opts.level !== parent.level) level = core.levels.parse(opts.level)
    else if (opts.customLevels !== undefined) level = parent.levelVal
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
    const at = storeBindings(bindings, serializers, redact, core.limits, s.arena, parent.#at)
    const arena = storedArena()
    let child: Logger<string>
    if (core === w.core && serializers === w.serializers && msgPrefix === w.msgPrefix && redact === w.redact && level === null) {
      child = new Ctor(arena === s.arena ? s : w.sharedFor(arena), at)
    } else {
      const own = new RecordWriter(core, w.prefix, serializers, msgPrefix, redact, level ?? 0, level === null ? w : null)
      child = new Ctor(new Shared(own, arena), at)
      own.owner = child
    }
    if (core.onChild !== null) core.onChild(child)
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
    const s = this.#s
    const w = s.w
    const format = w.core.bindingsFormatter
    if (format !== null && w.core.root === this) bindings = format(bindings) as Record<string, unknown>
    // New bytes in the arena; the children made before keep theirs, as pino's do. (The
    // cached header names the bindings it holds: it is not this logger's any more.)
    this.#at = storeBindings(bindings, w.serializers, w.redact, w.core.limits, s.arena, this.#at)
    const arena = storedArena()
    if (arena !== s.arena) this.#s = w.sharedFor(arena)
  }

  /**
   * Runs fn (returning what it returns) with `bindings` on every record that any logger of
   * this root writes inside it and its async continuations, after that logger's own
   * bindings (see observe/context.ts). Nested calls add to the bindings.
   */
  withBindings<T> (bindings: Record<string, unknown>, fn: () => T): T {
    const w = this.#s.w
    return runWithBindings(w.core.observe, bindings, w.serializers, w.redact, w.core.limits, fn)
  }

  /** The child bindings (and name), as pino returns them: pid and hostname left out. */
  bindings (): Record<string, unknown> {
    const s = this.#s
    return decodeBindings(s.w.prefix, s.arena, this.#at)
  }

  flush (cb?: (err?: Error | null) => void): void {
    this.#s.w.core.dest.flush(cb)
  }

  flushSync (): void {
    this.#s.w.core.dest.flushSync()
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

type LoggerClass = new (s: Shared, at: number) => Logger<string>

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
      Logger.logAt(this, writeAs, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : argsOf(c, d, e, f, g, h, i, j))
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
      Logger.logAt(this, writeAs, a[0], a[1], argsFrom(a, 2))
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

/**
 * Child options that change nothing: `{}`, which fastify passes for every request of a
 * route without logger options of its own. The child is then the everyday one (checking
 * each option of an empty object was 3 to 9% of such a child, Node 24 and 26).
 */
function noOptions (opts: unknown): boolean {
  if (typeof opts !== 'object' || opts === null) return false
  for (const _key in opts) return false
  return true
}
