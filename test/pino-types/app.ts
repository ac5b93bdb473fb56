// A small app written against pino's types, as pino's users write one. test/pino-types.test.ts
// type-checks this file twice: as it is, against bytelog, and with the import line below
// changed to 'pino', against pino's own types. Both must pass, and every @ts-expect-error
// line must be an error under both.
import pino from '../../src/index.js'
import { createServer, type IncomingMessage } from 'node:http'

const level: pino.LevelWithSilentOrString = process.env.LOG_LEVEL ?? 'info'

const options: pino.LoggerOptions = {
  level,
  name: 'api',
  redact: ['req.headers.authorization', 'password'],
  serializers: { err: pino.stdSerializers.err, req: pino.stdSerializers.req, res: pino.stdSerializers.res },
  timestamp: pino.stdTimeFunctions.isoTime,
  base: { service: 'api', version: '1.2.3' },
  messageKey: 'msg',
}

const file: pino.DestinationStream = pino.destination({ dest: './app.log', sync: false, mkdir: true })
const logger: pino.Logger = process.env.NODE_ENV === 'development'
  ? pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } })
  : pino(options, file)

const errorsToo = pino.multistream([
  { stream: process.stdout },
  { level: 'error', stream: pino.destination(2) },
])
const both = pino({ level: 'debug' }, errorsToo)
both.debug('to stdout only')

const viaTransport = pino(pino.transport({ targets: [{ target: 'pino/file', options: { destination: 1 }, level: 'info' }] }))
viaTransport.warn({ targets: 1 }, 'through a transport')

const plain = pino()
const toStderr = pino(pino.destination(2))
plain.info('started')
toStderr.error('to stderr')

function requestLogger (parent: pino.Logger, req: IncomingMessage): pino.Logger {
  return parent.child({ reqId: req.headers['x-request-id'] ?? 'none', method: req.method, url: req.url })
}

const server = createServer((req, res) => {
  const log = requestLogger(logger, req)
  log.info({ req }, 'request')
  try {
    if (req.url === '/boom') throw new Error('boom')
    res.end('ok')
    log.info({ res, ms: 3 }, 'done in %d ms', 3)
  } catch (err) {
    log.error(err, 'handler failed')
    log.error({ err }, 'handler failed, again')
    res.statusCode = 500
    res.end()
  }
})

if (logger.isLevelEnabled('debug')) logger.debug({ port: 0 }, 'debug is on')
logger.level = 'warn'
const lv: string = logger.level
logger.info('%s is %o', lv, { a: 1 })
logger.fatal('fatal')
logger.trace('trace')
logger.silent('nothing')
const values: number = pino.levels.values.info!
const label: string = pino.levels.labels[30]!
const version: string = pino.version
logger.info({ values, label, version }, 'levels')

server.listen(0, () => logger.info('listening'))
process.on('SIGTERM', () => {
  server.close()
  logger.flush()
  process.exit(0)
})

// @ts-expect-error: not an option
pino({ levell: 'info' })
// @ts-expect-error: a level is a name, not a number
pino({ level: 30 })
// @ts-expect-error: not one of pino's time functions
pino.stdTimeFunctions.localTime()
// @ts-expect-error: not a method of a logger
logger.notice('no such level')
// @ts-expect-error: child takes bindings
logger.child('reqId')
