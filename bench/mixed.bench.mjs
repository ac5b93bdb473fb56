// A 2,000-character message of mixed text: quotes, backslashes, tabs, newlines, accented
// and CJK characters.
import { MIXED_STRING } from './lib/fixtures.mjs'

export default {
  title: 'info(2,000 characters of mixed text)',
  op: {
    default: (log) => () => log.info(MIXED_STRING),
  },
}
