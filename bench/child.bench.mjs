// pino's child workload: a message from a child with one binding.
export default {
  title: "child({ a: 'property' }).info('hello world')",
  op: {
    default: (log) => {
      const child = log.child({ a: 'property' })
      return () => child.info('hello world')
    },
    logtape: (log) => {
      const child = log.with({ a: 'property' })
      return () => child.info('hello world')
    },
  },
}
