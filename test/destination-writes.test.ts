/**
 * How many writes reach the fd (issue 8): every fs.writeSync and fs.writevSync (a whole
 * slab, src/destination/whole.ts) the destination makes is recorded by wrapping node:fs in this process (syncBuiltinESMExports carries the wrapper
 * into the ESM namespace the sources import), with the byte count the kernel returned.
 * The file on disk is the reference for what was written.
 */
import * as fs from 'node:fs'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import fc from 'fast-check'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, destination, type Destination } from '../src/index.js'
import { cleanupTmp, splitLines, tmpFile } from './helpers.js'
import { runs } from './runs.js'

afterAll(cleanupTmp)

const cjsFs = createRequire(import.meta.url)('node:fs') as typeof fs
const realWriteSync = cjsFs.writeSync
const realWritevSync = cjsFs.writevSync

/** Bytes of each successful fs.writeSync or fs.writevSync, by fd, since the test began. */
const writes = new Map<number, number[]>()

function counted<F> (real: F): F {
  return function (fd: number, ...rest: unknown[]): number {
    const n = (real as unknown as (...a: unknown[]) => number)(fd, ...rest)
    const list = writes.get(fd) ?? []
    list.push(n)
    writes.set(fd, list)
    return n
  } as unknown as F
}

beforeEach(() => {
  writes.clear()
  cjsFs.writeSync = counted(realWriteSync)
  cjsFs.writevSync = counted(realWritevSync)
  syncBuiltinESMExports()
})

afterEach(() => {
  cjsFs.writeSync = realWriteSync
  cjsFs.writevSync = realWritevSync
  syncBuiltinESMExports()
})

const writesTo = (dest: Destination): number[] => writes.get(dest.stream!.fd) ?? []
const flushed = (dest: Destination): Promise<void> => new Promise((resolve, reject) => dest.flush((err) => (err ? reject(err) : resolve())))
const ended = (dest: Destination): Promise<void> => new Promise((resolve) => dest.end(() => resolve()))

/** Checks the file holds records 0..n-1 of `{ i }, msg`, whole and in order. */
function expectRecords (file: string, n: number, msg: string): void {
  const lines = splitLines(fs.readFileSync(file, 'utf8'))
  expect(lines).toHaveLength(n)
  const bad = lines.findIndex((l, i) => {
    const rec = JSON.parse(l) as { i?: unknown, msg?: unknown }
    return rec.i !== i || rec.msg !== msg
  })
  expect(bad, `line ${bad}: ${lines[bad]?.slice(0, 100) ?? ''}`).toBe(-1)
}

describe('sync: true with minLength (pino\'s fastest configuration)', () => {
  const cases = [
    { minLength: 4096, records: 2000, msg: 'x'.repeat(40) },
    { minLength: 4096, records: 500, msg: 'y'.repeat(700) },
    { minLength: 16_384, records: 3000, msg: 'hello world' },
  ]
  it.each(cases)('minLength $minLength, $records records of $msg.length chars: one write per minLength bytes', ({ minLength, records, msg }) => {
    const file = tmpFile()
    const dest = destination({ dest: file, sync: true, minLength })
    const log = createLogger({ destination: dest })
    let maxRecord = 0
    let before = 0
    for (let i = 0; i < records; i++) {
      log.info({ i }, msg)
      const size = fs.statSync(file).size
      // Held until minLength bytes collect, then written before the call returns.
      expect(size === before || size - before >= minLength).toBe(true)
      before = size
      maxRecord = Math.max(maxRecord, dest.buffered)
    }
    const sizes = writesTo(dest)
    const total = sizes.reduce((a, b) => a + b, 0)
    expect(total).toBe(fs.statSync(file).size)
    // Every write carries at least minLength bytes, and less than minLength plus one record.
    for (const n of sizes) expect(n).toBeGreaterThanOrEqual(minLength)
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(total / minLength))
    expect(sizes.length).toBeGreaterThanOrEqual(Math.floor(total / (minLength + maxRecord)))
    expect(dest.buffered).toBeLessThan(minLength)
    // What is held is written by flushSync.
    dest.flushSync()
    expect(dest.buffered).toBe(0)
    expectRecords(file, records, msg)
  })

  it('end() writes what minLength held, then closes the file', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file, sync: true, minLength: 4096 })
    const log = createLogger({ destination: dest })
    for (let i = 0; i < 10; i++) log.info({ i }, 'held')
    expect(fs.statSync(file).size).toBe(0)
    await ended(dest)
    expectRecords(file, 10, 'held')
    expect(writes.get(dest.stream!.fd)).toHaveLength(1)
  })

  it('flush(cb) writes what minLength held', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file, sync: true, minLength: 4096 })
    const log = createLogger({ destination: dest })
    for (let i = 0; i < 10; i++) log.info({ i }, 'held')
    await flushed(dest)
    expectRecords(file, 10, 'held')
    await ended(dest)
  })
})

