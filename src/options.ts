/**
 * createLogger's options, checked and resolved once into the Core a logger and all its
 * children share. Bad options throw a TypeError here, never later from a log call.
 */
import { Observe } from './observe/observe.js'
import { loadOtelApi, OtelIds } from './observe/otel.js'
import { Sampler, type SampleOptions } from './observe/sample.js'
import { hostname } from 'node:os'
import { Destination, destination, type DestinationOptions, type Writable } from './destination/index.js'
import { pinoConfigMessage, transport, USES_MULTISTREAM, type TransportOptions } from './transport.js'
import { bytes } from './encoder/bytes.js'
import { Limits, UNLIMITED } from './encoder/limits.js'
import { type LevelComparison, type LevelName, LevelTable } from './levels.js'
import { Redactor, type RedactOptions } from './redact.js'
import { createTimeFormat, type TimeFormat, type TimeOption } from './time.js'

/**
 * A pino serializer: the value under its key, replaced by what it returns. Declared as a
 * method so that a serializer typed for its own value (`(req: IncomingMessage) => ...`)
 * is accepted, as pino's types accept it, without an `any`.
 */
export type Serializer = { bivariant (value: unknown): unknown }['bivariant']
/** Serializers by key; `err: null` turns off the default err serializer, as in pino. */
export type Serializers = Record<string, Serializer | null>

export interface Formatters {
  /** The level's fields: `{ level: number }` by default. Called once per level, at creation. */
  level?: (label: string, number: number) => object
  /** Applied to the root's base fields (and name) before they are encoded; as in pino, not to children's bindings. */
  bindings?: (bindings: Record<string, unknown>) => object
  /** Applied to each record's object before it is encoded. */
  log?: (object: Record<string, unknown>) => object
}

/**
 * A level as the `level` option, `logger.level` and child options take it: one of the
 * logger's level names, 'silent', a standard name in capitals (lowercased, as pino), or a
 * level's number.
 */
export type LevelInput<Names extends string> = Names | 'silent' | Uppercase<Names & LevelName> | number

export interface LoggerOptions<CustomLevels extends string = never> {
  /** Lowest level written. Default 'info'. A standard name in capitals is lowercased, as pino. */
  level?: LevelInput<LevelName | NoInfer<CustomLevels>>
  /** 'epoch' (ms, default), 'unix' (s), 'iso', false, or a pattern such as 'yyyy-MM-dd HH:mm:ss.SSS'. */
  time?: TimeOption
  /** pino's form of `time`: true (epoch ms), false, or a function returning `,"time":...`. */
  timestamp?: boolean | (() => string)
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
  /** Put the object's fields under this key. */
  nestedKey?: string
  /** A string put before every message. */
  msgPrefix?: string
  /** End records with \r\n. */
  crlf?: boolean
  /** false: write nothing (as level 'silent'). */
  enabled?: boolean
  /** Functions by key, applied to object fields, child bindings and the message. */
  serializers?: Serializers
  /** Paths to censor in object fields and bindings: pino's syntax (`a.b`, `a[*].c`, `*.password`). */
  redact?: string[] | RedactOptions
  formatters?: Formatters
  /** Fields merged into every record: mixin(mergeObject, level, logger). */
  mixin?: (mergeObject: Record<string, unknown>, level: number, logger: unknown) => Record<string, unknown>
  /** How mixin's fields and the call's are merged. Default: the call's win. */
  mixinMergeStrategy?: (mergeObject: Record<string, unknown>, mixinObject: Record<string, unknown>) => Record<string, unknown>
  /** Extra levels, by name: value. Each gets a method. */
  customLevels?: Record<CustomLevels, number>
  /** Only the custom levels exist. */
  useOnlyCustomLevels?: boolean
  /** How a level is compared with the threshold: 'ASC' (default), 'DESC', or (current, expected) => enabled. */
  levelComparison?: LevelComparison
  /** Called with every child logger, once made. */
  onChild?: (child: import('./logger/index.js').Logger<CustomLevels>) => void
  hooks?: {
    /** Wraps every level method: logMethod(args, method, level) calls method.apply(this, args). */
    logMethod?: (this: import('./logger/index.js').Logger<CustomLevels>, args: unknown[], method: (...args: unknown[]) => void, level: number) => void
    /** The record's line (a string, newline included) before it is written; returns the line to write. */
    streamWrite?: (line: string) => string
  }
  /** A destination(), options for one, or any object with write(chunk). Default stdout. */
  destination?: Destination | Writable | DestinationOptions
  /** pino transports in a worker thread: `{ target, options }` or `{ targets: [...] }`. */
  transport?: TransportOptions
  /** Human-readable output through pino-pretty (installed by the app), in a worker. */
  pretty?: boolean | Record<string, unknown>
  /** The active OpenTelemetry span's trace_id, span_id and trace_flags on every record (needs @opentelemetry/api). */
  otel?: boolean
  /** Per interval, the first records with the same level and message, then one in `thereafter` (see observe/sample.ts). */
  sample?: SampleOptions
  /**
   * Nested arrays and objects this many levels below a field's value are written as
   * "[Array]" / "[Object]". Unset: any depth. (pino applies it only to values
   * JSON.stringify cannot write; bytelog, when it is set, to every value.)
   */
  depthLimit?: number
  /**
   * Arrays and objects are written with their first this many items or keys, then
   * `"... N items not stringified"`. Unset: all of them. (pino: as depthLimit.)
   */
  edgeLimit?: number
}

