/**
 * Destinations writing real files through sonic-boom, in async and sync mode, custom
 * writers, failures, and what reaches the file when the process exits (child processes).
 * The file on disk is the reference: every record whole, valid JSON, in call order.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createLogger, destination, type Destination, type Logger } from '../src/index.js'
import { cleanupTmp, ensureBuilt, runChild, splitLines, tmpDir, tmpFile } from './helpers.js'

afterAll(cleanupTmp)

const MODES = [
  { name: 'async', sync: false },
  { name: 'sync', sync: true },
] as const

/** Deterministic sizes: mostly small, some KBs, a few up to 100 KB. */
function sizeOf (i: number): number {
  const r = (Math.imul(i + 1, 2654435761) >>> 0) / 2 ** 32
  if (i % 2000 === 1999) return 100 * 1024
  if (r < 0.9) return Math.floor(r * 200)
  if (r < 0.99) return Math.floor((r - 0.9) * 90_000)
  return Math.floor((r - 0.99) * 10_000_000) % (100 * 1024)
}

/** The padding of record i: its size in chars, some of them two bytes in UTF-8. */
function padOf (i: number): string {
  const ch = i % 3 === 0 ? 'é' : String.fromCharCode(97 + (i % 26))
  return ch.repeat(sizeOf(i))
}

function logNumbered (log: Logger, from: number, to: number): void {
  for (let i = from; i < to; i++) log.info({ i, pad: padOf(i) }, 'record %d', i)
}

/** Checks that `text` holds records from..to-1 of logNumbered, whole and in order. */
function expectNumbered (text: string, from: number, to: number): void {
  const lines = splitLines(text)
  expect(lines.length).toBe(to - from)
  for (let k = 0; k < lines.length; k++) {
    const i = from + k
    let rec: Record<string, unknown>
    try {
      rec = JSON.parse(lines[k]!) as Record<string, unknown>
    } catch {
      throw new Error(`line ${k} is not JSON: ${lines[k]!.slice(0, 200)}`)
    }
    if (rec.i !== i || rec.pad !== padOf(i) || rec.msg !== `record ${i}`) {
      throw new Error(`line ${k}: expected record ${i}, got ${JSON.stringify(rec.i)} (${lines[k]!.slice(0, 120)})`)
    }
  }
}

function flushed (dest: Destination | Logger): Promise<void> {
  return new Promise((resolve, reject) => dest.flush((err) => (err ? reject(err) : resolve())))
}

function ended (dest: Destination): Promise<void> {
  return new Promise((resolve) => dest.end(() => resolve()))
}

const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '')

describe.each(MODES)('file destination, $name mode', ({ sync }) => {
  it('20,000 records of mixed sizes (up to 100 KB) reach the file whole and in order', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file, sync })
    const log = createLogger({ destination: dest })
    logNumbered(log, 0, 20_000)
    await flushed(dest)
    expectNumbered(read(file), 0, 20_000)
    await ended(dest)
  })

  it('records logged across event-loop turns stay in order', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file, sync })
    const log = createLogger({ destination: dest })
    for (let batch = 0; batch < 20; batch++) {
      logNumbered(log, batch * 250, (batch + 1) * 250)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await flushed(log)
    expectNumbered(read(file), 0, 5000)
    await ended(dest)
  })

  it('mkdir: true creates the directory', async () => {
    const file = join(tmpDir(), 'a', 'b', 'c', 'out.log')
    const dest = destination({ dest: file, sync, mkdir: true })
    const log = createLogger({ destination: dest })
    logNumbered(log, 0, 10)
    await flushed(dest)
    expectNumbered(read(file), 0, 10)
    await ended(dest)
  })

  it('append (the default) keeps what the file held; append: false truncates it', async () => {
    const kept = tmpFile()
    const truncated = tmpFile()
    const before = '{"old":"line"}\n'
    writeFileSync(kept, before)
    writeFileSync(truncated, before.repeat(1000))
    const d1 = destination({ dest: kept, sync })
    const d2 = destination({ dest: truncated, sync, append: false })
    logNumbered(createLogger({ destination: d1 }), 0, 5)
    logNumbered(createLogger({ destination: d2 }), 0, 5)
    await Promise.all([flushed(d1), flushed(d2)])
    const k = read(kept)
    expect(k.startsWith(before)).toBe(true)
    expectNumbered(k.slice(before.length), 0, 5)
    expectNumbered(read(truncated), 0, 5)
    await Promise.all([ended(d1), ended(d2)])
  })

  it('a destination on a file descriptor given as a number', async () => {
    const file = tmpFile()
    const fd = openSync(file, 'a')
    try {
      const dest = destination(fd)
      expect(dest.stream?.fd).toBe(fd)
      const d2 = destination({ dest: fd, sync })
      logNumbered(createLogger({ destination: d2 }), 0, 1000)
      await flushed(d2)
      expectNumbered(read(file), 0, 1000)
      expect(dest.sync).toBe(false)
    } finally {
      closeSync(fd)
    }
  })

  it('end() flushes, then closes the file', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file, sync })
    logNumbered(createLogger({ destination: dest }), 0, 3000)
    await ended(dest)
    expectNumbered(read(file), 0, 3000)
    expect(dest.stream?.destroyed).toBe(true)
  })
})

