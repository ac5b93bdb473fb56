/**
 * bytelog: a structured JSON logger for Node.js that allocates nothing on the JS heap
 * per log call. Records are byte-compatible with pino's.
 */
export { createLogger, Logger, usePinoSymbols } from './logger/index.js'
export type { ChildOptions, CustomLogger, LogFn, LoggerOptions, Serializers } from './logger/index.js'
export type { Formatters } from './options.js'
export type { RedactOptions } from './redact.js'
export { default as stdSerializers } from 'pino-std-serializers'
export { destination, Destination } from './destination.js'
export type { DestinationOptions, Writable } from './destination.js'
export { transport } from './transport.js'
export type { TransportOptions, TransportTarget } from './transport.js'
export { Event } from './event.js'
export { LEVELS, LevelTable } from './levels.js'
export type { LevelName, LevelOption } from './levels.js'
export type { PoolOptions, PoolStats } from './pool.js'
export type { TimeOption } from './time.js'
export { otelSink, toLogRecord } from './observe/otel-sink.js'
export type { OtelLoggerProvider, OtelLogRecord, OtelSinkOptions } from './observe/otel-sink.js'
export type { SampleOptions, SampleRule } from './observe/sample.js'
