/**
 * createLogger: options resolved once into a Core, then the root logger. Level methods
 * that depend on the options (custom levels, hooks.logMethod) live on a subclass made for
 * this logger and shared by its children, never on each instance.
 */
import { isStandardName, LEVEL_NAMES, LEVELS } from '../levels.js'
import { resolveOptions, type LoggerOptions } from '../options.js'
import { loggerArgs, type DestinationStream } from '../args.js'
import { encodeBindings, NO_BINDINGS, NO_BINDINGS_AT } from './bindings.js'
import { type CustomLogger, installLevelMethod, Logger, type LogMethodHook } from './logger.js'
import { RecordWriter, Shared } from './record.js'
import { NO_ARGS } from './args.js'

/** Makes a logger. Bad options throw a TypeError here, never later from a log call. */
export function createLogger<CustomLevels extends string = never, OnlyCustom extends boolean = false> (
  opts?: LoggerOptions<CustomLevels> & { useOnlyCustomLevels?: OnlyCustom }, stream?: DestinationStream | string): CustomLogger<CustomLevels, OnlyCustom>
/** pino's other call shape: a stream (or a path) alone. */
export function createLogger (stream: DestinationStream | string): CustomLogger<never, false>
export function createLogger<CustomLevels extends string = never, OnlyCustom extends boolean = false> (
  first?: (LoggerOptions<CustomLevels> & { useOnlyCustomLevels?: OnlyCustom }) | DestinationStream | string, stream?: DestinationStream | string): unknown {
  // pino's forms, (opts, stream) and (stream), as one options object.
  const opts = loggerArgs(first as LoggerOptions<CustomLevels> | undefined, stream)
  const r = resolveOptions(opts as LoggerOptions<string>)
  const { core } = r
  const levels = core.levels
  let Ctor: typeof Logger = Logger
  const custom = opts.customLevels !== undefined && opts.customLevels !== null
  if (custom || r.logMethod !== null || !levels.ascending) {
    Ctor = class extends Logger<string> {} as unknown as typeof Logger
    const proto = Ctor.prototype
    if (levels.onlyCustom) {
      for (const name of LEVEL_NAMES) {
        if (levels.value(name) === undefined) Object.defineProperty(proto, name, { value: undefined })
      }
    }
    for (const name of Object.keys(levels.values)) {
      // The standard methods serve a standard level that kept its number, compared as 'ASC'.
      const standard = isStandardName(name) && levels.written(name) === LEVELS[name] && levels.values[name] === LEVELS[name]
      if (r.logMethod !== null || !levels.ascending || !standard) installLevelMethod(proto, name, levels, r.logMethod as LogMethodHook | null)
    }
  }
  // formatters.bindings applies to the root's base fields only; pino gives children none.
  const base = r.base !== null && core.bindingsFormatter !== null ? core.bindingsFormatter(r.base) as Record<string, unknown> : r.base
  const prefix = base === null ? NO_BINDINGS : encodeBindings(base, r.serializers, r.redact, core.limits)
  const w = new RecordWriter(core, prefix, r.serializers, r.msgPrefix, r.redact, r.level, null)
  const root = new Ctor(new Shared(w, NO_BINDINGS), NO_BINDINGS_AT)
  w.owner = root
  core.root = root
  core.observe.sampler?.start((lv, n) => Logger.logAt(root as Logger<string>, lv, { sampled_out: n }, 'bytelog: records sampled out', NO_ARGS))
  return root as unknown as CustomLogger<CustomLevels, OnlyCustom>
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
    Object.defineProperty(proto, symbols.chindingsSym, { get (this: Logger<string>) { return Logger.chindingsOf(this) }, configurable: true })
  }
}