describe('opening', () => {
  it.each(MODES)('a path that cannot be opened throws when the destination is made ($name)', ({ sync }) => {
    const file = join(tmpDir(), 'missing', 'out.log')
    expect(() => destination({ dest: file, sync })).toThrow(expect.objectContaining({ code: 'ENOENT' }))
  })
})

describe('sync mode', () => {
  it('each record is in the file as soon as the call returns', () => {
    const file = tmpFile()
    const log = createLogger({ destination: destination({ dest: file, sync: true }) })
    for (let i = 0; i < 300; i++) {
      log.info({ i, pad: padOf(i) }, 'record %d', i)
      expectNumbered(read(file), 0, i + 1)
    }
    // Events too.
    log.event('info').int('i', 300).str('pad', padOf(300)).msg('record 300')
    expectNumbered(read(file), 0, 301)
  })
})

describe('async mode', () => {
  it('flushSync() writes everything before returning, right after the destination is made', () => {
    const file = tmpFile()
    const dest = destination({ dest: file })
    const log = createLogger({ destination: dest })
    logNumbered(log, 0, 5000)
    log.flushSync()
    expectNumbered(read(file), 0, 5000)
  })

  it('flushSync() writes everything before returning, once the file is open', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file })
    const log = createLogger({ destination: dest })
    log.info({ i: 0, pad: padOf(0) }, 'record 0')
    await flushed(dest)
    for (let round = 0; round < 5; round++) {
      logNumbered(log, 1 + round * 2000, 1 + (round + 1) * 2000)
      dest.flushSync()
      expectNumbered(read(file), 0, 1 + (round + 1) * 2000)
    }
    await ended(dest)
  })

  it('minLength holds records until that many bytes are buffered, or flush()', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file, minLength: 64 * 1024 })
    const log = createLogger({ destination: dest })
    // Let sonic-boom open the file: what follows is then about holding, not opening.
    await new Promise((resolve) => dest.stream!.once('ready', resolve))
    for (let i = 0; i < 10; i++) log.info({ i, pad: 'x' }, 'small')
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(statSync(file).size).toBe(0)
    expect(dest.buffered).toBeGreaterThan(0)
    await flushed(dest)
    expect(splitLines(read(file))).toHaveLength(10)
    expect(dest.buffered).toBe(0)

    // Past minLength, the bytes go out without a flush().
    const big = 'y'.repeat(1024)
    for (let i = 0; i < 100; i++) log.info({ i, big }, 'big')
    await vi.waitFor(() => expect(splitLines(read(file)).length).toBeGreaterThan(10), { timeout: 10_000, interval: 10 })
    await ended(dest)
    expect(splitLines(read(file))).toHaveLength(110)
  })

  it('periodicFlush writes held records on its own', async () => {
    const file = tmpFile()
    const held = tmpFile()
    const dest = destination({ dest: file, minLength: 1024 * 1024, periodicFlush: 20 })
    const control = destination({ dest: held, minLength: 1024 * 1024 })
    createLogger({ destination: dest }).info('periodic')
    createLogger({ destination: control }).info('held')
    await vi.waitFor(() => expect(read(file)).toContain('"msg":"periodic"'), { timeout: 10_000, interval: 10 })
    // Without periodicFlush the same record is still held.
    expect(read(held)).toBe('')
    await Promise.all([ended(dest), ended(control)])
    expect(read(held)).toContain('"msg":"held"')
  })

  it('the pool counters are readable through dest.stats', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file, bufferSize: 4096 })
    const log = createLogger({ destination: dest })
    const s0 = { ...dest.stats }
    for (const k of ['gets', 'misses', 'grows', 'drops'] as const) expect(Number.isSafeInteger(s0[k])).toBe(true)
    log.info('small')
    log.info({ big: 'z'.repeat(20_000) }, 'grows the buffer')
    await flushed(dest)
    const s1 = dest.stats
    expect(s1.gets).toBeGreaterThan(s0.gets)
    expect(s1.misses).toBeGreaterThanOrEqual(1)
    expect(s1.grows).toBeGreaterThanOrEqual(1)
    expect(splitLines(read(file))).toHaveLength(2)
    await ended(dest)
  })
})

