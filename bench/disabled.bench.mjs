// A disabled level: debug() on an info logger writes nothing.
export default {
  title: "debug('hello world') on an info logger",
  limit: false,
  op: {
    default: (log) => () => log.debug('hello world'),
  },
}
