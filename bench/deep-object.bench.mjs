// pino's deep-object workload: pino's own package.json as the fields of the record.
import { PINO_PACKAGE } from './lib/fixtures.mjs'

export default {
  title: 'info(pino/package.json)',
  op: {
    default: (log) => () => log.info(PINO_PACKAGE),
    // winston adds level and defaultMeta to the object it is given: it gets a copy, as in
    // pino's own benchmark (which passes { ...package, level: 'info' } to winston.log).
    winston: (log) => () => log.log({ level: 'info', ...PINO_PACKAGE }),
  },
}
