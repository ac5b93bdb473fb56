/**
 * pino's streams (issue 11, pino parity): the metadata pino sets on a `pino.metadata` stream
 * (multistream's and the streams in it), destinations used as streams (inside a multistream,
 * bytelog's or pino's own), and a caller's stream whose write throws. Each case does the
 * same thing with pino, whose result is the expectation.
 */
import { fstatSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import bytelog, { createLogger, destination, type Destination } from '../src/index.js'
import { cleanupTmp, normalizeTime, splitLines, tmpFile } from './helpers.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- the same calls on either logger */
type AnyLogger = any
type AnyFace = any
/* eslint-enable @typescript-eslint/no-explicit-any */

afterAll(cleanupTmp)

const METADATA = Symbol.for('pino.metadata')

/** What a metadata stream saw at one write: pino's fields, and the line written. */
interface Seen { level: unknown, msg: unknown, obj: unknown, time: unknown, logger: unknown, line: string }

/** A stream marked pino.metadata that records its fields at each write. */
function recorder (): { seen: Seen[], stream: Record<string | symbol, unknown> } {
  const seen: Seen[] = []
  const stream = {
    [METADATA]: true,
    write (this: Record<string, unknown>, chunk: string | Uint8Array): void {
      seen.push({ level: this.lastLevel, msg: this.lastMsg, obj: this.lastObj, time: this.lastTime, logger: this.lastLogger, line: String(chunk) })
    },
  }
  return { seen, stream }
}

/** The time as the line has it (the JSON after `"time":`), for lastTime to equal. */
function timeOfLine (line: string): string {
  const m = /^\{"level":\d+(?:,"time":((?:-?\d+|"(?:[^"\\]|\\.)*")))?/.exec(line)
  return m?.[1] ?? ''
}

/** Errors made once, so that both loggers write the same stacks. */
const BOOM = new Error('boom')
const INNER = new Error('inner')
const NOT_THE_MESSAGE = new Error('not the message')
const THREE = new Error('three')

/** The calls each case makes; returns the loggers by name, for lastLogger. */
function script (log: AnyLogger): Map<unknown, string> {
  const child = log.child({ c: 1 })
  const prefixed = log.child({}, { msgPrefix: 'P: ' })
  log.info('hello')
  log.info({ a: 1, nested: { b: [1, 2] } }, 'with obj')
  log.info('fmt %s %d %j', 'x', 5, { j: 1 })
  log.error(BOOM)
  log.error(BOOM, 'own message')
  log.warn({ err: INNER })
  log.info({ msg: 'key in obj', err: NOT_THE_MESSAGE })
  child.debug({ x: 2 }, 'child')
  prefixed.info('pre %s', 'y')
  log.info(null)
  log.info()
  log.info(5, 'dropped')
  log.trace('below the stream')
  return new Map<unknown, string>([[log, 'root'], [child, 'child'], [prefixed, 'prefixed']])
}

/** A recorder's writes, with lastLogger named and the line's time normalized. */
function comparable (seen: Seen[], names: Map<unknown, string>): unknown[] {
  return seen.map((s) => ({ ...s, logger: names.get(s.logger) ?? s.logger, time: typeof s.time, line: normalizeTime(s.line) }))
}

/** Runs `script` with `make(stream)` for pino and for bytelog, each writing to a recorder. */
function both (make: (face: AnyFace, stream: unknown) => AnyLogger): { pino: Seen[], bytelog: Seen[], pinoNames: Map<unknown, string>, bytelogNames: Map<unknown, string> } {
  const p = recorder()
  const pinoNames = script(make(pino, p.stream))
  const b = recorder()
  const bytelogNames = script(make(bytelog, b.stream))
  return { pino: p.seen, bytelog: b.seen, pinoNames, bytelogNames }
}

describe('multistream metadata (lastLevel, lastObj, lastMsg, lastTime, lastLogger)', () => {
  it.each<[string, Record<string, unknown>]>([
    ['default options', {}],
    ['mixin: lastObj is the merged object', { mixin: (o: Record<string, unknown>, lv: number) => ({ mx: lv, seen: Object.keys(o).length }) }],
    ['isoTime: lastTime is the quoted string', { timestamp: pino.stdTimeFunctions.isoTime }],
    ['timestamp: false: lastTime is empty', { timestamp: false }],
    ['messageKey and errorKey', { messageKey: 'message', errorKey: 'error' }],
  ])('a metadata stream inside multistream gets them as with pino: %s', (_, opts) => {
    const t = both((face, stream) => face({ level: 'debug', ...opts }, face.multistream([{ level: 'debug', stream }])))
    // Non-vacuous: every record that reached the stream, with pino's metadata.
    expect(t.pino.length).toBe(12)
    expect(t.pino.every((s) => typeof s.level === 'number' && s.obj !== undefined)).toBe(true)
    expect(comparable(t.bytelog, t.bytelogNames)).toEqual(comparable(t.pino, t.pinoNames))
    // lastTime may differ in value between the two runs; it is the time the line holds.
    for (const s of [...t.pino, ...t.bytelog]) expect(s.time).toBe(timeOfLine(s.line))
  })

  it('the stream given to the logger, marked pino.metadata, gets them itself, as with pino', () => {
    const t = both((face, stream) => face({ level: 'debug' }, stream))
    expect(t.pino.length).toBe(12)
    expect(comparable(t.bytelog, t.bytelogNames)).toEqual(comparable(t.pino, t.pinoNames))
    for (const s of [...t.pino, ...t.bytelog]) expect(s.time).toBe(timeOfLine(s.line))
  })

  it('lastObj is the call\'s own object (the same reference), as pino passes it', () => {
    for (const face of [pino, bytelog] as AnyFace[]) {
      const r = recorder()
      const log = face({}, face.multistream([{ stream: r.stream }]))
      const obj = { a: 1 }
      log.info(obj, 'm')
      expect(r.seen[0]!.obj).toBe(obj)
      expect(r.seen[0]!.logger).toBe(log)
    }
  })

  it('streams at two levels, dedupe: each metadata stream gets the metadata of the records it is sent', () => {
    for (const dedupe of [false, true]) {
      const run = (face: AnyFace): unknown[][] => {
        const low = recorder()
        const high = recorder()
        const log = face({ level: 'debug' }, face.multistream([{ level: 'debug', stream: low.stream }, { level: 'error', stream: high.stream }], { dedupe }))
        const names = script(log)
        log.fatal({ f: 1 }, 'last')
        return [comparable(low.seen, names), comparable(high.seen, names)]
      }
      const ref = run(pino)
      expect(ref[1]!.length).toBe(3)
      expect(run(bytelog)).toEqual(ref)
    }
  })

  it('a record logged from inside a toJSON: each line comes with its own metadata', () => {
    // pino writes the inner record first (while it stringifies the outer); bytelog writes it
    // after the outer one. Each line's metadata is that line's in both.
    const run = (face: AnyFace): Array<{ msg: unknown, obj: unknown, lineMsg: unknown }> => {
      const r = recorder()
      const log = face({}, face.multistream([{ stream: r.stream }]))
      const inner = { n: 1 }
      log.info({ v: { toJSON: () => { log.warn(inner, 'inner'); return 'V' } } }, 'outer')
      return r.seen
        .map((s) => ({ msg: s.msg, obj: (s.obj as Record<string, unknown>).n ?? 'outer-obj', lineMsg: (JSON.parse(s.line) as Record<string, unknown>).msg }))
        .sort((a, b) => String(a.msg).localeCompare(String(b.msg)))
    }
    const ref = run(pino)
    expect(ref).toEqual([{ msg: 'inner', obj: 1, lineMsg: 'inner' }, { msg: 'outer', obj: 'outer-obj', lineMsg: 'outer' }])
    expect(run(bytelog)).toEqual(ref)
  })

  it('a metadata stream whose write throws loses that record only; the other streams and later records go on', () => {
    const make = (): { lines: string[], ok: { write (s: string | Uint8Array): void }, bad: { [METADATA]: boolean, write (s: string | Uint8Array): void } } => {
      const lines: string[] = []
      let first = true
      return {
        lines,
        ok: { write: (s) => { lines.push(normalizeTime(String(s))) } },
        bad: {
          [METADATA]: true,
          write (this: Record<string, unknown>, s: string | Uint8Array): void {
            if (first) {
              first = false
              throw new Error('metadata stream failed')
            }
            lines.push(`bad:${String(this.lastMsg)}:${normalizeTime(String(s))}`)
          },
        },
      }
    }
    // pino: the throw reaches the log call, and the streams after the one that threw miss
    // that record. bytelog: nothing is thrown, and only the stream that threw misses it.
    // (Of streams at one level, the one added last is written first, in both.)
    const p = make()
    const pl = pino({}, pino.multistream([{ stream: p.ok }, { stream: p.bad }]))
    expect(() => pl.info('one')).toThrow('metadata stream failed')
    pl.info('two')
    pl.info('three')
    const b = make()
    const bl = bytelog({}, bytelog.multistream([{ stream: b.ok }, { stream: b.bad }]))
    const errors: Error[] = []
    bl.destination.on('error', (e: Error) => errors.push(e))
    expect(() => bl.info('one')).not.toThrow()
    bl.info('two')
    bl.info('three')
    expect(p.lines.length).toBe(4)
    expect(p.lines[0]).toMatch(/^bad:two:/)
    // The first record reached the good stream too; the rest is pino's output.
    expect(b.lines).toEqual([normalizeTime(pinoLine('one')), ...p.lines])
    expect(bl.dropped).toBe(1)
    expect(errors.map((e) => e.message)).toEqual(['metadata stream failed'])
  })
})

/** pino's line for info(msg) with default options (time normalized). */
function pinoLine (msg: string): string {
  const lines: string[] = []
  pino({}, { write: (s: string) => { lines.push(s) } }).info(msg)
  return lines[0]!
}

// ---------------------------------------------------------------------------------------
// Destinations as streams
// ---------------------------------------------------------------------------------------

/** A file's lines, time normalized. */
function fileLines (file: string): string[] {
  return splitLines(readFileSync(file, 'utf8')).map(normalizeTime)
}

function end (d: { end (cb?: () => void): void } | { end (): void, once (e: string, cb: () => void): void }, sonic: boolean): Promise<void> {
  return new Promise((resolve) => {
    if (sonic) {
      (d as { once (e: string, cb: () => void): void }).once('close', () => resolve())
      ;(d as { end (): void }).end()
    } else {
      (d as { end (cb?: () => void): void }).end(() => resolve())
    }
  })
}

function logScript (log: AnyLogger): void {
  log.info('one')
  log.warn({ a: 1, s: 'é "q"' }, 'two')
  log.child({ c: 1 }).error(THREE)
  log.debug('below info')
  log.info({ big: 'x'.repeat(20_000) }, 'large')
}

describe('a destination as a stream', () => {
  it.each([
    ['async + sync', false, true],
    ['both async', false, false],
    ['both sync', true, true],
  ])('multistream of two destinations to files (%s): records land in both, byte-equal to pino\'s', async (_, syncA, syncB) => {
    const pinoA = tmpFile()
    const pinoB = tmpFile()
    const pa = pino.destination({ dest: pinoA, sync: syncA })
    const pb = pino.destination({ dest: pinoB, sync: syncB })
    logScript(pino({}, pino.multistream([{ stream: pa }, { stream: pb, level: 'warn' }])))
    await Promise.all([end(pa, true), end(pb, true)])

    const ourA = tmpFile()
    const ourB = tmpFile()
    const ba = destination({ dest: ourA, sync: syncA })
    const bb = destination({ dest: ourB, sync: syncB })
    logScript(bytelog({}, bytelog.multistream([{ stream: ba }, { stream: bb, level: 'warn' }])))
    await Promise.all([end(ba, false), end(bb, false)])

    expect(fileLines(pinoA).length).toBe(4)
    expect(fileLines(pinoB).length).toBe(2)
    expect(fileLines(ourA)).toEqual(fileLines(pinoA))
    expect(fileLines(ourB)).toEqual(fileLines(pinoB))
  })

  it('inside pino\'s own multistream (pino writes strings to it): the same files as pino\'s destinations give', async () => {
    const pinoA = tmpFile()
    const pinoB = tmpFile()
    const pa = pino.destination({ dest: pinoA, sync: false })
    const pb = pino.destination({ dest: pinoB, sync: true })
    logScript(pino({}, pino.multistream([{ stream: pa }, { stream: pb, level: 'warn' }])))
    await Promise.all([end(pa, true), end(pb, true)])

    const ourA = tmpFile()
    const ourB = tmpFile()
    const ba = destination({ dest: ourA, sync: false })
    const bb = destination({ dest: ourB, sync: true })
    logScript(pino({}, pino.multistream([{ stream: ba as unknown as pino.DestinationStream }, { stream: bb as unknown as pino.DestinationStream, level: 'warn' }])))
    await Promise.all([end(ba, false), end(bb, false)])

    expect(fileLines(pinoA).length).toBe(4)
    expect(fileLines(ourA)).toEqual(fileLines(pinoA))
    expect(fileLines(ourB)).toEqual(fileLines(pinoB))
  })

  it('write(chunk): a string or a Buffer, appended as it is, as to pino\'s destination', async () => {
    const chunks: Array<string | Buffer> = ['{"a":1}\n', Buffer.from('{"b":"é"}\n'), 'not JSON, no newline', '', Buffer.from('\n')]
    const theirs = tmpFile()
    const pd = pino.destination({ dest: theirs, sync: true })
    const pinoReturns = chunks.map((c) => pd.write(c as string))
    await end(pd, true)
    expect(readFileSync(theirs, 'utf8')).toBe('{"a":1}\n{"b":"é"}\nnot JSON, no newline\n')
    for (const sync of [true, false]) {
      const ours = tmpFile()
      const d = destination({ dest: ours, sync })
      const returns = chunks.map((c) => d.write(c))
      expect(returns).toEqual(pinoReturns)
      await end(d, false)
      expect(readFileSync(ours)).toEqual(readFileSync(theirs))
    }
  })

  it('write(Uint8Array): its bytes, as they are (pino\'s destination would write the numbers as text)', async () => {
    const bytes = new Uint8Array([0x7b, 0x7d, 0x0a, 0xc3, 0xa9, 0x0a])
    const ours = tmpFile()
    const d = destination({ dest: ours, sync: false })
    d.write(bytes.subarray(0, 3))
    d.write(bytes.subarray(3))
    await end(d, false)
    expect(new Uint8Array(readFileSync(ours))).toEqual(bytes)
  })

  it.each([false, true])('write() past the high-water mark returns false until drained, as pino\'s destination (sync: %s)', async (sync) => {
    const big = 'x'.repeat(20_000) + '\n'
    const small = '{}\n'
    const run = async (d: { write (c: string): boolean, once (e: string, cb: () => void): unknown }): Promise<boolean[]> => {
      const got = [d.write(small), d.write(big), d.write(small)]
      if (!got[2]) await new Promise<void>((resolve) => d.once('drain', () => resolve()))
      got.push(d.write(small))
      return got
    }
    const theirs = tmpFile()
    const ours = tmpFile()
    const pd = pino.destination({ dest: theirs, sync })
    const d = destination({ dest: ours, sync })
    const ref = await run(pd as unknown as Destination)
    expect(ref).toEqual(sync ? [true, true, true, true] : [true, false, false, true])
    expect(await run(d)).toEqual(ref)
    await Promise.all([end(pd, true), end(d, false)])
    expect(readFileSync(ours)).toEqual(readFileSync(theirs))
  })

  it('fd: the file descriptor written to, as pino\'s destination has it; none for a caller\'s stream', async () => {
    const fdOf = (d: unknown): unknown => (d as { fd: unknown }).fd
    expect(destination(1).fd).toBe(fdOf(pino.destination(1)))
    expect(destination({ dest: 2, sync: true }).fd).toBe(fdOf(pino.destination({ dest: 2, sync: true })))
    const file = tmpFile()
    writeFileSync(file, '')
    const d = destination(file)
    const pd = pino.destination(file)
    expect(typeof d.fd).toBe(typeof fdOf(pd))
    expect(fstatSync(d.fd!).ino).toBe(statSync(file).ino)
    // A number given is that number (the destination owns it now: end() closes it).
    const fd = openSync(file, 'a')
    const byFd = destination({ dest: fd, sync: true })
    expect(byFd.fd).toBe(fd)
    expect(createLogger({ destination: { write () {} } }).destination.fd).toBeUndefined()
    await Promise.all([end(d, false), end(pd, true), end(byFd, false)])
  })

  it('\'ready\' once the file is open, as pino\'s destination emits it; a caller\'s stream too', async () => {
    const ready = (d: { once (e: string, cb: () => void): unknown }): Promise<string> => new Promise((resolve) => d.once('ready', () => resolve('ready')))
    const file = tmpFile()
    for (const sync of [true, false]) {
      const pd = pino.destination({ dest: file, sync })
      const d = destination({ dest: file, sync })
      // Listening from when each is made: sonic-boom emits it a tick later.
      expect(await Promise.all([ready(pd), ready(d)])).toEqual(['ready', 'ready'])
      await Promise.all([end(d, false), end(pd, true)])
    }
    expect(await Promise.all([ready(pino.destination(1)), ready(destination(1))])).toEqual(['ready', 'ready'])
    expect(await ready(createLogger({ destination: { write () {} } }).destination)).toBe('ready')
  })

  it('\'drain\' once what was written is through, as pino\'s destination emits it', async () => {
    const drained = (d: Destination | pino.DestinationStream): Promise<void> => new Promise((resolve) => (d as Destination).once('drain', () => resolve()))
    for (const sync of [false, true]) {
      const theirs = tmpFile()
      const ours = tmpFile()
      const pd = pino.destination({ dest: theirs, sync })
      const d = destination({ dest: ours, sync })
      const pl = pino({}, pd)
      const bl = createLogger({ destination: d })
      const pDrain = drained(pd)
      const bDrain = drained(d)
      for (let i = 0; i < 200; i++) {
        pl.info({ i }, 'record')
        bl.info({ i }, 'record')
      }
      await Promise.all([pDrain, bDrain])
      // Drained: every record is in the file already.
      expect(fileLines(theirs).length).toBe(200)
      expect(fileLines(ours)).toEqual(fileLines(theirs))
      await Promise.all([end(d, false), end(pd, true)])
    }
  })
})

// ---------------------------------------------------------------------------------------
// A caller's stream that throws
// ---------------------------------------------------------------------------------------

describe('a caller\'s stream whose write throws', () => {
  function throwsOnce (): { lines: string[], stream: { write (c: string | Uint8Array): void } } {
    const lines: string[] = []
    let first = true
    return {
      lines,
      stream: {
        write (c: string | Uint8Array): void {
          if (first) {
            first = false
            throw new Error('x')
          }
          lines.push(normalizeTime(String(c)))
        },
      },
    }
  }

  it('throws once: that record is lost (counted in dropped), the next ones are written as pino writes them', () => {
    const p = throwsOnce()
    const pl = pino({}, p.stream)
    // pino lets the throw reach the log call; bytelog never throws into the app.
    expect(() => pl.info('one')).toThrow('x')
    pl.info({ n: 2 }, 'two')
    pl.child({ c: 1 }).warn('three')

    const b = throwsOnce()
    const bl = createLogger({}, b.stream)
    const errors: Error[] = []
    bl.destination.on('error', (e: Error) => errors.push(e))
    expect(() => bl.info('one')).not.toThrow()
    bl.info({ n: 2 }, 'two')
    bl.child({ c: 1 }).warn('three')

    expect(p.lines.length).toBe(2)
    expect(b.lines).toEqual(p.lines)
    expect(bl.dropped).toBe(1)
    expect(errors.map((e) => e.message)).toEqual(['x'])
  })

  it('throws on every write: no log call throws, every record is counted, each failure is reported', () => {
    let calls = 0
    const stream = { write (): void { calls++; throw new Error('always') } }
    const pl = pino({}, stream)
    expect(() => pl.info('a')).toThrow('always')

    const bl = createLogger({}, stream)
    const errors: Error[] = []
    bl.destination.on('error', (e: Error) => errors.push(e))
    calls = 0
    for (let i = 0; i < 5; i++) expect(() => bl.info({ i }, 'r')).not.toThrow()
    expect(() => bl.event('info').int('i', 5).msg('event')).not.toThrow()
    expect(() => bl.fatal('f')).not.toThrow()
    expect(calls).toBe(7)
    expect(bl.dropped).toBe(7)
    expect(errors.length).toBe(7)
  })

  it('with no \'error\' listener: one process warning, no throw', async () => {
    const warnings: Error[] = []
    const onWarning = (w: Error): void => { warnings.push(w) }
    process.on('warning', onWarning)
    try {
      const msg = `unique failure ${Date.now()}`
      const bl = createLogger({}, { write (): void { throw new Error(msg) } })
      for (let i = 0; i < 3; i++) expect(() => bl.info('r')).not.toThrow()
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.filter((w) => w.message.includes(msg)).length).toBe(1)
      expect(bl.dropped).toBe(3)
    } finally {
      process.off('warning', onWarning)
    }
  })
})
