// src/pool.ts: ByteBuf (reserve and growth) and BufferPool (get/put, the retention caps,
// the counters). Case tables for the documented limits, then a model-based property: a
// random sequence of get / write / put checked step by step against a plain model.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { BufferPool, ByteBuf, type PoolOptions } from '../src/pool.js'
import { runs } from './runs.js'

/** Appends `data` to b the way the encoders do: reserve, then write below the new pos. */
function append (b: ByteBuf, data: Uint8Array): void {
  const buf = b.reserve(data.length)
  buf.set(data, b.pos)
  b.pos += data.length
}

/** A buffer with its own memory, not a view into Node's shared allocation pool. */
function ownsMemory (buf: Buffer): boolean {
  return buf.byteOffset === 0 && buf.buffer.byteLength === buf.length
}

describe('BufferPool options', () => {
  it('has the documented defaults', () => {
    const pool = new BufferPool()
    expect({ bufferSize: pool.bufferSize, maxBufferSize: pool.maxBufferSize, maxBuffers: pool.maxBuffers })
      .toEqual({ bufferSize: 128 * 1024, maxBufferSize: 1024 * 1024, maxBuffers: 16 })
    expect(pool.stats).toEqual({ gets: 0, misses: 0, grows: 0, drops: 0 })
    expect(pool.idle).toBe(0)
    expect(pool.retainedBytes).toBe(0)
  })

  const VALID: PoolOptions[] = [
    { bufferSize: 1 }, { bufferSize: 1, maxBufferSize: 1 }, { bufferSize: 4096, maxBufferSize: 4096 }, { maxBuffers: 0 },
    { maxBuffers: 1 }, { bufferSize: 1024 * 1024 }, { maxBufferSize: 2 ** 40 },
  ]
  it.each(VALID)('accepts %j', (opts) => {
    const pool = new BufferPool(opts)
    for (const k of ['bufferSize', 'maxBufferSize', 'maxBuffers'] as const) {
      if (opts[k] !== undefined) expect(pool[k]).toBe(opts[k])
    }
  })

  const INVALID: { name: string, opts: unknown }[] = [
    { name: 'bufferSize 0', opts: { bufferSize: 0 } },
    { name: 'bufferSize -1', opts: { bufferSize: -1 } },
    { name: 'bufferSize 1.5', opts: { bufferSize: 1.5 } },
    { name: 'bufferSize NaN', opts: { bufferSize: NaN } },
    { name: 'bufferSize Infinity', opts: { bufferSize: Infinity } },
    { name: 'bufferSize 2^53', opts: { bufferSize: 2 ** 53 } },
    { name: "bufferSize '1024'", opts: { bufferSize: '1024' } },
    { name: 'bufferSize null', opts: { bufferSize: null } },
    { name: 'maxBufferSize 0', opts: { maxBufferSize: 0 } },
    { name: 'maxBufferSize 1.5', opts: { maxBufferSize: 1.5 } },
    { name: 'maxBufferSize below bufferSize', opts: { bufferSize: 4096, maxBufferSize: 4095 } },
    { name: 'maxBufferSize below the default bufferSize', opts: { maxBufferSize: 1024 } },
    { name: 'maxBuffers -1', opts: { maxBuffers: -1 } },
    { name: 'maxBuffers 0.5', opts: { maxBuffers: 0.5 } },
    { name: 'maxBuffers NaN', opts: { maxBuffers: NaN } },
    { name: "maxBuffers '4'", opts: { maxBuffers: '4' } },
  ]
  it.each(INVALID)('rejects $name with a TypeError', ({ opts }) => {
    expect(() => new BufferPool(opts as PoolOptions)).toThrow(TypeError)
  })
})

