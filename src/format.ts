/**
 * printf-style messages (%s %d %i %f %j %o %O %%), written straight into the record as
 * the contents of a JSON string. The rules are quick-format-unescaped's, which pino
 * uses, so messages match pino's byte for byte: a specifier with no argument left stays
 * as written, extra arguments are dropped, and with no arguments at all the format
 * string is the message as is (even "%%").
 */
import type { BufferPool, ByteBuf } from './pool.js'
import { appendNumber, MAX_NUMBER_BYTES } from './encoder/number.js'
import { appendEscapedJsonBytes, appendStringContent, appendStringRange } from './encoder/string.js'
import { appendValue } from './encoder/value.js'

/** Appends the formatted message's contents (no quotes). `args[from..]` are the arguments. */
/** How %j, %o and %O write an object's JSON: the plain encoder, or the logger's redaction. */
export type JsonWriter = (b: ByteBuf, v: unknown) => boolean

export function appendFormat (b: ByteBuf, f: string, args: ArrayLike<unknown>, from: number, pool: BufferPool, json: JsonWriter = appendValue): void {
  const argLen = args.length - from
  const flen = f.length
  let a = 0
  let lastPos = -1
  for (let i = 0; i < flen;) {
    if (f.charCodeAt(i) === 37 && i + 1 < flen) {
      lastPos = lastPos > -1 ? lastPos : 0
      const arg = a < argLen ? args[from + a] : undefined
      switch (f.charCodeAt(i + 1)) {
        case 100: // d
        case 102: // f
          if (a >= argLen || arg == null) break
          appendSlice(b, f, lastPos, i)
          appendJsNumber(b, Number(arg))
          lastPos = i + 2
          i++
          break
        case 105: // i
          if (a >= argLen || arg == null) break
          appendSlice(b, f, lastPos, i)
          appendJsNumber(b, Math.floor(Number(arg)))
          lastPos = i + 2
          i++
          break
        case 79: // O
        case 111: // o
        case 106: // j
          if (a >= argLen || arg === undefined) break
          appendSlice(b, f, lastPos, i)
          if (typeof arg === 'string') {
            appendStringContent(b, "'" + arg + "'")
          } else if (typeof arg === 'function') {
            appendStringContent(b, (arg as { name?: string }).name || '<anonymous>')
          } else {
            appendJsonInString(b, arg, pool, json)
          }
          lastPos = i + 2
          i++
          break
        case 115: // s
          if (a >= argLen) break
          appendSlice(b, f, lastPos, i)
          if (typeof arg === 'string') appendStringContent(b, arg)
          else if (typeof arg === 'number') appendJsNumber(b, arg)
          else appendStringContent(b, String(arg))
          lastPos = i + 2
          i++
          break
        case 37: // %
          appendSlice(b, f, lastPos, i)
          b.reserve(1)[b.pos++] = 37
          lastPos = i + 2
          i++
          a--
          break
      }
      ++a
    }
    ++i
  }
  if (lastPos === -1) appendStringContent(b, f)
  else if (lastPos < flen) appendSlice(b, f, lastPos, flen)
}

function appendSlice (b: ByteBuf, f: string, from: number, to: number): void {
  if (from < to) appendStringRange(b, f, from, to)
}

/** A number as String(n) prints it: JSON's form, except NaN and the infinities. */
function appendJsNumber (b: ByteBuf, n: number): void {
  if (Number.isFinite(n)) {
    b.pos = appendNumber(b.reserve(MAX_NUMBER_BYTES), b.pos, n)
  } else {
    appendStringContent(b, String(n))
  }
}

/**
 * %j: the argument's JSON, escaped to sit inside the message string. It is encoded into
 * a second pooled buffer first (the escaping needs the finished JSON), then copied.
 */
function appendJsonInString (b: ByteBuf, v: unknown, pool: BufferPool, json: JsonWriter): void {
  const tmp = pool.get()
  try {
    // Where JSON.stringify gives undefined (a symbol, a toJSON returning undefined), pino
    // concatenates it: the text "undefined".
    if (json(tmp, v)) appendEscapedJsonBytes(b, tmp.buf, 0, tmp.pos)
    else appendStringContent(b, 'undefined')
  } finally {
    pool.put(tmp)
  }
}
