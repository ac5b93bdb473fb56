/**
 * createLogger: options resolved once into a Core, then the root logger. Level methods
 * that depend on the options (custom levels, hooks.logMethod) live on a subclass made for
 * this logger and shared by its children, never on each instance.
 */
import { LEVEL_NAMES } from '../levels.js'
import { resolveOptions, type LoggerOptions } from '../options.js'
import { NO_ARGS } from './args.js'
import { encodeBindings } from './bindings.js'
import { reasonOf } from './features.js'
import { type CustomLogger, Logger, type LogFn } from './logger.js'
import { RecordWriter } from './record.js'

type LogMethodHook = NonNullable<NonNullable<LoggerOptions['hooks']>['logMethod']>

/** Makes a logger. Bad options throw a TypeError here, never later from a log call. */
export function createLogger<CustomLevels extends string = never> (opts: LoggerOptions<CustomLevels> = {}): CustomLogger<CustomLevels> {
  const r = resolveOptions(opts as LoggerOptions<string>)
  const { core } = r
  let Ctor: typeof Logger = Logger
  const custom = opts.customLevels !== undefined && opts.customLevels !== null
  if (custom || r.logMethod !== null) {
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
  const root = new Ctor(new RecordWriter(core, chindings, r.serializers, r.msgPrefix, r.redact), r.level)
  core.root = root
  return root as CustomLogger<CustomLevels>
}

/** A level method at a fixed level, for custom levels (fixed parameters: see args.ts). */
function levelMethod (lv: number): LogFn {
  return function (this: Logger, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown, h?: unknown, i?: unknown, j?: unknown): void {
    if (this.levelVal <= lv) Logger.logAt(this, lv, a, b, c === undefined && d === undefined && e === undefined && f === undefined && g === undefined && h === undefined && i === undefined && j === undefined ? NO_ARGS : [c, d, e, f, g, h, i, j])
  }
}

/**
 * hooks.logMethod around a level: hook(args, method, level), method writes the record. A
 * hook that throws never throws into the app: the record it was given is written with a
 * field saying what failed, unless the hook had already written it.
 */
function hookedMethod (lv: number, hook: LogMethodHook): LogFn {
  const write = function (this: Logger, ...args: unknown[]): void {
    Logger.logAt(this, lv, args[0], args[1], args.length > 2 ? args.slice(2, 10) : NO_ARGS)
  }
  return function (this: Logger, ...args: unknown[]): void {
    if (this.levelVal > lv) return
    let wrote = false
    const method = function (this: Logger, ...a: unknown[]): void {
      wrote = true
      write.apply(this, a)
    }
    try {
      hook.call(this, args, method, lv)
    } catch (err) {
      if (!wrote) Logger.logAt(this, lv, { bytelog: `[hooks.logMethod threw: ${reasonOf(err)}]` }, undefined, NO_ARGS)
    }
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
