// Short and medium strings (the four-at-a-time copy loop below 16 characters, utf8Write
// and a word scan below 64), keys, and long strings (64 characters and more): the word-at-a-time escape scan and the in-place
// expansion, checked byte for byte against JSON.stringify over every byte alignment, every
// escape position within a word, sparse and dense escapes, and the escape-table overflow.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { BufferPool, ByteBuf } from '../src/pool.js'
import { appendKey, appendString } from '../src/encoder/string.js'
import { runs } from './runs.js'

const pool = new BufferPool({ bufferSize: 16, maxBufferSize: 1 << 24 })

/** appendString after `prefix` bytes in a buffer of capacity `cap`; the bytes it appended. */
function encode (s: string, prefix: number, cap: number): string {
  const b = new ByteBuf(Math.max(1, cap), pool)
  b.reserve(prefix).fill(0x7e, 0, prefix)
  b.pos = prefix
  appendString(b, s)
  return b.buf.toString('utf8', prefix, b.pos)
}

const ESCAPED = ['"', '\\', '\n', '\t', '\r', '\b', '\f', '\u0000', '\u0001', '\u001f']
const PIECES = [...ESCAPED, ' ', '!', '#', '[', ']', '~', '\u007f', '\u0080', 'é', '日本', '\u2028', '\ufffd', '🙂', '\ud800', '\udfff']

describe('appendString on long strings', () => {
  it('matches JSON.stringify for one escape at every position of a long clean run, at every alignment', () => {
    const clean = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(4).slice(0, 100)
    for (const e of ESCAPED) {
      for (let at = 0; at <= clean.length; at++) {
        const s = clean.slice(0, at) + e + clean.slice(at)
        for (let prefix = 0; prefix < 4; prefix++) {
          const out = encode(s, prefix, 4096)
          if (out !== JSON.stringify(s)) expect(out).toBe(JSON.stringify(s))
        }
      }
    }
  })

  it('matches JSON.stringify on random long strings: clean runs, escapes, non-ASCII, lone surrogates', () => {
    const run = fc.oneof(
      { arbitrary: fc.string({ unit: fc.constantFrom(...'abcdefghij klmnopqrstuvwxyz.,:;-_0123456789'.split('')), minLength: 1, maxLength: 200 }), weight: 3 },
      { arbitrary: fc.constantFrom(...PIECES), weight: 3 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
    )
    const long = fc.array(run, { minLength: 1, maxLength: 60 }).map((a) => a.join('')).filter((s) => s.length >= 64)
    fc.assert(fc.property(long, fc.nat({ max: 7 }), fc.integer({ min: 1, max: 64 }), (s, prefix, cap) => {
      const out = encode(s, prefix, cap)
      if (out !== JSON.stringify(s)) expect(out).toBe(JSON.stringify(s))
    }), { numRuns: runs(5_000) })
  })

  const CASES = [
    { name: 'more escapes than the escape table holds', input: ('x'.repeat(20) + '"').repeat(5000) },
    { name: 'dense escapes', input: '\n\t"\\'.repeat(100) },
    { name: 'an escape at both ends', input: '"' + 'y'.repeat(200) + '\u0001' },
    { name: 'a lone surrogate after a long clean run', input: 'z'.repeat(300) + '\ud83d' + '"' },
    { name: 'non-ASCII with sparse escapes', input: ('日本語のテキスト café\n').repeat(100) },
    { name: 'a quarter of a million clean bytes', input: 'q'.repeat(250_000) },
  ]
  it.each(CASES)('matches JSON.stringify on $name', ({ input }) => {
    for (const prefix of [0, 1, 2, 3]) expect(encode(input, prefix, 16)).toBe(JSON.stringify(input))
  })
})

describe('appendString and appendKey below 64 characters', () => {
  // Every length up to past the long path's start, each piece at every position, at four
  // alignments: the copy loop's four-unit turns and tail, the medium path's word scan
  // (head, words, tail) and its fallbacks (an escape, non-ASCII, a lone surrogate).
  it('match JSON.stringify for each piece at every position of every length to 70', () => {
    const clean = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ./:-_'
    for (let len = 0; len <= 70; len++) {
      const base = clean.slice(0, len)
      for (const p of PIECES) {
        for (let at = 0; at <= len; at++) {
          const str = base.slice(0, at) + p + base.slice(at)
          for (let prefix = 0; prefix < 4; prefix++) {
            const out = encode(str, prefix, 8)
            if (out !== JSON.stringify(str)) expect(out).toBe(JSON.stringify(str))
            const b = new ByteBuf(8, pool)
            b.reserve(prefix).fill(0x7e, 0, prefix)
            b.pos = prefix
            appendKey(b, str, prefix % 2 === 1)
            const key = b.buf.toString('utf8', prefix, b.pos)
            const want = (prefix % 2 === 1 ? ',' : '') + JSON.stringify(str) + ':'
            if (key !== want) expect(key).toBe(want)
          }
        }
      }
    }
  })

  it('match JSON.stringify on random strings of up to 64 units', () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom(...'abcdefghij klmnopqrstuvwxyz.,:;-_0123456789'.split('')), weight: 8 },
      { arbitrary: fc.constantFrom(...PIECES), weight: 1 },
    )
    const str = fc.array(unit, { maxLength: 64 }).map((a) => a.join(''))
    fc.assert(fc.property(str, fc.nat({ max: 7 }), fc.integer({ min: 1, max: 64 }), (s, prefix, cap) => {
      const out = encode(s, prefix, cap)
      if (out !== JSON.stringify(s)) expect(out).toBe(JSON.stringify(s))
    }), { numRuns: runs(5_000) })
  })
})

describe('appendKey of a key met before (kept as bytes)', () => {
  // The key, then a value: a kept key is copied four bytes at a time, and up to three
  // bytes past it must be covered by what follows.
  const key = (k: string, comma: boolean): string => {
    const b = new ByteBuf(4, pool)
    appendKey(b, k, comma)
    appendString(b, 'v')
    const out = b.buf.toString('utf8', 0, b.pos)
    expect(out.endsWith('"v"')).toBe(true)
    return out.slice(0, -3)
  }
  it('writes the same bytes the second time, with and without the comma, past the room kept too', () => {
    // More distinct keys than the 16 KiB kept hold, each written three times in turn.
    const keys = Array.from({ length: 3000 }, (_, i) => `field_${i}_${'x'.repeat(i % 40)}`)
    for (const comma of [true, false, true]) {
      for (const k of keys) {
        const want = (comma ? ',' : '') + JSON.stringify(k) + ':'
        const got = key(k, comma)
        if (got !== want) expect(got).toBe(want)
      }
    }
    // Keys that need escaping or are not ASCII are never kept, and stay right.
    for (const k of ['q"uote', 'tab\t', 'é', '日本', '\ud800']) {
      for (const comma of [false, true, false]) expect(key(k, comma)).toBe((comma ? ',' : '') + JSON.stringify(k) + ':')
    }
  })
})
