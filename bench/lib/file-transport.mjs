// The transport of the options case (bench/options.bench.mjs), for pino and bytelog alike:
// a pino transport module (run in thread-stream's worker) that appends the lines it is
// given to `options.destination` (/dev/null when timed, the check's file otherwise) through
// an fs.WriteStream, and does nothing else. What it measures is the hand-over to the worker.
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'

export default async function fileTransport (opts) {
  const stream = createWriteStream(opts.destination, { flags: 'a' })
  await once(stream, 'open')
  return stream
}