describe('ByteBuf', () => {
  it('starts empty with the capacity asked for, in memory of its own', () => {
    const pool = new BufferPool({ bufferSize: 8 })
    for (const cap of [1, 8, 100, 8192, 70_000]) {
      const b = new ByteBuf(cap, pool)
      expect(b.buf.length).toBe(cap)
      expect(b.pos).toBe(0)
      expect(ownsMemory(b.buf)).toBe(true)
    }
  })

  it('reserve() keeps the backing buffer while the bytes fit', () => {
    const pool = new BufferPool({ bufferSize: 16 })
    const b = pool.get()
    const first = b.buf
    expect(b.reserve(0)).toBe(first)
    expect(b.reserve(16)).toBe(first)
    append(b, Buffer.from('0123456789'))
    expect(b.reserve(6)).toBe(first)
    expect(pool.stats.grows).toBe(0)
    expect(b.pos).toBe(10)
  })

  it('reserve() grows past the capacity, keeps the written bytes, and counts the grow', () => {
    const pool = new BufferPool({ bufferSize: 16 })
    const b = pool.get()
    append(b, Buffer.from('0123456789'))
    const grown = b.reserve(7)
    expect(grown).toBe(b.buf)
    expect(grown.length).toBeGreaterThanOrEqual(17)
    expect(b.buf.subarray(0, 10).toString()).toBe('0123456789')
    expect(b.pos).toBe(10)
    expect(pool.stats.grows).toBe(1)
    expect(ownsMemory(b.buf)).toBe(true)
    // One reserve for far more than double: still a single grow, to at least what was asked.
    b.reserve(10_000)
    expect(b.buf.length).toBeGreaterThanOrEqual(10_010)
    expect(pool.stats.grows).toBe(2)
    expect(b.buf.subarray(0, 10).toString()).toBe('0123456789')
  })

  it('keeps every written byte over random appends, growing at most to twice what is needed', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 30 }), (size, chunks) => {
      const pool = new BufferPool({ bufferSize: size, maxBufferSize: 1 << 20 })
      const b = pool.get()
      const model: number[] = []
      let grows = 0
      for (const chunk of chunks) {
        const before = b.buf
        const need = b.pos + chunk.length
        append(b, chunk)
        model.push(...chunk)
        if (need > before.length) {
          grows++
          if (b.buf === before) throw new Error('no new buffer although the bytes did not fit')
          if (b.buf.length < need || b.buf.length >= 2 * need) throw new Error(`grew to ${b.buf.length} for ${need} bytes`)
        } else if (b.buf !== before) {
          throw new Error('replaced the buffer although the bytes fit')
        }
      }
      expect(b.pos).toBe(model.length)
      expect(Buffer.from(b.buf.subarray(0, b.pos))).toEqual(Buffer.from(model))
      expect(pool.stats.grows).toBe(grows)
    }), { numRuns: runs(2_000) })
  })
})

