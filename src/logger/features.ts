/**
 * The options that build or read objects per record, off the plain path and only for the
 * loggers that use them: mixin, formatters.log, nestedKey, a message serializer, msgPrefix.
 *
 * A user function that throws never costs the record: its part is left out and one field,
 * `"bytelog":"[<option> threw: <message>]"`, says so; the message, the call's fields and
 * the time are still written. (A serializer that throws gives its value the placeholder
 * `"[Unserializable: <message>]"` instead, the message's included.)
 */
import { appendBytes } from '../encoder/bytes.js'
import { appendKey, appendString } from '../encoder/string.js'
import { reasonOf } from '../encoder/unserializable.js'
import type { Core, Serializers } from '../options.js'
import type { ByteBuf } from '../pool.js'
import type { Redactor } from '../redact.js'
import { NO_ARGS } from './args.js'
import { appendFields } from './fields.js'
import { appendMessageWith, formatToString, joinObjects } from './message.js'

/** What the general path needs of the logger writing the record. */
export interface GeneralContext {
  readonly core: Core
  readonly serializers: Serializers | null
  readonly redact: Redactor | null
}

/**
 * The object's fields and the message, through every per-record option the logger has.
 * Returns the object as pino's write has it once mixin is merged in (before formatters.log):
 * pino's `lastObj` for a metadata stream; null for no object and no mixin.
 */
export function appendGeneralBody (rb: ByteBuf, w: GeneralContext, lv: number, obj: object | null, msg: unknown, args: unknown[], logger: unknown): object | null {
  const core = w.core
  if (core.mixin !== null) {
    const mergeObject = (obj ?? {}) as Record<string, unknown>
    let mixed: Record<string, unknown> | undefined
    try {
      mixed = core.mixin(mergeObject, lv, logger) ?? {}
    } catch (err) {
      appendThrew(rb, 'mixin', err) // the call's own fields are still written
    }
    if (mixed !== undefined) {
      try {
        obj = core.mixinMergeStrategy(mergeObject, mixed)
      } catch (err) {
        appendThrew(rb, 'mixinMergeStrategy', err)
      }
    }
  }
  const merged = obj
  if (core.logFormatter !== null) {
    try {
      obj = core.logFormatter((obj ?? {}) as Record<string, unknown>)
    } catch (err) {
      // Its result is what would be written, and it may be what filters the fields: none.
      appendThrew(rb, 'formatters.log', err)
      obj = null
    }
  }
  if (obj !== null && obj !== undefined) appendObject(rb, w, obj as Record<string, unknown>)
  // pino formats first, then serializes the message.
  const f = w.serializers?.[core.messageKey]
  if (msg !== undefined && typeof f === 'function') {
    try {
      if (args.length > 0) {
        msg = formatted(msg, args, core, w.redact)
        args = NO_ARGS
      }
      msg = f(msg)
    } catch (err) {
      // As for a field's serializer: the message is the placeholder, the fields stay.
      msg = `[Unserializable: ${reasonOf(err)}]`
      args = NO_ARGS
    }
  }
  const redact = w.redact
  const nodes = redact === null || msg === undefined ? null : redact.top(core.messageKey)
  if (nodes !== null) {
    // pino redacts the record's message key like any field: the finished message, censored.
    if (args.length > 0) msg = formatted(msg, args, core, redact)
    redact!.appendField(rb, core.messageKey, msg, nodes)
    return merged
  }
  appendMessageWith(rb, core, msg, args, redact?.appendRoot)
  return merged
}

/** The message with its printf arguments applied, as a value (for a serializer or a censor to see). */
export function formatted (msg: unknown, args: unknown[], core: Core, redact: Redactor | null): unknown {
  if (typeof msg === 'string') return formatToString(msg, args, core, redact?.appendRoot)
  if (typeof msg === 'object' && msg !== null) return joinObjects(msg, args)
  return msg
}

/** The fields, under nestedKey when the logger has one (pino: only when there are any). */
function appendObject (rb: ByteBuf, w: GeneralContext, obj: Record<string, unknown>): void {
  const open = w.core.nestedOpen
  if (open === null) {
    appendFields(rb, obj, w.core, w.serializers, w.redact)
    return
  }
  const at = rb.pos
  rb.pos = appendBytes(rb.reserve(open.length), at, open)
  const first = rb.pos
  appendFields(rb, obj, w.core, w.serializers, w.redact)
  if (rb.pos === first) {
    rb.pos = at
  } else {
    // The first field came with a leading comma: close the gap in place.
    rb.buf.copyWithin(first, first + 1, rb.pos)
    rb.pos -= 1
    rb.reserve(1)[rb.pos++] = 0x7d
  }
}

/** msgPrefix before the call's own message (not one taken from an error), as pino's LOG. */
export function prefixed (prefix: string | undefined, msg: unknown): unknown {
  return prefix === undefined || msg === undefined || msg === null ? msg : prefix + String(msg)
}

/** `,"bytelog":"[<what> threw: <message>]"`: a user function failed, the record goes on. */
export function appendThrew (rb: ByteBuf, what: string, err: unknown): void {
  appendKey(rb, 'bytelog', true)
  appendString(rb, `[${what} threw: ${reasonOf(err)}]`)
}
