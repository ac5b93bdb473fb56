// pino's face: the default export against pino itself, call shape by call shape, static by
// static. Records are compared with the bytes pino writes for the same call.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import realPino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import bytelog, { destination, loggerArgs, multistream, stdTimeFunctions } from '../src/index.js'
import { VERSION } from '../src/version.js'

const require = createRequire(import.meta.url)
const dir = mkdtempSync(join(tmpdir(), 'bytelog-face-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A stream that keeps each record as a string. */
function memory (): { lines: string[], write (chunk: Uint8Array | string): void } {
  const lines: string[] = []
  return { lines, write (chunk) { lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) } }
}

const FIXED = { base: { pid: 1, hostname: 'h' }, timestamp: () => ',"time":1700000000000' }

describe('pino(opts?, stream?) writes where pino writes, the bytes pino writes', () => {
  type Shape = (make: typeof realPino, stream: ReturnType<typeof memory>) => ReturnType<typeof realPino>
  const SHAPES: Array<[string, Shape]> = [
    ['pino(opts, stream)', (p, s) => p({ ...FIXED, level: 'debug' }, s)],
    ['pino(opts with name and msgPrefix, stream)', (p, s) => p({ ...FIXED, name: 'n', msgPrefix: '[x] ' }, s)],
    ['pino({}, stream)', (p, s) => p({ ...FIXED }, s)],
  ]
  it.each(SHAPES)('%s', (_, shape) => {
    const ours = memory()
    const theirs = memory()
    const a = shape(bytelog as unknown as typeof realPino, ours)
    const b = shape(realPino, theirs)
    for (const l of [a, b]) {
      l.debug('dbg')
      l.info({ a: 1, s: 'x"y' }, 'hello %s', 'world')
      l.child({ reqId: 7 }).warn(new Error('boom'), 'failed')
    }
    expect(ours.lines.join('').replace(/"stack":"[^"]*"/g, '"stack":""')).toBe(theirs.lines.join('').replace(/"stack":"[^"]*"/g, '"stack":""'))
    expect(ours.lines.length).toBeGreaterThan(1)
  })

  it('pino(stream): a stream alone is the destination', () => {
    const out = memory()
    bytelog(out).info('alone')
    expect(JSON.parse(out.lines[0]!)).toMatchObject({ level: 30, msg: 'alone' })
  })

  it('pino(destination(path)), pino(path) and pino(opts, path) write to the file', () => {
    const files = ['a', 'b', 'c'].map((n) => join(dir, `${n}.log`))
    const loggers = [bytelog(destination({ dest: files[0]!, sync: true })), bytelog(files[1]!), bytelog({ name: 'c' }, files[2]!)]
    loggers.forEach((l, i) => { l.info({ i }, 'to file'); l.flushSync() })
    files.forEach((f, i) => expect(JSON.parse(readFileSync(f, 'utf8'))).toMatchObject({ i, msg: 'to file' }))
    expect(JSON.parse(readFileSync(files[2]!, 'utf8')).name).toBe('c')
  })

  it('rejects a stream together with transport, pretty or destination, as pino does for transport', () => {
    const s = memory()
    let message = ''
    try { realPino({ transport: { target: 'pino-pretty' } }, 'x.log' as never) } catch (e) { message = (e as Error).message }
    expect(message).toMatch(/only one/)
    expect(() => bytelog({ transport: { target: 'pino-pretty' } }, s)).toThrow(message)
    expect(() => bytelog({ pretty: true }, s)).toThrow(/not both/)
    expect(() => bytelog({ destination: s }, s)).toThrow(/not both/)
    expect(() => bytelog({}, 42 as never)).toThrow(/stream/)
  })

  it('leaves the caller\'s options object as it was', () => {
    const opts = { level: 'warn' as const, timestamp: stdTimeFunctions.isoTime }
    const copy = { ...opts }
    const o = loggerArgs(opts, memory())
    expect(opts).toEqual(copy)
    expect(o).toMatchObject({ level: 'warn', time: 'iso' })
    expect('timestamp' in o).toBe(false)
  })
})

describe('stdTimeFunctions', () => {
  const NAMES = ['epochTime', 'unixTime', 'isoTime', 'nullTime', 'isoTimeNano'] as const
  it.each(NAMES)('%s returns the fragment pino\'s returns', (name) => {
    const shape = (s: string): string => s.replace(/\d/g, '0')
    const theirs = realPino.stdTimeFunctions[name]()
    const ours = stdTimeFunctions[name]()
    expect(shape(ours)).toBe(shape(theirs))
    if (ours !== '') JSON.parse(`{${ours.slice(1)}}`)
  })

  // Given as timestamp, the four with a native form write it natively (no function left to call
  // per record) and write what pino writes, within the time the calls took.
  const NATIVE = [
    ['epochTime', 'epoch', (t: unknown, lo: number, hi: number) => typeof t === 'number' && t >= lo && t <= hi],
    ['unixTime', 'unix', (t: unknown, lo: number, hi: number) => typeof t === 'number' && t >= Math.round(lo / 1000) && t <= Math.round(hi / 1000)],
    ['isoTime', 'iso', (t: unknown, lo: number, hi: number) => typeof t === 'string' && new Date(t).toISOString() === t && Date.parse(t) >= lo && Date.parse(t) <= hi],
    ['nullTime', false, (t: unknown) => t === undefined],
  ] as const
  it.each(NATIVE)('timestamp: %s is time: %s', (name, time, ok) => {
    expect(loggerArgs({ timestamp: stdTimeFunctions[name] })).toEqual({ time })
    const ours = memory()
    const theirs = memory()
    const lo = Date.now()
    bytelog({ timestamp: bytelog.stdTimeFunctions[name] }, ours).info('t')
    realPino({ timestamp: realPino.stdTimeFunctions[name] }, theirs).info('t')
    const hi = Date.now()
    const a = JSON.parse(ours.lines[0]!)
    const b = JSON.parse(theirs.lines[0]!)
    expect(ok(a.time, lo, hi)).toBe(true)
    expect(ok(b.time, lo, hi)).toBe(true)
    expect(Object.keys(a)).toEqual(Object.keys(b))
  })
})

describe('multistream routes records as pino.multistream does', () => {
  const CONFIGS = [
    { name: 'levels by name, default info', entries: [{ level: 'debug' }, {}, { level: 'error' }], opts: {} },
    { name: 'levels by number, two at one level', entries: [{ level: 40 }, { level: 40 }, { level: 10 }], opts: {} },
    { name: 'dedupe', entries: [{ level: 'debug' }, { level: 'warn' }, { level: 'warn' }, { level: 'fatal' }], opts: { dedupe: true } },
    { name: 'a custom level name', entries: [{ level: 'audit' }, { level: 'info' }], opts: { levels: { audit: 35 } } },
  ]
  it.each(CONFIGS)('$name', ({ entries, opts }) => {
    const ours = entries.map(() => memory())
    const theirs = entries.map(() => memory())
    const a = bytelog({ ...FIXED, level: 'trace' }, multistream(entries.map((e, i) => ({ ...e, stream: ours[i]! })), opts))
    const b = realPino({ ...FIXED, level: 'trace' }, realPino.multistream(entries.map((e, i) => ({ ...e, stream: theirs[i]! })) as never, opts))
    for (const l of [a, b]) for (const lv of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) l[lv]({ lv }, lv)
    expect(ours.map((s) => s.lines.join(''))).toEqual(theirs.map((s) => s.lines.join('')))
  })

  it('writes to a bytelog destination among the streams (a file)', () => {
    const file = join(dir, 'multi.log')
    const out = memory()
    const log = bytelog({ base: null, timestamp: false }, bytelog.multistream([{ stream: out }, { level: 'error', stream: destination({ dest: file, sync: true }) }]))
    log.info('info')
    log.error('error')
    expect(out.lines.map((l) => JSON.parse(l).msg)).toEqual(['info', 'error'])
    expect(readFileSync(file, 'utf8')).toBe('{"level":50,"msg":"error"}\n')
  })
})

describe('the statics', () => {
  it('levels, symbols and stdSerializers have pino\'s names and values', () => {
    expect(bytelog.levels).toEqual(realPino.levels)
    expect(Object.keys(bytelog.symbols).sort()).toEqual(Object.keys(realPino.symbols).sort())
    for (const k of ['serializersSym', 'formattersSym', 'hooksSym', 'transportUsesMultistreamSym', 'needsMetadataGsym'] as const) {
      expect(bytelog.symbols[k]).toBe((realPino.symbols as Record<string, symbol>)[k])
    }
    expect(Object.keys(bytelog.stdSerializers).sort()).toEqual(Object.keys(realPino.stdSerializers).sort())
  })

  it('symbols.chindingsSym reads a logger\'s bindings as pino\'s does', () => {
    const ours = bytelog({ base: null }, memory()).child({ a: 1, b: 'x' })
    const theirs = realPino({ base: null }, memory()).child({ a: 1, b: 'x' })
    expect((ours as unknown as Record<symbol, string>)[bytelog.symbols.chindingsSym]).toBe((theirs as unknown as Record<symbol, string>)[realPino.symbols.chindingsSym])
  })

  it('version is package.json\'s; default and pino are the function itself; bytelog\'s own names are there', () => {
    expect(bytelog.version).toBe(VERSION)
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version)
    expect(bytelog.default).toBe(bytelog)
    expect(bytelog.pino).toBe(bytelog)
    expect(typeof bytelog.createLogger).toBe('function')
    expect(bytelog.destination).toBe(destination)
    expect(typeof bytelog.transport).toBe('function')
  })
})

describe('the built package: one implementation for import and require', () => {
  it('require gives the function with every named export; import gives the same objects', async () => {
    const cjs = require('../dist/cjs/index.js') as typeof bytelog & Record<string, unknown>
    const esm = await import('../dist/esm/index.js') as unknown as Record<string, unknown> & { default: typeof bytelog }
    expect(typeof cjs).toBe('function')
    expect(esm.default).toBe(cjs)
    expect(cjs.default).toBe(cjs)
    for (const k of Object.keys(esm)) if (k !== 'default') expect(esm[k], k).toBe(cjs[k])
    const made = esm.default({ base: null }, memory())
    expect(made instanceof (cjs.Logger as new () => unknown)).toBe(true)
    expect(cjs.createLogger({}) instanceof (esm.Logger as new () => unknown)).toBe(true)
  })
})
