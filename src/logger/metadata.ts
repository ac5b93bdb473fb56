/**
 * What a logger notes of a record for a metadata stream (see destination/meta.ts): the
 * object and the message as pino's LOG and write have them. Only loggers whose destination
 * has such a stream come here; it may allocate (the `{}` or `{ err }` pino makes, the
 * formatted message).
 */
import type { RecordMeta } from '../destination/meta.js'
import type { Core } from '../options.js'
import type { Redactor } from '../redact.js'
import { messageOf } from './args.js'
import { formatted } from './features.js'

/**
 * `obj` is the call's object (an http request already mapped) or null, `msg` its message
 * (msgPrefix applied), `args` the printf arguments. As pino: no object is `{}`, an Error is
 * `{ [errorKey]: err }` and gives its message when the call has none; an object with an
 * error under errorKey and no message key gives that error's message.
 */
export function noteCall (meta: RecordMeta, obj: object | null, msg: unknown, args: unknown[], core: Core, redact: Redactor | null): void {
  if (args.length > 0) {
    try {
      msg = formatted(msg, args, core, redact)
    } catch {
      // The record shows what became of it; the metadata keeps the format string.
    }
  }
  if (obj === null) {
    meta.obj = {}
  } else if (obj instanceof Error) {
    meta.obj = { [core.errorKey]: obj }
    if (msg === undefined) msg = messageOf(obj)
  } else {
    meta.obj = obj
    if (msg === undefined) {
      try {
        const o = obj as Record<string, unknown>
        const e = o[core.messageKey] === undefined ? o[core.errorKey] : undefined
        if (e) msg = (e as { message?: unknown }).message
      } catch {
        // A throwing getter: no message from it (the record says so in the field).
      }
    }
  }
  meta.msg = msg
}
