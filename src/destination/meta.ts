/**
 * pino's per-record metadata. A stream marked `Symbol.for('pino.metadata')` (pino.multistream
 * is) is given, before each record is written to it, what pino's write sets:
 *
 *   lastLevel  the record's level number
 *   lastObj    the call's object, merged with mixin's (`{}` when the call had none)
 *   lastMsg    the message, printf arguments applied (msgPrefix included)
 *   lastTime   the time as written, the JSON after `"time":` (`1700000000000`, `"2024-..."`)
 *   lastLogger the logger (or child) that wrote it
 *
 * The logger captures these only when its destination has such a stream (see
 * Destination.metadata): every other logger pays nothing for them.
 */

export const PINO_METADATA = Symbol.for('pino.metadata')

/** What a logger noted about one record, for a metadata stream. */
export class RecordMeta {
  level: number
  obj: object | undefined = undefined
  msg: unknown = undefined
  time: string | undefined = undefined
  logger: unknown

  constructor (level: number, logger: unknown) {
    this.level = level
    this.logger = logger
  }
}

/** The fields pino sets on a metadata stream. */
export interface MetadataStream {
  lastLevel?: number
  lastObj?: object | undefined
  lastMsg?: unknown
  lastTime?: string | undefined
  lastLogger?: unknown
}

export function wantsMetadata (stream: unknown): boolean {
  return typeof stream === 'object' && stream !== null && (stream as Record<symbol, unknown>)[PINO_METADATA] === true
}

const LEVEL_HEAD = Buffer.from('{"level":', 'latin1')

/**
 * Sets pino's fields on `stream` before `chunk` (one record) is written to it. A record no
 * logger noted (an event's, or bytes given to the destination's write()) has only its
 * level, read back from its head (`{"level":N`); the other fields are cleared, so that no
 * earlier record's object is taken for this one's.
 */
export function setMetadata (stream: MetadataStream, meta: RecordMeta | null, chunk: Buffer): void {
  if (meta !== null) {
    stream.lastLevel = meta.level
    stream.lastObj = meta.obj
    stream.lastMsg = meta.msg
    stream.lastTime = meta.time
    stream.lastLogger = meta.logger
    return
  }
  const level = levelOfLine(chunk)
  if (level >= 0) stream.lastLevel = level
  stream.lastObj = undefined
  stream.lastMsg = undefined
  stream.lastTime = undefined
  stream.lastLogger = undefined
}

/**
 * The level number at the record's head, -1 if it has none there (formatters.level moved
 * or renamed it: the stream's lastLevel is then left as it was).
 */
function levelOfLine (chunk: Buffer): number {
  if (chunk.length <= LEVEL_HEAD.length || chunk.compare(LEVEL_HEAD, 0, LEVEL_HEAD.length, 0, LEVEL_HEAD.length) !== 0) return -1
  let v = 0
  let i = LEVEL_HEAD.length
  for (; i < chunk.length && chunk[i]! >= 0x30 && chunk[i]! <= 0x39; i++) v = v * 10 + chunk[i]! - 0x30
  return i > LEVEL_HEAD.length ? v : -1
}

/**
 * lastTime as pino has it: the time fragment the header holds (`,"time":T`), from after its
 * first colon; '' without a time (time: false), as pino's `t.slice(timeSliceIndex)`.
 */
export function timeText (buf: Buffer, from: number, to: number): string {
  if (to <= from) return ''
  const colon = buf.indexOf(0x3a, from)
  const at = colon === -1 || colon >= to ? from : colon + 1
  return buf.toString('utf8', at, to)
}