describe('BufferPool get/put', () => {
  it('counts a get on an empty pool as a miss, and reuses what was put back', () => {
    const pool = new BufferPool({ bufferSize: 32 })
    const a = pool.get()
    expect(pool.stats).toEqual({ gets: 1, misses: 1, grows: 0, drops: 0 })
    expect(a.buf.length).toBe(32)
    append(a, Buffer.from('hello'))
    a.records = 3
    a.busy = true
    pool.put(a)
    expect(pool.idle).toBe(1)
    expect(pool.retainedBytes).toBe(32)
    const again = pool.get()
    expect(again).toBe(a)
    expect({ pos: again.pos, records: again.records, busy: again.busy }).toEqual({ pos: 0, records: 0, busy: false })
    expect(pool.stats).toEqual({ gets: 2, misses: 1, grows: 0, drops: 0 })
    expect(pool.idle).toBe(0)
  })

  it('never hands out a buffer that is already out', () => {
    const pool = new BufferPool({ bufferSize: 8, maxBuffers: 4 })
    const out = new Set<ByteBuf>()
    for (let i = 0; i < 6; i++) out.add(pool.get())
    expect(out.size).toBe(6)
    for (const b of out) pool.put(b)
    const again = new Set<ByteBuf>()
    for (let i = 0; i < 6; i++) again.add(pool.get())
    expect(again.size).toBe(6)
  })

  it('keeps at most maxBuffers idle and counts the rest as drops', () => {
    for (const maxBuffers of [0, 1, 3]) {
      const pool = new BufferPool({ bufferSize: 8, maxBuffers })
      const held = Array.from({ length: maxBuffers + 2 }, () => pool.get())
      for (const b of held) pool.put(b)
      expect(pool.idle).toBe(maxBuffers)
      expect(pool.stats.drops).toBe(2)
      expect(pool.retainedBytes).toBe(8 * maxBuffers)
    }
  })

  it('drops a buffer that grew past maxBufferSize and keeps one that grew up to it', () => {
    const pool = new BufferPool({ bufferSize: 16, maxBufferSize: 48 })
    const keep = pool.get()
    keep.reserve(32) // doubles to 32 <= 48
    expect(keep.buf.length).toBeLessThanOrEqual(pool.maxBufferSize)
    const drop = pool.get()
    drop.reserve(40) // 16 -> 32 -> 64 > 48
    expect(drop.buf.length).toBeGreaterThan(pool.maxBufferSize)
    pool.put(keep)
    pool.put(drop)
    expect(pool.idle).toBe(1)
    expect(pool.retainedBytes).toBe(keep.buf.length)
    expect(pool.stats.drops).toBe(1)
    expect(pool.get()).toBe(keep)
  })

  it('drops a buffer that a 10 MB record grew: retainedBytes does not change', () => {
    const pool = new BufferPool()
    const warm = Array.from({ length: 3 }, () => pool.get())
    for (const b of warm) pool.put(b)
    const b = pool.get()
    const retained = pool.retainedBytes
    const idle = pool.idle
    const drops = pool.stats.drops
    const record = Buffer.alloc(10 * 1024 * 1024, 0x61)
    append(b, record)
    expect(b.buf.length).toBeGreaterThanOrEqual(record.length)
    expect(pool.stats.grows).toBeGreaterThan(0)
    pool.put(b)
    expect(pool.retainedBytes).toBe(retained)
    expect(pool.idle).toBe(idle)
    expect(pool.stats.drops).toBe(drops + 1)
    // Nothing later hands the big buffer out again.
    const next = Array.from({ length: idle + 1 }, () => pool.get())
    expect(next.every((x) => x !== b && x.buf.length === pool.bufferSize)).toBe(true)
  })

  type Op = { op: 'get' } | { op: 'put', i: number } | { op: 'write', i: number, n: number }
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.constant({ op: 'get' as const }),
    fc.record({ op: fc.constant('put' as const), i: fc.nat() }),
    fc.record({ op: fc.constant('write' as const), i: fc.nat(), n: fc.integer({ min: 0, max: 200 }) }),
  )
  const optsArb = fc.record({ bufferSize: fc.integer({ min: 1, max: 32 }), extra: fc.integer({ min: 0, max: 100 }), maxBuffers: fc.integer({ min: 0, max: 4 }) })
    .map(({ bufferSize, extra, maxBuffers }) => ({ bufferSize, maxBufferSize: bufferSize + extra, maxBuffers }))

  it('matches a model over random get / write / put sequences (counters, idle, retainedBytes, contents)', () => {
    fc.assert(fc.property(optsArb, fc.array(opArb, { maxLength: 60 }), (opts, ops) => {
      const pool = new BufferPool(opts)
      const stats = { gets: 0, misses: 0, grows: 0, drops: 0 }
      const held: { b: ByteBuf, bytes: number[] }[] = []
      const idle = new Set<ByteBuf>()
      let fill = 0
      for (const o of ops) {
        if (o.op === 'get') {
          const b = pool.get()
          stats.gets++
          if (idle.size > 0) {
            if (!idle.has(b)) throw new Error('get() returned a buffer that was not idle')
            idle.delete(b)
          } else {
            stats.misses++
            if (b.buf.length !== opts.bufferSize) throw new Error(`new buffer of ${b.buf.length} bytes`)
          }
          if (held.some((h) => h.b === b)) throw new Error('get() returned a buffer that is out')
          if (b.pos !== 0 || b.records !== 0 || b.busy) throw new Error('get() returned a buffer that was not reset')
          held.push({ b, bytes: [] })
        } else if (held.length > 0) {
          const k = o.i % held.length
          const h = held[k]!
          if (o.op === 'write') {
            const data = Buffer.alloc(o.n, fill++ & 0xff)
            const grows = h.b.pos + o.n > h.b.buf.length
            append(h.b, data)
            h.bytes.push(...data)
            if (grows) stats.grows++
            if (!h.b.buf.subarray(0, h.b.pos).equals(Buffer.from(h.bytes))) throw new Error('written bytes changed')
          } else {
            held.splice(k, 1)
            const keep = h.b.buf.length <= opts.maxBufferSize && idle.size < opts.maxBuffers
            pool.put(h.b)
            if (keep) idle.add(h.b)
            else stats.drops++
          }
        }
        if (pool.idle !== idle.size) throw new Error(`idle ${pool.idle}, model ${idle.size}`)
        const retained = [...idle].reduce((n, b) => n + b.buf.length, 0)
        if (pool.retainedBytes !== retained) throw new Error(`retainedBytes ${pool.retainedBytes}, model ${retained}`)
        expect(pool.stats).toEqual(stats)
      }
    }), { numRuns: runs(2_000) })
  })
})
