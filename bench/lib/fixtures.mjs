// The data the cases log. Built once, before anything is timed, and shared by every
// logger so that each writes the same record.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** pino's own package.json, as pino's deep-object benchmark logs it. */
export const PINO_PACKAGE = JSON.parse(readFileSync(require.resolve('pino/package.json'), 'utf8'))

/**
 * A 2,000-character message. pino's long-string benchmark logs
 * crypto.randomBytes(2000).toString(); this is the same kind of text (random bytes
 * decoded as UTF-8: replacement characters, control characters, quotes and backslashes
 * among ASCII) from a fixed seed, so every run logs the same string.
 */
export const LONG_STRING = (() => {
  let x = 0x9e3779b9
  const bytes = Buffer.alloc(4000)
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    bytes[i] = x & 0xff
  }
  let s = bytes.toString('utf8').slice(0, 2000)
  // Never end on half a surrogate pair: the message must be well-formed text.
  const last = s.charCodeAt(s.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1) + 'x'
  if (s.length !== 2000) throw new Error(`LONG_STRING has ${s.length} characters, not 2000`)
  return s
})()

/** The error in the ten-field record: a fixed message and a real stack. */
export const ERROR = new Error('connection reset by peer')

/** A fixed instant, so the Date field encodes to the same text for every logger. */
export const DATE = new Date(Date.UTC(2024, 0, 15, 10, 30, 0, 123))

/** The small object in the ten-field record. */
export const USER = { name: 'ann', id: 42, admin: false }

/**
 * zap's ten fields: ints, strings, a float, a bool, a timestamp, a small object and an
 * error. A function so that each call builds the object literal as application code does.
 */
export function tenFields () {
  return {
    int: 1,
    int64: 1234567890123,
    str: 'a string',
    str2: 'another string',
    str3: 'yet another string',
    float: 3.14159,
    bool: true,
    at: DATE,
    user: USER,
    err: ERROR,
  }
}

/** The same ten fields, kept as one object: child bindings are given once. */
export const TEN_FIELDS = tenFields()

export const TEN_FIELDS_MESSAGE = 'ten fields'

/**
 * 2,000 printable ASCII characters that need no escaping (no quote, backslash or control
 * character): words, digits and punctuation, from a fixed seed.
 */
export const ASCII_STRING = (() => {
  const words = ['request', 'served', 'user', 'cache', 'miss', 'hit', 'upstream', 'latency', 'ms', 'GET', '/api/v1/items',
    'id=42', 'status:200', 'retry', 'queue', 'depth', '(ok)', 'region-eu', '3.14', 'token', '#7', 'done.', 'a,b;c', '[x]']
  let x = 0x2545f491
  let s = ''
  while (s.length < 2000) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    s += words[(x >>> 0) % words.length] + ' '
  }
  return s.slice(0, 2000)
})()

/**
 * 2,000 characters of mixed text: quotes, backslashes, tabs and newlines (escaped in
 * JSON), accented Latin and CJK characters (two and three bytes in UTF-8) among ASCII
 * words, from a fixed seed. No braces (LogTape reads them as placeholders).
 */
export const MIXED_STRING = (() => {
  const pieces = ['the "quoted" part', 'C:\\path\\to\\file', 'col\tcol', 'line one\nline two', 'café', 'naïve façade',
    'Zürich', 'São Paulo', '日本語のテキスト', '中文字符', '한국어', 'plain words here', 'it\'s', 'a/b/c', '50%', 'ñandú']
  let x = 0x1b873593
  let s = ''
  while (s.length < 2000) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    s += pieces[(x >>> 0) % pieces.length] + ' '
  }
  return s.slice(0, 2000)
})()

/** The error of `log.error(err, msg)`. */
export const REQUEST_ERROR = new Error('upstream timed out')

/** What fastify's req serializer writes for a request (pino-std-serializers' shape, trimmed). */
export function requestFields () {
  return { req: { method: 'GET', url: '/users/42', host: 'localhost:3000', remoteAddress: '127.0.0.1', remotePort: 51234 } }
}

/** What fastify logs when the response is sent. */
export function responseFields () {
  return { res: { statusCode: 200 }, responseTime: 1.8345 }
}