describe.each(MODES)('reopen (log rotation), $name mode', ({ sync }) => {
  const msgs = (file: string): string[] => splitLines(readFileSync(file, 'utf8')).map((l) => (JSON.parse(l) as { msg: string }).msg)

  it('records logged before reopen() stay in the rotated file, later ones go to the new one', async () => {
    const file = tmpFile('rotate.log')
    const dest = destination({ dest: file, sync })
    const log = createLogger({ destination: dest })
    for (let i = 0; i < 300; i++) log.info(`before ${i}`)
    renameSync(file, `${file}.1`)
    dest.reopen()
    for (let i = 0; i < 300; i++) log.info(`after ${i}`)
    await flushed(dest)
    expect(msgs(`${file}.1`)).toEqual(Array.from({ length: 300 }, (_, i) => `before ${i}`))
    expect(msgs(file)).toEqual(Array.from({ length: 300 }, (_, i) => `after ${i}`))
    await ended(dest)
  })

  it('a path that cannot be opened: no throw, one error, records go on to the old file; a later reopen works', async () => {
    const file = tmpFile('stay.log')
    const dest = destination({ dest: file, sync })
    const errors: Error[] = []
    dest.on('error', (err: Error) => errors.push(err))
    const log = createLogger({ destination: dest })
    log.info('one')
    expect(() => dest.reopen(join(tmpDir(), 'no', 'such', 'dir', 'x.log'))).not.toThrow()
    log.info('two')
    await flushed(dest)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ENOENT'])
    expect(msgs(file)).toEqual(['one', 'two'])
    const next = tmpFile('next.log')
    dest.reopen(next)
    log.info('three')
    await flushed(dest)
    // The old fd is closed once, by the reopen that succeeded (no EBADF from a second close).
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(errors).toHaveLength(1)
    expect(msgs(next)).toEqual(['three'])
    expect(log.dropped).toBe(0)
    await ended(dest)
  })
})

describe('custom writer', () => {
  it('receives one Buffer per record, which it may keep', () => {
    const chunks: Buffer[] = []
    const copies: Buffer[] = []
    const log = createLogger({
      destination: {
        write (chunk: Uint8Array): void {
          expect(Buffer.isBuffer(chunk)).toBe(true)
          chunks.push(chunk as Buffer)
          copies.push(Buffer.from(chunk))
        },
      },
    })
    for (let i = 0; i < 500; i++) {
      log.info({ i, pad: padOf(i) }, 'record %d', i)
      if (i % 7 === 0) log.event('info').int('i', i).str('pad', padOf(i)).msg(`event ${i}`)
    }
    expect(chunks).toHaveLength(500 + Math.ceil(500 / 7))
    for (let k = 0; k < chunks.length; k++) {
      // Later records did not overwrite earlier chunks.
      expect(chunks[k]!.equals(copies[k]!)).toBe(true)
      const text = chunks[k]!.toString('utf8')
      expect(text.indexOf('\n')).toBe(text.length - 1)
      expect(() => JSON.parse(text)).not.toThrow()
    }
  })

  it('a writer that scribbles over its chunks does not change later records', () => {
    const lines: string[] = []
    const log = createLogger({
      name: 'svc',
      time: 'iso',
      destination: {
        write (chunk: Uint8Array): void {
          lines.push(Buffer.from(chunk).toString('utf8'))
          chunk.fill(0x7b) // '{'
        },
      },
    }).child({ req: 'r-1' })
    for (let i = 0; i < 50; i++) {
      log.info({ i }, 'm')
      log.event('info').int('i', i).msg('m')
    }
    const recs = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(recs.map((r) => r.i)).toEqual(Array.from({ length: 100 }, (_, k) => k >> 1))
    for (const r of recs) expect(r).toMatchObject({ level: 30, name: 'svc', req: 'r-1', msg: 'm' })
  })

  it('a writer that throws: the log call does not throw, and the error is reported', () => {
    const errors: Error[] = []
    const log = createLogger({
      destination: { write (): void { throw new Error('writer failed') } },
    })
    log.destination.on('error', (e: Error) => errors.push(e))
    expect(() => log.info('a')).not.toThrow()
    expect(() => log.info('b')).not.toThrow()
    expect(errors.length).toBeGreaterThanOrEqual(1)
    expect(errors[0]!.message).toBe('writer failed')
  })
})

