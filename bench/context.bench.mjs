// zap's AccumulatedContext: a message from a logger that already holds the ten fields as
// context (a child made once with ten bindings).
import { TEN_FIELDS, TEN_FIELDS_MESSAGE } from './lib/fixtures.mjs'

export default {
  title: 'child({ 10 fields }).info(msg)',
  op: {
    default: (log) => {
      const child = log.child(TEN_FIELDS)
      return () => child.info(TEN_FIELDS_MESSAGE)
    },
    logtape: (log) => {
      const child = log.with(TEN_FIELDS)
      return () => child.info(TEN_FIELDS_MESSAGE)
    },
  },
}
