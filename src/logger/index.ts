export { createLogger, usePinoSymbols } from './create.js'
export { Logger } from './logger.js'
export type { ChildOptions, CustomLogger, LevelsOf, LogFn } from './logger.js'
export type { LoggerOptions, Serializers } from '../options.js'
