// The encoders in src/encoder/*, checked byte for byte against JSON.stringify (and, for
// errors, against pino's own err serializer) over case tables and fast-check properties.
// Where bytelog differs from JSON.stringify on purpose (BigInt, Error, cycles, values that
// throw), the expected text is built by hand from the documented shape.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { stdSerializers } from 'pino'
import { BufferPool, ByteBuf } from '../src/pool.js'
import { appendEscapedJsonBytes, appendString, appendStringContent } from '../src/encoder/string.js'
import { appendNumber, MAX_NUMBER_BYTES } from '../src/encoder/number.js'
import { appendPadded, appendSafeInt, appendUint32, digitCount } from '../src/encoder/int.js'
import { appendIsoDate, civil } from '../src/encoder/date.js'
import { appendError, appendField, appendValue } from '../src/encoder/value.js'
import { runs } from './runs.js'

// ---------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------

const pool = new BufferPool({ bufferSize: 16, maxBufferSize: 1 << 24 })

/** A byte that no encoder writes by itself, to spot writes outside [pos, end). */
const JUNK = 0xfe

interface Room {
  /** Initial capacity of the ByteBuf: small values force reserve() to grow mid-write. */
  cap?: number
  /** Bytes already in the buffer before the encoder runs; they must survive untouched. */
  prefix?: Uint8Array
}

/**
 * Runs `write` on a fresh ByteBuf that already holds `prefix`, checks that the prefix is
 * intact, and returns the bytes the encoder appended.
 */
function encode (write: (b: ByteBuf) => void, room: Room = {}): Buffer {
  const prefix = room.prefix ?? Buffer.from('{"k":')
  const b = new ByteBuf(Math.max(1, room.cap ?? 16), pool)
  b.reserve(prefix.length).set(prefix, 0)
  b.pos = prefix.length
  write(b)
  if (b.pos > b.buf.length) throw new Error(`pos ${b.pos} is past the end of the buffer (${b.buf.length})`)
  if (!b.buf.subarray(0, prefix.length).equals(prefix)) {
    expect(Buffer.from(b.buf.subarray(0, prefix.length)), 'bytes before pos were overwritten').toEqual(Buffer.from(prefix))
  }
  return Buffer.from(b.buf.subarray(prefix.length, b.pos))
}

/** Byte equality with a readable diff: latin1 maps bytes to chars one to one. */
function expectBytes (actual: Buffer, expected: string | Buffer): void {
  const exp = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected
  // The cheap comparison first: properties run this tens of thousands of times.
  if (!actual.equals(exp)) expect(actual.toString('latin1')).toBe(exp.toString('latin1'))
}

/** toBe, with the cheap comparison first. */
function same (actual: unknown, expected: unknown): void {
  if (actual !== expected) expect(actual).toBe(expected)
}

const text = (write: (b: ByteBuf) => void, room?: Room): string => encode(write, room).toString('utf8')
const valueText = (v: unknown): string => text((b) => appendValue(b, v))

const roomArb: fc.Arbitrary<Room> = fc.record({
  cap: fc.integer({ min: 1, max: 64 }),
  prefix: fc.uint8Array({ maxLength: 24 }),
})

// ---------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------

/** One UTF-16 code unit, weighted toward the ones the escaper treats specially. */
const codeUnit = fc.oneof(
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }), weight: 6 },
  { arbitrary: fc.integer({ min: 0x00, max: 0x1f }), weight: 2 },
  { arbitrary: fc.constantFrom(0x22, 0x5c, 0x7f, 0x80, 0x7ff, 0x800, 0x2028, 0x2029, 0xfeff, 0xfffd, 0xffff), weight: 2 },
  { arbitrary: fc.integer({ min: 0x80, max: 0x7ff }), weight: 1 },
  { arbitrary: fc.integer({ min: 0x800, max: 0xffff }), weight: 1 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }), weight: 2 },
)
/** Any sequence of code units: lone and reversed surrogates included. */
const utf16 = fc.array(codeUnit, { maxLength: 60 }).map((a) => String.fromCharCode(...a))
/** A run of ASCII that needs no escaping, long enough to cross the 24-char fast path. */
const cleanAscii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) => String.fromCharCode(c)), maxLength: 40 })
/** Strings built from runs of clean ASCII, arbitrary units and well-formed text. */
const anyString = fc.oneof(
  utf16,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(fc.oneof(cleanAscii, utf16, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 5 }).map((a) => a.join('')),
)

/** Every character class of the escaper, alone, after a long clean run, and before one. */
const CHARS = [
  '', 'a', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\v', '\0', '\u0001', '\u001f', ' ', '~', '\u007f',
  '\u0080', '\u00e9', '\u07ff', '\u0800', '\u2028', '\u2029', '\ufeff', '\uffff', '\ud7ff', '\ue000',
  '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\udbff\udfff', '\ude00\ud83d', '\ud83d\ud83d', '\ud83d"',
  '</script>', 'a\u0000b', '\u00e9\u0001', '\ud83d\ude00\ud800',
]
const STRING_CASES: { input: string, expected: string, label: string }[] = [
  ...CHARS,
  ...CHARS.map((c) => 'x'.repeat(30) + c),
  ...CHARS.map((c) => c + 'y'.repeat(30)),
  ...CHARS.map((c) => 'p'.repeat(23) + c),
  ...CHARS.map((c) => 'q'.repeat(24) + c + 'r'.repeat(24)),
  ...CHARS.map((c) => c.repeat(40)),
  'x'.repeat(30) + '\u00e9' + 'y'.repeat(30), // long, clean, non-ASCII: the utf8Write rewrite
  '\u00e9'.repeat(24), 'é日本語🙂'.repeat(10), '🙂'.repeat(12),
  'x'.repeat(100_000), 'é'.repeat(50_000) + '\n', '"'.repeat(10_000),
].map((input) => ({ input, expected: JSON.stringify(input), label: JSON.stringify(input).slice(0, 48) }))

describe('appendString', () => {
  it('follows well-formed JSON.stringify for the characters it must not escape or must escape as \\u', () => {
    // The contract, pinned: these are what well-formed JSON.stringify does on every Node >= 12.
    expect(JSON.stringify('\u2028\u007f')).toBe('"\u2028\u007f"')
    expect(JSON.stringify('\ud800')).toBe('"\\ud800"')
    expect(text((b) => appendString(b, '\u2028\u007f\u2029'))).toBe('"\u2028\u007f\u2029"')
    expect(text((b) => appendString(b, 'a\ud800b\udfff'))).toBe('"a\\ud800b\\udfff"')
    expect(text((b) => appendString(b, '\u001f\u0000'))).toBe('"\\u001f\\u0000"')
  })

  it.each(STRING_CASES)('encodes $label as JSON.stringify does', ({ input, expected }) => {
    expectBytes(encode((b) => appendString(b, input)), expected)
    // Again into a buffer with no spare room at all, so every reserve() has to grow.
    expectBytes(encode((b) => appendString(b, input), { cap: 1, prefix: new Uint8Array(0) }), expected)
  })

  it('matches JSON.stringify byte for byte on arbitrary UTF-16 (lone surrogates included)', () => {
    fc.assert(fc.property(anyString, roomArb, (s, room) => {
      expectBytes(encode((b) => appendString(b, s), room), JSON.stringify(s))
    }), { numRuns: runs(20_000) })
  })

  it('writes text that JSON.parse reads back as the same string', () => {
    fc.assert(fc.property(anyString, (s) => {
      // Lone surrogates survive the round trip because they are written as \u escapes.
      same(JSON.parse(text((b) => appendString(b, s))), s)
    }), { numRuns: runs(5_000) })
  })

  it('appends after what is already in the buffer, several strings in a row', () => {
    fc.assert(fc.property(fc.array(anyString, { maxLength: 6 }), fc.integer({ min: 1, max: 32 }), (list, cap) => {
      const out = encode((b) => {
        for (const s of list) appendString(b, s)
      }, { cap, prefix: new Uint8Array(0) })
      expectBytes(out, list.map((s) => JSON.stringify(s)).join(''))
    }), { numRuns: runs(3_000) })
  })
})

