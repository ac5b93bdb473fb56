/**
 * The public Logger: pino's level methods, level changes, child loggers and bindings. The
 * record itself is written by the logger's RecordWriter (record.ts); a level method only
 * checks the level and hands its arguments over.
 *
 * A record is laid out as pino lays it out: level, time, base and name, child bindings,
 * the object's fields (or the event's) in order, the message last, then "}\n".
 */
import stdSerializers from 'pino-std-serializers'
import type { Destination } from '../destination.js'
import { type Event, NOOP_EVENT } from '../event.js'
import type { LevelName, LevelTable } from '../levels.js'
import type { Core, Serializers } from '../options.js'
import { Redactor, type RedactOptions } from '../redact.js'
import { NO_ARGS } from './args.js'
import { decodeBindings, encodeBindings } from './bindings.js'
import { LazyEmitter } from './emitter.js'
import { RecordWriter } from './record.js'

/** A level method: pino's signature. */
export type LogFn = (obj?: unknown, msg?: unknown, ...args: unknown[]) => void

export interface ChildOptions<Level extends string = string> {
  level?: Level | 'silent'
  serializers?: Serializers
  msgPrefix?: string
  /** Replaces the parent's redaction for this child. */
  redact?: string[] | RedactOptions
}

const SERIALIZERS = Symbol.for('pino.serializers')

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

export class Logger<CustomLevels extends string = never> extends LazyEmitter {
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

  get level (): LevelName | CustomLevels | 'silent' {
    return this.#core.levels.label(levelOf(this.#lv)) as LevelName | CustomLevels | 'silent'
  }

  set level (level: LevelName | CustomLevels | 'silent') {
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

  isLevelEnabled (level: LevelName | CustomLevels | 'silent'): boolean {
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
    return Object.assign(Object.create(null) as Serializers, { err: stdSerializers.err }, this.#w.serializers)
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
    if (levelOf(this.#lv) <= 60) this.#w.write(60, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j], this)
  }

  /** pino's `silent` method: writes nothing ('silent' is above every level). */
  silent (obj?: unknown, msg?: unknown, ...args: unknown[]): void
  silent (): void {}

  /** @internal The encoded bindings as text (see usePinoSymbols). */
  static chindingsOf (logger: Logger): string {
    return logger.#w.chindings.toString('utf8')
  }

  /** @internal A level method for a custom level, or one called through hooks.logMethod. */
  static logAt (logger: Logger, lv: number, a: unknown, b: unknown, printf: unknown[]): void {
    if (levelOf(logger.#lv) <= lv) logger.#w.write(lv, a, b, printf, logger)
  }

  /**
   * A typed record built field by field, finished by msg() or send(). On a disabled level
   * (or an unknown level name) it is one shared event whose methods do nothing.
   */
  event (level: LevelName | CustomLevels): Event {
    const v = this.#core.levels.value(level)
    if (v === undefined || v < levelOf(this.#lv)) return NOOP_EVENT
    return this.#w.event(v)
  }

  child (bindings: Record<string, unknown>, opts?: ChildOptions<LevelName | CustomLevels>): CustomLogger<CustomLevels> {
    if (typeof bindings !== 'object' || bindings === null) {
      throw new TypeError('bytelog: child() takes an object of bindings')
    }
    const core = this.#core
    const w = this.#w
    // Without a level of its own, the child follows this logger's (see LevelBox).
    let lv: LevelBox | number = this.#lv
    let serializers = w.serializers
    let msgPrefix = w.msgPrefix
    let redact = w.redact
    if (opts !== undefined) {
      if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: child options must be an object')
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
    }
    const Ctor = this.constructor as new (w: RecordWriter, lv: LevelBox | number) => CustomLogger<CustomLevels>
    const chindings = encodeBindings(bindings, serializers, redact, w.chindings)
    const child = new Ctor(new RecordWriter(core, chindings, serializers, msgPrefix, redact), lv)
    if (core.onChild !== null) core.onChild(child)
    return child
  }

  /** Adds bindings to this logger (pino's setBindings; on the root, through formatters.bindings). */
  setBindings (bindings: Record<string, unknown>): void {
    const w = this.#w
    const format = w.core.bindingsFormatter
    if (format !== null && w.core.root === this) bindings = format(bindings)
    w.chindings = encodeBindings(bindings, w.serializers, w.redact, w.chindings)
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

/** A logger with a method for each custom level name. */
export type CustomLogger<CustomLevels extends string> = Logger<CustomLevels> & Record<CustomLevels, LogFn>
