// log.error(err, msg): an Error as the first argument, serialized as pino's err serializer
// does ({ type, message, stack }), with a message.
import { REQUEST_ERROR } from './lib/fixtures.mjs'

export default {
  title: "error(err, 'request failed')",
  op: {
    default: (log) => () => log.error(REQUEST_ERROR, 'request failed'),
    winston: (log) => () => log.error('request failed', { err: REQUEST_ERROR }),
    logtape: (log) => () => log.error('request failed', { err: REQUEST_ERROR }),
  },
}