describe('appendStringContent', () => {
  it.each(STRING_CASES)('writes $label escaped, without quotes', ({ input, expected }) => {
    expectBytes(encode((b) => appendStringContent(b, input)), expected.slice(1, -1))
  })

  it('equals JSON.stringify without its quotes on arbitrary UTF-16', () => {
    fc.assert(fc.property(anyString, roomArb, (s, room) => {
      expectBytes(encode((b) => appendStringContent(b, s), room), JSON.stringify(s).slice(1, -1))
    }), { numRuns: runs(10_000) })
  })

  it('concatenated pieces read back as the concatenated string', () => {
    // Used by the printf formatter: a message is built from many content pieces.
    fc.assert(fc.property(fc.array(anyString, { maxLength: 5 }), (parts) => {
      const out = text((b) => {
        b.reserve(1)[b.pos++] = 0x22
        for (const p of parts) appendStringContent(b, p)
        b.reserve(1)[b.pos++] = 0x22
      }, { prefix: new Uint8Array(0) })
      same(JSON.parse(out), parts.join(''))
    }), { numRuns: runs(3_000) })
  })
})

describe('appendEscapedJsonBytes', () => {
  const JSON_TEXTS = ['', '0', '"a"', '"a\\"b"', '"\\\\"', '{"k":"v","n":[1,2.5,null,true]}', '"\\ud800\\n"', '"é🙂\u2028"', '[]']
    .map((input) => ({ input, expected: JSON.stringify(input).slice(1, -1) }))

  it.each(JSON_TEXTS)('escapes JSON text %j for use inside a JSON string', ({ input, expected }) => {
    const src = Buffer.from(input)
    expectBytes(encode((b) => appendEscapedJsonBytes(b, src, 0, src.length)), expected)
  })

  it('escapes only the range [from, to) of the source, like JSON.stringify of that text', () => {
    const junk = fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.concat([Buffer.from('"\\'), a]))
    fc.assert(fc.property(fc.jsonValue(), junk, junk, roomArb, (v, before, after, room) => {
      const json = JSON.stringify(v)
      const body = Buffer.from(json)
      const src = Buffer.concat([before, body, after])
      const out = encode((b) => appendEscapedJsonBytes(b, src, before.length, before.length + body.length), room)
      expectBytes(out, JSON.stringify(json).slice(1, -1))
      same(JSON.parse('"' + out.toString('utf8') + '"'), json)
    }), { numRuns: runs(3_000) })
  })
})

// ---------------------------------------------------------------------------------------
// Integers
// ---------------------------------------------------------------------------------------

/** 10^k - 1, 10^k, 10^k + 1 and 2^k - 1, 2^k, 2^k + 1: every digit-count boundary. */
function boundaries (maxExclusive: number): number[] {
  const out = new Set<number>([0, 1])
  for (let p = 1; p < maxExclusive * 10; p *= 10) for (const d of [-1, 0, 1]) out.add(p + d)
  for (let p = 1; p < maxExclusive * 2; p *= 2) for (const d of [-1, 0, 1]) out.add(p + d)
  return [...out].filter((v) => v >= 0 && v < maxExclusive && Number.isSafeInteger(v)).sort((a, b) => a - b)
}
const UINT32_EDGES = boundaries(2 ** 32)
const SAFE_EDGES = boundaries(2 ** 53)

/** Writes with `f` into a junk-filled buffer at offset 3 and checks nothing outside moved. */
function writeAt (f: (buf: Buffer, pos: number) => number, room = 40): string {
  const buf = Buffer.alloc(room + 6, JUNK)
  const end = f(buf, 3)
  if (!(end >= 3 && end <= 3 + room)) throw new Error(`returned position ${end} is outside [3, ${3 + room}]`)
  if (buf[0] !== JUNK || buf[1] !== JUNK || buf[2] !== JUNK) throw new Error('wrote before pos')
  for (let i = end; i < buf.length; i++) if (buf[i] !== JUNK) throw new Error(`wrote past the returned position, at ${i}`)
  return buf.toString('latin1', 3, end)
}

describe('int: digitCount, appendUint32, appendPadded, appendSafeInt', () => {
  it.each(UINT32_EDGES.map((input) => ({ input, expected: String(input) })))('uint32 $input', ({ input, expected }) => {
    expect(digitCount(input)).toBe(expected.length)
    expect(writeAt((b, p) => appendUint32(b, p, input), 10)).toBe(expected)
    expect(writeAt((b, p) => appendPadded(b, p, input, 12), 12)).toBe(expected.padStart(12, '0'))
  })

  it.each(SAFE_EDGES.flatMap((v) => [v, -v]).map((input) => ({ input, expected: JSON.stringify(input) })))('safe int $input', ({ input, expected }) => {
    expect(writeAt((b, p) => appendSafeInt(b, p, input), 17)).toBe(expected)
  })

  it('digitCount and appendUint32 agree with String() on [0, 2^32)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (v) => {
      same(digitCount(v), String(v).length)
      same(writeAt((b, p) => appendUint32(b, p, v), 10), String(v))
    }), { numRuns: runs(10_000) })
  })

  it('appendPadded zero-pads to exactly the width asked for', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 6 }), (v, extra) => {
      const width = String(v).length + extra
      same(writeAt((b, p) => appendPadded(b, p, v, width), width), String(v).padStart(width, '0'))
    }), { numRuns: runs(5_000) })
  })

  it('appendSafeInt agrees with JSON.stringify on every safe integer', () => {
    fc.assert(fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer()), (v) => {
      same(writeAt((b, p) => appendSafeInt(b, p, v), 17), JSON.stringify(v))
    }), { numRuns: runs(10_000) })
  })
})

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

