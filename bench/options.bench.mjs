// What each of pino's options costs when it is used: one representative call from a logger
// with no options (the baseline), then from a logger with each option on its own, bytelog
// beside pino given the same option. Unlike the other cases this one brings its own loggers
// (`loggers`): a pair per option, whose records are checked against each other (`ref`)
// rather than against pino-minLength's. scripts/bench.mjs reports it in a section of its own
// (`options`): each option's cost is its p50 less the baseline's, per library.
//
// The user functions are as small as their option allows (an identity hook, an identity
// log formatter), or do one small thing (a serializer uppercases a string, mixin returns a
// one-field object): what is measured is the option's machinery, not the app's work.
import { fileURLToPath } from 'node:url'
import { bytelogLogger, pinoLogger } from './lib/loggers.mjs'

const TRANSPORT = fileURLToPath(new URL('./lib/file-transport.mjs', import.meta.url))

/** pino's destination in every pair but the transport's: the suite's reference setup. */
const PINO_DEST = { minLength: 4096 }

/**
 * Each option on its own, in table order. `config(path)` returns the options, fresh for
 * each logger (pino and bytelog get equal objects, never the same one); `text` is how
 * RESULTS.md shows it.
 */
export const OPTIONS = [
  { option: 'none', text: 'no options: the baseline', config: () => ({}) },
  {
    option: 'serializers',
    text: '`serializers: { user: (u) => u.toUpperCase() }` (a key the call has)',
    config: () => ({ serializers: { user: (u) => u.toUpperCase() } }),
  },
  {
    option: 'redact',
    text: "`redact: ['password']` (censored as \"[Redacted]\")",
    config: () => ({ redact: ['password'] }),
  },
  {
    option: 'mixin',
    text: "`mixin: () => ({ reqId: 'r-1' })`",
    config: () => ({ mixin: () => ({ reqId: 'r-1' }) }),
  },
  {
    option: 'formatters.level',
    text: '`formatters: { level: (label) => ({ level: label }) }` (the level as its name)',
    config: () => ({ formatters: { level: (label) => ({ level: label }) } }),
  },
  {
    option: 'formatters.bindings',
    text: "`formatters: { bindings: (b) => ({ pid: b.pid, hostname: b.hostname, svc: 'api' }) }`",
    config: () => ({ formatters: { bindings: (b) => ({ pid: b.pid, hostname: b.hostname, svc: 'api' }) } }),
  },
  {
    option: 'formatters.log',
    text: '`formatters: { log: (o) => o }`',
    config: () => ({ formatters: { log: (o) => o } }),
  },
  {
    option: 'hooks.logMethod',
    text: '`hooks: { logMethod (args, method) { return method.apply(this, args) } }`',
    config: () => ({ hooks: { logMethod (args, method) { return method.apply(this, args) } } }),
  },
  {
    option: 'msgPrefix',
    text: "`msgPrefix: '[auth] '`",
    config: () => ({ msgPrefix: '[auth] ' }),
  },
  {
    option: 'nestedKey',
    text: "`nestedKey: 'payload'`",
    config: () => ({ nestedKey: 'payload' }),
  },
  {
    option: 'timestamp',
    text: '``timestamp: () => `,"time":${Date.now()}` `` (a function; epoch ms, as the check wants)',
    config: () => ({ timestamp: () => `,"time":${Date.now()}` }),
  },
  {
    option: 'customLevels',
    text: '`customLevels: { audit: 35 }` (the call is still info())',
    config: () => ({ customLevels: { audit: 35 } }),
  },
  {
    option: 'transport',
    text: "`transport: { target: 'bench/lib/file-transport.mjs' (absolute), options: { destination } }`: a worker thread " +
      '(thread-stream) whose transport appends the lines to /dev/null through an fs.WriteStream; both libraries ' +
      'then write to the thread stream, not to a destination of their own',
    config: (path) => ({ transport: { target: TRANSPORT, options: { destination: path } } }),
  },
]

/** The pair of each option: pino first (its record is the pair's reference), then bytelog. */
const loggers = OPTIONS.flatMap(({ option, config }) => {
  const pino = option === 'none' ? 'pino' : `pino+${option}`
  const bytelog = option === 'none' ? 'bytelog' : `bytelog+${option}`
  return [
    { name: pino, option, ref: pino, ...pinoLogger(PINO_DEST, config) },
    { name: bytelog, option, ref: pino, ...bytelogLogger({}, config) },
  ]
})

export default {
  title: "info({ user: 'ann', items: 3, password: 'x' }, 'signed in')",
  loggers,
  options: OPTIONS.map(({ option, text }) => ({ option, text })),
  op: {
    // The literal is built per call, as application code builds it.
    default: (log) => () => log.info({ user: 'ann', items: 3, password: 'x' }, 'signed in'),
  },
}
