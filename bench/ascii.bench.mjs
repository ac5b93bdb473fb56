// A 2,000-character message of printable ASCII that needs no escaping.
import { ASCII_STRING } from './lib/fixtures.mjs'

export default {
  title: 'info(2,000 ASCII characters)',
  op: {
    default: (log) => () => log.info(ASCII_STRING),
  },
}