const NUMBER_INPUTS: number[] = [
  0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, -0.5, 0.1, 0.2, 0.1 + 0.2, 1 / 3, -2 / 3, Math.PI, -Math.E,
  2 ** 31, 2 ** 31 - 1, 2 ** 32, 2 ** 32 - 1, 2 ** 32 + 0.5, 2 ** 52, 2 ** 52 + 0.5, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2,
  -(2 ** 53 - 1), -(2 ** 53), -(2 ** 53) - 2, 2 ** 53 - 1.5, 2 ** 64, 2 ** 70, -(2 ** 64),
  1e15, 1e15 - 0.5, 1e15 + 0.5, 1e15 + 0.25, 999999999999999.9, 99999999999999.99, 1e16, 1e17,
  1e20, 1e21, 1e21 - 65536, 999999999999999900000, 123456789012345680000, 1e22, 1e100, 1e308, 1.7976931348623157e308,
  -1.7976931348623157e308, 5e-324, -5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 4.9406564584124654e-324,
  1e-6, 1e-7, 9.999999999999999e-7, 1.0000000000000001e-6, 0.000001234, 0.0000012345678901234, 1.5e-6, 1e-5, 0.00001,
  123.456, 4.35, 4.35 * 100, 1.005, 100.5, 0.07, 1.1, 2.675, 8.41, 1234.5678, 0.000123, 1e-10, 1.23e-20,
  1.0000000000000002, 0.9999999999999999, 1.9999999999999998, 4503599627370495.5, 4503599627370497,
  1.23456789012345, 1.234567890123456, 1.2345678901234567, 12345678901234.5, 123456789012345.6, 12345678901234.56,
  0.123456789012345, 0.1234567890123456, 0.12345678901234568, 123456.78901234567, 98765432109876.54,
  Number.EPSILON, Number.MIN_VALUE, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER,
  // 16 and 17 digits (src/encoder/shortest.ts): durations, powers of two (left to toString),
  // x * 10^k exactly halfway between two decimals that both read back (left to toString),
  // or that neither does (the next length is tried), the ends of the range.
  0.39841699600219727, 12.345678901234567, 1.0000000000000004, 2 ** -10 + 2 ** -60, 2 ** 40 + 2 ** -10, 2 ** -20, 2 ** 49,
  76503460787348.125, 8919933453159.3125, 85337306807617.625, 15048067825636.125, 20602348152483.5625, 3802976974573.90625,
  1.0000000000000002e-6, 1.2345678901234567e-6, 999999999999999.8, 999999999999999.9, 0.09999999999999999, 0.9999999999999998,
]
const NUMBER_CASES = NUMBER_INPUTS.map((input) => ({ input, expected: JSON.stringify(input) }))

/** What appendNumber writes for n, written at an offset inside a junk-filled buffer. */
const numberText = (n: number): string => writeAt((b, p) => appendNumber(b, p, n), MAX_NUMBER_BYTES)

/** A double with exactly `digits` significant digits (when it has that many). */
const withDigits = fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 17 }))
  .map(([x, d]) => Number(x.toPrecision(d)))
/** m / 10^k: the decimals people log (prices, ratios, durations). */
const decimal = fc.tuple(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -99999, max: 99999 })), fc.integer({ min: 0, max: 25 }))
  .map(([m, k]) => m / 10 ** k)
/** Doubles within a few ulps of the edges where the notation or the fast path changes. */
// Every power of ten in fixed notation: where appendDecimal's count of integer digits changes.
const TENS = Array.from({ length: 22 }, (_, i) => Number(`1e${i - 6}`))
const nearEdges = fc.tuple(fc.constantFrom(1e-7, ...TENS, 2 ** 53, 1e16, 1e21, 1e22, 2 ** 32, 5e-324, 1e308), fc.integer({ min: -64, max: 64 }), fc.boolean())
  .map(([edge, ulps, neg]) => {
    const f = new Float64Array([edge])
    const i = new BigInt64Array(f.buffer)
    i[0] = i[0]! + BigInt(ulps)
    return neg ? -f[0]! : f[0]!
  })

/**
 * Any double of fixed notation from 1e-6 to 1e15 (most need 16 or 17 digits), from its
 * bits: a biased exponent from 1003 (~1e-6) to 1073 (~1e15), any significand, either sign.
 */
const fixedBits = fc.tuple(fc.integer({ min: 1003, max: 1073 }), fc.integer({ min: 0, max: 0xfffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.boolean())
  .map(([exp, hi, lo, neg]) => {
    const v = new DataView(new ArrayBuffer(8))
    v.setUint32(0, (neg ? 0x80000000 : 0) + exp * 0x100000 + hi)
    v.setUint32(4, lo)
    return v.getFloat64(0)
  })
/** A duration as an app measures it: the difference of two monotonic times, in ms. */
const duration = fc.tuple(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }))
  .map(([start, took]) => (start + took) - start)
/** n + j / 2^f: an integer part of up to 49 bits and a short binary fraction, where x * 10^k can fall exactly halfway. */
const shortFraction = fc.tuple(fc.integer({ min: 0, max: 2 ** 49 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 1023 }))
  .map(([n, f, j]) => n + (j % 2 ** f) / 2 ** f)

describe('appendNumber', () => {
  it('writes null for NaN and the infinities, and 0 for -0', () => {
    // The contract, pinned by the reference itself.
    expect([NaN, Infinity, -Infinity, -0].map((n) => JSON.stringify(n))).toEqual(['null', 'null', 'null', '0'])
    expect([NaN, Infinity, -Infinity, -0].map(numberText)).toEqual(['null', 'null', 'null', '0'])
  })

  it.each(NUMBER_CASES)('$input as JSON.stringify', ({ input, expected }) => {
    expect(numberText(input)).toBe(expected)
  })

  it('matches JSON.stringify on every double (subnormals, NaN, infinities, -0 included)', () => {
    fc.assert(fc.property(fc.double(), (n) => {
      same(numberText(n), JSON.stringify(n))
    }), { numRuns: runs(20_000) })
  })

  it('matches JSON.stringify on integers, safe integers and values around 2^53', () => {
    const around53 = fc.tuple(fc.integer({ min: -4096, max: 4096 }), fc.boolean()).map(([d, neg]) => (neg ? -1 : 1) * (2 ** 53 + d))
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), around53), (n) => {
      same(numberText(n), JSON.stringify(n))
    }), { numRuns: runs(10_000) })
  })

  it('matches JSON.stringify on short and long decimals (m / 10^k, 1 to 17 significant digits)', () => {
    fc.assert(fc.property(fc.oneof(decimal, withDigits), (n) => {
      same(numberText(n), JSON.stringify(n))
    }), { numRuns: runs(20_000) })
  })

  it('matches JSON.stringify on doubles of 16 and 17 digits: any bits from 1e-6 to 1e15, durations, short binary fractions', () => {
    fc.assert(fc.property(fc.oneof(fixedBits, duration, shortFraction), (n) => {
      same(numberText(n), JSON.stringify(n))
    }), { numRuns: runs(50_000) })
  })

  it('matches JSON.stringify within a few ulps of the notation and fast-path edges', () => {
    fc.assert(fc.property(nearEdges, (n) => {
      same(numberText(n), JSON.stringify(n))
    }), { numRuns: runs(5_000) })
  })

  it('returns the position after what it wrote, so numbers can be chained', () => {
    fc.assert(fc.property(fc.array(fc.double(), { maxLength: 8 }), (list) => {
      const buf = Buffer.alloc(list.length * (MAX_NUMBER_BYTES + 1))
      let pos = 0
      for (const n of list) {
        pos = appendNumber(buf, pos, n)
        buf[pos++] = 0x2c
      }
      same(buf.toString('latin1', 0, pos), list.map((n) => JSON.stringify(n) + ',').join(''))
    }), { numRuns: runs(2_000) })
  })
})

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

