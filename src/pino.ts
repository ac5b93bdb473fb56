/**
 * pino's face: the default export is a function with pino's signature, `pino(opts?, stream?)`
 * or `pino(stream)`, carrying pino's statics, so that a pino app moves over by changing its
 * import line. It makes the same loggers as createLogger.
 */
import stdSerializers from 'pino-std-serializers'
import type { DestinationStream } from './args.js'
import { destination } from './destination/index.js'
import { LEVELS, type LevelName, type LevelOption } from './levels.js'
import { createLogger, usePinoSymbols, type ChildOptions, type CustomLogger, type LogFn } from './logger/index.js'
import { multistream, type MultiStreamOptions, type StreamEntry } from './multistream.js'
import type { LoggerOptions, Serializer } from './options.js'
import { stdTimeFunctions } from './std-time.js'
import { transport, type TransportOptions, type TransportTarget } from './transport.js'
import { VERSION } from './version.js'

const sym = (name: string): symbol => Symbol(`pino.${name}`)

/**
 * The options as pino's types spell them: `level` is any string (pino's
 * LevelWithSilentOrString), so that an app typed against pino (`process.env.LOG_LEVEL`)
 * compiles unchanged. createLogger, bytelog's own face, takes only its level names.
 */
export type PinoOptions<CustomLevels extends string = never> = Omit<LoggerOptions<CustomLevels>, 'level'> & {
  level?: LevelOption | CustomLevels | (string & {})
}

/**
 * pino.symbols' names. Most are pino's private state, which bytelog does not keep; these are
 * symbols of the same names (the registered ones are the same symbols as pino's).
 * `stringifySym` and `chindingsSym` work on bytelog's loggers, as in pino.
 */
const symbols = {
  setLevelSym: sym('setLevel'),
  getLevelSym: sym('getLevel'),
  levelValSym: sym('levelVal'),
  levelCompSym: sym('levelComp'),
  useLevelLabelsSym: sym('useLevelLabels'),
  mixinSym: sym('mixin'),
  lsCacheSym: sym('lsCache'),
  chindingsSym: sym('chindings'),
  asJsonSym: sym('asJson'),
  writeSym: sym('write'),
  serializersSym: Symbol.for('pino.serializers'),
  redactFmtSym: sym('redactFmt'),
  timeSym: sym('time'),
  timeSliceIndexSym: sym('timeSliceIndex'),
  streamSym: sym('stream'),
  stringifySym: sym('stringify'),
  stringifySafeSym: sym('stringifySafe'),
  stringifiersSym: sym('stringifiers'),
  endSym: sym('end'),
  formatOptsSym: sym('formatOpts'),
  messageKeySym: sym('messageKey'),
  errorKeySym: sym('errorKey'),
  nestedKeySym: sym('nestedKey'),
  wildcardFirstSym: sym('wildcardFirst'),
  useOnlyCustomLevelsSym: sym('useOnlyCustomLevels'),
  formattersSym: Symbol.for('pino.formatters'),
  hooksSym: Symbol.for('pino.hooks'),
  nestedKeyStrSym: sym('nestedKeyStr'),
  mixinMergeStrategySym: sym('mixinMergeStrategy'),
  msgPrefixSym: sym('msgPrefix'),
  transportUsesMultistreamSym: Symbol.for('pino.transport.usesMultistream'),
  /** A stream marked with it is given pino's metadata (lastLevel, lastObj...) before each record (multistream is). */
  needsMetadataGsym: Symbol.for('pino.metadata'),
} as const
usePinoSymbols(symbols)

const labels: Record<number, string> = {}
for (const [name, v] of Object.entries(LEVELS)) labels[v] = name

/**
 * Makes a logger, as pino does: `pino()`, `pino(opts)`, `pino(opts, stream)`, `pino(stream)`
 * or `pino(path)`. The stream is a destination(), a transport(), a multistream(), or any
 * object with write(chunk).
 */
function pino<CustomLevels extends string = never> (opts?: PinoOptions<CustomLevels>, stream?: DestinationStream | string): CustomLogger<CustomLevels>
function pino<CustomLevels extends string = never> (stream: DestinationStream | string): CustomLogger<CustomLevels>
function pino<CustomLevels extends string = never> (opts?: PinoOptions<CustomLevels> | DestinationStream | string, stream?: DestinationStream | string): CustomLogger<CustomLevels> {
  // createLogger reads pino's call shapes itself (loggerArgs); only the level's type is wider here.
  return createLogger(opts as LoggerOptions<CustomLevels> | undefined, stream) as CustomLogger<CustomLevels>
}

pino.createLogger = createLogger
pino.destination = destination
pino.transport = transport
pino.multistream = multistream
pino.stdSerializers = stdSerializers
pino.stdTimeFunctions = stdTimeFunctions
/** The standard levels: pino's `{ values, labels }`. */
pino.levels = { values: { ...LEVELS } as Record<string, number>, labels }
pino.symbols = symbols
pino.version = VERSION
pino.default = pino
pino.pino = pino

// pino's type names, for `pino.Logger`, `pino.LoggerOptions` and the like in a typed app.
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace pino {
  type Logger<CustomLevels extends string = never> = CustomLogger<CustomLevels>
  type BaseLogger = CustomLogger<never>
  type LoggerOptions<CustomLevels extends string = never> = PinoOptions<CustomLevels>
  type ChildLoggerOptions = ChildOptions
  type DestinationStream = import('./args.js').DestinationStream
  type Level = LevelName
  type LevelWithSilent = LevelOption
  type LevelWithSilentOrString = LevelOption | (string & {})
  type Bindings = Record<string, unknown>
  type LogFn = import('./logger/index.js').LogFn
  type SerializerFn = Serializer
  type TransportSingleOptions = TransportOptions
  type TransportMultiOptions = TransportOptions
  type TransportTargetOptions = TransportTarget
  type TransportPipelineOptions = import('./transport.js').TransportPipeline
  type StreamEntry = import('./multistream.js').StreamEntry
  type MultiStreamOptions = import('./multistream.js').MultiStreamOptions
  type MultiStreamRes = import('./multistream.js').MultiStream
}

export { pino }
export type { LogFn, MultiStreamOptions, StreamEntry }
