/**
 * Type tests: checked by `tsc -p test/tsconfig.json` (run by `npm test`), never executed.
 * Each `@ts-expect-error` line must fail to compile: if a type stops rejecting it, tsc
 * reports the unused directive and the check fails.
 */
import type { IncomingMessage } from 'node:http'
import { createLogger, type Logger } from '../src/index.js'

const dest = { write (): void {} }

// Level names are typed wherever a level is taken.
const log = createLogger({ level: 'info', destination: dest })
log.level = 'warn'
log.level = 'INFO'
log.level = 50
log.level = 'silent'
// @ts-expect-error a misspelt level
log.level = 'wran'
// @ts-expect-error a misspelt level
createLogger({ level: 'inof', destination: dest })
// @ts-expect-error a misspelt level
log.isLevelEnabled('wran')
// @ts-expect-error a misspelt level
log.child({}, { level: 'wran' })
// @ts-expect-error a misspelt level
log.event('wran')
log.child({}, { level: 'debug' }).event('debug').msg('ok')
const lvl: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent' = log.level
void lvl

// Custom levels: their names are levels, each with a method.
const custom = createLogger({ customLevels: { audit: 35 }, level: 'audit', destination: dest })
custom.audit('a')
custom.info('still here')
custom.event('audit').send()
custom.child({}).audit('child too')
// @ts-expect-error not a level of this logger
custom.event('notice')
// @ts-expect-error not a level of this logger (NoInfer: the level option does not add names)
createLogger({ customLevels: { audit: 35 }, level: 'notice', destination: dest })

// useOnlyCustomLevels: the standard methods do not exist, in the types as at run time.
const only = createLogger({ customLevels: { low: 10, high: 90 }, useOnlyCustomLevels: true, level: 'low', destination: dest })
only.high('h')
only.child({}).low('l')
only.event('high').send()
// @ts-expect-error no info() with useOnlyCustomLevels
only.info('x')
// @ts-expect-error no 'info' level with useOnlyCustomLevels
only.event('info')
// @ts-expect-error no 'info' level with useOnlyCustomLevels
only.level = 'info'
// A standard name it redefines is there.
const redefined = createLogger({ customLevels: { info: 35, debug: 45 }, useOnlyCustomLevels: true, level: 'info', destination: dest })
redefined.info('i')
// @ts-expect-error not redefined, so absent
redefined.warn('w')

// No `any` reaches the user: listeners, serializers, onChild and hooks are typed.
createLogger({
  destination: dest,
  // A serializer typed for its own value is accepted, as with pino's types.
  serializers: { req: (req: IncomingMessage) => ({ method: req.method }) },
  onChild: (child) => { const c: Logger = child; void c },
  hooks: {
    logMethod (args, method, level) {
      const l: Logger = this
      const n: number = level
      void l; void n
      method.apply(this, args)
    },
    streamWrite: (line) => line.toUpperCase(),
  },
})
log.on('level-change', (label: string, value: number) => { void label; void value })
createLogger({
  destination: dest,
  // @ts-expect-error an untyped serializer's value is unknown, not any
  serializers: { user: (u) => u.id },
  // @ts-expect-error the child is a Logger, not any
  onChild: (child) => { const s: string = child; void s },
  hooks: {
    // @ts-expect-error `this` is the Logger, not any
    logMethod () { const s: string = this; void s },
  },
})