const DAY = 86_400_000
const YEAR_0 = Date.parse('0000-01-01T00:00:00.000Z')
const YEAR_10000 = 253402300800000 // 10000-01-01T00:00:00.000Z
const DATE_INPUTS: Date[] = [
  new Date(0), new Date(-1), new Date(1), new Date(999), new Date(1000), new Date(DAY - 1), new Date(-DAY), new Date(-DAY - 1),
  new Date('2000-02-29T12:34:56.789Z'), new Date('2024-02-29T23:59:59.999Z'), new Date('2024-03-01T00:00:00.000Z'),
  new Date('1900-02-28T23:59:59.999Z'), new Date('1900-03-01T00:00:00.000Z'), new Date('2100-03-01T00:00:00.000Z'),
  new Date('1600-02-29T00:00:00.000Z'), new Date('1969-12-31T23:59:59.999Z'), new Date('2038-01-19T03:14:08.000Z'),
  new Date(YEAR_0), new Date(YEAR_0 - 1), new Date(YEAR_0 + 1), new Date('0000-12-31T23:59:59.999Z'),
  new Date('9999-12-31T23:59:59.999Z'), new Date(YEAR_10000), new Date(YEAR_10000 - 1),
  new Date(8.64e15), new Date(-8.64e15), new Date(8.64e15 - 1), new Date(-8.64e15 + 1), new Date(-62198755200000),
  new Date(NaN), new Date('not a date'), new Date(8.64e15 + 1),
]
const DATE_CASES = DATE_INPUTS.map((input) => ({ input, expected: JSON.stringify(input) }))

const instant = fc.oneof(
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.integer({ min: YEAR_0 - 4e10, max: YEAR_0 + 4e10 }),
  fc.integer({ min: YEAR_10000 - 4e10, max: YEAR_10000 + 4e10 }),
  fc.integer({ min: -4e12, max: 4e12 }),
)

describe('appendIsoDate', () => {
  it('includes the cases the brief names', () => {
    // The table really reaches both ends of the fixed four-digit range and beyond it.
    const iso = DATE_INPUTS.filter((d) => !Number.isNaN(d.getTime())).map((d) => d.toISOString())
    expect(iso).toContain('0000-01-01T00:00:00.000Z')
    expect(iso).toContain('9999-12-31T23:59:59.999Z')
    expect(iso).toContain('+275760-09-13T00:00:00.000Z')
    expect(iso).toContain('-000001-12-31T23:59:59.999Z')
  })

  it.each(DATE_CASES)('$input as JSON.stringify', ({ input, expected }) => {
    expectBytes(encode((b) => appendIsoDate(b, input)), expected)
    expectBytes(encode((b) => appendIsoDate(b, input), { cap: 1, prefix: new Uint8Array(0) }), expected)
  })

  it('matches JSON.stringify for random instants across the whole Date range', () => {
    fc.assert(fc.property(instant, roomArb, (ms, room) => {
      const d = new Date(ms)
      expectBytes(encode((b) => appendIsoDate(b, d), room), JSON.stringify(d))
    }), { numRuns: runs(20_000) })
  })

  it('matches JSON.stringify for runs of dates on the same day and the next (the last day is cached)', () => {
    const day = fc.integer({ min: -719528, max: 2932896 })
    fc.assert(fc.property(fc.array(fc.tuple(day, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: DAY - 1 })), { minLength: 1, maxLength: 12 }), (steps) => {
      for (const [d, next, ms] of steps) {
        for (const t of [d * DAY + ms, (d + next) * DAY + ms, d * DAY + ms]) {
          const date = new Date(t)
          expectBytes(encode((b) => appendIsoDate(b, date)), JSON.stringify(date))
        }
      }
    }), { numRuns: runs(2_000) })
  })

  it('matches JSON.stringify for fast-check dates (invalid ones included)', () => {
    fc.assert(fc.property(fc.date({ noInvalidDate: false }), (d) => {
      expectBytes(encode((b) => appendIsoDate(b, d)), JSON.stringify(d))
    }), { numRuns: runs(5_000) })
  })

  it('civil() agrees with the UTC getters for every day in the Date range', () => {
    const out = new Int32Array(3)
    fc.assert(fc.property(fc.integer({ min: -1e8, max: 1e8 }), (days) => {
      civil(days, out)
      const d = new Date(days * DAY)
      same(`${out[0]}-${out[1]}-${out[2]}`, `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}`)
    }), { numRuns: runs(20_000) })
  })
})

// ---------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------

/** Object keys, with the ones that order differently or name built-ins over-represented. */
const key = fc.oneof(
  { arbitrary: anyString, weight: 4 },
  { arbitrary: fc.nat({ max: 20 }).map(String), weight: 2 },
  { arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'length', '-1', '01', '4294967295', '4294967294'), weight: 1 },
)
/** Plain JSON data with adversarial strings, keys and numbers. */
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.constant(null), fc.boolean(), fc.double(), fc.integer(), anyString,
    tie('array'), tie('object')),
  array: fc.array(tie('json'), { maxLength: 6 }),
  object: fc.array(fc.tuple(key, tie('json')), { maxLength: 6 }).map((entries) => Object.fromEntries(entries)),
}))

/** fast-check's anything: boxed values, Maps, Sets, BigInts, Dates, typed and sparse arrays, null prototypes. */
const anything = fc.anything({
  withBoxedValues: true, withMap: true, withSet: true, withBigInt: true, withDate: true, withTypedArray: true,
  withSparseArray: true, withNullPrototype: true, withObjectString: true, withUnicodeString: true, maxDepth: 4,
})

/**
 * JSON.stringify with bytelog's one difference on JSON-able data: a BigInt (boxed or not,
 * after toJSON) prints as bare digits. The replacer marks it and the marker is unquoted.
 */
const MARK = '\u0000bigint:'
function stringifyBig (v: unknown): string | undefined {
  const s = JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return MARK + x.toString()
    if (x instanceof BigInt) return MARK + x.valueOf().toString()
    return x
  })
  return s === undefined ? s : s.replace(/"\\u0000bigint:(-?\d+)"/g, '$1')
}

/** The pino err serializer applied to every Error, as bytelog does at any depth. */
function stringifyErrors (v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof Error ? stdSerializers.err(x) : x))
}

