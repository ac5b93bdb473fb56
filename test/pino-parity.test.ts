/**
 * pino's behaviour around the records (issue: pino parity): serializers, diagnostics
 * channels. Each case does the same thing with pino, whose result is the expectation.
 */
import * as dc from 'node:diagnostics_channel'
import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../src/index.js'
import { capture } from './helpers.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- the same calls on either logger */
type AnyLogger = any
/* eslint-enable @typescript-eslint/no-explicit-any */

function pair (opts: Record<string, unknown>): { p: AnyLogger, b: AnyLogger, pino: string[], bytelog: string[] } {
  const pl: string[] = []
  const p = pino({ base: null, timestamp: false, ...opts } as pino.LoggerOptions, { write (s: string) { pl.push(s) } })
  const out = capture()
  const b = createLogger({ base: null, time: false, ...opts, destination: out.destination })
  return { p, b, pino: pl, bytelog: out.lines }
}

const SERIALIZERS = Symbol.for('pino.serializers')

describe('serializers', () => {
  it('err: null turns off the default err serializer: the error as JSON.stringify has it', () => {
    const e = Object.assign(new Error('boom'), { stack: 'S', code: 'E1' })
    const t = pair({ serializers: { err: null } })
    for (const l of [t.p, t.b]) {
      l.info({ err: e }, 'm')
      l.info(e)
      l.error(e, 'x')
      l.child({ c: 1 }).info({ err: e, other: e })
    }
    // bytelog writes an Error under another key in the error shape (README); pino writes {}.
    expect(t.bytelog.slice(0, 3)).toEqual(t.pino.slice(0, 3))
    expect(JSON.parse(t.bytelog[3]!)).toMatchObject({ c: 1, err: { code: 'E1' }, other: { type: 'Error', message: 'boom' } })
  })

  it('logger[Symbol.for(\'pino.serializers\')] is the same object each read; a child that adds none shares it', () => {
    const t = pair({ serializers: { a: () => 1 } })
    for (const l of [t.p, t.b]) {
      expect(l[SERIALIZERS]).toBe(l[SERIALIZERS])
      expect(l.child({})[SERIALIZERS]).toBe(l[SERIALIZERS])
      expect(l.child({}, { serializers: { b: () => 2 } })[SERIALIZERS]).not.toBe(l[SERIALIZERS])
    }
    expect(Object.keys(t.b[SERIALIZERS]).sort()).toEqual(Object.keys(t.p[SERIALIZERS]).sort())
    const plain = pair({})
    expect(Object.keys(plain.b[SERIALIZERS])).toEqual(Object.keys(plain.p[SERIALIZERS]))
    expect(plain.b[SERIALIZERS]).toBe(plain.b[SERIALIZERS])
  })
})

describe('diagnostics_channel: tracing:pino_asJson', () => {
  it('start and end for each record, with the instance and the line, as pino publishes them', () => {
    const seen: Array<{ event: string, instance: unknown, result?: unknown }> = []
    const handlers = {
      start: (ctx: { instance: unknown }) => { seen.push({ event: 'start', instance: ctx.instance }) },
      end: (ctx: { instance: unknown, result?: unknown }) => { seen.push({ event: 'end', instance: ctx.instance, result: ctx.result }) },
      asyncStart: () => {},
      asyncEnd: () => {},
      error: () => {},
    }
    const channel = dc.tracingChannel('pino_asJson')
    const t = pair({})
    channel.subscribe(handlers as never)
    try {
      t.p.info({ a: 1 }, 'hello')
      const fromPino = seen.splice(0)
      t.b.info({ a: 1 }, 'hello')
      const fromBytelog = seen.splice(0)
      expect(fromPino.map((s) => s.event)).toEqual(['start', 'end'])
      expect(fromBytelog.map((s) => s.event)).toEqual(['start', 'end'])
      expect(fromPino[0]!.instance).toBe(t.p)
      expect(fromBytelog[0]!.instance).toBe(t.b)
      expect(fromBytelog[1]!.result).toBe(fromPino[1]!.result)
      expect(t.bytelog).toEqual(t.pino)
    } finally {
      channel.unsubscribe(handlers as never)
    }
    t.b.info('after')
    expect(seen).toEqual([])
    expect(t.bytelog).toHaveLength(2)
  })
})

describe('a patched process.stdout.write is honoured, as pino honours it', () => {
  it('records go through the patch when no destination is given', () => {
    const seen: string[] = []
    const original = process.stdout.write
    process.stdout.write = function (chunk: string | Uint8Array): boolean {
      seen.push(Buffer.from(chunk).toString())
      return true
    } as typeof process.stdout.write
    try {
      pino({ base: null, timestamp: false }).info('via pino')
      createLogger({ base: null, time: false }).info('via bytelog')
    } finally {
      process.stdout.write = original
    }
    expect(seen.map((l) => JSON.parse(l) as unknown)).toEqual([{ level: 30, msg: 'via pino' }, { level: 30, msg: 'via bytelog' }])
  })

  it('prettyPrint throws pino\'s error', () => {
    let message = ''
    try { pino({ prettyPrint: true } as never) } catch (e) { message = (e as Error).message }
    expect(message).toContain('prettyPrint')
    expect(() => createLogger({ prettyPrint: true } as never)).toThrow(message)
  })
})

describe("createLogger takes pino's call shapes", () => {
  it('(opts, stream) and (stream): the records go to the stream, as pino\'s do', () => {
    const pl: string[] = []
    const bl: string[] = []
    const ps = { write (s: string) { pl.push(s) } }
    const bs = { write (c: Uint8Array) { bl.push(Buffer.from(c).toString()) } }
    pino({ base: null, timestamp: false }, ps).info('two arguments')
    createLogger({ base: null, time: false }, bs).info('two arguments')
    // A stream alone: pino reads a plain { write } object as options, so a real Writable.
    const stream = (into: string[]): Writable => new Writable({ write (c: Buffer, _e, cb) { into.push(c.toString()); cb() } })
    pino(stream(pl)).info({ a: 1 })
    createLogger(stream(bl)).info({ a: 1 })
    expect(bl.map((l) => JSON.parse(l) as Record<string, unknown>).map(({ time: _t, pid: _p, hostname: _h, ...r }) => r))
      .toEqual(pl.map((l) => JSON.parse(l) as Record<string, unknown>).map(({ time: _t, pid: _p, hostname: _h, ...r }) => r))
    expect(bl).toHaveLength(2)
  })

  it('a destination() given alone is used, not read as options', () => {
    const out = capture()
    const log = createLogger(out.destination)
    log.info('x')
    expect(out.records()).toMatchObject([{ msg: 'x' }])
  })
})
