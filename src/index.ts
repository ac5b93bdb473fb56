/**
 * bytelog: a structured JSON logger for Node.js that allocates nothing on the JS heap
 * per log call. Records are byte-compatible with pino's.
 *
 * The default export is pino's face (`import pino from 'bytelog'`, see pino.ts); the named
 * exports are bytelog's own.
 */
import { pino } from './pino.js'

export default pino
export { pino }
export { createLogger, Logger, usePinoSymbols } from './logger/index.js'
export type { ChildOptions, CustomLogger, LogFn, LoggerOptions, Serializers } from './logger/index.js'
export type { Formatters } from './options.js'
export type { RedactOptions } from './redact.js'
export { default as stdSerializers } from 'pino-std-serializers'
export { stdTimeFunctions } from './std-time.js'
export type { StdTimeFunctions } from './std-time.js'
export { loggerArgs } from './args.js'
export type { DestinationStream } from './args.js'
export { destination, Destination } from './destination/index.js'
export type { DestinationOptions, Writable } from './destination/index.js'
export { multistream, MultiStream } from './multistream.js'
export type { MultiStreamOptions, StreamEntry } from './multistream.js'
export { transport } from './transport.js'
export type { TransportOptions, TransportPipeline, TransportStage, TransportTarget } from './transport.js'
export { Event } from './event.js'
export { LEVELS, LevelTable } from './levels.js'
export type { LevelName, LevelOption } from './levels.js'
export type { PoolOptions, PoolStats } from './pool.js'
export type { TimeOption } from './time.js'
export { otelSink, toLogRecord } from './observe/otel-sink.js'
export type { OtelLoggerProvider, OtelLogRecord, OtelSinkOptions } from './observe/otel-sink.js'
export type { SampleOptions, SampleRule } from './observe/sample.js'