describe('appendValue on plain JSON data', () => {
  it('is byte-identical to JSON.stringify (fc.jsonValue)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expectBytes(encode((b) => appendValue(b, v)), JSON.stringify(v))
    }), { numRuns: runs(5_000) })
  })

  it('is byte-identical to JSON.stringify on adversarial strings, keys and doubles', () => {
    fc.assert(fc.property(json, roomArb, (v, room) => {
      expectBytes(encode((b) => appendValue(b, v), room), JSON.stringify(v))
    }), { numRuns: runs(5_000) })
  })

  it('keeps key order: integer-like keys first, then insertion order', () => {
    const cases = [
      { b: 1, a: 2, 10: 'ten', 2: 'two', '-1': 'neg', '01': 'lead' },
      Object.fromEntries([['z', 1], ['4294967295', 2], ['4294967294', 3], ['1', 4]]),
      Object.fromEntries([['__proto__', { x: 1 }], ['a', 2]]),
    ].map((input) => ({ input, expected: JSON.stringify(input) }))
    for (const { input, expected } of cases) expect(valueText(input)).toBe(expected)
  })
})

describe('appendValue on any JSON-able value', () => {
  it('nested anywhere, gives the bytes of JSON.stringify (BigInt as bare digits)', () => {
    fc.assert(fc.property(anything, (v) => {
      const expected = stringifyBig([v])
      expect(expected).toBeDefined()
      expectBytes(encode((b) => appendValue(b, [v])), expected!)
      expect(JSON.parse(valueText({ v }))).toEqual(JSON.parse(stringifyBig({ v })!))
    }), { numRuns: runs(5_000) })
  })

  it('at the top level, parses to what JSON.stringify parses to (fc.anything)', () => {
    // A top-level value gets JSON.stringify's treatment too: toJSON, unboxing.
    fc.assert(fc.property(anything, (v) => {
      const expected = stringifyBig(v)
      fc.pre(expected !== undefined)
      expect(JSON.parse(valueText(v))).toEqual(JSON.parse(expected!))
    }), { numRuns: runs(5_000) })
  })

  it('writes nothing and returns false where JSON.stringify returns undefined, else returns true', () => {
    const skipped = fc.constantFrom<unknown>(undefined, () => 1, Symbol('s'), { toJSON: () => undefined }, { toJSON: () => () => 1 })
    fc.assert(fc.property(fc.oneof(anything, skipped), (v) => {
      const b = new ByteBuf(4, pool)
      const wrote = appendValue(b, v)
      const json = stringifyBig(v)
      same(wrote, json !== undefined)
      same(b.buf.toString('utf8', 0, b.pos), json ?? '')
    }), { numRuns: runs(2_000) })
  })

  const TOP_LEVEL = [
    { name: 'an object with toJSON', input: { toJSON: () => ({ replaced: true }) } },
    { name: 'toJSON receiving the empty key', input: { toJSON: (k: string) => `key=[${k}]` } },
    { name: 'a boxed number', input: Object(1.5) as unknown },
    { name: 'a boxed string', input: Object('str') as unknown },
    { name: 'a boxed boolean', input: Object(false) as unknown },
    { name: 'a Buffer', input: Buffer.from('hi') },
    { name: 'a Date with its own toJSON', input: Object.assign(new Date(0), { toJSON: () => 'custom' }) },
    { name: 'a URL', input: new URL('https://example.com/a?b=1') },
  ]
  it.each(TOP_LEVEL.map((c) => ({ ...c, expected: JSON.stringify(c.input) })))('at the top level, honours $name as JSON.stringify', ({ input, expected }) => {
    expect(valueText(input)).toBe(expected)
  })

  const NESTED: { name: string, input: unknown }[] = [
    { name: 'toJSON, with the property key', input: { a: { toJSON: (k: string) => `key=${k}` }, list: [{ toJSON: (k: string) => `i=${k}` }] } },
    { name: 'toJSON returning undefined', input: { a: { toJSON: () => undefined }, b: [{ toJSON: () => undefined }] } },
    { name: 'toJSON returning an object with toJSON (not called twice)', input: { a: { toJSON: () => ({ toJSON: () => 'inner' }) } } },
    { name: 'boxed primitives', input: [Object(1.5), Object('s'), Object(true), Object(-0), Object(NaN), { n: Object(7) }] },
    { name: 'undefined, functions and symbols', input: { u: undefined, f: () => 1, s: Symbol('s'), a: [undefined, () => 1, Symbol('t')], k: 1 } },
    { name: 'Map, Set, WeakMap, RegExp, Promise-free objects', input: { m: new Map([[1, 2]]), s: new Set([1]), w: new WeakMap(), r: /x/g } },
    { name: 'typed arrays', input: { u8: new Uint8Array([1, 255]), f32: new Float32Array([0.1, NaN, -0, Infinity]), f64: new Float64Array([1e21, 5e-324]), i16: new Int16Array([-3]), c: new Uint8ClampedArray([300]), dv: new DataView(new ArrayBuffer(2)) } },
    { name: 'Buffers via their toJSON', input: { buf: Buffer.from([0, 1, 255]), empty: Buffer.alloc(0) } },
    { name: 'valid and invalid Dates', input: { d: new Date(0), bad: new Date(NaN), far: new Date(8.64e15), list: [new Date(-1), new Date('x')] } },
    { name: 'a Date with its own toJSON', input: { d: Object.assign(new Date(0), { toJSON: () => 'own' }) } },
    { name: 'a Date subclass', input: { d: new (class MyDate extends Date {})(1234567890123) } },
    { name: 'a Date whose toISOString is overridden', input: { d: Object.assign(new Date(0), { toISOString: () => 'overridden' }) } },
    { name: 'sparse arrays', input: { a: [1, , 3], b: new Array(3) } }, // eslint-disable-line no-sparse-arrays
    { name: 'inherited, non-enumerable and symbol keys (all left out)', input: Object.defineProperties(Object.create({ inherited: 1 }), { own: { value: 1, enumerable: true }, hidden: { value: 2, enumerable: false }, [Symbol('s')]: { value: 3, enumerable: true } }) },
    { name: 'class instances with prototype getters', input: { p: new (class P { x = 1; get y () { return 2 } })() } },
    { name: 'null-prototype objects', input: { n: Object.assign(Object.create(null), { a: 1, toJSON: 5 }) } },
    { name: 'a function with toJSON', input: { f: Object.assign(() => 1, { toJSON: () => 'fn' }) } },
    { name: 'shared (not circular) references', input: (() => { const s = { k: [1] }; return { a: s, b: s, c: [s, s], d: { e: s } } })() },
    { name: 'a URL', input: { u: new URL('https://example.com/a?b=1') } },
  ]
  it.each(NESTED.map((c) => ({ ...c, expected: JSON.stringify(c.input) })))('nested, handles $name as JSON.stringify', ({ input, expected }) => {
    expect(valueText(input)).toBe(expected)
  })

  it('prints BigInts as bare digits, boxed or not, at any depth', () => {
    const big = 2n ** 70n
    const cases = [
      { input: 0n, expected: '0' },
      { input: -123456789012345678901234567890n, expected: String(-123456789012345678901234567890n) },
      { input: { a: 1n, b: [big, Object(-5n)] }, expected: `{"a":1,"b":[${String(big)},-5]}` },
    ]
    for (const { input, expected } of cases) {
      expect(valueText(input)).toBe(expected)
      expect(JSON.parse(valueText(input))).toEqual(JSON.parse(expected))
    }
  })

  it('honours BigInt.prototype.toJSON when an app defines one', () => {
    const proto = BigInt.prototype as { toJSON?: () => string }
    proto.toJSON = function (this: bigint) { return `${this.toString()}n` }
    try {
      const input = { a: 5n, b: [6n] }
      expect(valueText(input)).toBe(JSON.stringify(input))
    } finally {
      delete proto.toJSON
    }
  })
})

