// pino's object workload: one small object, no message. The literal is built per call,
// as application code builds it.
export default {
  title: "info({ hello: 'world' })",
  op: {
    default: (log) => () => log.info({ hello: 'world' }),
    // winston.info(obj) would log the object as the message; log(info) is its fields-only form.
    winston: (log) => () => log.log({ level: 'info', hello: 'world' }),
  },
}
