// The SIMD escape path (src/encoder/escape-simd.ts, escape.wat) against JSON.stringify and
// against the JS path it replaces, in one process: every ASCII byte at every position of a
// 16-byte block, block boundaries, dense and sparse escapes, random text. On a runtime
// without the SIMD path (Node 20 and 22, Bun, Deno) only the JS path and the check that the
// path is off there run.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { BufferPool, ByteBuf } from '../src/pool.js'
import { appendLongStringJs, appendLongStringSimd } from '../src/encoder/long-string.js'
import { simd, SIMD_INPUT, VIEW_MAX, VIEW_STEP } from '../src/encoder/escape-simd.js'
import { appendString } from '../src/encoder/string.js'
import { runs } from './runs.js'

const pool = new BufferPool({ bufferSize: 16, maxBufferSize: 1 << 24 })
const major = Number(process.versions.node.split('.')[0])
const versions = process.versions as Record<string, unknown>
const nodeWithSimd = major >= 24 && versions.bun === undefined && versions.deno === undefined

type Append = (b: ByteBuf, s: string) => void
const paths: Array<[string, Append]> = [['js', appendLongStringJs]]
if (simd !== null) paths.push(['simd', appendLongStringSimd])

/** `f` after `prefix` bytes in a buffer of capacity `cap`; the bytes it appended. */
function encode (f: Append, s: string, prefix = 0, cap = 16): string {
  const b = new ByteBuf(Math.max(1, cap), pool)
  b.reserve(prefix).fill(0x7e, 0, prefix)
  b.pos = prefix
  f(b, s)
  return b.buf.toString('utf8', prefix, b.pos)
}

describe('the SIMD escape path', () => {
  it(`is on exactly where Buffer#copy allocates nothing and SIMD is there (here: ${nodeWithSimd ? 'on' : 'off'})`, () => {
    expect(simd !== null).toBe(nodeWithSimd)
  })

  it('escape.wat compiles to the checked-in escape-wasm.ts', () => {
    // Exits 1, with a message, when the generated file is stale.
    execFileSync(process.execPath, ['scripts/wasm.mjs', '--check'], { stdio: 'pipe' })
  })

  it.each(paths)('%s: every ASCII character at every position of two 16-byte blocks, at every alignment', (_name, f) => {
    const clean = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3).slice(0, 80)
    for (let c = 0; c < 0x80; c++) {
      const ch = String.fromCharCode(c)
      for (let at = 0; at < 40; at++) {
        const s = clean.slice(0, at) + ch + clean.slice(at)
        for (const prefix of [0, 3]) {
          const out = encode(f, s, prefix)
          if (out !== JSON.stringify(s)) expect(out).toBe(JSON.stringify(s))
        }
      }
    }
  })

  it.each(paths)('%s: lengths around block boundaries, with escapes in the last partial block', (_name, f) => {
    for (let len = 64; len <= 130; len++) {
      for (const tail of ['', '"', '\n', '\u0001', 'é', '\\\\', '日']) {
        const s = 'x'.repeat(len - tail.length) + tail
        expect(encode(f, s)).toBe(JSON.stringify(s))
      }
    }
  })

  it('appendString from 0 to 200 characters (the short, medium and long paths), each followed by a record\'s next bytes', () => {
    // The SIMD path copies its result rounded up to VIEW_STEP bytes: what it leaves past the
    // string's end must be covered by what comes next, and nothing before it touched.
    for (let len = 0; len <= 200; len++) {
      for (const tail of ['', '"', '\n', 'é', '日', '\u0007']) {
        const s = 'y'.repeat(Math.max(0, len - tail.length)) + tail
        const b = new ByteBuf(16, pool)
        b.reserve(1)[b.pos++] = 0x5b
        appendString(b, s)
        b.reserve(1)[b.pos++] = 0x2c
        appendString(b, 'z')
        b.reserve(1)[b.pos++] = 0x5d
        const out = b.buf.toString('utf8', 0, b.pos)
        if (out !== JSON.stringify([s, 'z'])) expect(out).toBe(JSON.stringify([s, 'z']))
      }
    }
  })

  it.each(paths)('%s: escaped lengths around the largest copy by a view (VIEW_MAX) and around each view step', (_name, f) => {
    const sizes = [VIEW_MAX - 1, VIEW_MAX, VIEW_MAX + 1, VIEW_MAX + VIEW_STEP, VIEW_STEP - 1, VIEW_STEP, VIEW_STEP + 1, 2 * VIEW_STEP]
    for (const size of sizes) {
      // `size` output bytes: plain characters, with a newline (two bytes) at the end when odd.
      for (const s of ['q'.repeat(size), 'q'.repeat(size - 2) + '\n']) {
        const b = new ByteBuf(16, pool)
        f(b, s)
        f(b, 'after')
        expect(b.buf.toString('utf8', 0, b.pos)).toBe(JSON.stringify(s) + '"after"')
      }
    }
  })

  const CASES = [
    { name: 'nothing but controls (six bytes each)', input: '\u0000\u0001\u001f\u0010'.repeat(200) },
    { name: 'every escape JSON has', input: '"\\\b\f\n\r\t\u0000\u001f'.repeat(50) },
    { name: 'non-ASCII with sparse escapes', input: ('日本語のテキスト café\n').repeat(100) },
    { name: 'emoji and line breaks', input: '😀'.repeat(100) + '\n'.repeat(17) },
    { name: 'U+2028, U+2029 and DEL (not escaped)', input: '\u2028\u2029\u007f'.repeat(40) },
    { name: 'a lone surrogate (the char-by-char path)', input: 'z'.repeat(300) + '\ud83d' + '"' },
    { name: 'the longest string the SIMD path takes', input: '"'.repeat(Math.floor(SIMD_INPUT / 3)) },
    { name: 'one character longer (the JS path)', input: '"'.repeat(Math.floor(SIMD_INPUT / 3) + 1) },
  ]
  it.each(CASES)('appendString matches JSON.stringify on $name', ({ input }) => {
    for (const [, f] of paths) expect(encode(f, input, 1)).toBe(JSON.stringify(input))
    expect(encode(appendString, input, 2)).toBe(JSON.stringify(input))
  })

  it('matches JSON.stringify and the JS path on random text', () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom(...'abcdefghij klmnop.,:;-_0123456789'.split('')), weight: 6 },
      { arbitrary: fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', 'é', '日', '\u2028'), weight: 2 },
      { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 },
    )
    const text = fc.array(unit, { minLength: 64, maxLength: 600 }).map((a) => a.join(''))
    fc.assert(fc.property(text, fc.nat({ max: 17 }), (s, prefix) => {
      const want = JSON.stringify(s)
      for (const [, f] of paths) {
        const out = encode(f, s, prefix)
        if (out !== want) expect(out).toBe(want)
      }
    }), { numRuns: runs(3_000) })
  })
})
