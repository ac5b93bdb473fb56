// pino's child-creation workload: making a child with one binding; nothing is written.
// The record checked is one message from such a child.
export default {
  title: "child({ a: 'property' }) per call",
  limit: false,
  op: {
    default: (log) => () => log.child({ a: 'property' }),
    logtape: (log) => () => log.with({ a: 'property' }),
  },
  capture: {
    default: (log) => log.child({ a: 'property' }).info('hello world'),
    logtape: (log) => log.with({ a: 'property' }).info('hello world'),
  },
}