describe('appendValue: cycles and values that throw', () => {
  it('writes "[Circular]" for a reference to an ancestor, and only then', () => {
    const o: Record<string, unknown> = { a: 1 }
    o.self = o
    const arr: unknown[] = [1]
    arr.push(arr)
    const deep: { b: { c: Record<string, unknown> } } = { b: { c: {} } }
    deep.b.c.back = deep
    deep.b.c.mid = deep.b
    const shared = { k: 1 }
    const siblings = { x: shared, y: [shared, { z: shared }] }
    const cases = [
      { input: o, expected: '{"a":1,"self":"[Circular]"}' },
      { input: arr, expected: '[1,"[Circular]"]' },
      { input: deep, expected: '{"b":{"c":{"back":"[Circular]","mid":"[Circular]"}}}' },
      { input: { wrap: o }, expected: '{"wrap":{"a":1,"self":"[Circular]"}}' },
      { input: siblings, expected: JSON.stringify(siblings) },
    ]
    for (const { input, expected } of cases) expect(valueText(input)).toBe(expected)
  })

  it('forgets the ancestors of one call before the next', () => {
    const o: Record<string, unknown> = { a: 1 }
    o.self = o
    const first = valueText(o)
    expect(valueText(o)).toBe(first)
    expect(valueText({ o: 1 })).toBe('{"o":1}')
  })

  const boom = (m: string) => () => { throw new Error(m) }
  const getterThrows = Object.defineProperty({ a: 1, c: 2 } as Record<string, unknown>, 'b', { get: boom('getter'), enumerable: true })
  const shared = { k: 1 }
  const THROWS: { name: string, input: unknown, expected: string }[] = [
    { name: 'a top-level toJSON', input: { toJSON: boom('top') }, expected: '"[Unserializable: top]"' },
    { name: 'toJSON in an object', input: { a: { toJSON: boom('tj') }, b: 2 }, expected: '{"a":"[Unserializable: tj]","b":2}' },
    { name: 'toJSON in an array', input: [1, { toJSON: boom('bad') }, 3], expected: '[1,"[Unserializable: bad]",3]' },
    { name: 'toJSON deep inside', input: { a: { x: 1, y: [{ z: { toJSON: boom('deep') } }] } }, expected: '{"a":{"x":1,"y":[{"z":"[Unserializable: deep]"}]}}' },
    { name: 'a thrown string', input: { a: { toJSON: () => { throw 'nope' } } }, expected: '{"a":"[Unserializable: nope]"}' }, // eslint-disable-line no-throw-literal
    { name: 'a getter', input: getterThrows, expected: '{"a":1,"c":2,"b":"[Unserializable: getter]"}' },
    { name: 'a getter, nested', input: { o: getterThrows, n: 3 }, expected: '{"o":{"a":1,"c":2,"b":"[Unserializable: getter]"},"n":3}' },
    { name: 'a Proxy get trap', input: { p: new Proxy({ a: 1 }, { get: boom('get') }) }, expected: '{"p":"[Unserializable: get]"}' },
    { name: 'a Proxy ownKeys trap', input: { p: new Proxy({ a: 1 }, { ownKeys: boom('keys') }), q: 1 }, expected: '{"p":"[Unserializable: keys]","q":1}' },
    { name: 'an error whose message getter throws', input: [{ toJSON: () => { throw Object.defineProperty(new Error(), 'message', { get: boom('again') }) } }], expected: '["[Unserializable: unknown error]"]' },
    { name: 'a throw after a shared object was entered', input: { a: [shared, { toJSON: boom('x') }], b: shared }, expected: '{"a":[{"k":1},"[Unserializable: x]"],"b":{"k":1}}' },
    { name: 'a throw inside an ancestor-tracked subtree', input: { a: { s: shared, t: { toJSON: boom('y') } }, b: shared }, expected: '{"a":{"s":{"k":1},"t":"[Unserializable: y]"},"b":{"k":1}}' },
  ]
  it.each(THROWS)('writes "[Unserializable: <message>]" in place of $name', ({ input, expected }) => {
    const out = valueText(input)
    expect(() => JSON.parse(out)).not.toThrow()
    expect(out).toBe(expected)
  })
})

// ---------------------------------------------------------------------------------------
// Depth: the encoder switches from recursion to an explicit stack a few hundred levels
// down; both walks must write the same bytes, and any depth must be written in full.
// ---------------------------------------------------------------------------------------

/** JSON.stringify with bytelog's documented differences: BigInt as digits, Errors as pino's serializer. */
function reference (v: unknown): string {
  const s = JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return MARK + x.toString()
    if (x instanceof BigInt) return MARK + x.valueOf().toString()
    if (x instanceof Error) return stdSerializers.err(x)
    return x
  })
  return s.replace(/"\\u0000bigint:(-?\d+)"/g, '$1')
}

/** One level of a deep path: an array or object with siblings around the child. */
interface Level { kind: 'array' | 'object', before: [string, unknown][], after: [string, unknown][], key: string }
const levelArb: fc.Arbitrary<Level> = fc.record({
  kind: fc.constantFrom('array' as const, 'object' as const),
  before: fc.array(fc.tuple(key, anything), { maxLength: 2 }),
  after: fc.array(fc.tuple(key, anything), { maxLength: 2 }),
  key,
})

/**
 * Builds a path `n` levels deep (the levels repeat cyclically) whose innermost child is
 * leaf(containers): containers[i] is the array or object at depth i.
 */
function spine (levels: Level[], n: number, leaf: (containers: object[]) => unknown): object {
  const containers: object[] = Array.from({ length: n }, (_, i) => (levels[i % levels.length]!.kind === 'array' ? [] : {}))
  const define = (o: object, k: string, v: unknown): void => {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  }
  for (let i = 0; i < n; i++) {
    const level = levels[i % levels.length]!
    const child = i + 1 < n ? containers[i + 1] : leaf(containers)
    const c = containers[i]!
    if (Array.isArray(c)) {
      c.push(...level.before.map(([, v]) => v), child, ...level.after.map(([, v]) => v))
    } else {
      for (const [k, v] of level.before) if (k !== level.key) define(c, k, v)
      define(c, level.key, child)
      for (const [k, v] of level.after) if (k !== level.key) define(c, k, v)
    }
  }
  return containers[0]!
}

