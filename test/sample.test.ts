/**
 * Sampling (the `sample` option). The reference is zap's rule, written out here as a model:
 * per level and message, in each interval, the n-th record passes when n <= first or
 * (n - first) is a multiple of thereafter.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLogger, type SampleOptions } from '../src/index.js'
import { capture } from './helpers.js'

/** The positions in `msgs` (logged in order, in one interval) the rule lets through. */
function model (msgs: string[], first: number, thereafter: number): number[] {
  const seen = new Map<string, number>()
  const kept: number[] = []
  msgs.forEach((m, i) => {
    const n = (seen.get(m) ?? 0) + 1
    seen.set(m, n)
    if (n <= first || (thereafter > 0 && (n - first) % thereafter === 0)) kept.push(i)
  })
  return kept
}

function sampled (sample: SampleOptions, level: 'trace' | 'info' = 'info') {
  const out = capture()
  const log = createLogger({ level, time: false, base: null, destination: out.destination, sample: { interval: 1e7, ...sample } })
  return { log, out }
}

describe('sample: first, then one in thereafter, per message', () => {
  it.each([
    // first, thereafter, calls, written (1-based call numbers)
    [2, 3, 10, [1, 2, 5, 8]],
    [1, 1, 4, [1, 2, 3, 4]],
    [0, 4, 9, [4, 8]],
    [3, 0, 6, [1, 2, 3]],
    [100, 100, 250, [...Array.from({ length: 100 }, (_, i) => i + 1), 200]],
  ])('first %d, thereafter %d: %d calls write calls %j', (first, thereafter, calls, written) => {
    const { log, out } = sampled({ first, thereafter })
    for (let i = 1; i <= calls; i++) log.info({ i }, 'same')
    expect(out.records().map((r) => r.i)).toEqual(written)
    expect(log.sampledOut).toBe(calls - written.length)
  })

  it('each message, and each level, has its own count; the message is the string, whatever the call shape', () => {
    const { log, out } = sampled({ first: 1, thereafter: 1000 })
    log.info('a')
    log.info('a') // out
    log.info({ x: 1 }, 'a') // same message: out
    log.info('b')
    log.warn('a') // another level
    log.info('user %s', 'ann') // the format string is the message counted
    log.info('user %s', 'bob') // out
    log.info({ no: 'msg' })
    log.info({ no: 'msg again' }) // out: both have no message
    expect(out.records().map((r) => [r.level, r.msg ?? null])).toEqual([[30, 'a'], [30, 'b'], [40, 'a'], [30, 'user ann'], [30, null]])
    expect(log.sampledOut).toBe(4)
  })

  it('children share their root\'s counts', () => {
    const { log, out } = sampled({ first: 1, thereafter: 1000 })
    log.child({ c: 1 }).info('m')
    log.child({ c: 2 }).info('m')
    expect(out.lines).toHaveLength(1)
  })

  it('levels: only the levels named are sampled, each by its own rule', () => {
    const { log, out } = sampled({ first: 1, thereafter: 1000, levels: { debug: {}, info: { first: 2 }, warn: false } }, 'trace')
    for (const m of ['trace', 'debug', 'info', 'warn', 'error'] as const) for (let i = 0; i < 4; i++) log[m]('x')
    const byLevel = new Map<unknown, number>()
    for (const r of out.records()) byLevel.set(r.level, (byLevel.get(r.level) ?? 0) + 1)
    expect(Object.fromEntries(byLevel)).toEqual({ 10: 4, 20: 1, 30: 2, 40: 4, 50: 4 })
  })

  it('the event API is not sampled (its message is known only at msg())', () => {
    const { log, out } = sampled({ first: 1, thereafter: 1000 })
    for (let i = 0; i < 3; i++) log.event('info').int('i', i).msg('e')
    expect(out.lines).toHaveLength(3)
  })

  it('property: the records written are the model\'s, for any sequence of messages', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 60 }), fc.nat(5), fc.nat(5),
      (msgs, first, thereafter) => {
        const { log, out } = sampled({ first, thereafter })
        msgs.forEach((m, i) => log.info({ i }, m))
        const kept = model(msgs, first, thereafter)
        expect(out.records().map((r) => r.i)).toEqual(kept)
        expect(log.sampledOut).toBe(msgs.length - kept.length)
      }), { numRuns: 300 })
  })
})

describe('sample: intervals and the summary record', () => {
  it('each interval starts the counts again, and the one after drops writes one summary saying how many', async () => {
    const out = capture()
    const log = createLogger({ time: false, base: null, destination: out.destination, sample: { interval: 40, first: 1, thereafter: 1000 } })
    await sleep(5) // just after an interval began
    for (let i = 0; i < 5; i++) log.info('noisy')
    log.warn('loud')
    log.warn('loud')
    await sleep(60)
    log.info('noisy')
    const recs = out.records()
    expect(recs).toEqual([
      { level: 30, msg: 'noisy' },
      { level: 40, msg: 'loud' },
      { level: 40, sampled_out: 5, msg: 'bytelog: records sampled out' },
      { level: 30, msg: 'noisy' },
    ])
    expect(log.sampledOut).toBe(5)
  })

  it('no drops in an interval: no summary', async () => {
    const out = capture()
    const log = createLogger({ time: false, base: null, destination: out.destination, sample: { interval: 20 } })
    log.info('once')
    await sleep(70)
    expect(out.lines).toHaveLength(1)
  })

  it('the summary is written even when first is 0 (it is never sampled itself)', async () => {
    const out = capture()
    const log = createLogger({ time: false, base: null, destination: out.destination, sample: { interval: 30, first: 0, thereafter: 1000 } })
    await sleep(3)
    log.info('x')
    await sleep(45)
    expect(out.records()).toEqual([{ level: 30, sampled_out: 1, msg: 'bytelog: records sampled out' }])
  })
})

describe('sample: option checks', () => {
  it.each([
    ['not an object', 5],
    ['interval 0', { interval: 0 }],
    ['interval not a number', { interval: '1s' }],
    ['first negative', { first: -1 }],
    ['first fractional', { first: 1.5 }],
    ['thereafter not a number', { thereafter: 'x' }],
    ['levels not an object', { levels: 3 }],
    ['an unknown level', { levels: { loud: {} } }],
    ['a level rule not an object', { levels: { info: 3 } }],
  ])('%s: a TypeError at creation', (_name, sample) => {
    expect(() => createLogger({ destination: capture().destination, sample: sample as SampleOptions })).toThrow(TypeError)
  })
})
