// pino's long-string workload: a 2,000-character message of decoded random bytes.
import { LONG_STRING } from './lib/fixtures.mjs'

// LogTape reads a string message as a template: its braces are doubled, once, to be literal.
const LOGTAPE_LONG_STRING = LONG_STRING.replaceAll('{', '{{').replaceAll('}', '}}')

export default {
  title: 'info(2,000-character string)',
  op: {
    default: (log) => () => log.info(LONG_STRING),
    logtape: (log) => () => log.info(LOGTAPE_LONG_STRING),
  },
}
