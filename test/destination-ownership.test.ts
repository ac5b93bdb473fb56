/**
 * A destination writes only to descriptors it owns (issue 9 items 2, 3, 5): after end(),
 * or once its stream was destroyed, a log call writes nothing anywhere, even when the fd
 * number now belongs to a file the app opened; it does not throw, and the record is
 * counted in `dropped`. Every end(cb) and flush(cb) calls back, a second end too, and
 * with no argument on success (issue 11 item 15). References: the other file's bytes on
 * disk, and what the fifo's reader received.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, constants, openSync, readFileSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger, destination, transport, type Destination } from '../src/index.js'
import { ROOT, cleanupTmp, splitLines, tmpDir, tmpFile } from './helpers.js'

afterAll(cleanupTmp)

const TO_FILE = join(ROOT, 'test', 'fixtures', 'transport', 'to-file.mjs')

/** Calls back within `ms`, or the test fails naming what did not call back. */
function callsBack (what: string, start: (cb: (...args: unknown[]) => void) => void, ms = 5000): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not call back within ${ms} ms`)), ms)
    start((...args) => {
      clearTimeout(timer)
      resolve(args)
    })
  })
}

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve))
  await new Promise((resolve) => setTimeout(resolve, 20))
}

/** A fifo with a non-blocking read end; what was written to it so far is read(). */
function fifo (): { wfd: number, read: () => string, close: () => void } {
  const path = join(tmpDir(), 'out.fifo')
  execFileSync('mkfifo', [path])
  const rfd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  const wfd = openSync(path, 'w')
  const buf = Buffer.alloc(1 << 20)
  let got = ''
  return {
    wfd,
    read: () => {
      for (;;) {
        let n = 0
        try {
          n = readSync(rfd, buf, 0, buf.length, null)
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break
          throw err
        }
        if (n === 0) break
        got += buf.toString('utf8', 0, n)
      }
      return got
    },
    close: () => closeSync(rfd),
  }
}

interface Made { dest: Destination, received: () => string, done: () => void }

const KINDS: Array<{ name: string, make: () => Made }> = [
  ...([false, true] as const).map((sync) => ({
    name: `file, ${sync ? 'sync' : 'async'}`,
    make: (): Made => {
      const file = tmpFile()
      return { dest: destination({ dest: file, sync }), received: () => readFileSync(file, 'utf8'), done: () => {} }
    },
  })),
  ...([false, true] as const).map((sync) => ({
    // Async, the pipe is written through a second, non-blocking descriptor of its own.
    name: `pipe, ${sync ? 'sync' : 'async'}`,
    make: (): Made => {
      const f = fifo()
      return { dest: destination({ dest: f.wfd, sync }), received: f.read, done: f.close }
    },
  })),
]

describe.each(KINDS)('after end(): $name', ({ make }) => {
  it('records go nowhere, not even to a file that got the same fd number; dropped counts them', async () => {
    const { dest, received, done } = make()
    const log = createLogger({ destination: dest })
    for (let i = 0; i < 3; i++) log.info({ i }, 'before end')
    const fd = dest.stream!.fd
    await callsBack('end', (cb) => dest.end(cb))
    // The app opens files: the lowest free numbers, the ones the destination just closed.
    const others = Array.from({ length: 4 }, () => tmpFile('other.log'))
    const fds = others.map((f) => openSync(f, 'a'))
    try {
      expect(fds).toContain(fd)
      expect(() => {
        for (let i = 0; i < 20; i++) log.info({ i }, 'after end')
      }).not.toThrow()
      log.flush()
      log.flushSync()
      await turns(3)
      for (const f of others) expect(readFileSync(f, 'utf8')).toBe('')
      expect(splitLines(received()).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['before end', 'before end', 'before end'])
      expect(dest.dropped).toBe(20)
      expect(log.dropped).toBe(20)
    } finally {
      for (const f of fds) closeSync(f)
      done()
    }
  })
})

describe.each([false, true])('a stream destroyed under the destination (sync: %s)', (sync) => {
  it('records go nowhere, the error is reported once, dropped counts them', async () => {
    const file = tmpFile()
    const dest = destination({ dest: file, sync })
    const errors: Error[] = []
    dest.on('error', (e: Error) => errors.push(e))
    const log = createLogger({ destination: dest })
    log.info('before')
    log.flushSync()
    const fd = dest.stream!.fd
    await new Promise((resolve) => {
      dest.stream!.once('close', resolve)
      ;(dest.stream as unknown as { destroy (): void }).destroy()
    })
    const other = tmpFile('other.log')
    const ofd = openSync(other, 'a')
    try {
      expect(ofd).toBe(fd)
      expect(() => {
        for (let i = 0; i < 10; i++) log.info({ i }, 'after destroy')
      }).not.toThrow()
      await turns(3)
      expect(readFileSync(other, 'utf8')).toBe('')
      expect(errors).toHaveLength(1)
      expect(dest.dropped).toBe(10)
      expect(splitLines(readFileSync(file, 'utf8'))).toHaveLength(1)
    } finally {
      closeSync(ofd)
    }
  })
})

describe('a transport after end()', () => {
  it('records go nowhere and are counted in dropped', async () => {
    const file = tmpFile('transport.log')
    const dest = transport({ target: TO_FILE, options: { file } })
    const log = createLogger({ destination: dest })
    for (let i = 0; i < 5; i++) log.info({ i }, 'before end')
    await callsBack('end', (cb) => dest.end(cb))
    expect(() => {
      for (let i = 0; i < 7; i++) log.info({ i }, 'after end')
    }).not.toThrow()
    await turns(3)
    expect(log.dropped).toBe(7)
    expect(splitLines(readFileSync(file, 'utf8')).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(Array(5).fill('before end'))
    // flush and end after end call back at once.
    expect(await callsBack('flush after end', (cb) => dest.flush(cb))).toEqual([])
    expect(await callsBack('second end', (cb) => dest.end(cb))).toEqual([])
  })
})

// On stdout the records would land in the test runner's output: the logger there is silent.
const ENDS: Array<{ name: string, make: () => Destination, level?: 'silent' }> = [
  { name: 'file, async', make: () => destination({ dest: tmpFile() }) },
  { name: 'file, sync', make: () => destination({ dest: tmpFile(), sync: true }) },
  { name: 'file, sync, minLength 4096', make: () => destination({ dest: tmpFile(), sync: true, minLength: 4096 }) },
  { name: 'stdout, async', make: () => destination({ dest: 1 }), level: 'silent' },
  { name: 'stdout, sync', make: () => destination({ dest: 1, sync: true }), level: 'silent' },
  { name: 'a caller\'s stream', make: () => destination({ write: () => true } as never) },
]

describe.each(ENDS)('end(cb) and flush(cb): $name', ({ make: made, level }) => {
  const make = (): Destination => {
    const dest = made()
    createLogger({ destination: dest, ...(level !== undefined ? { level } : {}) }).info('one')
    return dest
  }

  it('flush(cb) calls back with no argument on success', async () => {
    const dest = make()
    expect(await callsBack('flush', (cb) => dest.flush(cb))).toEqual([])
    expect(await callsBack('end', (cb) => dest.end(cb))).toEqual([])
  })

  it('a second end(cb) calls back, and so does every flush(cb) after end, at once', async () => {
    const dest = make()
    expect(await callsBack('end', (cb) => dest.end(cb))).toEqual([])
    expect(await callsBack('second end', (cb) => dest.end(cb), 100)).toEqual([])
    expect(await callsBack('flush after end', (cb) => dest.flush(cb), 100)).toEqual([])
  })

  it('end(cb) twice in a row (SIGTERM then SIGINT): both call back', async () => {
    const dest = make()
    const both = Promise.all([callsBack('end', (cb) => dest.end(cb)), callsBack('second end', (cb) => dest.end(cb)), callsBack('flush while ending', (cb) => dest.flush(cb))])
    expect(await both).toEqual([[], [], []])
  })

  it('end(x) ignores an x that is not a function', async () => {
    const dest = make()
    expect(() => (dest.end as (x: unknown) => void)('not a function')).not.toThrow()
    expect(() => (dest.end as (x: unknown) => void)(42)).not.toThrow()
    expect(await callsBack('end', (cb) => dest.end(cb))).toEqual([])
  })
})
