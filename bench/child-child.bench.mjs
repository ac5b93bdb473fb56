// pino's child-child workload: a message from a child of a child.
export default {
  title: "child({ a: 'property' }).child({ sub: 'child' }).info('hello world')",
  op: {
    default: (log) => {
      const child = log.child({ a: 'property' }).child({ sub: 'child' })
      return () => child.info('hello world')
    },
    logtape: (log) => {
      const child = log.with({ a: 'property' }).with({ sub: 'child' })
      return () => child.info('hello world')
    },
  },
}
