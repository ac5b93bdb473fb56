/**
 * A growable byte buffer and the pool that recycles them.
 *
 * A record is encoded straight into a ByteBuf's spare capacity. Capacity is
 * reserved before writing, so the hot-path encoders can index `buf` freely.
 */

/** A Node Buffer with a write position. Everything below `pos` is written bytes. */
export class ByteBuf {
  buf: Buffer
  /**
   * `buf` as 32-bit words (its own ArrayBuffer, from offset 0: allocUnsafeSlow), for the
   * escape scans of scan.ts, made with the buffer so that a scan never looks one up.
   */
  words: Int32Array
  /** `buf` as a DataView, for copies four bytes at a time at any offset (see string.ts appendKey). */
  view: DataView
  pos = 0
  /** Records committed into this buffer (for drop accounting). */
  records = 0
  /** Bytes of it already written (a pipe may take a slab in parts). */
  sent = 0
  /** A record is being encoded into this buffer; nobody else may append to it. */
  busy = false
  readonly #pool: BufferPool

  constructor (capacity: number, pool: BufferPool) {
    // allocUnsafeSlow: a buffer of its own, not a slice of Node's shared 8 KiB pool,
    // so that handing it out or dropping it never pins someone else's memory.
    this.buf = Buffer.allocUnsafeSlow(capacity)
    this.words = wordsOf(this.buf)
    this.view = viewOf(this.buf)
    this.#pool = pool
  }

  /** Makes room for `n` more bytes and returns the (possibly new) backing Buffer. */
  reserve (n: number): Buffer {
    const need = this.pos + n
    if (need > this.buf.length) this.#grow(need)
    return this.buf
  }

  #grow (need: number): void {
    let cap = this.buf.length * 2
    while (cap < need) cap *= 2
    const next = Buffer.allocUnsafeSlow(cap)
    // TypedArray.prototype.set copies the whole old buffer and allocates nothing.
    next.set(this.buf, 0)
    this.buf = next
    this.words = wordsOf(next)
    this.view = viewOf(next)
    this.#pool.stats.grows++
  }
}

function wordsOf (buf: Buffer): Int32Array {
  return new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2)
}

function viewOf (buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.length)
}

export interface PoolOptions {
  /** Capacity of a new buffer, in bytes. Default 128 KiB. */
  bufferSize?: number
  /** A buffer that grew past this many bytes is dropped on return, not kept. Default 1 MiB. */
  maxBufferSize?: number
  /** How many idle buffers the pool keeps. Default 16. */
  maxBuffers?: number
}

export interface PoolStats {
  /** Buffers handed out. */
  gets: number
  /** Gets that found the pool empty and allocated. */
  misses: number
  /** Times a buffer grew to fit a record. */
  grows: number
  /** Buffers not kept on return: grown past maxBufferSize, or the pool was full. */
  drops: number
}

export class BufferPool {
  readonly bufferSize: number
  readonly maxBufferSize: number
  readonly maxBuffers: number
  readonly stats: PoolStats = { gets: 0, misses: 0, grows: 0, drops: 0 }
  /**
   * Idle buffers in slots [0, #idle). A fixed array with a count, not push/pop: pop lets V8
   * shrink the backing store and the next push would allocate a new one.
   */
  readonly #free: Array<ByteBuf | null>
  #idle = 0

  constructor (opts: PoolOptions = {}) {
    this.bufferSize = positiveInt(opts.bufferSize, 128 * 1024, 'bufferSize')
    this.maxBufferSize = positiveInt(opts.maxBufferSize, 1024 * 1024, 'maxBufferSize')
    this.maxBuffers = positiveInt(opts.maxBuffers, 16, 'maxBuffers', 0)
    if (this.maxBufferSize < this.bufferSize) {
      throw new TypeError('bytelog: maxBufferSize must be at least bufferSize')
    }
    this.#free = new Array<ByteBuf | null>(this.maxBuffers).fill(null)
  }

  get (): ByteBuf {
    this.stats.gets++
    if (this.#idle > 0) {
      const b = this.#free[--this.#idle]!
      this.#free[this.#idle] = null
      return b
    }
    this.stats.misses++
    return new ByteBuf(this.bufferSize, this)
  }

  /**
   * Takes a buffer back. The caller must hold no other reference to it and must
   * be sure nothing (sonic-boom included) still reads its bytes.
   */
  put (b: ByteBuf): void {
    b.pos = 0
    b.records = 0
    b.sent = 0
    b.busy = false
    // Like zerolog's putEvent cap: one huge record must not pin its buffer forever.
    if (b.buf.length > this.maxBufferSize || this.#idle >= this.maxBuffers) {
      this.stats.drops++
      return
    }
    this.#free[this.#idle++] = b
  }

  /** Idle buffers held right now. */
  get idle (): number {
    return this.#idle
  }

  /** Bytes of capacity held by idle buffers. */
  get retainedBytes (): number {
    let n = 0
    for (let i = 0; i < this.#idle; i++) n += this.#free[i]!.buf.length
    return n
  }
}

function positiveInt (v: number | undefined, dflt: number, name: string, min = 1): number {
  if (v === undefined) return dflt
  if (!Number.isSafeInteger(v) || v < min) {
    throw new TypeError(`bytelog: ${name} must be an integer >= ${min}, got ${String(v)}`)
  }
  return v
}