describe('a destination that cannot write', () => {
  it.each(MODES)('an fd open read-only ($name): emits error to a listener, log calls do not throw', async ({ sync }) => {
    const file = tmpFile()
    writeFileSync(file, '')
    const fd = openSync(file, 'r')
    try {
      const dest = destination({ dest: fd, sync })
      const errors: Error[] = []
      dest.on('error', (e: Error) => errors.push(e))
      const log = createLogger({ destination: dest })
      expect(() => logNumbered(log, 0, 100)).not.toThrow()
      await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 10_000, interval: 10 })
      expect((errors[0] as NodeJS.ErrnoException).code).toBe('EBADF')
      expect(() => logNumbered(log, 100, 200)).not.toThrow()
      expect(dest.dropped).toBeGreaterThan(0)
      await new Promise<void>((resolve) => dest.flush(() => resolve()))
      expect(read(file)).toBe('')
    } finally {
      closeSync(fd)
    }
  })

  it.each(MODES)('an fd that is not open ($name): emits error, log calls do not throw', async ({ sync }) => {
    const dest = destination({ dest: 999_999, sync })
    const errors: Error[] = []
    dest.on('error', (e: Error) => errors.push(e))
    const log = createLogger({ destination: dest })
    expect(() => logNumbered(log, 0, 50)).not.toThrow()
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 10_000, interval: 10 })
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('EBADF')
    expect(() => log.info('after the failure')).not.toThrow()
    // flush() reports the failure rather than hanging.
    const err = await new Promise<unknown>((resolve) => dest.flush(resolve))
    expect(err).toBeInstanceOf(Error)
  })
})

