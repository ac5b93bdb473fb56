// bytelog quick start: one record per feature. Run with `npm start` (builds first).
import { createLogger, destination } from 'bytelog'

const log = createLogger({ level: 'debug' })

log.info('hello world')
log.info({ user: 'ann', items: 3 }, 'signed in')
log.info('user %s has %d items (%j)', 'ann', 3, { plan: 'pro' })
log.error(new Error('connection refused'), 'request failed')

// The typed event API: no object is built for the fields.
log.event('info').str('user', 'ann').int('items', 3).num('ratio', 0.5).bool('ok', true).msg('checkout')
log.event('debug').str('cache', 'miss').send()

// Child loggers encode their bindings once, at creation.
const req = log.child({ reqId: 'r-1' })
req.warn({ ms: 1042.5 }, 'slow request')

// Other timestamp formats, and no base fields.
createLogger({ time: 'iso', base: null }).info('iso time')
createLogger({ time: 'yyyy-MM-dd HH:mm:ss.SSS', base: null, name: 'svc' }).info('patterned time')

// A file destination, written synchronously.
const file = createLogger({ destination: destination({ dest: '/tmp/bytelog-quickstart.log', sync: true }) })
file.info('to a file')

log.level = 'warn'
log.info('not written: info is below warn')
log.flush()