describe('a slab that grew for one big record', () => {
  // The grown slab must come back to the pool (under maxBufferSize) for the bug to show:
  // a 1 MB string reserves room for 3 bytes a character, so it gets 8 MiB of room.
  it.each([
    { name: 'async', sync: false, big: 1_000_000, maxBufferSize: 8 * 1024 * 1024 },
    { name: 'sync, minLength 4096', sync: true, minLength: 4096, big: 1_000_000, maxBufferSize: 8 * 1024 * 1024 },
    { name: 'async, default maxBufferSize', sync: false, big: 300_000 },
  ])('$name: after one record of $big chars, 10,000 small records take a handful of writes', async ({ sync, minLength, big, maxBufferSize }) => {
    const file = tmpFile()
    const dest = destination({ dest: file, sync, ...(minLength !== undefined ? { minLength } : {}), ...(maxBufferSize !== undefined ? { maxBufferSize } : {}) })
    const log = createLogger({ destination: dest })
    log.info({ i: 0 }, 'z'.repeat(big))
    await flushed(dest)
    expect(dest.stats.grows).toBeGreaterThan(0)
    // The grown slab was kept, and is what the next records are written into.
    expect(dest.stats.drops).toBe(0)
    const bigWrites = writesTo(dest).length
    for (let i = 1; i <= 10_000; i++) log.info({ i }, 'small')
    await flushed(dest)
    const small = writesTo(dest).length - bigWrites
    // About 600 KB: a handful of 128 KiB slabs async, or of minLength-sized writes sync.
    const bytes = writesTo(dest).slice(bigWrites).reduce((a, b) => a + b, 0)
    expect(small).toBeLessThanOrEqual(Math.ceil(bytes / (sync ? 4096 : 120 * 1024)) + 1)
    expect(small).toBeLessThan(1000)
    const lines = splitLines(fs.readFileSync(file, 'utf8'))
    expect(lines).toHaveLength(10_001)
    const bad = lines.findIndex((l, k) => k > 0 && (JSON.parse(l) as { i?: unknown }).i !== k)
    expect(bad).toBe(-1)
    await ended(dest)
  })
})

describe('async mode, the default', () => {
  it('100,000 records to a file: one write per slab, not per record', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file })
    const log = createLogger({ destination: dest })
    for (let i = 0; i < 100_000; i++) log.info({ i }, 'hello world')
    await flushed(dest)
    const sizes = writesTo(dest)
    const total = sizes.reduce((a, b) => a + b, 0)
    expect(total).toBe(fs.statSync(file).size)
    // Slabs are sealed once less than 4 KiB of their 128 KiB is free.
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(total / (124 * 1024)) + 1)
    expectRecords(file, 100_000, 'hello world')
    await ended(dest)
  })
})

describe('any records, any mode', () => {
  it('the file holds every record whole and in order; sync with minLength holds less than minLength and writes at least minLength at a time', () => {
    fc.assert(fc.property(
      fc.boolean(),
      fc.constantFrom(0, 1, 100, 4096, 8192),
      fc.array(fc.nat({ max: 3000 }), { minLength: 1, maxLength: 150 }),
      (sync, minLength, sizes) => {
        writes.clear()
        const file = tmpFile()
        const dest = destination({ dest: file, sync, minLength })
        const log = createLogger({ destination: dest })
        sizes.forEach((n, i) => {
          log.info({ i }, 'p'.repeat(n))
          if (sync) expect(dest.buffered).toBeLessThan(Math.max(minLength, 1))
        })
        const held = writesTo(dest).length
        if (sync) for (const n of writesTo(dest)) expect(n).toBeGreaterThanOrEqual(minLength)
        dest.flushSync()
        expect(dest.buffered).toBe(0)
        // flushSync writes what was held in one go (sync), or the slabs (async).
        if (sync) expect(writesTo(dest).length - held).toBeLessThanOrEqual(1)
        const lines = splitLines(fs.readFileSync(file, 'utf8'))
        expect(lines).toHaveLength(sizes.length)
        lines.forEach((l, i) => {
          const rec = JSON.parse(l) as { i: number, msg: string }
          if (rec.i !== i || rec.msg.length !== sizes[i]) throw new Error(`line ${i}: ${l.slice(0, 80)}`)
        })
        dest.end()
      },
    ), { numRuns: runs(40) })
  })
})

describe('fsync: true syncs the file after each write', () => {
  const realFsync = cjsFs.fsyncSync
  const syncs = new Map<number, number>()
  beforeEach(() => {
    syncs.clear()
    cjsFs.fsyncSync = function (fd: number): void {
      syncs.set(fd, (syncs.get(fd) ?? 0) + 1)
      realFsync(fd)
    } as typeof fs.fsyncSync
    syncModule()
  })
  afterEach(() => {
    cjsFs.fsyncSync = realFsync
    syncModule()
  })
  const syncModule = (): void => { syncBuiltinESMExports() }

  it.each([
    { sync: false, fsync: true },
    { sync: true, fsync: true },
    { sync: true, fsync: false },
    { sync: false, fsync: false },
  ])('sync: $sync, fsync: $fsync', async ({ sync, fsync }) => {
    const file = tmpFile('fsync.log')
    const dest = destination({ dest: file, sync, fsync, minLength: sync ? 4096 : 0 })
    const log = createLogger({ destination: dest })
    for (let i = 0; i < 300; i++) log.info({ i }, 'x'.repeat(50))
    await flushed(dest)
    dest.flushSync()
    const fd = dest.stream!.fd
    const n = writesTo(dest).length
    expect(n).toBeGreaterThan(0)
    expect(syncs.get(fd) ?? 0).toBe(fsync ? n : 0)
    await ended(dest)
    expectRecords(file, 300, 'x'.repeat(50))
  })
})
