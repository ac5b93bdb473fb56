// pino's basic workload: a message and nothing else.
export default {
  title: "info('hello world')",
  op: {
    default: (log) => () => log.info('hello world'),
  },
}