/** Shared by a logger and all its children. */
export interface Core {
  readonly dest: Destination
  readonly levels: LevelTable
  readonly time: TimeFormat | null
  /** pino's timestamp function, when given instead of `time`. */
  readonly timestampFn: (() => string) | null
  readonly messageKey: string
  readonly errorKey: string
  /** `,"msg":` */
  readonly msgField: Buffer
  /** `,"err":` */
  readonly errField: Buffer
  /** `,"<nestedKey>":{` or null */
  readonly nestedOpen: Buffer | null
  /** The level fields without the closing brace (`{"level":N`), by level value. */
  readonly prefix: Record<number, Buffer>
  /** Bytes of room the fixed header needs, bindings aside. */
  readonly headerMax: number
  /** `}\n`, or `}\r\n` with crlf. */
  readonly close: Buffer
  readonly bindingsFormatter: ((b: Record<string, unknown>) => object) | null
  /** formatters.level, kept for a child that adds levels (its level fields are made anew). */
  readonly levelFormatter: NonNullable<Formatters['level']> | null
  readonly logFormatter: ((o: Record<string, unknown>) => object) | null
  readonly mixin: NonNullable<LoggerOptions['mixin']> | null
  readonly mixinMergeStrategy: NonNullable<LoggerOptions['mixinMergeStrategy']>
  readonly onChild: ((child: import('./logger/index.js').Logger<string>) => void) | null
  /** hooks.streamWrite: each record's line through it, as a string (only where it is set). */
  readonly streamWrite: ((line: string) => string) | null
  /** No option that needs the general record path (mixin, formatters.log, nestedKey...). */
  readonly plain: boolean
  /** depthLimit and edgeLimit; UNLIMITED when neither is set. Installed around each record (see encoder/limits.ts). */
  readonly limits: Limits
  /** Context bindings, otel ids and sampling: one per root, shared by derived Cores. */
  readonly observe: Observe
  /** The logger createLogger made (children report level changes to it). */
  root: import('./logger/emitter.js').LazyEmitter | null
}

const KNOWN = new Set([
  'level', 'time', 'timestamp', 'utc', 'base', 'name', 'messageKey', 'errorKey', 'nestedKey', 'msgPrefix', 'crlf',
  'enabled', 'serializers', 'formatters', 'mixin', 'mixinMergeStrategy', 'customLevels', 'useOnlyCustomLevels',
  'levelComparison', 'onChild', 'hooks', 'destination', 'redact', 'transport', 'pretty',
  'otel', 'sample', 'depthLimit', 'edgeLimit',
])
const KNOWN_HOOKS = new Set(['logMethod', 'streamWrite'])

/** Keys already warned about: one warning per key per process. */
const warnedKeys = new Set<string>()

/**
 * pino ignores option keys it does not know (apps pass old or framework keys); so does
 * bytelog, with one process warning per key so that a typo is still seen.
 */
function warnUnknown (key: string): void {
  if (warnedKeys.has(key)) return
  warnedKeys.add(key)
  process.emitWarning(`bytelog: unknown option ${JSON.stringify(key)} is ignored`, 'BytelogWarning')
}

