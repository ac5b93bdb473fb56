/**
 * A caller's stream (any object with write(chunk)): the front hands over each record as it
 * is committed (minLength is 0 here), and the stream gets a Buffer of its own holding that
 * record, which it may keep. The slab is pooled again at once.
 */
import type { ByteBuf } from '../pool.js'
import type { Writable } from './types.js'
import { callBack, writeCopy, type Callback, type Sink, type Writer } from './writer.js'

const PINO_METADATA = Symbol.for('pino.metadata')
const LEVEL_HEAD = Buffer.from('{"level":', 'latin1')

export class StreamWriter implements Writer {
  readonly when = 'call'
  /** The stream is the caller's: at exit it is left to them, as it always was. */
  readonly flushAtExit = false
  readonly pending = false
  readonly #stream: Writable
  readonly #sink: Sink
  /** The stream wants pino's per-record metadata (pino.multistream): lastLevel. */
  readonly #metadata: boolean
  /** Records lost by the write that threw, until the front abandons them. */
  #lost = 0
  /** Bound once: metadata (pino.multistream's lastLevel) first, then the stream's write. */
  readonly #write = (chunk: Buffer): void => {
    if (this.#metadata) setLastLevel(this.#stream as { lastLevel?: number }, chunk)
    this.#stream.write(chunk)
  }

  constructor (stream: Writable, sink: Sink) {
    this.#stream = stream
    this.#sink = sink
    this.#metadata = (stream as unknown as Record<symbol, unknown>)[PINO_METADATA] === true
  }

  write (slab: ByteBuf): void {
    const lost = writeCopy(slab, this.#sink, this.#write)
    if (lost > 0) this.#lost = lost
  }

  flush (cb: Callback): void {
    if (typeof this.#stream.flush === 'function') this.#stream.flush((err) => callBack(cb, err))
    else process.nextTick(cb)
  }

  flushSync (): void {
    this.#stream.flushSync?.()
  }

  exitSync (): void {
    this.flushSync()
  }

  /** The stream is the caller's to close. */
  end (cb: Callback): void {
    cb()
  }

  abandon (): number {
    const lost = this.#lost
    this.#lost = 0
    return lost
  }
}

/**
 * pino sets `lastLevel` on a metadata stream before each write, and pino.multistream
 * routes by it. The level is read back from the record's head (`{"level":N`); a record
 * whose level formatters.level moved elsewhere leaves it as it was.
 */
function setLastLevel (stream: { lastLevel?: number }, chunk: Buffer): void {
  if (chunk.length <= LEVEL_HEAD.length || chunk.compare(LEVEL_HEAD, 0, LEVEL_HEAD.length, 0, LEVEL_HEAD.length) !== 0) return
  let v = 0
  let i = LEVEL_HEAD.length
  for (; i < chunk.length && chunk[i]! >= 0x30 && chunk[i]! <= 0x39; i++) v = v * 10 + chunk[i]! - 0x30
  if (i > LEVEL_HEAD.length) stream.lastLevel = v
}
