/**
 * A record's fields from an object: `,"k":v` for each own enumerable key, through the
 * serializers and redaction where the logger has them, with pino's err serializer for an
 * error under errorKey.
 */
import { appendBytes } from '../encoder/bytes.js'
import { appendKey } from '../encoder/string.js'
import { isErrorLike } from '../encoder/error.js'
import { appendUnserializable } from '../encoder/unserializable.js'
import { appendError, appendField } from '../encoder/value.js'
import { appendNativeFields, nativeWorth } from '../encoder/native.js'
import { appendPrimitiveField } from '../encoder/primitive.js'
import type { Core, Serializers } from '../options.js'
import type { ByteBuf } from '../pool.js'
import type { Redactor } from '../redact.js'

const hasOwn = Object.prototype.hasOwnProperty

/** The fields of `o`; an object whose keys cannot be listed gives one placeholder field. */
export function appendFields (rb: ByteBuf, o: Record<string, unknown>, core: Core, ser: Serializers | null, redact: Redactor | null): void {
  const at = rb.pos
  try {
    // A large object of plain data goes to JSON.stringify whole (native.ts), but not with
    // serializers or redaction (per key). Checked only once the walk has met WHOLE_AT
    // keys and a value that is an object (see walkFields): a small or a flat record pays
    // no check at all.
    if (walkFields(rb, o, core, ser, redact, ser === null && redact === null) === WHOLE) {
      rb.pos = at
      try {
        appendNativeFields(rb, o)
        return
      } catch {
        rb.pos = at // a getter that threw the second time: the walk writes its placeholder
      }
      walkFields(rb, o, core, ser, redact, false)
    }
  } catch (err) {
    // The keys themselves cannot be listed (a Proxy's ownKeys trap threw): one field
    // says so, and the record goes on with its message.
    rb.pos = at
    appendKey(rb, 'bytelog', true)
    appendUnserializable(rb, err)
  }
}

/** `o` has no own key `k` (false too when a Proxy's trap throws: the walk says so). */
function noOwn (o: object, k: string): boolean {
  try {
    return !hasOwn.call(o, k)
  } catch {
    return false
  }
}

/** What walkFields returns when the whole object should be written by JSON.stringify instead. */
const WHOLE = 1

/**
 * Keys a record's object must show (one holding an object) before it is checked whole:
 * smaller ones (a request's records) pay no check, and a large one (pino's package.json)
 * has only a few fields walked before the check sends it to JSON.stringify.
 */
const WHOLE_AT = 8

/**
 * Writes the fields. With `native`, once WHOLE_AT keys and a value that is an object
 * have been met, the whole object is looked at (no value under errorKey, plain data:
 * native.ts) and the walk stops there, returning WHOLE, if JSON.stringify should write
 * it: the fields already written are read again by the check and JSON.stringify. Else 0.
 */
function walkFields (rb: ByteBuf, o: Record<string, unknown>, core: Core, ser: Serializers | null, redact: Redactor | null, native: boolean): number {
  const errorKey = core.errorKey
  let keys = 0
  let nests = false
  for (const k in o) {
    if (!hasOwn.call(o, k)) continue
    keys++
    if (ser !== null || redact !== null) {
      const f = ser === null ? undefined : ser[k] ?? (k === errorKey ? ser.err : undefined)
      const nodes = redact === null ? null : redact.top(k)
      if (typeof f === 'function' || nodes !== null) {
        appendGeneral(rb, k, o, typeof f === 'function' ? f : null, redact, nodes)
        continue
      }
    }
    if (k === errorKey && ser !== null && ser.err === null) {
      // `err: null` among the serializers: the error as JSON.stringify has it, as pino.
      appendGeneral(rb, k, o, ownFields, null, null)
      continue
    }
    // Read here, in the for...in body: V8 loads it by the enum cache's field index, where
    // the same read in a callee is a megamorphic keyed load (see object.ts).
    let v: unknown
    try {
      v = o[k]
    } catch (err) {
      appendKey(rb, k, true)
      appendUnserializable(rb, err)
      continue
    }
    if (native) {
      if (typeof v === 'object' && v !== null) nests = true
      if (nests && keys >= WHOLE_AT) {
        native = false
        if (noOwn(o, errorKey) && nativeWorth(o)) return WHOLE
      }
    }
    if (k === errorKey && isErrorLike(v)) {
      // pino's err serializer: an error-like value under errorKey.
      const f = core.errField
      rb.pos = appendBytes(rb.reserve(f.length), rb.pos, f)
      appendError(rb, v)
      continue
    }
    if (!appendPrimitiveField(rb, k, v, true)) appendField(rb, k, v)
  }
  return 0
}

/** An object's own enumerable fields, in a plain object: an Error's without its shape. */
function ownFields (v: unknown): unknown {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v } : v
}

/**
 * A field through its serializer and/or redaction (pino serializes first, then redacts the
 * result). A serializer or censor that throws gives a placeholder.
 */
export function appendGeneral (rb: ByteBuf, k: string, o: Record<string, unknown>, f: ((v: unknown) => unknown) | null,
  redact: Redactor | null, nodes: ReturnType<Redactor['top']>): void {
  let v: unknown
  try {
    v = o[k]
    if (v === undefined) return
    if (f !== null) v = f(v)
  } catch (err) {
    appendKey(rb, k, true)
    appendUnserializable(rb, err)
    return
  }
  if (redact !== null && nodes !== null) {
    const at = rb.pos
    try {
      redact.appendField(rb, k, v, nodes)
    } catch (err) {
      // A censor function that threw: the field says so, never the value it guards.
      rb.pos = at
      appendKey(rb, k, true)
      appendUnserializable(rb, err)
    }
  } else {
    appendField(rb, k, v)
  }
}