function fnOption<T> (v: unknown, name: string): T | null {
  if (v === undefined) return null
  if (typeof v !== 'function') throw new TypeError(`bytelog: ${name} must be a function`)
  return v as T
}

function keyOption (v: unknown, dflt: string, name: string): string {
  if (v === undefined) return dflt
  if (typeof v !== 'string' || v === '') throw new TypeError(`bytelog: ${name} must be a non-empty string`)
  return v
}

function objectOption (v: unknown, name: string): Record<string, unknown> | null {
  if (v === undefined) return null
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`bytelog: ${name} must be an object`)
  return v as Record<string, unknown>
}

function boolOption (v: unknown, name: string): boolean | undefined {
  if (v !== undefined && typeof v !== 'boolean') throw new TypeError(`bytelog: ${name} must be a boolean`)
  return v
}

/**
 * depthLimit or edgeLimit: an integer of at least 1, or Infinity when not given. pino's
 * checks (safe-stable-stringify's): a TypeError for a non-number or a non-integer, a
 * RangeError below 1.
 */
function limitOption (v: unknown, name: string): number {
  if (v === undefined) return Infinity
  if (typeof v !== 'number') throw new TypeError(`bytelog: ${name} must be a number`)
  if (!Number.isInteger(v)) throw new TypeError(`bytelog: ${name} must be an integer`)
  if (v < 1) throw new RangeError(`bytelog: ${name} must be >= 1`)
  return v
}

const defaultMerge = (mergeObject: Record<string, unknown>, mixinObject: Record<string, unknown>): Record<string, unknown> =>
  Object.assign(mixinObject, mergeObject)

export interface Resolved {
  core: Core
  level: number
  base: Record<string, unknown> | null
  serializers: Serializers | null
  redact: Redactor | null
  msgPrefix: string | undefined
  logMethod: NonNullable<NonNullable<LoggerOptions['hooks']>['logMethod']> | null
}

