/**
 * pino's hooks.streamWrite: the record's line, as a string, through the app's function
 * before it is written. The string is made only for the loggers that set the hook.
 */
import type { Destination } from './destination/index.js'
import { reasonOf } from './encoder/unserializable.js'
import type { ByteBuf } from './pool.js'

/**
 * Replaces b[start, b.pos) by hook(line). False when the hook threw: the record is then
 * not written (it may be what the hook filters) and counted in the destination's
 * `dropped`, with one process warning.
 */
export function applyStreamWrite (b: ByteBuf, start: number, hook: (line: string) => string, dest: Destination): boolean {
  const line = b.buf.toString('utf8', start, b.pos)
  let out: string
  try {
    out = String(hook(line))
  } catch (err) {
    b.pos = start
    dest.dropped++
    if (!warned) {
      warned = true
      process.emitWarning(`bytelog: hooks.streamWrite threw, the record was dropped: ${reasonOf(err)}`, 'BytelogWarning')
    }
    return false
  }
  const n = Buffer.byteLength(out)
  b.pos = start
  const buf = b.reserve(n)
  b.pos = start + buf.utf8Write(out, start)
  return true
}

let warned = false
