// A trace id on every record logged inside a request, with no logger passed around:
// AsyncLocalStorage holds the id, and the `mixin` option copies it into each record.
// Run with `node examples/trace-ids.mjs`: three jobs run at once, each in its own context.
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { createLogger } from 'bytelog'

const context = new AsyncLocalStorage()

const log = createLogger({
  // Called for every record of the object API (log.info(...), children's too); whatever it
  // returns is merged into the record. Outside a context there is no store: no field.
  mixin () {
    const store = context.getStore()
    return store === undefined ? {} : { traceId: store.traceId }
  },
})

// Deep in the app: no logger or id passed in, yet every record carries the caller's id.
async function job (name, delayMs) {
  log.info({ job: name }, 'job started')
  await sleep(delayMs) // the store survives awaits...
  log.info({ job: name }, 'after await')
  await new Promise((resolve) => {
    setTimeout(() => { // ...timers...
      log.info({ job: name }, 'in setTimeout')
      resolve()
    }, delayMs)
  })
  // ...and child loggers, whose records go through the same mixin.
  log.child({ component: 'db' }).info({ job: name }, 'job done')
  // The event API writes only the fields it is given (no mixin): add the id yourself.
  log.event('info').str('job', name).str('traceId', context.getStore().traceId).msg('event record')
}

log.info('before any context: no traceId')

// Three jobs at once, with different delays, so their records interleave.
await Promise.all([
  context.run({ traceId: randomUUID() }, () => job('a', 30)),
  context.run({ traceId: randomUUID() }, () => job('b', 10)),
  context.run({ traceId: randomUUID() }, () => job('c', 20)),
])

log.info('after every context: no traceId')
