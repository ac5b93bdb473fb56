// Request context without passing a logger around: log.withBindings({ reqId }, fn) puts the
// request's id on every record written inside fn and whatever it starts (awaits, timers),
// by any logger of the same root. Run with `node examples/request-context.mjs`: three
// requests run at once; each record names its own request.
import { setTimeout as sleep } from 'node:timers/promises'
import { createLogger } from 'bytelog'

const log = createLogger()
// A module's logger, made once at startup: it never sees a request object.
const db = log.child({ mod: 'db' })

async function query (sql) {
  db.info({ sql }, 'query') // the request's bindings come after the child's own
  await sleep(5)
}

async function handle (reqId, user) {
  log.info({ user }, 'request started')
  await query('select 1')
  // Nested: the bindings add up for what runs inside.
  await log.withBindings({ step: 'billing' }, async () => {
    await sleep(1)
    log.info('charged')
  })
  log.info('request done')
}

await Promise.all([
  log.withBindings({ reqId: 'r-1' }, () => handle('r-1', 'ann')),
  log.withBindings({ reqId: 'r-2' }, () => handle('r-2', 'bob')),
  log.withBindings({ reqId: 'r-3' }, () => handle('r-3', 'cy')),
])
log.info('all requests done') // outside any context: no reqId
log.flushSync()