describe('child processes', () => {
  beforeAll(ensureBuilt, 120_000)

  const N = 50_000
  const script = `
    import { createLogger, destination } from 'BYTELOG'
    import { openSync } from 'node:fs'
    const { FILE, MODE, HOW, OPEN, MINLEN } = process.env
    const dest = destination({ dest: OPEN === 'fd' ? openSync(FILE, 'a') : FILE, sync: MODE === 'sync', minLength: Number(MINLEN) })
    const log = createLogger({ destination: dest })
    for (let i = 0; i < ${N}; i++) log.info({ i, pad: 'x'.repeat(i % 300) }, 'record %d', i)
    if (HOW === 'exit') process.exit(3)
    if (HOW === 'throw') throw new Error('uncaught on purpose')
    if (HOW === 'sigterm') {
      process.kill(process.pid, 'SIGTERM')
      setTimeout(() => {}, 20_000) // keeps the process alive until the signal is handled
    }
  `

  function expectAll (text: string): void {
    const lines = splitLines(text)
    expect(lines.length).toBe(N)
    for (let i = 0; i < N; i++) {
      const rec = JSON.parse(lines[i]!) as Record<string, unknown>
      if (rec.i !== i || rec.msg !== `record ${i}` || (rec.pad as string).length !== i % 300) {
        throw new Error(`line ${i} is record ${JSON.stringify(rec.i)}`)
      }
    }
  }

  const runs = [
    { mode: 'async', how: 'return', open: 'path', code: 0, min: 0 },
    { mode: 'async', how: 'exit', open: 'path', code: 3, min: 0 },
    { mode: 'sync', how: 'return', open: 'path', code: 0, min: 0 },
    { mode: 'sync', how: 'exit', open: 'path', code: 3, min: 0 },
    { mode: 'async', how: 'exit', open: 'fd', code: 3, min: 0 },
    { mode: 'async', how: 'throw', open: 'path', code: 1, min: 0 },
    // Records held under minLength are written at exit.
    { mode: 'sync', how: 'return', open: 'path', code: 0, min: 4096 },
    { mode: 'sync', how: 'exit', open: 'path', code: 3, min: 4096 },
    { mode: 'sync', how: 'throw', open: 'path', code: 1, min: 4096 },
  ]
  it.each(runs)('$mode mode, minLength $min, dest by $open, 50,000 records then $how: exit code $code, every record in order', async ({ mode, how, open, code, min }) => {
    const file = tmpFile()
    const r = await runChild(script, [], { FILE: file, MODE: mode, HOW: how, OPEN: open, MINLEN: String(min) })
    if (how === 'throw') expect(r.stderr).toContain('uncaught on purpose')
    else expect(r.stderr).toBe('')
    expect(r.code).toBe(code)
    expectAll(read(file))
  })

  it.each([
    { name: 'async', min: 0 },
    { name: 'sync', min: 0 },
    { name: 'sync', min: 4096 },
  ])('$name mode, minLength $min, 50,000 records then SIGTERM: the process dies by SIGTERM, every record in order', async ({ name, min }) => {
    const file = tmpFile()
    const r = await runChild(script, [], { FILE: file, MODE: name, HOW: 'sigterm', OPEN: 'path', MINLEN: String(min) })
    expect(r.stderr).toBe('')
    expect(r.signal).toBe('SIGTERM')
    expect(r.code).toBe(null)
    expectAll(read(file))
  })

  // An app whose libuv threadpool is busy (dns.lookup, fs, zlib, crypto) when it exits:
  // sonic-boom's fs.write of the slab in flight waits in the pool's queue, where the exit
  // flush cannot wait for it. Documented (README, "On exit"): every record arrives once and
  // whole, but that one in-flight slab may land after the records flushed at exit.
  it('async mode, process.exit(3) while the libuv threadpool is busy: every record once and whole', async () => {
    const file = tmpFile()
    const busy = `
      import { pbkdf2 } from 'node:crypto'
      import { once } from 'node:events'
      import { createLogger, destination } from 'BYTELOG'
      const dest = destination({ dest: process.env.FILE })
      await once(dest.stream, 'ready')
      pbkdf2('x', 'y', 1_000_000, 64, 'sha512', () => {}) // about 1 s, several times the loop below
      const log = createLogger({ destination: dest })
      for (let i = 0; i < ${N}; i++) log.info({ i, pad: 'x'.repeat(i % 300) }, 'record %d', i)
      process.exit(3)
    `
    const r = await runChild(busy, [], { FILE: file, UV_THREADPOOL_SIZE: '1' })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(3)
    const seen = splitLines(read(file)).map((line) => {
      const rec = JSON.parse(line) as Record<string, unknown>
      expect(rec.msg).toBe(`record ${String(rec.i)}`)
      expect((rec.pad as string).length).toBe((rec.i as number) % 300)
      return rec.i as number
    })
    expect(seen.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i))
  })

  it('a closed fd with no error listener: the process neither crashes nor throws, and warns once', async () => {
    const failing = `
      import { closeSync, openSync } from 'node:fs'
      import { createLogger, destination } from 'BYTELOG'
      for (const sync of [false, true]) {
        const fd = openSync(process.env.FILE, 'a')
        const dest = destination({ dest: fd, sync })
        closeSync(fd)
        const log = createLogger({ destination: dest })
        for (let i = 0; i < 1000; i++) log.info({ i }, 'record')
        await new Promise((resolve) => setTimeout(resolve, 50))
        for (let i = 0; i < 1000; i++) log.info({ i }, 'record')
        await new Promise((resolve) => dest.flush(resolve))
        console.log(sync ? 'sync' : 'async', 'survived', dest.dropped > 0)
      }
    `
    const r = await runChild(failing, [], { FILE: tmpFile() })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('async survived true\nsync survived true\n')
    const warnings = r.stderr.split('\n').filter((l) => l.includes('BytelogWarning'))
    expect(warnings.length).toBe(1)
    expect(warnings[0]).toContain('EBADF')
  })
})
