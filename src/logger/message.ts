/**
 * The message: `,"msg":<value>` with pino's rules for non-string messages, or the printf
 * result written straight into the record.
 */
import { appendBytes } from '../encoder/bytes.js'
import { appendNumber, MAX_NUMBER_BYTES } from '../encoder/number.js'
import { appendString } from '../encoder/string.js'
import { appendValue } from '../encoder/value.js'
import { appendFormat, type JsonWriter } from '../format.js'
import type { Core } from '../options.js'
import type { ByteBuf } from '../pool.js'
import { scratchPool } from './scratch.js'

/** The message with its printf arguments (none: NO_ARGS or an empty array). */
export function appendMessageWith (rb: ByteBuf, core: Core, msg: unknown, args: unknown[], json?: JsonWriter): void {
  if (args.length > 0) {
    if (typeof msg === 'string') {
      const f = core.msgField
      rb.pos = appendBytes(rb.reserve(f.length + 1), rb.pos, f)
      rb.buf[rb.pos++] = 0x22
      appendFormat(rb, msg, args, 0, core.dest.pool, json)
      rb.reserve(1)[rb.pos++] = 0x22
      return
    }
    if (typeof msg === 'object' && msg !== null) msg = joinObjects(msg, args)
  }
  appendMessage(rb, core.msgField, msg)
}

/** `,"msg":<value>`: nothing for undefined, a function or a symbol, as pino. */
export function appendMessage (rb: ByteBuf, msgField: Buffer, msg: unknown): void {
  switch (typeof msg) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return
    case 'string':
      rb.pos = appendBytes(rb.reserve(msgField.length), rb.pos, msgField)
      appendString(rb, msg)
      return
    case 'number': {
      const buf = rb.reserve(msgField.length + MAX_NUMBER_BYTES)
      rb.pos = appendNumber(buf, appendBytes(buf, rb.pos, msgField), msg)
      return
    }
    default: {
      const at = rb.pos
      rb.pos = appendBytes(rb.reserve(msgField.length), rb.pos, msgField)
      if (!appendValue(rb, msg)) rb.pos = at // a toJSON that returned undefined
    }
  }
}

/** printf into a string, for a message serializer to see (a rare path: it allocates). */
export function formatToString (f: string, args: unknown[], core: Core, json?: JsonWriter): string {
  const b = scratchPool.get()
  try {
    appendFormat(b, f, args, 0, core.dest.pool, json)
    // The bytes are escaped for a JSON string; JSON.parse gives the text back.
    return JSON.parse(`"${b.buf.toString('utf8', 0, b.pos)}"`) as string
  } finally {
    scratchPool.put(b)
  }
}

/**
 * quick-format-unescaped's rule for an object message with extra arguments: the JSON of
 * each, joined by spaces. (It reads args[1..] where it means args[0..]; kept for parity.)
 */
export function joinObjects (msg: object, args: unknown[]): string {
  const n = args.length + 1
  const parts: string[] = [stringifyForMessage(msg)]
  for (let i = 1; i < n; i++) parts.push(stringifyForMessage(args[i]))
  return parts.join(' ')
}

function stringifyForMessage (v: unknown): string {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return ''
  const b = scratchPool.get()
  try {
    return appendValue(b, v) ? b.buf.toString('utf8', 0, b.pos) : ''
  } finally {
    scratchPool.put(b)
  }
}
