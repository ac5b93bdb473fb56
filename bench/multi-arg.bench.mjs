// pino's multi-arg workload: a printf-style message with a string, an object and a number.
export default {
  title: "info('hello %s %j %d', 'world', { obj: true }, 4)",
  op: {
    default: (log) => () => log.info('hello %s %j %d', 'world', { obj: true }, 4),
    // LogTape has no printf: its placeholders take their values from the properties.
    logtape: (log) => () => log.info('hello {s} {j} {d}', { s: 'world', j: { obj: true }, d: 4 }),
  },
  // LogTape renders a string value quoted ("world") and keeps the values as fields.
  normalize: {
    logtape (rec) {
      if (typeof rec.msg === 'string') rec.msg = rec.msg.replace('"world"', 'world')
      delete rec.s
      delete rec.j
      delete rec.d
    },
  },
}
