// A five-field event (the heap case of issue 8: under 1 B/call), through bytelog's typed
// event API; the peers, which have no such API, log the same fields through their object API.
const MSG = 'signed in'

function fiveFields () {
  return { user: 'ann', items: 3, ratio: 0.5, ok: true, path: '/a/b' }
}

export default {
  title: "event('info').str().int().num().bool().str().msg(): 5 fields (peers: object API)",
  op: {
    default: (log) => () => log.info(fiveFields(), MSG),
    bytelog: (log) => () => log.event('info').str('user', 'ann').int('items', 3).num('ratio', 0.5).bool('ok', true).str('path', '/a/b').msg(MSG),
    winston: (log) => () => log.info(MSG, fiveFields()),
    logtape: (log) => () => log.info(MSG, fiveFields()),
  },
}
