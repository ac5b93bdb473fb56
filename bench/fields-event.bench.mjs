// zap's AddingFields through bytelog's typed event API; the peers, which have no such API,
// use their object API as in fields.bench.mjs.
import { DATE, ERROR, tenFields, TEN_FIELDS_MESSAGE, USER } from './lib/fixtures.mjs'

export default {
  title: "event('info').int()...err().msg(): 10 fields (peers: object API)",
  op: {
    default: (log) => () => log.info(tenFields(), TEN_FIELDS_MESSAGE),
    bytelog: (log) => () => log.event('info')
      .int('int', 1)
      .int('int64', 1234567890123)
      .str('str', 'a string')
      .str('str2', 'another string')
      .str('str3', 'yet another string')
      .num('float', 3.14159)
      .bool('bool', true)
      .obj('at', DATE)
      .obj('user', USER)
      .err(ERROR)
      .msg(TEN_FIELDS_MESSAGE),
    winston: (log) => () => log.info(TEN_FIELDS_MESSAGE, tenFields()),
    logtape: (log) => () => log.info(TEN_FIELDS_MESSAGE, tenFields()),
  },
}