describe('appendValue at any depth', () => {
  const nest = (levels: number, open: string, close: string, wrap: (v: unknown) => unknown) => {
    let v: unknown = 'leaf'
    for (let i = 0; i < levels; i++) v = wrap(v)
    return { v, expected: open.repeat(levels) + '"leaf"' + close.repeat(levels) }
  }
  const SHAPES = [
    { shape: 'arrays', open: '[', close: ']', wrap: (v: unknown) => [v] },
    { shape: 'objects', open: '{"k":', close: '}', wrap: (v: unknown) => ({ k: v }) },
    { shape: 'objects in arrays', open: '[{"k":', close: '}]', wrap: (v: unknown) => [{ k: v }] },
  ]
  const DEPTHS = [1, 2, 100, 499, 500, 501, 502, 1000, 1999, 2000, 2001, 5000, 200_000]

  it.each(SHAPES.flatMap((s) => DEPTHS.map((depth) => ({ ...s, depth }))))('writes $shape nested $depth deep in full', ({ depth, open, close, wrap }) => {
    const { v, expected } = nest(depth, open, close, wrap)
    same(valueText(v), expected)
    if (depth <= 1000) same(expected, JSON.stringify(v)) // the hand-built expectation is JSON.stringify's
  })

  it('writes deep paths with random siblings exactly as JSON.stringify (BigInt as digits)', () => {
    fc.assert(fc.property(fc.array(levelArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 490, max: 900 }), json, (levels, n, leaf) => {
      const v = spine(levels, n, () => leaf)
      expectBytes(encode((b) => appendValue(b, v)), reference(v))
    }), { numRuns: runs(100) })
  })

  it('writes "[Circular]" for a reference to any ancestor, however deep', () => {
    fc.assert(fc.property(fc.array(levelArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 1100 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (levels, n, where) => {
      const target = Math.floor(where * n)
      const v = spine(levels, n, (containers) => containers[target])
      const twin = spine(levels, n, () => '[Circular]')
      expectBytes(encode((b) => appendValue(b, v)), reference(twin))
    }), { numRuns: runs(100) })
  })

  it('writes shared (not circular) references in full, however deep', () => {
    const shared = { s: [1, 2] }
    const levels: Level[] = [{ kind: 'object', before: [['a', shared]], after: [['z', shared]], key: 'k' }, { kind: 'array', before: [['', shared]], after: [], key: '' }]
    for (const n of [10, 499, 500, 501, 1200]) {
      const v = spine(levels, n, () => shared)
      same(valueText(v), JSON.stringify(v))
    }
  })

  const boom = (m: string) => () => { throw new Error(m) }
  const DEEP_LEAVES: { name: string, leaf: () => unknown, twin: unknown }[] = [
    { name: 'a throwing toJSON', leaf: () => ({ toJSON: boom('deep toJSON') }), twin: '[Unserializable: deep toJSON]' },
    { name: 'a throwing getter', leaf: () => ({ a: 1, get b () { return boom('deep getter')() } }), twin: { a: 1, b: '[Unserializable: deep getter]' } },
    { name: 'a throwing Proxy ownKeys trap', leaf: () => new Proxy({ a: 1 }, { ownKeys: boom('deep keys') }), twin: '[Unserializable: deep keys]' },
    { name: 'an Error', leaf: () => Object.assign(new TypeError('deep error'), { code: 'E' }), twin: null },
    { name: 'a Date, a boxed number, a BigInt and a toJSON', leaf: () => [new Date(0), Object(2.5), 10n ** 30n, { toJSON: () => 'tj' }, undefined, () => 1], twin: null },
  ]
  it.each(DEEP_LEAVES.flatMap((c) => [3, 499, 500, 501, 1500].map((n) => ({ ...c, n }))))('writes $name $n levels down as it does near the top', ({ leaf, twin, n }) => {
    const levels: Level[] = [{ kind: 'array', before: [['', 1]], after: [], key: '' }, { kind: 'object', before: [['x', 'y']], after: [['z', null]], key: 'k' }]
    const v = spine(levels, n, leaf)
    // The expected text: the same path with the leaf replaced by what it must print as.
    const expected = twin === null ? reference(v) : reference(spine(levels, n, () => twin))
    const out = valueText(v)
    expect(() => JSON.parse(out)).not.toThrow()
    same(out, expected)
  })
})

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

class CustomError extends Error {
  code = 'E_CUSTOM'
}

/** Random Errors: class, message, enumerable props, causes (Error or not), nested errors, aggregates. */
function errorAt (depth: number): fc.Arbitrary<Error> {
  const sub: fc.Arbitrary<Error | null> = depth === 0 ? fc.constant(null) : fc.option(errorAt(depth - 1), { freq: 2 })
  const item: fc.Arbitrary<unknown> = depth === 0 ? json : fc.oneof(errorAt(depth - 1), json)
  return fc.record({
    kind: fc.constantFrom('Error', 'TypeError', 'RangeError', 'CustomError', 'AggregateError'),
    message: anyString,
    props: fc.array(fc.tuple(fc.constantFrom('code', 'status', 'detail', 'meta', 'type', 'message', 'cause'), json), { maxLength: 3 }),
    cause: fc.oneof(sub, anyString, fc.constant(undefined)),
    causeStyle: fc.constantFrom('option', 'assigned', 'function'),
    nested: sub,
    list: fc.array(item, { maxLength: 3 }),
    stack: fc.option(anyString),
  }).map((r) => {
    let e: Error
    switch (r.kind) {
      case 'TypeError': e = new TypeError(r.message); break
      case 'RangeError': e = new RangeError(r.message); break
      case 'CustomError': e = new CustomError(r.message); break
      case 'AggregateError': e = new AggregateError(r.list, r.message); break
      default: e = new Error(r.message)
    }
    const rec = e as unknown as Record<string, unknown>
    for (const [k, v] of r.props) if (k !== 'message' && k !== 'cause') rec[k] = v
    if (r.stack !== null) e.stack = r.stack
    if (r.cause !== null) {
      const c = r.cause
      if (r.causeStyle === 'option') Object.defineProperty(e, 'cause', { value: c, enumerable: false, writable: true, configurable: true })
      else if (r.causeStyle === 'assigned') rec.cause = c
      else rec.cause = () => c
    }
    if (r.nested !== null) rec.inner = r.nested
    return e
  })
}
const errorArb = errorAt(3)

