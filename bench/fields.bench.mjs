// zap's AddingFields through the object API: a message with ten fields (ints, strings, a
// float, a bool, a Date, a small object and an Error), the object built per call.
import { tenFields, TEN_FIELDS_MESSAGE } from './lib/fixtures.mjs'

export default {
  title: 'info({ 10 fields }, msg): object API',
  op: {
    default: (log) => () => log.info(tenFields(), TEN_FIELDS_MESSAGE),
    winston: (log) => () => log.info(TEN_FIELDS_MESSAGE, tenFields()),
    logtape: (log) => () => log.info(TEN_FIELDS_MESSAGE, tenFields()),
  },
}