export function resolveOptions (opts: LoggerOptions<string>): Resolved {
  if (typeof opts !== 'object' || opts === null) throw new TypeError('bytelog: createLogger takes an options object')
  for (const k of Object.keys(opts)) {
    if (!KNOWN.has(k)) warnUnknown(k)
  }
  if ((opts as { prettyPrint?: unknown }).prettyPrint) {
    // pino's error (it throws here too): a pino 6 option that silently did nothing would hide logs.
    throw new TypeError('prettyPrint option is no longer supported, see the pino-pretty package (https://github.com/pinojs/pino-pretty)')
  }
  const custom = objectOption(opts.customLevels, 'customLevels') as Record<string, number> | null
  const onlyCustom = boolOption(opts.useOnlyCustomLevels, 'useOnlyCustomLevels') === true
  // pino's message, which apps and tests match on.
  if (onlyCustom && custom === null) throw new TypeError('customLevels is required if useOnlyCustomLevels is set true')
  const levels = new LevelTable(custom, onlyCustom, opts.levelComparison)
  const enabled = boolOption(opts.enabled, 'enabled') !== false
  if (opts.level !== undefined && typeof opts.level !== 'string' && typeof opts.level !== 'number') {
    throw new TypeError('bytelog: level must be a level name or number')
  }
  const level = levels.parse(opts.level === undefined ? 'info' : opts.level)
  const utc = boolOption(opts.utc, 'utc')
  const crlf = boolOption(opts.crlf, 'crlf') === true
  if (opts.name !== undefined && typeof opts.name !== 'string') throw new TypeError('bytelog: name must be a string')
  if (opts.msgPrefix !== undefined && typeof opts.msgPrefix !== 'string') throw new TypeError('bytelog: msgPrefix must be a string')
  const messageKey = keyOption(opts.messageKey, 'msg', 'messageKey')
  const errorKey = keyOption(opts.errorKey, 'err', 'errorKey')
  const nestedKey = opts.nestedKey === undefined ? null : keyOption(opts.nestedKey, '', 'nestedKey')

  let time: TimeFormat | null
  let timestampFn: (() => string) | null = null
  if (opts.timestamp !== undefined) {
    if (opts.time !== undefined) throw new TypeError('bytelog: give time or timestamp, not both')
    if (typeof opts.timestamp === 'function') {
      time = null
      timestampFn = opts.timestamp
    } else if (typeof opts.timestamp === 'boolean') {
      time = createTimeFormat(opts.timestamp ? 'epoch' : false, true)
    } else {
      throw new TypeError('bytelog: timestamp must be a boolean or a function')
    }
  } else {
    time = createTimeFormat(opts.time, utc !== false)
  }

  const depthLimit = limitOption(opts.depthLimit, 'depthLimit')
  const edgeLimit = limitOption(opts.edgeLimit, 'edgeLimit')

  const formatters = objectOption(opts.formatters, 'formatters') ?? {}
  for (const k of Object.keys(formatters)) {
    if (k !== 'level' && k !== 'bindings' && k !== 'log') throw new TypeError(`bytelog: unknown formatter ${JSON.stringify(k)}`)
  }
  const levelFormatter = fnOption<NonNullable<Formatters['level']>>(formatters.level, 'formatters.level')
  const { prefix, prefixMax } = levelPrefixes(levels, levelFormatter)

  const serializers = objectOption(opts.serializers, 'serializers') as Serializers | null
  if (serializers !== null) {
    for (const k of Object.keys(serializers)) if (serializers[k] !== null) fnOption(serializers[k], `serializers.${k}`)
  }
  const hooks = objectOption(opts.hooks, 'hooks') ?? {}
  for (const k of Object.keys(hooks)) if (!KNOWN_HOOKS.has(k)) warnUnknown(`hooks.${k}`)
  const logMethod = fnOption<NonNullable<NonNullable<LoggerOptions['hooks']>['logMethod']>>(hooks.logMethod, 'hooks.logMethod')
  const streamWrite = fnOption<(line: string) => string>(hooks.streamWrite, 'hooks.streamWrite')
  const mixin = fnOption<NonNullable<LoggerOptions['mixin']>>(opts.mixin, 'mixin')
  const logFormatter = fnOption<NonNullable<Formatters['log']>>(formatters.log, 'formatters.log')

  let base: Record<string, unknown> | null
  if (opts.base === null) base = null
  else if (opts.base === undefined) base = { pid: process.pid, hostname: hostname() }
  else base = objectOption(opts.base, 'base')
  if (base !== null && opts.name !== undefined) base = { ...base, name: opts.name }

  // Before the destination, so that a missing @opentelemetry/api throws with nothing opened.
  const observe = new Observe(boolOption(opts.otel, 'otel') === true ? new OtelIds(loadOtelApi()) : null,
    opts.sample === undefined ? null : new Sampler(opts.sample, levels))
  const dest = makeDestination(opts, levels, messageKey, errorKey, levelFormatter)
  const core: Core = {
    dest,
    levels,
    time,
    timestampFn,
    messageKey,
    errorKey,
    msgField: bytes(`,${JSON.stringify(messageKey)}:`),
    errField: bytes(`,${JSON.stringify(errorKey)}:`),
    nestedOpen: nestedKey === null ? null : bytes(`,${JSON.stringify(nestedKey)}:{`),
    prefix,
    headerMax: prefixMax + (time?.maxBytes ?? 0),
    close: bytes(crlf ? '}\r\n' : '}\n'),
    bindingsFormatter: fnOption(formatters.bindings, 'formatters.bindings'),
    levelFormatter,
    logFormatter,
    mixin,
    mixinMergeStrategy: fnOption<NonNullable<LoggerOptions['mixinMergeStrategy']>>(opts.mixinMergeStrategy, 'mixinMergeStrategy') ?? defaultMerge,
    onChild: fnOption(opts.onChild, 'onChild'),
    streamWrite,
    plain: mixin === null && logFormatter === null && nestedKey === null && timestampFn === null,
    limits: depthLimit === Infinity && edgeLimit === Infinity ? UNLIMITED : new Limits(depthLimit, edgeLimit),
    observe,
    root: null,
  }
  return {
    core,
    level: enabled ? level : Infinity,
    base,
    serializers,
    redact: opts.redact === undefined ? null : new Redactor(opts.redact),
    msgPrefix: opts.msgPrefix,
    logMethod,
  }
}

/**
 * The level fields of every level the table has a label for, without the closing brace
 * (`{"level":N`): pino's form, the formatter's object as JSON. Labels, not values: a
 * standard name that customLevels moved still writes its standard number (see written()).
 */