describe('appendError and Errors inside values', () => {
  const c1 = new Error('root cause')
  const c2 = new TypeError('middle', { cause: c1 })
  const top = new Error('top', { cause: c2 })
  const vinner = new Error('verror inner')
  const vcause = Object.assign(new Error('outer'), { cause: () => vinner })
  const loopA = new Error('a')
  const loopB = new Error('b')
  Object.assign(loopA, { cause: loopB })
  Object.assign(loopB, { cause: loopA })
  const withProps = Object.assign(new RangeError('out of range'), { code: 'E_RANGE', status: 416, detail: { min: 0, max: 9 }, when: new Date(0) })
  const nonErrorCause = new Error('with a string cause', { cause: 'just text' })
  const assignedCause = Object.assign(new Error('assigned'), { cause: 'enumerable text' })
  const aggregate = new AggregateError([new Error('one'), 'two', undefined, null, { message: 'like' }, 3], 'many')
  const inner = Object.assign(new Error('wrapper'), { inner: new CustomError('wrapped') })
  const noStack = Object.assign(new Error('no stack'), { stack: undefined })
  const renamed = Object.assign(new Error('renamed'), { name: 'Renamed' })
  const ctorless = Object.defineProperties(new Error('odd ctor'), { constructor: { value: 'not a function' }, name: { value: 'FromName' } })
  const errorLike = { message: 'plain object', code: 7 }
  const ERRORS: { name: string, input: object }[] = [
    { name: 'a plain Error', input: new Error('boom') },
    { name: 'an empty message', input: new Error() },
    { name: 'a subclass with fields', input: new CustomError('custom') },
    { name: 'own enumerable props', input: withProps },
    { name: 'a cause chain', input: top },
    { name: 'a VError-style cause function', input: vcause },
    { name: 'a circular cause chain', input: loopA },
    { name: 'a non-Error cause (option)', input: nonErrorCause },
    { name: 'a non-Error cause (assigned)', input: assignedCause },
    { name: 'an AggregateError', input: aggregate },
    { name: 'a nested Error property', input: inner },
    { name: 'no stack', input: noStack },
    { name: 'a changed name', input: renamed },
    { name: 'a constructor that is not a function', input: ctorless },
    { name: 'an error-like plain object', input: errorLike },
    { name: 'a message with characters to escape', input: new Error('line\n"quoted"\u0000\ud800é') },
  ]
  // pino-std-serializers builds its output on a prototype that already has some keys, so
  // it leaves out an error's own properties of those names (raw, Object.prototype names)
  // or keeps one that bytelog reserves (aggregateErrors on a non-aggregate error).
  const PINO_KEYS: { name: string, input: object }[] = [
    { name: 'a property named raw', input: Object.assign(new Error('r'), { stack: 'Error: r', raw: 'own raw', code: 1 }) },
    { name: 'a property named like an Object.prototype member', input: Object.assign(new Error('p'), { stack: 'Error: p', toString: 'shadow', valueOf: 1, code: 2 }) },
    { name: 'an aggregateErrors property on a plain Error', input: Object.assign(new Error('a'), { stack: 'Error: a', aggregateErrors: ['own'] }) },
  ]
  const withExpected = (list: { name: string, input: object }[]) =>
    list.map((c) => ({ ...c, expected: stringifyErrors(stdSerializers.err(c.input as Error)) }))
  const cases = withExpected(ERRORS)

  it.each([...cases, ...withExpected(PINO_KEYS)])('appendError writes $name as pino-std-serializers does', ({ input, expected }) => {
    expectBytes(encode((b) => appendError(b, input)), expected)
  })

  it.each(cases.filter((c) => c.input instanceof Error))('appendValue writes $name nested, as pino-std-serializers does', ({ input }) => {
    const v = { level: 1, err: input, list: [input] }
    expectBytes(encode((b) => appendValue(b, v)), stringifyErrors(v))
  })

  it('writes the causes into message ("a: b") and stack ("\\ncaused by: ")', () => {
    // The shape, pinned independently of the reference serializer.
    const out = JSON.parse(valueText({ e: top })).e
    expect(out.type).toBe('Error')
    expect(out.message).toBe('top: middle: root cause')
    expect(out.stack).toBe(`${top.stack}\ncaused by: ${c2.stack}\ncaused by: ${c1.stack}`)
    expect(Object.keys(out).slice(0, 3)).toEqual(['type', 'message', 'stack'])
    expect(out).not.toHaveProperty('cause')
  })

  it('writes "[Circular]" for an error that contains itself', () => {
    const e = Object.assign(new Error('self'), { code: 1 }) as Error & { self?: unknown, list?: unknown }
    e.self = e
    e.list = [e]
    const out = JSON.parse(text((b) => appendError(b, e)))
    expect(out).toEqual({ type: 'Error', message: 'self', stack: e.stack, code: 1, self: '[Circular]', list: ['[Circular]'] })
    const nested = JSON.parse(valueText({ e }))
    expect(nested.e.self).toBe('[Circular]')
  })

  it('writes "[Unserializable: ...]" for an error property whose getter throws', () => {
    const e = Object.defineProperty(new Error('g'), 'bad', { get: () => { throw new Error('getter') }, enumerable: true })
    const out = JSON.parse(text((b) => appendError(b, e)))
    expect(out).toEqual({ type: 'Error', message: 'g', stack: e.stack, bad: '[Unserializable: getter]' })
  })

  it('matches pino-std-serializers on random errors (causes, aggregates, nested errors)', () => {
    fc.assert(fc.property(errorArb, (e) => {
      expectBytes(encode((b) => appendError(b, e)), stringifyErrors(stdSerializers.err(e)))
      const v = { at: [e] }
      expectBytes(encode((b) => appendValue(b, v)), stringifyErrors(v))
    }), { numRuns: runs(2_000) })
  })
})

// ---------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------

/** What JSON.stringify writes for one property, with a leading comma, or '' if skipped. */
/**
 * What pino writes for one top-level field: `,"key":` and JSON.stringify of the value on
 * its own (so a toJSON gets the key ""), or nothing where that is undefined.
 */
function fieldRef (k: string, v: unknown): string {
  const json = JSON.stringify(v)
  return json === undefined ? '' : `,${JSON.stringify(k)}:${json}`
}

describe('appendField', () => {
  it('writes ,"key":value as pino writes a field (JSON.stringify of the value)', () => {
    fc.assert(fc.property(key, json, roomArb, (k, v, room) => {
      expectBytes(encode((b) => appendField(b, k, v), room), fieldRef(k, v))
    }), { numRuns: runs(5_000) })
  })

  const FIELDS: { k: string, v: unknown }[] = [
    { k: 'u', v: undefined }, { k: 'f', v: () => 1 }, { k: 's', v: Symbol('x') },
    { k: 'undef', v: { toJSON: () => undefined } }, { k: 'fnj', v: { toJSON: () => () => 1 } },
    { k: 'n', v: Object(3) }, { k: 'str', v: Object('boxed') }, { k: 'buf', v: Buffer.from('a') },
    { k: 'd', v: new Date(1e12) }, { k: 'bad', v: new Date(NaN) }, { k: 'key', v: { toJSON: (k: string) => k } },
    { k: 'k"\n\ud800', v: 1 }, { k: '', v: null }, { k: '__proto__', v: { a: 1 } },
  ]
  it.each(FIELDS.map((c) => ({ ...c, expected: fieldRef(c.k, c.v) })))('field $k as pino writes it', ({ k, v, expected }) => {
    expect(text((b) => appendField(b, k, v))).toBe(expected)
  })

  it('writes the documented placeholders for BigInt, Error, cycles and throws', () => {
    const o: Record<string, unknown> = {}
    o.o = o
    const err = new Error('e')
    const cases = [
      { k: 'big', v: 12345678901234567890n, expected: ',"big":12345678901234567890' },
      { k: 'err', v: err, expected: ',"err":' + stringifyErrors(err) },
      { k: 'cyc', v: o, expected: ',"cyc":{"o":"[Circular]"}' },
      { k: 'throws', v: { toJSON: () => { throw new Error('no') } }, expected: ',"throws":"[Unserializable: no]"' },
    ]
    for (const { k, v, expected } of cases) {
      const out = text((b) => appendField(b, k, v))
      expect(out).toBe(expected)
      expect(() => JSON.parse('{' + out.slice(1) + '}')).not.toThrow()
    }
  })
})
