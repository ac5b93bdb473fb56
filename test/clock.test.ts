/**
 * The clock: each read is the millisecond Date.now() gives at that moment (checked against
 * Date.now() called just before and just after), and a stepped wall clock is followed
 * within VERIFY_MS.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { clock, now, tick } from '../src/clock.js'

const MS_PER_DAY = 86400000
const read = (): number => { tick(); return clock[0]! * MS_PER_DAY + clock[1]! }

afterEach(() => { vi.restoreAllMocks() })

describe('clock', () => {
  it('every read lies between Date.now() before and after it (1,000,000 reads, busy and idle)', () => {
    let outside = 0
    for (let i = 0; i < 1_000_000; i++) {
      const before = Date.now()
      const t = read()
      const after = Date.now()
      if (t < before || t > after) outside++
      // Now and then, let time pass without reads (the offset's interval widens).
      if (i % 50_000 === 0) { const until = performance.now() + 30; while (performance.now() < until); }
    }
    expect(outside).toBe(0)
  })

  it.each([[['Date', 'performance']], [['Date']]] as const)('follows a test\'s fake timers (%j frozen): real time passing changes no read', (toFake) => {
    // The clock keeps the real performance from load: with Date faked it must ask Date, or
    // time would move on from the frozen Date (a flaky failure in options.test.ts once).
    vi.useFakeTimers({ toFake: [...toFake], now: 1_700_000_000_123 })
    try {
      const reads = new Set<number>()
      for (let i = 0; i < 20; i++) {
        reads.add(read())
        const until = process.hrtime.bigint() + 2_000_000n // 2 ms of real time
        while (process.hrtime.bigint() < until);
      }
      expect([...reads]).toEqual([1_700_000_000_123])
    } finally {
      vi.useRealTimers()
    }
  })

  it('with only performance faked (frozen), reads still follow the real Date.now()', () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    try {
      let outside = 0
      for (let i = 0; i < 50; i++) {
        const before = Date.now()
        const t = read()
        if (t < before || t > Date.now()) outside++
        const until = process.hrtime.bigint() + 1_000_000n // 1 ms of real time
        while (process.hrtime.bigint() < until);
      }
      expect(outside).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('days and ms of the day agree with new Date().toISOString()', () => {
    const t = read()
    const iso = new Date(t).toISOString()
    expect(clock[1]).toBe(t % MS_PER_DAY)
    expect(new Date(clock[0]! * MS_PER_DAY).toISOString().slice(0, 10)).toBe(iso.slice(0, 10))
    expect(now()).toBeGreaterThanOrEqual(t)
  })

  it.each([5_000, -5_000, 3_600_000])('a wall clock stepped by %d ms is followed within 100 ms of monotonic time', (step) => {
    read()
    const real = Date.now.bind(Date)
    vi.spyOn(Date, 'now').mockImplementation(() => real() + step)
    const start = performance.now()
    let t = read()
    while (Math.abs(t - Date.now()) > 1 && performance.now() - start < 150) t = read()
    expect(performance.now() - start).toBeLessThan(150)
    const before = Date.now()
    t = read()
    expect(t).toBeGreaterThanOrEqual(before)
    expect(t).toBeLessThanOrEqual(Date.now())
  })
})