export function levelPrefixes (levels: LevelTable, levelFormatter: NonNullable<Formatters['level']> | null): { prefix: Record<number, Buffer>, prefixMax: number } {
  const prefix: Record<number, Buffer> = Object.create(null) as Record<number, Buffer>
  let prefixMax = 0
  for (const key of Object.keys(levels.labels)) {
    const v = Number(key)
    const name = levels.labels[v]!
    const json = levelFormatter === null ? `{"level":${v}}` : JSON.stringify(levelFormatter(name, v))
    prefix[v] = bytes(json.slice(0, -1))
    prefixMax = Math.max(prefixMax, prefix[v].length)
  }
  return { prefix, prefixMax }
}

function hasBeenPatched (stream: NodeJS.WriteStream): boolean {
  const proto = (stream.constructor as { prototype?: { write?: unknown } } | undefined)?.prototype
  return proto !== undefined && stream.write !== proto.write
}

/** Where records go: a destination, a transport, pino-pretty, or stdout. */
function makeDestination (opts: LoggerOptions<string>, levels: LevelTable, messageKey: string, errorKey: string, levelFormatter: Formatters['level'] | null): Destination {
  const pretty = opts.pretty === undefined || opts.pretty === false ? null : opts.pretty
  if (pretty !== null && typeof pretty !== 'boolean' && (typeof pretty !== 'object' || pretty === null)) {
    throw new TypeError('bytelog: pretty must be a boolean or pino-pretty\'s options')
  }
  const given = [opts.destination !== undefined, opts.transport !== undefined, pretty !== null].filter(Boolean).length
  if (given > 1) throw new TypeError('bytelog: give only one of destination, transport and pretty')
  // pino's handshake with its destination stream, sent by the logger (a transport made
  // before it learns this logger's levels and keys): pino-pretty and transports read it.
  const config = pinoConfigMessage({ levels: { ...levels.values }, messageKey, errorKey })
  if (opts.transport !== undefined || pretty !== null) {
    const t = opts.transport ?? { target: 'pino-pretty', options: pretty === true ? {} : pretty as Record<string, unknown> }
    // pino's guard (lib/tools.js): its worker routes by the numeric level a custom level formatter may drop.
    if (Array.isArray(t.targets) && t.targets.length > 0 && levelFormatter !== null) {
      throw new TypeError('option.transport.targets do not allow custom level formatters')
    }
    // pino gives transport() the custom levels alone, as `levels` (and only when there are some).
    // (A `levels` of the transport option's own is dropped, as pino drops it.)
    const { levels: _, ...rest } = t
    const custom = opts.customLevels === undefined || opts.customLevels === null ? null : { ...opts.customLevels as Record<string, number> }
    const dest = transport(custom === null ? rest : { ...rest, levels: custom })
    dest.emit('message', config)
    return dest
  }
  const d = opts.destination
  if (d instanceof Destination) {
    if ((d as { [USES_MULTISTREAM]?: boolean })[USES_MULTISTREAM] === true) checkLevelFormatter(levels, opts.level, levelFormatter)
    d.emit('message', config)
    return d
  }
  // As pino: a process.stdout.write that a test runner or an APM agent patched is honoured
  // (each record goes through it as a Buffer of its own); otherwise fd 1, directly.
  if (d === undefined && hasBeenPatched(process.stdout)) return new Destination(process.stdout as unknown as Writable)
  const emit = (d as { emit?: unknown } | undefined)?.emit
  if (typeof emit === 'function') emit.call(d, 'message', config)
  return destination(d as DestinationOptions | undefined)
}

/**
 * pino's warning (pino.js) for a transport with several targets given as the stream: the
 * worker routes each line by its numeric `level`, which a custom level formatter may not
 * write. pino samples the formatter with one level; so does this.
 */
function checkLevelFormatter (levels: LevelTable, level: unknown, levelFormatter: Formatters['level'] | null): void {
  if (levelFormatter === null || levelFormatter === undefined) return
  const label = typeof level === 'string' && levels.value(level) !== undefined ? level : Object.keys(levels.values)[0]!
  const number = levels.values[label]!
  let ok = false
  try {
    const formatted = levelFormatter(label, number) as { level?: unknown } | null
    ok = typeof formatted === 'object' && formatted !== null && formatted.level === number
  } catch {
    ok = false
  }
  if (!ok) {
    process.emitWarning('custom formatters.level detected with multiple transport targets/pipelines; ensure logs include a numeric "level" field or they may be dropped',
      { code: 'PINO_TRANSPORT_MULTI_TARGETS_LEVEL_FORMATTER' })
  }
}
