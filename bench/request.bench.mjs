// A request's two records, as fastify logs them: a child with a reqId (made once, as a
// request's child is made before its first record) logs `{ req }` 'incoming request',
// then `{ res, responseTime }` 'request completed'. One call is both records; the objects
// are built per call.
import { requestFields, responseFields } from './lib/fixtures.mjs'

const REQ_ID = 'req-1'

export default {
  title: "child({ reqId }): info({ req }, 'incoming request') + info({ res, responseTime }, 'request completed')",
  records: 2,
  op: {
    default: (log) => {
      const child = log.child({ reqId: REQ_ID })
      return () => {
        child.info(requestFields(), 'incoming request')
        child.info(responseFields(), 'request completed')
      }
    },
    winston: (log) => {
      const child = log.child({ reqId: REQ_ID })
      return () => {
        child.info('incoming request', requestFields())
        child.info('request completed', responseFields())
      }
    },
    logtape: (log) => {
      const child = log.with({ reqId: REQ_ID })
      return () => {
        child.info('incoming request', requestFields())
        child.info('request completed', responseFields())
      }
    },
  },
}
